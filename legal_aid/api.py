"""REST API of the legal-aid station: the aid file of a referral it accepted, and each step of it (thin over
legal_aid.services, through the kit's write_endpoint: the same services and inputs as the desk)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.api import ModelSerializer, Serializer
from core.errors import NotFound
from disputes.kit.api import MoneyField, WriteEndpoint, errors, with_case
from disputes.kit.doors import Door
from disputes.models import Referral
from disputes.serializers import CaseSummarySerializer, PersonField

from . import selectors, services
from .models import CHECKLIST, AidFile, AidOutcome, Category, LawyerAssignment, WorkEntry, WorkKind

TAGS = ["legal aid"]
# The referral of the URL: only a legal-aid one names an aid file (disputes.kit.doors).
AID_REFERRAL = Door(Referral, "referral_id", where={"purpose": "legal_aid"})


def _require_visible_referral(user, pk: int) -> None:
    if not AID_REFERRAL.opens(user, pk):
        raise NotFound()


def _with_case(record):
    return with_case(record, record.case_id if hasattr(record, "case_id") else record.referral.case_id)


# --- shapes ---------------------------------------------------------------------------------------------


class LawyerAssignmentSerializer(ModelSerializer):
    case = CaseSummarySerializer(source="current_case", read_only=True)
    assigned_by = PersonField()

    class Meta:
        model = LawyerAssignment
        fields = ["case", "id", "referral", "lawyer_name", "lawyer_phone", "staff", "partner", "assigned_by",
                  "assigned_at", "ended_at", "end_reason"]
        read_only_fields = fields


class WorkEntrySerializer(ModelSerializer):
    recorded_by = PersonField()

    class Meta:
        model = WorkEntry
        fields = ["id", "kind", "done_on", "note", "hearing", "court_event", "recorded_by", "recorded_at"]
        read_only_fields = fields


class AidFileSerializer(ModelSerializer):
    case = CaseSummarySerializer(source="current_case", read_only=True)
    decided_by = PersonField()
    closed_by = PersonField()
    rule = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AidFile
        fields = ["case", "id", "referral", "station", "state", "version", "received_on", "urgent", "category",
                  "household_size", "monthly_income", "threshold", "rule", "reason", "decided_by", "decided_on",
                  "agreement_signed_on", "outcome", "amount_recovered", "outcome_on", "outcome_note", "checklist",
                  "closed_by", "closed_on"]
        read_only_fields = fields


class AidFileDetailSerializer(AidFileSerializer):
    lawyers = serializers.SerializerMethodField()
    work = WorkEntrySerializer(many=True, read_only=True)

    class Meta(AidFileSerializer.Meta):
        fields = [*AidFileSerializer.Meta.fields, "lawyers", "work"]
        read_only_fields = fields

    def get_lawyers(self, obj) -> list[dict]:
        return [{"name": a.lawyer_name, "phone": a.lawyer_phone, "assigned_at": a.assigned_at,
                 "ended_at": a.ended_at, "end_reason": a.end_reason}
                for a in LawyerAssignment.objects.filter(referral_id=obj.referral_id)]


class CaseAidSerializer(Serializer):
    """A station giving legal aid on the case, as the API's case file shows it (tracks.legal_aid)."""

    station = serializers.CharField(source="station.name")
    station_phone = serializers.CharField(source="station.phone")
    state = serializers.CharField(source="aid_file.state", default="review")
    decision_number = serializers.CharField(source="aid_file.decision_number", default="")
    lawyer = serializers.CharField(source="lawyer.lawyer_name", default=None, allow_null=True)
    lawyer_phone = serializers.CharField(source="lawyer.lawyer_phone", default=None, allow_null=True)
    law_firm = serializers.CharField(source="lawyer.partner.firm.name", default=None, allow_null=True)


class AidVersionSerializer(Serializer):
    version = serializers.IntegerField(required=False, help_text="The aid file's version as read (409 if stale).")


