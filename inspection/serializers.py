"""API shapes of the labour-inspection track. Input serializers check types only; the rules (required texts,
dates not in the future, two inspectors on a visit, penalty ranges, who may act) live in inspection.services,
whose field errors come back under the same field names. Money is a string of yuan with two decimals."""

from django.db.models import prefetch_related_objects
from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes.kit.api import MoneyField, result_serializer, version_field
from disputes.choices import Outcome
from disputes.serializers import CaseSummarySerializer, OrgRefSerializer, PersonField

from .models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionItem,
    CorrectionItemKind,
    CorrectionOrder,
    EmployerStatement,
    EmployerStatementKind,
    FilingDecision,
    FilingDecisionKind,
    GatheredEvidence,
    InspectionClosure,
    Interview,
    PenaltyProposal,
    ProposalState,
    RefusalReason,
    Statement,
    StatementBy,
    Visit,
)
from .services import CLOSE_OUTCOMES

# --- reads ------------------------------------------------------------------------------------------


class FilingDecisionSerializer(ModelSerializer):
    decision = inline_choice(FilingDecisionKind.choices, read_only=True)
    reason_code = inline_choice(RefusalReason.choices, allow_blank=True, read_only=True)
    organization = OrgRefSerializer(read_only=True)
    inspector_in_charge = PersonField()
    number = serializers.CharField(
        read_only=True, help_text="The written refusal's official number (…人社监不立字〔2026〕第N号); empty for a filing."
    )

    class Meta:
        model = FilingDecision
        fields = [
            "id", "referral", "decision", "reason_code", "reason", "number", "decided_on", "organization",
            "inspector_in_charge",
        ]
        read_only_fields = fields


class VisitSerializer(ModelSerializer):
    inspectors = serializers.ListField(child=PersonField(), source="inspectors.all", read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "visited_on", "place", "inspectors", "findings", "recorded_at"]
        read_only_fields = fields


class StatementSerializer(ModelSerializer):
    who = inline_choice(StatementBy.choices, read_only=True)
    taken_by = PersonField()

    class Meta:
        model = Statement
        fields = ["id", "who", "name", "taken_on", "summary", "taken_by", "recorded_at"]
        read_only_fields = fields


class InterviewSerializer(ModelSerializer):
    class Meta:
        model = Interview
        fields = ["id", "employer_representative", "held_on", "outcome", "recorded_at"]
        read_only_fields = fields


class GatheredEvidenceSerializer(ModelSerializer):
    class Meta:
        model = GatheredEvidence
        fields = ["id", "description", "source", "gathered_on", "recorded_at"]
        read_only_fields = fields


class CorrectionItemSerializer(ModelSerializer):
    kind = inline_choice(CorrectionItemKind.choices, read_only=True)

    class Meta:
        model = CorrectionItem
        fields = ["id", "kind", "description", "amount", "workers"]
        read_only_fields = fields


class CorrectionOrderSerializer(ModelSerializer):
    items = CorrectionItemSerializer(many=True, read_only=True)
    total = MoneyField(read_only=True, help_text="The sum of the items, in yuan.")
    number = serializers.CharField(read_only=True, help_text="The order's official number (…人社监令字〔2026〕第N号).")

    class Meta:
        model = CorrectionOrder
        fields = [
            "id", "number", "issued_on", "due_on", "workers_covered", "findings", "requirements", "items", "total",
            "recorded_at",
        ]
        read_only_fields = fields


class ComplianceRecordSerializer(ModelSerializer):
    paid_by_item = serializers.DictField(
        child=serializers.CharField(), read_only=True, help_text="Yuan paid, keyed by the order item's id."
    )

    class Meta:
        model = ComplianceRecord
        fields = ["id", "order", "complied", "amount_paid", "workers_paid", "paid_by_item", "recorded_on"]
        read_only_fields = fields


class PenaltyProposalSerializer(ModelSerializer):
    state = inline_choice(ProposalState.choices, read_only=True)
    legal_source = serializers.CharField(source="rule.source", read_only=True)
    employer_statements = serializers.PrimaryKeyRelatedField(
        source="statements", many=True, read_only=True, help_text="The employer's answers to this proposal."
    )
    notice_number = serializers.CharField(read_only=True, help_text="The penalty notice's number (…人社罚告字〔2026〕第N号).")
    decision_number = serializers.CharField(
        read_only=True, help_text="The penalty decision's number (…人社罚决字〔2026〕第N号); empty until decided."
    )

    class Meta:
        model = PenaltyProposal
        fields = [
            "id", "article", "legal_source", "range_low", "range_high", "with_warning", "payable_to_worker", "workers",
            "basis", "amount", "facts", "notified_on", "notice_number", "statement_period_ends_on", "state",
            "employer_statements", "decided_on", "decision_number",
        ]
        read_only_fields = fields


