"""REST API of joint mediation: thin views over mediation.services and mediation.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the session and the
case's new stage and version, so the client can continue without reading the case again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from disputes.api import errors, validated
from disputes.models import Case

from . import selectors, services
from .serializers import (
    JointAgreementInputSerializer,
    JointCancelInputSerializer,
    JointFailedInputSerializer,
    JointHeldInputSerializer,
    JointSessionResultSerializer,
    JointSessionSerializer,
    JointScheduleInputSerializer,
)

TAGS = ["mediation"]
WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def _result(request, session_id: int) -> dict:
    # Re-read after the service's transaction: participants, agreement and the case as they are now.
    session = selectors.session_after_write(session_id)
    session.current_case = Case.objects.select_related("owner_org").get(pk=session.case_id)
    return JointSessionResultSerializer(session).data


class CaseJointMediationView(APIView):
    @extend_schema(tags=TAGS, responses={200: JointSessionSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """Every joint mediation session of the case (ended ones too), latest first."""
        sessions = selectors.joint_sessions(user=request.user, case_id=pk)
        return Response(JointSessionSerializer(sessions, many=True).data)

    @extend_schema(
        tags=TAGS, request=JointScheduleInputSerializer, responses={201: JointSessionResultSerializer, **WRITE_ERRORS}
    )
    def post(self, request, pk):
        """Schedule a joint session with an arbitrator and an inspector (and, if wanted, a mediator)."""
        data = validated(JointScheduleInputSerializer, request.data)
        session = services.joint_session_schedule(
            case_id=pk, actor=request.user, version=data["version"], scheduled_at=data["scheduled_at"],
            place=data["place"], participant_ids=data["participants"], note=data["note"],
        )
        return Response(_result(request, session.pk), status=status.HTTP_201_CREATED)


def _session_write(name: str, doc: str, input_serializer, call):
    @extend_schema(tags=TAGS, request=input_serializer, responses={200: JointSessionResultSerializer, **WRITE_ERRORS})
    class View(APIView):
        def post(self, request, pk):
            data = validated(input_serializer, request.data)
            call(session_id=pk, actor=request.user, data=data)
            return Response(_result(request, pk))

    View.__doc__ = doc
    View.__name__ = View.__qualname__ = name
    return View


HeldView = _session_write(
    "HeldView",
    "Record the session as held, with who was present (at least one arbitrator and one inspector).",
    JointHeldInputSerializer,
    lambda *, session_id, actor, data: services.joint_session_hold(
        session_id=session_id, actor=actor, version=data["version"], present_ids=data["present"],
        held_on=data["held_on"], minutes=data["minutes"]),
)
AgreementView = _session_write(
    "AgreementView",
    "Record the agreement: the inspection and arbitration tracks and the case close (outcome mediated) and the "
    "joint mediation agreement (联合调解协议书) is issued.",
    JointAgreementInputSerializer,
    lambda *, session_id, actor, data: services.joint_session_agree(
        session_id=session_id, actor=actor, version=data["version"], items=[dict(i) for i in data["items"]],
        terms=data["terms"], summary=data["summary"], workers_covered=data["workers_covered"]),
)
FailedView = _session_write(
    "FailedView",
    "Record that no agreement was reached: the session ends and the tracks continue.",
    JointFailedInputSerializer,
    lambda *, session_id, actor, data: services.joint_session_fail(
        session_id=session_id, actor=actor, version=data["version"], reason=data["reason"],
        minutes=data["minutes"]),
)
CancelView = _session_write(
    "CancelView",
    "Call off a session that has not been held.",
    JointCancelInputSerializer,
    lambda *, session_id, actor, data: services.joint_session_cancel(
        session_id=session_id, actor=actor, version=data["version"], reason=data["reason"]),
)
