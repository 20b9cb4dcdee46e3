"""REST API of early warning, interviews and the revocations of a listing: one WriteEndpoint per write. A warning
the caller's team does not read is a 404; the services decide who may act (403)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.api import ModelSerializer, Serializer, inline_choice
from core.errors import PermissionDenied
from disputes.choices import Industry, SupervisingDepartment
from disputes.kit.api import WriteEndpoint, errors, validated
from disputes.models import Employer

from . import revocation
from .doors import EMPLOYER, WARNING
from . import warning_selectors as selectors
from . import warnings as services
from .api import _ListingWrite
from .warning_models import EarlyWarning, EmployerInterview, InterviewKind, WarningState, WarningSubject

TAGS = ["early-warning"]




class EarlyWarningSerializer(ModelSerializer):
    subject = inline_choice(WarningSubject.choices, read_only=True)
    state = inline_choice(WarningState.choices, read_only=True)
    department = inline_choice(SupervisingDepartment.choices, allow_blank=True, read_only=True)
    industry = inline_choice(Industry.choices, allow_blank=True, read_only=True)
    rule = serializers.CharField(source="rule.code", read_only=True)
    rule_description = serializers.CharField(source="rule.description", read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True, default=None, allow_null=True)
    credit_code = serializers.CharField(source="employer.credit_code", read_only=True, default=None,
                                        allow_null=True)
    organization = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = EarlyWarning
        fields = ["id", "rule", "rule_description", "subject", "employer_name", "credit_code", "platform", "industry",
                  "department", "organization", "division", "period_start", "complaints", "previous_complaints",
                  "trigger_case", "raised_at", "state", "acknowledged_at", "closed_at", "note", "version"]
        read_only_fields = fields


class EarlyWarningStepInputSerializer(Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, help_text="The warning's version last read; a stale one is a 409.")


class EarlyWarningCloseInputSerializer(EarlyWarningStepInputSerializer):
    note = serializers.CharField(max_length=5000, help_text="What was done about the warning.")


class _WarningWrite(WriteEndpoint):
    tags, output, doors = TAGS, EarlyWarningSerializer, {"pk": WARNING}

    def reply(self, returned, request, **kwargs):
        return returned


class WarningAcknowledgeView(_WarningWrite, input=EarlyWarningStepInputSerializer,
                             service=services.warning_acknowledge):
    """Acknowledge an early warning (the team is looking into it)."""


class WarningCloseView(_WarningWrite, input=EarlyWarningCloseInputSerializer, service=services.warning_close):
    """Close an early warning, saying what was done."""


class WarningQuerySerializer(Serializer):
    state = serializers.ChoiceField(choices=WarningState.choices, required=False, help_text="Only warnings in this state.")
    department = serializers.ChoiceField(choices=SupervisingDepartment.choices, required=False,
                                         help_text="Only warnings for this supervising department.")


@extend_schema(tags=TAGS, responses={200: EarlyWarningSerializer(many=True), **errors(400, 401, 403)},
               parameters=[WarningQuerySerializer])
class WarningListView(APIView):
    """The warnings addressed to the caller's inspection team (and, for a city team, the teams under it), newest
    first, at most 200."""

    def get(self, request):
        profile = staff_of(request.user)
        if profile.role not in services.WARNING_ROLES:
            raise PermissionDenied()
        params = validated(WarningQuerySerializer, request.query_params)
        rows = selectors.warnings_page(profile, state=params.get("state", ""), department=params.get("department", ""))
        return Response(EarlyWarningSerializer(rows, many=True).data)


class EmployerInterviewSerializer(ModelSerializer):
    kind = inline_choice(InterviewKind.choices, read_only=True)
    departments = serializers.ListField(child=serializers.CharField(), read_only=True)
    organization = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = EmployerInterview
        fields = ["id", "employer", "organization", "kind", "held_on", "attendees", "departments", "matters",
                  "commitments", "outcome", "rectify_by", "follow_up_on", "warning", "recorded_at"]
        read_only_fields = fields


class EmployerInterviewInputSerializer(Serializer):
    kind = inline_choice(InterviewKind.choices)
    held_on = serializers.DateField()
    attendees = serializers.CharField(max_length=20000)
    departments = serializers.ListField(child=inline_choice(SupervisingDepartment.choices), required=False,
                                        default=list)
    matters = serializers.CharField(max_length=20000)
    commitments = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    outcome = serializers.CharField(max_length=20000)
    rectify_by = serializers.DateField(required=False, allow_null=True, default=None,
                                       help_text="The rectification deadline set; starts the follow-up clock.")
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None,
                                         help_text="The follow-up's due date; by default the rectification deadline "
                                                   "plus the local service level (FollowUpRule).")
    warning_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                          help_text="The early warning that led to it, if any.")


class InterviewView(WriteEndpoint, tags=TAGS, input=EmployerInterviewInputSerializer,
                    output=EmployerInterviewSerializer, status=201, service=services.interview_record):
    """Record an interview (约谈) or warning (警示) held with the employer, with the supervising departments that
    attended (measure 10); shown in its compliance file."""

    doors = {"pk": EMPLOYER}

    def reply(self, returned, request, **kwargs):
        return returned


class ListingRevocationInputSerializer(Serializer):
    reason = serializers.CharField(max_length=2000)
    version = serializers.IntegerField(min_value=1, help_text="The case version last read; a stale one is a 409.")


class ListingRevocationView(_ListingWrite, input=ListingRevocationInputSerializer,
                            service=revocation.listing_revoke):
    """Revoke the listing because the order to pay was revoked (Order 45 art 16): the employer is removed now with
    a removal decision; a supervisor's step. `reason` names the decision that revoked the order."""


class RemovalRevocationView(_ListingWrite, input=ListingRevocationInputSerializer,
                            service=revocation.listing_removal_revoke):
    """Revoke an early removal obtained with false information (Order 45 art 15): listed again, the term counted
    again from today, with a new decision; a supervisor's step. `reason` states the false information."""

