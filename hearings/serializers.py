"""API shapes of hearings. Input serializers check types only; the rules live in hearings.services."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from core.api import ModelSerializer, Serializer, inline_choice
from disputes.kit.api import result_serializer
from disputes.serializers import PersonField

from .models import Hearing, HearingState, Party, Requester, Room


class RoomSerializer(ModelSerializer):
    organization = serializers.IntegerField(source="organization_id", read_only=True)

    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "is_active", "organization"]
        read_only_fields = fields


class RoomRefSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SeatSerializer(Serializer):
    arbitrator = PersonField()


class HearingSerializer(ModelSerializer):
    room = RoomRefSerializer(read_only=True)
    arbitrators = SeatSerializer(source="seats", many=True, read_only=True)
    state = inline_choice(HearingState.choices, read_only=True)
    postponement_requested_by = inline_choice(Requester.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Hearing
        fields = [
            "id", "case", "room", "starts_at", "ends_at", "state", "arbitrators", "notice_served_on",
            "postponed_from", "postponement_requested_by", "postponement_requested_on", "postponement_reason",
            "applicant_absent", "respondent_absent", "minutes_summary", "cancel_reason",
        ]
        read_only_fields = fields


HearingResultSerializer = result_serializer(
    HearingSerializer, "A hearing after a write, with the case's new stage and version."
)


# --- writes -----------------------------------------------------------------------------------------


class ScheduleInputSerializer(Serializer):
    room_id = serializers.IntegerField()
    starts_at = serializers.DateTimeField(help_text="With a UTC offset; without one, Beijing time is assumed.")
    ends_at = serializers.DateTimeField()
    arbitrators = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), many=True, help_text="User ids of the arbitrators who sit."
    )
    version = serializers.IntegerField(min_value=1, help_text="The case version the client last read.")


class NoticeServedInputSerializer(Serializer):
    served_on = serializers.DateField()


class PostponeInputSerializer(Serializer):
    requested_by = inline_choice(Requester.choices)
    requested_on = serializers.DateField()
    reason = serializers.CharField(max_length=5000)
    new_starts_at = serializers.DateTimeField()
    new_ends_at = serializers.DateTimeField()
    new_room_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class AbsenceInputSerializer(Serializer):
    party = inline_choice(Party.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class HeldInputSerializer(Serializer):
    minutes_summary = serializers.CharField(max_length=20000)


class CancelInputSerializer(Serializer):
    reason = serializers.CharField(max_length=5000)