class EmployerStatementSerializer(ModelSerializer):
    kind = inline_choice(EmployerStatementKind.choices, read_only=True)
    proposals = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="The proposals it answers.")

    class Meta:
        model = EmployerStatement
        fields = ["id", "kind", "summary", "received_on", "proposals", "recorded_at"]
        read_only_fields = fields


class ArbitrationTransferSerializer(ModelSerializer):
    to_org = OrgRefSerializer(source="referral.to_org", read_only=True)
    referral_state = serializers.CharField(
        source="referral.state", read_only=True, help_text="offered until the arbitration body accepts or declines."
    )

    class Meta:
        model = ArbitrationTransfer
        fields = [
            "id", "referral", "referral_state", "to_org", "limitation_interrupted_on", "interruption_source", "note",
            "recorded_at",
        ]
        read_only_fields = fields


class InspectionClosureSerializer(ModelSerializer):
    outcome = inline_choice(Outcome.choices, read_only=True)

    class Meta:
        model = InspectionClosure
        fields = ["id", "outcome", "amount_recovered", "workers_covered", "closed_on"]
        read_only_fields = fields


class InspectionFileSerializer(Serializer):
    """Everything the inspection recorded on the case, oldest first in each list."""

    case = CaseSummarySerializer(read_only=True)
    filing_decisions = FilingDecisionSerializer(many=True, read_only=True)
    visits = VisitSerializer(many=True, read_only=True)
    statements = StatementSerializer(many=True, read_only=True)
    interviews = InterviewSerializer(many=True, read_only=True)
    evidence = GatheredEvidenceSerializer(many=True, read_only=True)
    correction_orders = CorrectionOrderSerializer(many=True, read_only=True)
    compliance_records = ComplianceRecordSerializer(many=True, read_only=True)
    penalty_proposals = PenaltyProposalSerializer(many=True, read_only=True)
    employer_statements = EmployerStatementSerializer(many=True, read_only=True)
    transfers = ArbitrationTransferSerializer(many=True, read_only=True)
    closures = InspectionClosureSerializer(many=True, read_only=True)

    def to_representation(self, instance):
        # What inspection.selectors.inspection_file does not load yet, loaded once for all rows (no N+1).
        prefetch_related_objects(instance.penalty_proposals, "rule")
        prefetch_related_objects(instance.employer_statements, "proposals")
        return super().to_representation(instance)


# --- results of writes: the record and the case's new stage and version --------------------------------


FilingDecisionResultSerializer = result_serializer(FilingDecisionSerializer, "The decision on the referral, with the case.")
VisitResultSerializer = result_serializer(VisitSerializer, "The visit recorded, with the case's new version.")
StatementResultSerializer = result_serializer(StatementSerializer, "The statement recorded, with the case's new version.")
InterviewResultSerializer = result_serializer(InterviewSerializer, "The interview recorded, with the case's new version.")
GatheredEvidenceResultSerializer = result_serializer(GatheredEvidenceSerializer, "The evidence recorded, with the case.")
CorrectionOrderResultSerializer = result_serializer(CorrectionOrderSerializer, "The order issued; the case awaits correction.")
ComplianceRecordResultSerializer = result_serializer(ComplianceRecordSerializer, "What was paid; in full closes the case.")
PenaltyProposalResultSerializer = result_serializer(PenaltyProposalSerializer, "The proposal the employer is told of.")
EmployerStatementResultSerializer = result_serializer(EmployerStatementSerializer, "The employer's answer, with the case.")
ArbitrationTransferResultSerializer = result_serializer(ArbitrationTransferSerializer, "The transfer offered to arbitration.")
InspectionClosureResultSerializer = result_serializer(InspectionClosureSerializer, "How the case closed, with the case.")


class PenaltyDecisionResultSerializer(Serializer):
    """The proposals decided (they share the decision's number); the case is closed with outcome penalty."""

    case = CaseSummarySerializer(read_only=True)
    proposals = PenaltyProposalSerializer(many=True, read_only=True)


# --- writes -----------------------------------------------------------------------------------------


