"""API shapes of the wage-arrears list. Inputs check types only; the rules (windows, periods, roles) live in
compliance.services, whose field errors come back under the same names. ID numbers are never answered in full."""

from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from core.masking import mask_id_number
from disputes.kit.api import result_serializer, version_field

from .models import BlacklistListing, ListingGround, ListingState, RemovalReason


class PersonSerializer(Serializer):
    name = serializers.CharField(max_length=100)
    role = serializers.CharField(max_length=100, help_text="e.g. 法定代表人, 项目负责人")
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="",
                                      help_text="Citizen ID number; answered masked.")


class ListedPersonSerializer(Serializer):
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    id_number = serializers.SerializerMethodField(help_text="Masked (1101**********002X); empty if not given.")

    def get_id_number(self, obj) -> str:
        return mask_id_number(obj.get("id_number", ""))


class ListingSerializer(ModelSerializer):
    ground = inline_choice(ListingGround.choices, read_only=True)
    state = inline_choice(ListingState.choices, read_only=True)
    removal_reason = inline_choice(RemovalReason.choices, allow_blank=True, read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    credit_code = serializers.CharField(source="employer.credit_code", read_only=True)
    persons = ListedPersonSerializer(source="responsible_persons", many=True, read_only=True)

    class Meta:
        model = BlacklistListing
        fields = [
            "id", "case", "employer_name", "credit_code", "ground", "state", "reason", "persons",
            "payment_order_number", "payment_order_due_on", "decision_due_on", "notice_number", "notified_on",
            "objection_due_on", "objection_received_on", "objection_text", "objection_verification",
            "objection_upheld", "objection_reviewed_on", "decision_extension_reason", "decided_on",
            "decision_number", "not_listed_reason", "listed_until", "removal_applied_on", "wages_paid_on",
            "removal_decision_due_on", "removal_refused_reason", "removed_on", "removal_reason",
            "removal_revoked_on", "removal_revocation_reason", "revocation_reason", "version",
        ]
        read_only_fields = fields


ListingResultSerializer = result_serializer(
    ListingSerializer, "The listing as it now is, with the case's stage and version.")


class ProposeInputSerializer(Serializer):
    ground = inline_choice(ListingGround.choices)
    payment_order_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    payment_order_due_on = serializers.DateField(help_text="The order to pay's deadline; must have passed.")
    persons = PersonSerializer(many=True)
    reason = serializers.CharField(max_length=20000)
    version = version_field()


class NoticeInputSerializer(Serializer):
    notified_on = serializers.DateField()
    version = version_field()


class ObjectionInputSerializer(Serializer):
    received_on = serializers.DateField(help_text="Within 5 working days of the notice (Order 45 art 6).")
    statement = serializers.CharField(max_length=20000)
    version = version_field()


class ObjectionReviewInputSerializer(Serializer):
    verification = serializers.CharField(max_length=20000)
    upheld = serializers.BooleanField()
    version = version_field()


class ExtensionInputSerializer(Serializer):
    reason = serializers.CharField(max_length=2000)
    version = version_field()


class DecisionInputSerializer(Serializer):
    listed = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                   help_text="Required when not listed.")
    version = version_field()


class RemovalApplicationInputSerializer(Serializer):
    applied_on = serializers.DateField()
    wages_paid_on = serializers.DateField()
    version = version_field()


class RemovalDecisionInputSerializer(Serializer):
    granted = serializers.BooleanField()
    promise_given = serializers.BooleanField(required=False, default=False)
    new_default = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    version = version_field()
