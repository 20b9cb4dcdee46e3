"""REST API of the industry supervising departments (their warnings and interviews, acknowledging and feedback) and
of the inspection team's interview follow-ups. A warning or interview outside the caller's scope is a 404."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.api import ModelSerializer, Serializer, inline_choice
from core.errors import NotFound, PermissionDenied
from disputes.choices import Industry, SupervisingDepartment
from disputes.kit.api import GuardedView, WriteEndpoint, errors, validated

from . import departments
from . import warning_selectors as selectors
from . import warnings as services
from .doors import DEPARTMENT_WARNING, FOLLOW_UP
from .warning_api import EmployerInterviewSerializer
from .warning_models import EarlyWarning, EmployerInterview, FollowUpResult, InterviewKind, WarningState, WarningSubject

TAGS = ["early-warning"]


class DepartmentWarningSerializer(ModelSerializer):
    """A warning as a supervising department reads it: no case, no person; the team's note without ID- or
    phone-like numbers."""

    subject = inline_choice(WarningSubject.choices, read_only=True)
    state = inline_choice(WarningState.choices, read_only=True, help_text="The inspection team's state.")
    department = inline_choice(SupervisingDepartment.choices, read_only=True)
    industry = inline_choice(Industry.choices, allow_blank=True, read_only=True)
    rule = serializers.CharField(source="rule.code", read_only=True)
    rule_description = serializers.CharField(source="rule.description", read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True, default=None, allow_null=True)
    credit_code = serializers.CharField(source="employer.credit_code", read_only=True, default=None,
                                        allow_null=True)
    organization = serializers.CharField(source="organization.name", read_only=True)
    division_name = serializers.CharField(source="division.name", read_only=True)

    class Meta:
        model = EarlyWarning
        fields = ["id", "rule", "rule_description", "subject", "employer_name", "credit_code", "platform", "industry",
                  "department", "organization", "division", "division_name", "period_start", "complaints",
                  "previous_complaints", "raised_at", "state", "note", "department_acknowledged_at",
                  "department_feedback", "department_feedback_at", "version"]
        read_only_fields = fields


class DepartmentInterviewSerializer(ModelSerializer):
    kind = inline_choice(InterviewKind.choices, read_only=True)
    departments = serializers.ListField(child=serializers.CharField(), read_only=True)
    organization = serializers.CharField(source="organization.name", read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    follow_up_result = inline_choice(FollowUpResult.choices, allow_blank=True, read_only=True)

    class Meta:
        model = EmployerInterview
        fields = ["id", "employer_name", "organization", "kind", "held_on", "attendees", "departments", "matters",
                  "commitments", "outcome", "rectify_by", "follow_up_on", "follow_up_result", "follow_up_note",
                  "follow_up_closed_at", "warning"]
        read_only_fields = fields


def _officer(request):
    profile = staff_of(request.user)
    if departments.office_of(profile) is None:
        raise PermissionDenied()
    return profile


@extend_schema(tags=TAGS, responses={200: DepartmentWarningSerializer(many=True), **errors(401, 403)})
class DepartmentWarningListView(APIView):
    """The early warnings naming the caller's supervising department in its jurisdiction, not yet acknowledged by it
    first, then newest; at most 200. For an industry supervising department's officers."""

    def get(self, request):
        return Response(DepartmentWarningSerializer(departments.warnings_page(_officer(request)), many=True).data)


@extend_schema(tags=TAGS, responses={200: DepartmentWarningSerializer, **errors(401, 403, 404)})
class DepartmentWarningView(GuardedView):
    """One early warning naming the caller's department; another department's or another jurisdiction's is a 404."""

    doors = {"pk": DEPARTMENT_WARNING}

    def get(self, request, pk):
        # The door first: an id the caller cannot open is a 404 whoever asks, as on every other id.
        if not DEPARTMENT_WARNING.opens(request.user, pk):
            raise NotFound()
        profile = _officer(request)
        return Response(DepartmentWarningSerializer(departments.warning_for(profile, pk)).data)


class DepartmentAcknowledgeInputSerializer(Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The warning's version last read; a stale one is a 409.")


class DepartmentFeedbackInputSerializer(DepartmentAcknowledgeInputSerializer):
    feedback = serializers.CharField(max_length=5000, help_text="The department's feedback and measures taken.")


class _DepartmentWrite(WriteEndpoint):
    tags, output, doors = TAGS, DepartmentWarningSerializer, {"pk": DEPARTMENT_WARNING}

    def reply(self, returned, request, **kwargs):
        return departments.shown(returned)


class DepartmentAcknowledgeView(_DepartmentWrite, input=DepartmentAcknowledgeInputSerializer,
                                service=departments.department_acknowledge):
    """The department acknowledges an early warning naming it (once)."""


class DepartmentFeedbackView(_DepartmentWrite, input=DepartmentFeedbackInputSerializer,
                             service=departments.department_feedback):
    """The department records its feedback and the measures it took (recording again replaces it)."""


@extend_schema(tags=TAGS, responses={200: DepartmentInterviewSerializer(many=True), **errors(401, 403)})
class DepartmentInterviewListView(APIView):
    """The interviews and warnings given to employers that the caller's department attended or that followed a
    warning naming it, in its jurisdiction; newest first, at most 200."""

    def get(self, request):
        return Response(DepartmentInterviewSerializer(departments.interviews_page(_officer(request)), many=True).data)


# --- interview follow-ups -------------------------------------------------------------------------------------


class FollowUpSerializer(EmployerInterviewSerializer):
    follow_up_result = inline_choice(FollowUpResult.choices, allow_blank=True, read_only=True)
    overdue = serializers.SerializerMethodField(help_text="The follow-up is open and its due date has passed.")

    class Meta(EmployerInterviewSerializer.Meta):
        fields = [*EmployerInterviewSerializer.Meta.fields, "follow_up_result", "follow_up_note",
                  "follow_up_closed_at", "overdue", "version"]
        read_only_fields = fields

    def get_overdue(self, interview) -> bool:
        return interview.follow_up_open and interview.follow_up_on < timezone.localdate()


class FollowUpQuerySerializer(Serializer):
    overdue = serializers.BooleanField(required=False, default=False, help_text="Only the overdue follow-ups.")


@extend_schema(tags=TAGS, responses={200: FollowUpSerializer(many=True), **errors(400, 401, 403)},
               parameters=[FollowUpQuerySerializer])
class FollowUpListView(APIView):
    """The open follow-ups of the caller's inspection team's interviews (a city team's, also its teams'), overdue
    first by due date; at most 200."""

    def get(self, request):
        profile = staff_of(request.user)
        if profile.role not in selectors.WARNING_ROLES:
            raise PermissionDenied()
        params = validated(FollowUpQuerySerializer, request.query_params)
        rows = selectors.follow_ups(profile, today=timezone.localdate(), overdue_only=params.get("overdue", False))
        return Response(FollowUpSerializer(rows, many=True).data)


class FollowUpCloseInputSerializer(Serializer):
    result = inline_choice(FollowUpResult.choices)
    note = serializers.CharField(max_length=20000, help_text="What the follow-up found.")
    version = serializers.IntegerField(min_value=1, help_text="The interview's version last read; a stale one is a "
                                                              "409.")


class FollowUpCloseView(WriteEndpoint, tags=TAGS, input=FollowUpCloseInputSerializer, output=FollowUpSerializer,
                        service=services.follow_up_close):
    """Close an interview's follow-up with its result (rectified or not) and what was found; the team's step."""

    doors = {"pk": FOLLOW_UP}

    def reply(self, returned, request, **kwargs):
        return returned
