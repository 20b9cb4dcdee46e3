"""REST API of the legal-aid station: assigning the lawyer of an accepted referral (thin over legal_aid.services)."""

from rest_framework import serializers

from core.api import ModelSerializer, Serializer
from disputes.kit.api import WriteEndpoint, with_case
from disputes.serializers import CaseSummarySerializer, PersonField

from . import services
from .models import LawyerAssignment


class LawyerInputSerializer(Serializer):
    lawyer_name = serializers.CharField(max_length=64)
    lawyer_phone = serializers.CharField(max_length=32)


class LawyerAssignmentSerializer(ModelSerializer):
    case = CaseSummarySerializer(source="current_case", read_only=True)
    assigned_by = PersonField()

    class Meta:
        model = LawyerAssignment
        fields = ["case", "id", "referral", "lawyer_name", "lawyer_phone", "assigned_by", "assigned_at"]
        read_only_fields = fields


class LawyerAssignView(WriteEndpoint):
    """Assign the lawyer for a legal-aid referral the caller's station accepted (once)."""

    tags = ["referrals"]
    input, output, status = LawyerInputSerializer, LawyerAssignmentSerializer, 201
    service = services.lawyer_assign
    url_args = {"pk": "referral_id"}

    def reply(self, assignment, request, pk):
        return with_case(assignment, assignment.referral.case_id)