class FilingInputSerializer(Serializer):
    inspector = serializers.IntegerField(
        source="inspector_id",
        required=False, allow_null=True, default=None,
        help_text="User id of the inspector in charge, of your team; omitted: yourself.",
    )


class RefusalInputSerializer(Serializer):
    reason_code = inline_choice(RefusalReason.choices, help_text="The condition of filing not met (若干规定 art 18).")
    reason = serializers.CharField(max_length=5000, help_text="The written reason, as the complainant will read it.")


class VisitInputSerializer(Serializer):
    visited_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    inspectors = serializers.ListField(
        source="inspector_ids",
        child=serializers.IntegerField(), help_text="User ids: at least two inspectors of the handling team."
    )
    findings = serializers.CharField(max_length=20000)
    version = version_field()


class StatementInputSerializer(Serializer):
    who = inline_choice(StatementBy.choices, help_text="Who gave the statement.")
    name = serializers.CharField(max_length=64)
    taken_on = serializers.DateField()
    summary = serializers.CharField(max_length=20000)
    taken_by = serializers.IntegerField(
        source="taken_by_id",
        required=False, allow_null=True, default=None, help_text="User id of the inspector; omitted: yourself."
    )
    version = version_field()


class InterviewInputSerializer(Serializer):
    employer_representative = serializers.CharField(max_length=64)
    held_on = serializers.DateField()
    outcome = serializers.CharField(max_length=20000)
    version = version_field()


class EvidenceInputSerializer(Serializer):
    description = serializers.CharField(max_length=300)
    source = serializers.CharField(max_length=200)
    gathered_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Omitted: today.")
    version = version_field()


class CorrectionItemInputSerializer(Serializer):
    kind = inline_choice(CorrectionItemKind.choices, help_text="What is to be paid.")
    amount = MoneyField(help_text="Yuan, more than zero.")
    workers = serializers.IntegerField(required=False, default=1, help_text="Workers this sum is owed to.")
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CorrectionOrderInputSerializer(Serializer):
    due_on = serializers.DateField(help_text="The deadline to correct; after today.")
    items = CorrectionItemInputSerializer(many=True, required=False, default=list)
    workers_covered = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Omitted: the largest number of workers of an item."
    )
    findings = serializers.CharField(
        max_length=20000, help_text="The violations the investigation found (printed as what was found).",
    )
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20000,
        help_text="What must be corrected besides the sums, one thing per line (required when there are no items).",
    )
    version = version_field()


class ComplianceInputSerializer(Serializer):
    amounts_paid = serializers.DictField(
        child=MoneyField(), help_text="Yuan paid, keyed by the id of the latest order's item."
    )
    workers_paid = serializers.IntegerField()
    complied = serializers.BooleanField(
        help_text="true: paid in full (the case closes as corrected); false: not complied, after the deadline."
    )
    version = version_field()


class PenaltyProposalInputSerializer(Serializer):
    article = serializers.CharField(max_length=16, help_text="The article of 劳动保障监察条例 with a penalty range.")
    workers = serializers.IntegerField(required=False, default=0, help_text="Workers affected (per-worker fines).")
    amount = MoneyField(help_text="Yuan, within the lawful range.")
    basis = MoneyField(
        required=False, allow_null=True, default=None,
        help_text="The base amount of a multiple (art 26: defaults to what is still unpaid under the order).",
    )
    facts = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class EmployerStatementInputSerializer(Serializer):
    kind = inline_choice(EmployerStatementKind.choices, help_text="What the employer did.")
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20000,
        help_text="Required for a statement and for a hearing held.",
    )
    received_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Omitted: today.")
    version = version_field()


class PenaltyDecisionInputSerializer(Serializer):
    amount_recovered = MoneyField(
        required=False, allow_null=True, default=None, help_text="Omitted: what the compliance record says was paid."
    )
    workers_covered = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Omitted: the workers the compliance record paid."
    )
    version = version_field()


class TransferInputSerializer(Serializer):
    to_org = serializers.IntegerField(source="to_org_id", help_text="Id of the arbitration commission or institute.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class CloseInputSerializer(Serializer):
    outcome = inline_choice(
        [(o.value, o.label) for o in CLOSE_OUTCOMES],
        help_text="mediated: settled during the investigation; corrected: found corrected; a penalty is decided "
                  "through penalty-decisions.",
    )
    amounts_recovered = MoneyField(help_text="Yuan recovered for the workers (0 if none).")
    workers_covered = serializers.IntegerField()
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text="Required unless the case settled or was found corrected.",
    )
    version = version_field()
