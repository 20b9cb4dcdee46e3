"""API shapes of the case file. Input serializers check types only; the rules live in disputes.services.

Personal data: a worker's ID number and phone are masked unless the view passes personal_data_visible in the
context, from the one rule disputes.selectors.sees_personal_data (the case page uses the same).
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import ChoiceLabelField, ModelSerializer, Serializer
from core.masking import mask_id_number, mask_phone
from core.models import Organization, OrgKind, name_of

from . import collective, registry, selectors
from .choices import CaseState, DeclineReason, Outcome, PriorityGround, ReferralPurpose
from .models import Case, CaseEvent, Claim, Document, Employer, Evidence, Referral, Worker
from .presentation import event_label
from .lifecycle import transition_table


def _person(user):
    if user is None:
        return None
    return {"id": user.pk, "name": name_of(user)}


# --- small references -------------------------------------------------------------------------------


class PersonRefSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OrgRefSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DivisionSerializer(Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PersonField(serializers.Field):
    """A member of staff as {id, name}; the user row must already be loaded (select_related)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _person(value)


PersonField = extend_schema_field(PersonRefSerializer(allow_null=True))(PersonField)


class OrganizationSerializer(ModelSerializer):
    kind_display = ChoiceLabelField("kind")
    division = DivisionSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "kind_display", "division", "phone"]


class OrganizationQuerySerializer(Serializer):
    kind = serializers.ChoiceField(choices=OrgKind.choices, required=False, help_text="Only organisations of this kind.")
    purpose = serializers.ChoiceField(
        choices=ReferralPurpose.choices, required=False,
        help_text="Only organisations that can receive a referral for this purpose.",
    )


# --- the case -------------------------------------------------------------------------------------


class CaseSummarySerializer(ModelSerializer):
    """The case's identity and stage: enough for a client to continue (version is the optimistic lock)."""

    status_display = ChoiceLabelField("status")
    owner_org = OrgRefSerializer(read_only=True)
    lead = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True,
        help_text="The lead case of the collective dispute this case is a member of (its steps are taken there), "
        "or null.",
    )

    class Meta:
        model = Case
        fields = [
            "id", "number", "status", "status_display", "version", "is_collective", "is_priority", "priority_ground",
            "outcome", "owner_org", "lead",
            "registered_at", "closed_at",
        ]
        read_only_fields = fields


class CaseListSerializer(CaseSummarySerializer):
    worker_name = serializers.CharField(source="worker.name", read_only=True, allow_null=True,
                                        help_text="Null for an inspection opened without a complainant.")
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    division = DivisionSerializer(read_only=True)
    owner_user = PersonField()

    class Meta(CaseSummarySerializer.Meta):
        fields = CaseSummarySerializer.Meta.fields + [
            "worker_name", "employer_name", "division", "channel", "owner_user", "updated_at",
        ]
        read_only_fields = fields


class QueueQuerySerializer(Serializer):
    scope = serializers.ChoiceField(
        choices=[("mine", "mine"), ("org", "org")], default="mine",
        help_text="mine: cases waiting for me; org: all my organisation's cases (supervisors only; others get mine).",
    )
    status = serializers.ChoiceField(choices=CaseState.choices, required=False, allow_blank=True)
    due = serializers.ChoiceField(
        choices=[("overdue", "overdue"), ("today", "today"), ("soon", "soon")], required=False, allow_blank=True,
        help_text="Only cases with a running deadline overdue, due today, or due within 3 working days.",
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=128,
        help_text="Case number or worker name (exact), or part of the employer's name.",
    )

    def get_fields(self):
        # The tracks' queue filters (disputes.registry.add_queue_filter with a label), e.g. agreement=unpaid.
        fields = super().get_fields()
        for f in registry.queue_filters():
            if f.label and f.name not in fields:
                fields[f.name] = serializers.ChoiceField(
                    choices=[value for value, _label in f.choices], required=False, allow_blank=True,
                    help_text=str(f.label),
                )
        return fields


