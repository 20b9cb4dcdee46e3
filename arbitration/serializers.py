"""API shapes of the arbitration track. Input serializers check types only; the rules live in arbitration.services."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes import collective
from disputes.kit.api import MoneyField, result_serializer, version_field
from disputes.serializers import CaseSummarySerializer, OrgRefSerializer, PersonField

from .models import (
    ArbitrationFile,
    Award,
    AwardGround,
    AwardItem,
    MinimumWage,
    AwardParty,
    CourtOutcome,
    FinalityGround,
    MediationStatement,
    PostAwardKind,
    PostAwardRecord,
    Procedure,
    RecusalGround,
    RecusalRequest,
    RecusalRequester,
    RejectionReason,
    RemovalReason,
    TribunalKind,
    TribunalMember,
)

# --- reads ------------------------------------------------------------------------------------------


class MemberRecusalSerializer(ModelSerializer):
    """A recusal request against one tribunal seat, as the file lists it (pending: granted is null)."""

    ground = inline_choice(RecusalGround.choices, read_only=True)
    requested_by_party = inline_choice(RecusalRequester.choices, read_only=True)

    class Meta:
        model = RecusalRequest
        fields = ["id", "ground", "requested_by_party", "statement", "requested_at", "granted", "decided_at",
                  "decision_reason"]
        read_only_fields = fields


class TribunalMemberSerializer(ModelSerializer):
    arbitrator = PersonField()
    removal_reason = inline_choice(RemovalReason.choices, allow_blank=True, read_only=True)
    recusals = MemberRecusalSerializer(source="recusal_requests", many=True, read_only=True)

    class Meta:
        model = TribunalMember
        fields = ["id", "arbitrator", "is_presiding", "appointed_at", "removed_at", "removal_reason", "recusals"]
        read_only_fields = fields


class MinimumWageSerializer(ModelSerializer):
    """The minimum-wage row a final-award test used: where it comes from and whether anyone checked it."""

    division = serializers.CharField(source="division.name", read_only=True)

    class Meta:
        model = MinimumWage
        fields = ["id", "division", "effective_from", "monthly_amount", "source", "verified"]
        read_only_fields = fields


class AwardItemSerializer(ModelSerializer):
    claim_type = serializers.CharField(source="claim.type", read_only=True)
    finality_ground = inline_choice(FinalityGround.choices, read_only=True)
    minimum_wage = MinimumWageSerializer(
        read_only=True, allow_null=True,
        help_text="The monthly minimum wage in force that the threshold (12 months of it) came from, with its "
                  "source and verified flag; null for items not tested against it.",
    )

    class Meta:
        model = AwardItem
        fields = [
            "id", "claim", "claim_type", "awarded_amount", "decision_text", "is_final", "finality_ground",
            "final_threshold", "minimum_wage",
        ]
        read_only_fields = fields


class AwardSerializer(ModelSerializer):
    items = AwardItemSerializer(many=True, read_only=True)
    issued_by = PersonField()
    ground = inline_choice(AwardGround.choices, allow_blank=True, read_only=True,
                           help_text="The lawful ground: the held hearing the award rests on and how it went; "
                                     "empty on awards recorded before grounds were kept.")
    ground_source = serializers.CharField(read_only=True, help_text="The legal source of the ground.")

    class Meta:
        model = Award
        fields = [
            "id", "is_partial", "issued_on", "issued_by", "superseded_at", "findings", "reasoning", "legal_basis",
            "ground", "ground_source", "hearing", "items",
        ]
        read_only_fields = fields


class MediationStatementSerializer(ModelSerializer):
    amounts = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = MediationStatement
        fields = ["id", "terms", "amounts", "total", "issued_on"]
        read_only_fields = fields


class PostAwardRecordSerializer(ModelSerializer):
    kind = inline_choice(PostAwardKind.choices, read_only=True)
    by_party = inline_choice(AwardParty.choices, allow_blank=True, read_only=True)
    court_outcome = inline_choice(CourtOutcome.choices, allow_blank=True, read_only=True)

    class Meta:
        model = PostAwardRecord
        fields = [
            "id", "award", "kind", "by_party", "filed_on", "award_received_on", "window_days", "window_ends_on",
            "is_late", "court_name", "court_case_number", "court_outcome", "reason", "recorded_at",
        ]
        read_only_fields = fields


class RepresentativeSerializer(Serializer):
    """A representative the workers of a collective dispute elected (LDMAL art 7), as recorded on the group's lead
    case; the phone is on the worker's own case file."""

    worker_id = serializers.IntegerField(allow_null=True, help_text="The worker of the group; null for one "
                                         "recorded by name only before the group's records existed.")
    name = serializers.CharField(source="display_name")