class AidDecideInputSerializer(AidVersionSerializer):
    grant = serializers.BooleanField()
    category = serializers.ChoiceField(choices=Category.choices)
    household_size = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    monthly_income = MoneyField(required=False, allow_null=True, help_text="Household income per month, yuan.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AidMaterialsInputSerializer(AidVersionSerializer):
    note = serializers.CharField(max_length=2000)


class LawyerInputSerializer(AidVersionSerializer):
    lawyer_name = serializers.CharField(required=False, allow_blank=True, max_length=64)
    lawyer_phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    staff_id = serializers.IntegerField(required=False, allow_null=True, help_text="A person of the station.")
    partner_id = serializers.IntegerField(required=False, allow_null=True,
                                          help_text="A lawyer of a law firm the station works with.")


class AidReplaceInputSerializer(LawyerInputSerializer):
    reason = serializers.CharField(max_length=2000)


class AidAgreementInputSerializer(AidVersionSerializer):
    signed_on = serializers.DateField(required=False, allow_null=True)


class AidWorkInputSerializer(AidVersionSerializer):
    kind = serializers.ChoiceField(choices=WorkKind.choices)
    done_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    hearing_id = serializers.IntegerField(required=False, allow_null=True)
    court_event_id = serializers.IntegerField(required=False, allow_null=True)


class AidOutcomeInputSerializer(AidVersionSerializer):
    outcome = serializers.ChoiceField(choices=AidOutcome.choices)
    amount_recovered = MoneyField(required=False, allow_null=True)
    outcome_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class AidCloseInputSerializer(AidVersionSerializer):
    checklist = serializers.ListField(child=serializers.ChoiceField(choices=CHECKLIST))


# --- reads ----------------------------------------------------------------------------------------------


@extend_schema(tags=TAGS, responses={200: AidFileDetailSerializer, **errors(401, 403, 404)})
class AidFileView(APIView):
    """The aid file of a legal-aid referral: the eligibility decision, lawyers, work done, outcome, closing.
    Only the station that accepted the referral reads it."""

    def get(self, request, pk):
        _require_visible_referral(request.user, pk)
        aid_file = AidFile.objects.filter(referral_id=pk).select_related("rule", "decided_by", "closed_by").first()
        if aid_file is None or aid_file.station_id != staff_of(request.user).organization_id:
            raise NotFound()
        if selectors.assigned_only(request.user.pk) and not LawyerAssignment.objects.filter(
                referral_id=pk, ended_at__isnull=True, partner__user_id=request.user.pk).exists():
            raise NotFound()  # a partner firm's lawyer reads only the files assigned to them
        return Response(AidFileDetailSerializer(_with_case(aid_file)).data)


class StationFiguresSerializer(Serializer):
    station = serializers.CharField(source="station.name")
    place = serializers.CharField(source="profile.place_kind", default="")
    area_covered = serializers.CharField(source="profile.area_covered", default="")
    staff = serializers.IntegerField()
    firms = serializers.ListField(child=serializers.CharField())
    sources = serializers.DictField(child=serializers.IntegerField())
    granted = serializers.IntegerField()
    refused = serializers.IntegerField()
    closed = serializers.IntegerField()
    outcomes = serializers.DictField(child=serializers.IntegerField())
    recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    on_time_rate = serializers.IntegerField(allow_null=True)


@extend_schema(tags=TAGS, responses={200: StationFiguresSerializer(many=True), **errors(401, 403)})
class StationFiguresView(APIView):
    """The "six haves" of the caller's station, or of every station for the union's supervisors."""

    def get(self, request):
        chosen, _overview = selectors.stations_for(staff_of(request.user))
        return Response(StationFiguresSerializer(selectors.station_figures(stations=chosen), many=True).data)


# --- writes ---------------------------------------------------------------------------------------------


class AidWrite(WriteEndpoint):
    """A step of the aid file of a legal-aid referral (the URL's pk), by its station."""

    tags = TAGS
    output = AidFileSerializer
    doors = {"pk": AID_REFERRAL}

    def reply(self, returned, request, **kwargs):
        return _with_case(returned)


class DecideView(AidWrite, input=AidDecideInputSerializer, service=services.aid_decide):
    """Grant or refuse legal aid by the eligibility rules (no means test under 法律援助法 art 42; otherwise
    income below 2 × the county's previous-year 低保, 山东省法律援助条例 art 8; urgent aid first under art 44) and
    issue the decision (给予/不予法律援助决定书)."""


class MaterialsRequestView(AidWrite, input=AidMaterialsInputSerializer, service=services.aid_materials_request):
    """Ask the applicant for missing materials: the review clock stops until they come."""


class MaterialsReceivedView(AidWrite, input=AidVersionSerializer, service=services.aid_materials_receive):
    """The applicant supplemented the materials: the review clock runs again."""


class LawyerAssignView(AidWrite, tags=["referrals"], input=LawyerInputSerializer, output=LawyerAssignmentSerializer,
                       status=201, service=services.lawyer_assign):
    """Assign the lawyer of a granted aid file (within 3 days of granting): a person of the station
    (staff_id), a lawyer of a law firm it works with (partner_id), or a name and phone."""


class LawyerReplaceView(AidWrite, input=AidReplaceInputSerializer, output=LawyerAssignmentSerializer, status=201,
                        service=services.lawyer_replace):
    """Replace the lawyer (one withdrew or was withdrawn), with the reason."""


class AgreementView(AidWrite, input=AidAgreementInputSerializer, service=services.aid_agreement_sign):
    """Record the signed client agreement and issue it (委托代理协议)."""


class WorkView(AidWrite, input=AidWorkInputSerializer, output=WorkEntrySerializer, status=201,
               service=services.aid_work_record):
    """Record work done: a consultation, a document drafted, or a hearing or court step of the case attended
    (hearing_id / court_event_id: chosen from the case, not typed again)."""

    def reply(self, returned, request, **kwargs):
        return returned


class OutcomeView(AidWrite, input=AidOutcomeInputSerializer, service=services.aid_outcome_record):
    """Record the outcome for the client (won, settled, lost, withdrawn) and the amount recovered."""


class CloseView(AidWrite, input=AidCloseInputSerializer, service=services.aid_close):
    """Close the aid (结案) with the file's checklist complete."""