class CaseSearchQuerySerializer(Serializer):
    q = serializers.CharField(
        max_length=128, trim_whitespace=True,
        help_text="A case number, an official number (arbitration, inspection, a court's case number), a full ID "
        "number, a phone, a credit code, or a worker's or employer's name (exact, its beginning, or for employers "
        "three or more characters of it).",
    )
    cursor = serializers.CharField(required=False, allow_blank=True, help_text="The `next` link's cursor.")
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class CaseSearchResultSerializer(CaseListSerializer):
    rank = serializers.IntegerField(
        source="search_rank", read_only=True,
        help_text="0 the exact identifier; 1 a worker or employer of exactly that name; 2 a name beginning with it; "
        "3 an employer's name containing it.",
    )

    class Meta(CaseListSerializer.Meta):
        fields = CaseListSerializer.Meta.fields + ["rank"]
        read_only_fields = fields


class CaseSearchPageSerializer(Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")
    partial = serializers.BooleanField(
        help_text="More people or employers matched than are read: narrow the search (ID number, phone, full name).",
    )
    results = CaseSearchResultSerializer(many=True)


class AssignInputSerializer(Serializer):
    cases = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=200,
                                  help_text="Ids of open cases of your organisation (at most 200).")
    to_user = serializers.IntegerField(help_text="The colleague (user id) who will handle them.")
    reason = serializers.CharField(max_length=500, help_text="Why; recorded on each case's timeline.")
    versions = serializers.DictField(
        child=serializers.IntegerField(), required=False,
        help_text="Optional: case id → the version you read; a case changed since is a 409.",
    )


class PriorityInputSerializer(Serializer):
    ground = serializers.ChoiceField(choices=PriorityGround.choices)
    note = serializers.CharField(max_length=500, help_text="Why the case needs priority.")
    version = serializers.IntegerField(required=False, help_text="The version you read; a stale one is a 409.")


class PriorityClearInputSerializer(Serializer):
    reason = serializers.CharField(max_length=500)
    version = serializers.IntegerField(required=False, help_text="The version you read; a stale one is a 409.")


class TakeInputSerializer(Serializer):
    version = serializers.IntegerField(required=False, help_text="The version you read; a stale one is a 409.")


class WorkloadRowSerializer(Serializer):
    user = PersonField()
    role = serializers.CharField()
    open_cases = serializers.IntegerField()


class WorkloadSerializer(Serializer):
    unassigned = serializers.IntegerField(help_text="Open cases of the organisation nobody is assigned to.")
    staff = WorkloadRowSerializer(many=True)