class ArbitrationFileSerializer(ModelSerializer):
    """The commission's record of the case: number, procedure, tribunal, awards (each item final or not)."""

    case = CaseSummarySerializer(read_only=True)
    commission = OrgRefSerializer(read_only=True)
    number = serializers.CharField(source="official_number", read_only=True)
    summary_grounds = serializers.ListField(child=serializers.CharField(), read_only=True)
    completion_items = serializers.ListField(child=serializers.CharField(), read_only=True)
    tribunal = TribunalMemberSerializer(
        source="tribunal_members", many=True, read_only=True,
        help_text="Every seat ever filled; members sitting now have removed_at null.",
    )
    representatives = serializers.SerializerMethodField(
        help_text="The representatives the workers of the collective dispute elected (the group's record).")
    awards = AwardSerializer(many=True, read_only=True)
    mediation_statements = MediationStatementSerializer(many=True, read_only=True)
    post_award_records = PostAwardRecordSerializer(many=True, read_only=True)
    procedure = inline_choice(Procedure.choices, read_only=True)
    rejection_reason_code = inline_choice(RejectionReason.choices, allow_blank=True, read_only=True)
    tribunal_kind = inline_choice(TribunalKind.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ArbitrationFile
        fields = [
            "id", "case", "commission", "number", "application_received_on", "completion_items",
            "completion_requested_on", "completed_on", "procedure", "summary_grounds", "converted_to_ordinary_on",
            "conversion_reason", "accepted_on", "rejection_number", "rejected_on", "rejection_reason_code",
            "rejection_reason", "tribunal_kind", "tribunal", "representatives", "awards", "mediation_statements",
            "post_award_records",
        ]
        read_only_fields = fields

    @extend_schema_field(RepresentativeSerializer(many=True))
    def get_representatives(self, obj):
        return RepresentativeSerializer(collective.representatives_of(obj.case), many=True).data


class RecusalSerializer(ModelSerializer):
    arbitrator = PersonField(source="member.arbitrator")
    ground = inline_choice(RecusalGround.choices, read_only=True)
    requested_by_party = inline_choice(RecusalRequester.choices, read_only=True)
    case = CaseSummarySerializer(source="current_case", read_only=True)

    class Meta:
        model = RecusalRequest
        fields = [
            "case", "id", "arbitrator", "ground", "requested_by_party", "statement", "requested_at", "granted",
            "decided_at", "decision_reason",
        ]
        read_only_fields = fields


AwardResultSerializer = result_serializer(
    AwardSerializer, "The award just made, with the case's new stage and version."
)
MediationStatementResultSerializer = result_serializer(MediationStatementSerializer)
PostAwardResultSerializer = result_serializer(PostAwardRecordSerializer, name="PostAwardResultSerializer")


# --- writes -----------------------------------------------------------------------------------------


def _users():
    return get_user_model().objects.all()


class VersionInputSerializer(Serializer):
    version = version_field()


class CompletionRequestInputSerializer(Serializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=500), allow_empty=False,
        help_text="Everything missing from the application, in one notice.",
    )
    version = version_field()


class AcceptInputSerializer(Serializer):
    procedure = inline_choice(Procedure.choices, default=Procedure.ORDINARY)
    facts_clear = serializers.BooleanField(default=False)
    parties_agree = serializers.BooleanField(default=False)
    version = version_field()


class RejectInputSerializer(Serializer):
    reason_code = inline_choice(RejectionReason.choices)
    reason = serializers.CharField(max_length=5000)
    version = version_field()


class ReasonInputSerializer(Serializer):
    reason = serializers.CharField(max_length=5000)
    version = version_field()


class TribunalInputSerializer(Serializer):
    arbitrators = serializers.PrimaryKeyRelatedField(
        queryset=_users(), many=True, help_text="User ids: one arbitrator, or three different ones."
    )
    presiding = serializers.PrimaryKeyRelatedField(
        queryset=_users(), required=False, allow_null=True, default=None,
        help_text="One of the arbitrators (may be omitted for a sole arbitrator).",
    )
    version = version_field()


class RecusalInputSerializer(Serializer):
    arbitrator = serializers.PrimaryKeyRelatedField(queryset=_users(), help_text="User id of a sitting member.")
    ground = inline_choice(RecusalGround.choices)
    by_party = inline_choice(RecusalRequester.choices)
    statement = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class RecusalDecideInputSerializer(Serializer):
    granted = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class AwardItemInputSerializer(Serializer):
    claim_id = serializers.IntegerField()
    awarded_amount = MoneyField(
        min_value=0, required=False, allow_null=True, default=None,
        help_text="Yuan; may be omitted for a claim that is not about money.",
    )
    decision_text = serializers.CharField(max_length=10000)


class AwardInputSerializer(Serializer):
    items = AwardItemInputSerializer(many=True)
    findings = serializers.CharField(max_length=20000, help_text="The facts the tribunal found (查明事实); paragraphs "
                                     "separated by line breaks.")
    reasoning = serializers.CharField(max_length=20000, help_text="The tribunal's reasons (本委认为); paragraphs "
                                      "separated by line breaks.")
    legal_basis = serializers.CharField(max_length=2000, help_text="The provisions the award rests on, e.g. "
                                        "《中华人民共和国劳动合同法》第三十条.")
    partial = serializers.BooleanField(default=False, help_text="A partial award (先行裁决) leaves the case open.")
    hearing_id = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1,
        help_text="The held hearing the award rests on (its lawful ground); omitted: the case's latest held "
                  "hearing. Refused with 409 award_ground_missing or hearing_not_held when there is none.",
    )
    version = version_field()


class AmountInputSerializer(Serializer):
    label = serializers.CharField(max_length=200)
    amount = MoneyField(min_value=0)


class MediationStatementInputSerializer(Serializer):
    terms = serializers.CharField(max_length=20000)
    amounts = AmountInputSerializer(many=True, required=False, default=list)
    version = version_field()


class PostAwardInputSerializer(Serializer):
    kind = inline_choice(PostAwardKind.choices)
    filed_on = serializers.DateField()
    by_party = inline_choice(AwardParty.choices, required=False, allow_blank=True, default="")
    award_received_on = serializers.DateField(required=False, allow_null=True, default=None)
    court_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=128)
    court_case_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    court_outcome = inline_choice(CourtOutcome.choices, required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class ServiceInputSerializer(Serializer):
    kind = inline_choice(
        [("copy_served", "copy_served"), ("defence_received", "defence_received")],
        help_text="copy_served: the application copy reached the respondent; defence_received: its defence arrived.",
    )
    on_date = serializers.DateField()
    version = version_field()
