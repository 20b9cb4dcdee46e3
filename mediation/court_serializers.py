"""API shapes of union and court mediation. Input serializers check types only; the rules live in mediation.court."""

from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes.kit.api import MoneyField, result_serializer, version_field
from disputes.serializers import OrgRefSerializer, PersonField

from .court_models import (
    Consultation,
    ConsultationCase,
    ConsultationParticipant,
    EntrustmentMode,
    FailureReason,
    JudicialConfirmation,
    MediationAgreement,
    MediationAgreementItem,
    MediationFile,
    MediationFileState,
    MediationSession,
    MediationSessionState,
    NextStep,
    PaymentOrder,
    PaymentOrderResult,
    Ruling,
)

# --- reads ------------------------------------------------------------------------------------------


class MediationSessionSerializer(ModelSerializer):
    state = inline_choice(MediationSessionState.choices, read_only=True)
    room = serializers.CharField(source="room.name", read_only=True)
    mediator = PersonField()

    class Meta:
        model = MediationSession
        fields = ["id", "state", "room", "mediator", "starts_at", "ends_at", "worker_present", "employer_present",
                  "worker_position", "employer_position", "proposal", "cancel_reason"]
        read_only_fields = fields


class MediationAgreementItemSerializer(ModelSerializer):
    claim = serializers.IntegerField(source="claim_id", read_only=True)

    class Meta:
        model = MediationAgreementItem
        fields = ["id", "claim", "amount", "due_on", "paid_on"]
        read_only_fields = fields


class JudicialConfirmationSerializer(ModelSerializer):
    court = OrgRefSerializer(read_only=True)
    ruling = inline_choice(Ruling.choices, read_only=True, allow_blank=True)

    class Meta:
        model = JudicialConfirmation
        fields = ["id", "court", "applied_on", "court_case_number", "ruling", "ruled_on", "reasons"]
        read_only_fields = fields


class PaymentOrderSerializer(ModelSerializer):
    court = OrgRefSerializer(read_only=True)
    result = inline_choice(PaymentOrderResult.choices, read_only=True, allow_blank=True)

    class Meta:
        model = PaymentOrder
        fields = ["id", "court", "applied_on", "amount", "order_number", "issued_on", "result", "result_on"]
        read_only_fields = fields


class MediationAgreementSerializer(ModelSerializer):
    items = MediationAgreementItemSerializer(many=True, read_only=True)
    document = serializers.IntegerField(source="document_id", read_only=True, allow_null=True,
                                        help_text="The 调解协议书 issued for it.")
    confirmations = JudicialConfirmationSerializer(many=True, read_only=True)
    payment_orders = PaymentOrderSerializer(many=True, read_only=True)

    class Meta:
        model = MediationAgreement
        fields = ["id", "number", "agreed_on", "worker_signed_on", "employer_signed_on", "terms", "total", "items",
                  "document", "confirmations", "payment_orders"]
        read_only_fields = fields


class MediationFileSerializer(ModelSerializer):
    state = inline_choice(MediationFileState.choices, read_only=True)
    body = OrgRefSerializer(source="body.organization", read_only=True)
    court = OrgRefSerializer(read_only=True, allow_null=True)
    mode = inline_choice(EntrustmentMode.choices, read_only=True, allow_blank=True)
    mediator = PersonField(allow_null=True)
    failure_code = inline_choice(FailureReason.choices, read_only=True, allow_blank=True)
    next_step = inline_choice(NextStep.choices, read_only=True, allow_blank=True)
    sessions = MediationSessionSerializer(many=True, read_only=True)
    agreement = serializers.SerializerMethodField()

    class Meta:
        model = MediationFile
        fields = ["id", "case", "state", "body", "court", "court_case_number", "mode", "mediator", "accepted_on",
                  "failure_code", "failure_record", "failed_on", "next_step", "sessions", "agreement"]
        read_only_fields = fields

    def get_agreement(self, file) -> MediationAgreementSerializer(allow_null=True):
        agreement = getattr(file, "agreement", None)
        return MediationAgreementSerializer(agreement).data if agreement is not None else None


MediationFileResultSerializer = result_serializer(
    MediationFileSerializer, "A mediation file after a write, with the case's new stage and version."
)


class ConsultationParticipantSerializer(ModelSerializer):
    user = PersonField()
    organization = OrgRefSerializer(read_only=True)

    class Meta:
        model = ConsultationParticipant
        fields = ["user", "organization", "opinion"]
        read_only_fields = fields


class ConsultationCaseSerializer(ModelSerializer):
    responsible_org = OrgRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ConsultationCase
        fields = ["id", "case", "next_step", "responsible_org", "due_on", "done_on", "done_note"]
        read_only_fields = fields