class WorkerSerializer(ModelSerializer):
    occupation_display = ChoiceLabelField("occupation")

    class Meta:
        model = Worker
        fields = ["name", "id_number", "phone", "occupation", "occupation_display", "platform"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("personal_data_visible", False):
            data["id_number"] = mask_id_number(data["id_number"])
            data["phone"] = mask_phone(data["phone"])
        return data


class EmployerSerializer(ModelSerializer):
    industry_display = ChoiceLabelField("industry")

    class Meta:
        model = Employer
        fields = ["name", "credit_code", "address", "is_platform", "industry", "industry_display"]
        read_only_fields = fields


class ClaimSerializer(ModelSerializer):
    type_display = ChoiceLabelField("type")

    class Meta:
        model = Claim
        fields = ["id", "type", "type_display", "amount", "description"]
        read_only_fields = fields


class EvidenceSerializer(ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "sha256", "description", "uploaded_by", "uploaded_at"]
        read_only_fields = fields


class DocumentSerializer(ModelSerializer):
    sha256 = serializers.CharField(read_only=True, help_text="SHA-256 of the PDF, hex; the download says it again.")
    url = serializers.SerializerMethodField(
        help_text="Where to download the PDF; null for a kind the caller's organisation may not download (the "
        "receipt, which prints the worker's query code; a document with the worker's personal data)."
    )

    class Meta:
        model = Document
        fields = ["id", "kind", "version", "sha256", "created_at", "url"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, obj):
        # The caller's standing towards the case, decided once by the view for all its documents.
        if not selectors.document_open_to(
            obj.kind, answers_to_worker=self.context.get("answers_to_worker", False),
            sees_personal_data=self.context.get("personal_data_visible", False),
        ):
            return None
        path = reverse("api-v1:document", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ReferralSerializer(ModelSerializer):
    purpose_display = ChoiceLabelField("purpose")
    state_display = ChoiceLabelField("state")
    from_org = OrgRefSerializer(read_only=True)
    to_org = OrgRefSerializer(read_only=True)
    offered_by = PersonField()
    decided_by = PersonField()

    class Meta:
        model = Referral
        fields = [
            "id", "purpose", "purpose_display", "state", "state_display", "from_org", "to_org", "note",
            "decline_code", "decline_reason", "offered_by", "offered_at", "decided_by", "decided_at",
        ]
        read_only_fields = fields


class ReferralResultSerializer(ReferralSerializer):
    """A referral after a decision, with the case's new stage and version."""

    case = CaseSummarySerializer(read_only=True)

    class Meta(ReferralSerializer.Meta):
        fields = ["case"] + ReferralSerializer.Meta.fields
        read_only_fields = fields


class IncomingCaseSerializer(CaseSummarySerializer):
    worker_name = serializers.CharField(source="worker.name", read_only=True, allow_null=True,
                                        help_text="Null for an inspection opened without a complainant.")
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    division = DivisionSerializer(read_only=True)

    class Meta(CaseSummarySerializer.Meta):
        fields = [f for f in CaseSummarySerializer.Meta.fields if f != "owner_org"] + [
            "worker_name", "employer_name", "division",
        ]
        read_only_fields = fields


class IncomingReferralSerializer(ModelSerializer):
    """An offer waiting in my organisation's inbox (the receiver is always the caller's organisation)."""

    case = IncomingCaseSerializer(read_only=True)
    purpose_display = ChoiceLabelField("purpose")
    from_org = OrgRefSerializer(read_only=True)
    offered_by = PersonField()

    class Meta:
        model = Referral
        fields = ["id", "case", "purpose", "purpose_display", "state", "from_org", "note", "offered_by", "offered_at"]
        read_only_fields = fields


class EventSerializer(ModelSerializer):
    label = serializers.SerializerMethodField()
    actor = PersonField()
    actor_org = OrgRefSerializer(read_only=True, allow_null=True)
    payload = serializers.DictField(read_only=True)

    class Meta:
        model = CaseEvent
        fields = [
            "id", "created_at", "action", "label", "actor", "actor_org", "actor_role", "from_state", "to_state",
            "reason_code", "reason", "payload", "is_public",
        ]
        read_only_fields = fields

    def get_label(self, obj) -> str:
        return event_label(obj)


class ActionSerializer(Serializer):
    action = serializers.CharField(source="name")
    label = serializers.CharField()
    needs_reason = serializers.BooleanField()
    outcome = serializers.CharField(
        allow_null=True,
        help_text='"choose": the client must send an outcome; another value: the outcome this action records.',
    )


class ClockSerializer(Serializer):
    """A statutory deadline on the case. due_on is null while paused or while the calendar of the year it
    falls in is missing (missing_year says which): it is never guessed."""

    id = serializers.IntegerField()
    rule = serializers.CharField(source="rule.code")
    name = serializers.CharField(source="rule.name")
    source = serializers.CharField(source="rule.source")
    length = serializers.IntegerField(source="rule.length")
    unit = serializers.CharField(source="rule.unit")
    state = serializers.CharField()
    started_on = serializers.DateField()
    due_on = serializers.DateField(allow_null=True)
    missing_year = serializers.IntegerField(allow_null=True)
    extended = serializers.SerializerMethodField()
    restarts = serializers.IntegerField()
    owner_org = serializers.IntegerField(source="owner_org_id")

    def get_extended(self, obj) -> bool:
        return obj.extended_at is not None


class CaseRefSerializer(Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()


class GroupMemberSerializer(Serializer):
    case = CaseRefSerializer(help_text="The member's case (the lead's own first).")
    worker_id = serializers.IntegerField(source="case.worker_id")
    worker_name = serializers.CharField(source="case.worker.name")
    claimed = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True,
                                       help_text="What this worker claims, in yuan.")
    is_lead = serializers.BooleanField()
    is_representative = serializers.BooleanField(help_text="Elected a representative of the workers (LDMAL art 7).")


class GroupSerializer(Serializer):
    """The collective dispute the case belongs to: for a member, its lead; for a lead, every case of the group."""

    lead = CaseRefSerializer(allow_null=True, help_text="For a member: the lead case, where the group's steps are "
                             "taken. Null on the lead itself and on a case in no group.")
    is_lead = serializers.BooleanField()
    member_count = serializers.IntegerField(help_text="Member cases besides the lead.")
    workers = serializers.IntegerField(help_text="Workers in the group, the lead's included.")
    total_claimed = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=True)
    members = GroupMemberSerializer(many=True)


class CaseDetailSerializer(CaseSummarySerializer):
    """The whole case file: parties, claims, evidence, documents, referrals, timeline, deadlines, and what the
    caller may do next."""

    suspended_from = serializers.CharField(read_only=True)
    division = DivisionSerializer(read_only=True)
    worker = WorkerSerializer(read_only=True, allow_null=True, help_text=(
        "The complainant; null for an inspection the department opened on its own initiative (channel "
        "own_initiative), which has none."))
    employer = EmployerSerializer(read_only=True)
    related_case = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    first_handler = PersonField()
    first_handler_org = OrgRefSerializer(read_only=True)
    owner_user = PersonField()
    claims = ClaimSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    personal_data_masked = serializers.SerializerMethodField(
        help_text="True when the worker's ID number and phone are masked for the caller's organisation."
    )
    referrals = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField(help_text="The timeline, oldest first.")
    available_actions = serializers.SerializerMethodField(
        help_text="Transitions the caller may take now (POST them to transitions/); routing is by referral, and "
        "a track's steps (accepting an arbitration application, scheduling a hearing, the award, a correction "
        "order, a penalty) are taken through that track's endpoints."
    )
    clocks = serializers.SerializerMethodField(help_text="Statutory deadlines, running ones first.")
    tracks = serializers.SerializerMethodField(
        help_text="What the tracks add to the case file, by track: legal_aid lists each station giving legal aid "
        "on the case (station, its phone, the aid file's state and decision number, the current lawyer and phone)."
    )
    group = serializers.SerializerMethodField(help_text="The collective dispute the case belongs to.")

    class Meta(CaseSummarySerializer.Meta):
        fields = CaseSummarySerializer.Meta.fields + [
            "suspended_from", "channel", "facts", "violation_started_on", "violation_ended_on", "division",
            "related_case", "first_handler", "first_handler_org", "first_handler_released_at", "owner_user",
            "updated_at", "personal_data_masked", "worker", "employer", "claims", "evidence", "documents",
            "referrals", "events", "available_actions", "clocks", "tracks", "employment_ended_on",
            "arbitration_limitation_ends_on", "inspection_limitation_ends_on", "limitation_override_reason",
            "group",
        ]
        read_only_fields = fields

    @extend_schema_field(GroupSerializer)
    def get_group(self, obj):
        group = self.context["group"] if "group" in self.context else collective.group_of(obj)
        return GroupSerializer(group).data

    def get_personal_data_masked(self, obj) -> bool:
        return not self.context.get("personal_data_visible", False)

    @extend_schema_field(ReferralSerializer(many=True))
    def get_referrals(self, obj):
        return ReferralSerializer(self.context["referrals"], many=True, context=self.context).data

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, obj):
        return EventSerializer(self.context["events"], many=True, context=self.context).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_actions(self, obj):
        return ActionSerializer(self.context["actions"], many=True).data

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, obj):
        return ClockSerializer(self.context.get("clocks", []), many=True).data

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object"}}})
    def get_tracks(self, obj) -> dict:
        return self.context.get("tracks", {})


