"""REST API of the legal-aid station: assigning the lawyer of an accepted referral (thin over legal_aid.services)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ModelSerializer, Serializer
from disputes.api import errors, validated
from disputes.models import Case
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


@extend_schema(
    tags=["referrals"], request=LawyerInputSerializer,
    responses={201: LawyerAssignmentSerializer, **errors(400, 401, 403, 404, 409)},
)
class LawyerAssignView(APIView):
    """Assign the lawyer for a legal-aid referral the caller's station accepted (once)."""

    def post(self, request, pk):
        data = validated(LawyerInputSerializer, request.data)
        assignment = services.lawyer_assign(referral_id=pk, actor=request.user, **data)
        assignment.current_case = Case.objects.select_related("owner_org").get(pk=assignment.referral.case_id)
        return Response(LawyerAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)