class ConsultationSerializer(ModelSerializer):
    participants = ConsultationParticipantSerializer(many=True, read_only=True)
    cases = ConsultationCaseSerializer(many=True, read_only=True)
    convened_by = PersonField()

    class Meta:
        model = Consultation
        fields = ["id", "title", "agenda", "held_at", "place", "convened_by", "minutes", "conclusions",
                  "concluded_at", "participants", "cases"]
        read_only_fields = fields


# --- writes -----------------------------------------------------------------------------------------


class MediationReferInputSerializer(Serializer):
    body = serializers.IntegerField(source="body_id", help_text="The mediation organisation (MediationBody id).")
    court_case_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=64,
                                              help_text="Required from a court: its own case number.")
    mode = serializers.ChoiceField(EntrustmentMode.choices, required=False, allow_blank=True, default="",
                                   help_text="Required from a court: before filing (委派) or during the suit (委托).")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class MediationVersionInputSerializer(Serializer):
    version = version_field()


class MediationAcceptInputSerializer(Serializer):
    mediator = serializers.IntegerField(source="mediator_id", required=False, allow_null=True, default=None,
                                        help_text="A mediator of the organisation; the caller if omitted.")


class MediationDeclineInputSerializer(Serializer):
    code = serializers.CharField(max_length=32)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class MediationScheduleInputSerializer(Serializer):
    room = serializers.IntegerField(source="room_id")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    mediator = serializers.IntegerField(source="mediator_id", required=False, allow_null=True, default=None)
    version = version_field()


class MediationHeldInputSerializer(Serializer):
    worker_present = serializers.BooleanField()
    employer_present = serializers.BooleanField()
    worker_position = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    employer_position = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    proposal = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class MediationCancelInputSerializer(Serializer):
    reason = serializers.CharField(max_length=5000)
    version = version_field()


class MediationExtensionInputSerializer(Serializer):
    agreed_on = serializers.DateField()
    record = serializers.CharField(max_length=5000, help_text="What the parties agreed, as recorded.")
    version = version_field()


class MediationAgreementItemInputSerializer(Serializer):
    claim_id = serializers.IntegerField(help_text="The claim of the case this item settles.")
    amount = MoneyField(min_value=0, required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class MediationAgreementInputSerializer(Serializer):
    agreed_on = serializers.DateField()
    worker_signed_on = serializers.DateField()
    employer_signed_on = serializers.DateField()
    items = MediationAgreementItemInputSerializer(many=True)
    terms = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class MediationFailureInputSerializer(Serializer):
    code = serializers.ChoiceField(FailureReason.choices)
    record = serializers.CharField(max_length=5000)
    next_step = serializers.ChoiceField(NextStep.choices)
    to_org = serializers.IntegerField(source="to_org_id", required=False, allow_null=True, default=None,
                                      help_text="The arbitration commission, when the case goes on to arbitration.")
    version = version_field()


class MediationConfirmationApplyInputSerializer(Serializer):
    court = serializers.IntegerField(source="court_id")
    applied_on = serializers.DateField()
    version = version_field()


class MediationRulingInputSerializer(Serializer):
    ruling = serializers.ChoiceField(Ruling.choices)
    ruled_on = serializers.DateField()
    court_case_number = serializers.CharField(max_length=64)
    reasons = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class MediationPaidInputSerializer(Serializer):
    paid_on = serializers.DateField()
    version = version_field()


class MediationPaymentOrderApplyInputSerializer(Serializer):
    court = serializers.IntegerField(source="court_id")
    applied_on = serializers.DateField()
    amount = MoneyField(min_value=0, required=False, allow_null=True,
                        help_text="Yuan; left out, every overdue sum of the agreement.")
    version = version_field()


class MediationPaymentOrderRecordInputSerializer(Serializer):
    order_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    result = serializers.ChoiceField(PaymentOrderResult.choices, required=False, allow_blank=True, default="")
    result_on = serializers.DateField(required=False, allow_null=True, default=None)
    version = version_field()


class MediationConveneInputSerializer(Serializer):
    title = serializers.CharField(max_length=200)
    agenda = serializers.CharField(max_length=20000)
    held_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)
    participants = serializers.ListField(source="participant_ids", child=serializers.IntegerField(), allow_empty=False)
    cases = serializers.ListField(source="case_ids", child=serializers.IntegerField(), allow_empty=False)


class MediationNextStepInputSerializer(Serializer):
    case_id = serializers.IntegerField()
    text = serializers.CharField(max_length=5000)
    org_id = serializers.IntegerField()
    due_on = serializers.DateField()


class MediationConcludeInputSerializer(Serializer):
    minutes = serializers.CharField(max_length=50000)
    conclusions = serializers.CharField(max_length=20000)
    next_steps = MediationNextStepInputSerializer(many=True, required=False, default=list)
    opinions = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict,
                                     help_text="Each participant's opinion, by user id.")


class MediationStepDoneInputSerializer(Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    version = serializers.IntegerField(required=False, allow_null=True, default=None,
                                       help_text="The case's version as read (409 if stale); may be left out.")