# --- writes -----------------------------------------------------------------------------------------


def _manual_actions():
    # Routing actions are taken by accepting a referral, so they are not offered here. A track's steps stay
    # valid choices so that posting one gets the service's 409 use_track_service saying where to take it.
    return [(name, str(info.label)) for name, info in transition_table().items() if not info.via_referral]


class TransitionInputSerializer(Serializer):
    action = serializers.ChoiceField(
        choices=_manual_actions(),
        help_text="One of the case's available_actions. A step of the arbitration, hearings or inspection track "
        "is refused here (409, code use_track_service): take it through that track's endpoint.",
    )
    version = serializers.IntegerField(min_value=1, help_text="The case version the client last read.")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    reason_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=48)
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, required=False, allow_blank=True, default="",
        help_text='For close. "award" and "penalty" are recorded only by their track\'s decision (409 here).',
    )
    due_on = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="The deadline an order to correct sets (required for order_correction).",
    )


class GroupLinkInputSerializer(Serializer):
    members = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=500,
                                    source="member_ids",
                                    help_text="Ids of open cases of your organisation against the same employer, at "
                                    "the lead's stage and in no other group.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    version = serializers.IntegerField(required=False, min_value=1, help_text="The lead's version you read.")


class GroupSplitInputSerializer(Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the member is handled on its own from now on.")
    version = serializers.IntegerField(required=False, min_value=1, help_text="The member's version you read.")


class RepresentativesInputSerializer(Serializer):
    workers = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=50,
                                    help_text="Worker ids (a group member's worker_id) of the elected representatives.")
    version = serializers.IntegerField(required=False, min_value=1, help_text="The lead's version you read.")


