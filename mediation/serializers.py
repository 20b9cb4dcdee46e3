"""API shapes of joint mediation. Input serializers check types only; the rules live in mediation.services."""

from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes.kit.api import MoneyField, result_serializer, version_field
from disputes.serializers import OrgRefSerializer, PersonField

from .models import (
    JointMediationAgreement,
    JointMediationAgreementItem,
    JointMediationParticipant,
    JointMediationSession,
    ParticipantRole,
    SessionState,
)

# --- reads ------------------------------------------------------------------------------------------


class JointParticipantSerializer(ModelSerializer):
    user = PersonField()
    organization = OrgRefSerializer(read_only=True)
    role = inline_choice(ParticipantRole.choices, read_only=True, help_text="The role when the session was scheduled.")
    present = serializers.BooleanField(read_only=True, allow_null=True, help_text="Null until the session is held.")

    class Meta:
        model = JointMediationParticipant
        fields = ["id", "user", "organization", "role", "present"]
        read_only_fields = fields


class JointAgreementItemSerializer(ModelSerializer):
    claim = serializers.IntegerField(source="claim_id", read_only=True, allow_null=True)

    class Meta:
        model = JointMediationAgreementItem
        fields = ["id", "claim", "text", "amount", "due_on"]
        read_only_fields = fields


class JointAgreementSerializer(ModelSerializer):
    items = JointAgreementItemSerializer(many=True, read_only=True)
    document = serializers.IntegerField(
        source="document_id", read_only=True, allow_null=True, help_text="The 联合调解协议书 issued for it."
    )
    inspection_closure = serializers.IntegerField(source="inspection_closure_id", read_only=True, allow_null=True)
    arbitration_file = serializers.IntegerField(source="arbitration_file_id", read_only=True, allow_null=True)

    class Meta:
        model = JointMediationAgreement
        fields = [
            "id", "agreed_on", "summary", "terms", "total", "workers_covered", "items", "document",
            "inspection_closure", "arbitration_file",
        ]
        read_only_fields = fields


class JointSessionSerializer(ModelSerializer):
    state = inline_choice(SessionState.choices, read_only=True)
    participants = JointParticipantSerializer(many=True, read_only=True)
    agreement = JointAgreementSerializer(read_only=True, allow_null=True, help_text="Null unless an agreement was reached.")
    created_by = PersonField()

    class Meta:
        model = JointMediationSession
        fields = [
            "id", "case", "state", "scheduled_at", "place", "note", "held_on", "minutes", "end_reason", "ended_at",
            "created_by", "created_at", "participants", "agreement",
        ]
        read_only_fields = fields


JointSessionResultSerializer = result_serializer(
    JointSessionSerializer, "A session after a write, with the case's new stage and version."
)


# --- writes -----------------------------------------------------------------------------------------


class JointScheduleInputSerializer(Serializer):
    scheduled_at = serializers.DateTimeField(help_text="With a UTC offset; without one, Beijing time is assumed.")
    place = serializers.CharField(max_length=200)
    participants = serializers.ListField(
        source="participant_ids",
        child=serializers.IntegerField(), allow_empty=False,
        help_text="User ids: at least one arbitrator of the case's commission and one inspector of its inspection "
                  "organisation; mediators may join.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = version_field()


class JointHeldInputSerializer(Serializer):
    present = serializers.ListField(
        source="present_ids",
        child=serializers.IntegerField(), allow_empty=False,
        help_text="User ids of the participants present: at least one arbitrator and one inspector.",
    )
    held_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Today if omitted.")
    minutes = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class JointAgreementItemInputSerializer(Serializer):
    claim_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                        help_text="The claim of the case this term settles, if any.")
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=500,
                                 help_text="May be omitted for a claim: the claim's own words are used.")
    amount = MoneyField(min_value=0, required=False, allow_null=True, default=None,
                        help_text="Yuan; required for a money claim.")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class JointAgreementInputSerializer(Serializer):
    items = JointAgreementItemInputSerializer(many=True, required=False, default=list)
    terms = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000,
                                  help_text="Other undertakings, one per line.")
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000,
                                    help_text="The outcome in words; it is the reason the case is closed with.")
    workers_covered = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                               help_text="1 if omitted; required for a collective dispute.")
    version = version_field()


class JointFailedInputSerializer(Serializer):
    reason = serializers.CharField(max_length=5000)
    minutes = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    version = version_field()


class JointCancelInputSerializer(Serializer):
    reason = serializers.CharField(max_length=5000)
    version = version_field()