class GroupResultSerializer(Serializer):
    case = CaseSummarySerializer(help_text="The lead (link, representatives) or the member split off, as it is now.")
    group = GroupSerializer()


class ReferralOfferInputSerializer(Serializer):
    to_org = serializers.IntegerField(help_text="Organisation id (see /api/v1/organizations/?purpose=...).")
    purpose = serializers.ChoiceField(choices=ReferralPurpose.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = serializers.IntegerField(min_value=1)


class ReferralDeclineInputSerializer(Serializer):
    code = serializers.ChoiceField(choices=DeclineReason.choices)
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000, help_text="Required when code is other."
    )


class ReferralWithdrawInputSerializer(Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class NoteInputSerializer(Serializer):
    text = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(min_value=1)


class NoteResultSerializer(Serializer):
    event = EventSerializer()
    case = CaseSummarySerializer()


# --- dashboard --------------------------------------------------------------------------------------


class CountPairSerializer(Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()


class DashboardSerializer(Serializer):
    by_stage = serializers.DictField(child=CountPairSerializer(), help_text="Keyed by case status.")
    by_county = serializers.DictField(child=CountPairSerializer(), help_text="Keyed by division name.")
    by_claim_type = serializers.DictField(child=CountPairSerializer(), help_text="Keyed by claim type.")
    totals = CountPairSerializer()


class ApiRootSerializer(Serializer):
    """Where a client starts: the API's version, its schema and documentation, and its collections."""

    version = serializers.CharField()
    schema = serializers.URLField(help_text="The OpenAPI schema (YAML; ?format=json for JSON).")
    docs = serializers.URLField(help_text="The schema as an interactive page (Swagger UI).")
    resources = serializers.DictField(
        child=serializers.URLField(),
        help_text="Every path of this version without an id in it, by name: the collections and the caller's own.",
    )


# --- errors (documentation only) --------------------------------------------------------------------


class ErrorDetailSerializer(Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(required=False, help_text="Per-field messages, when the error is about fields.")


class ErrorSerializer(Serializer):
    error = ErrorDetailSerializer()
