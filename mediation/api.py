"""REST API of joint mediation: thin views over mediation.services and mediation.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the session and the
case's new stage and version, so the client can continue without reading the case again.
"""

from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from disputes.kit.api import errors, with_case, write_endpoint

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


def _session(session, **_kwargs):
    # Re-read after the service's transaction: participants, agreement and the case as they are now.
    session = selectors.session_after_write(session.pk)
    return with_case(session, session.case_id)


# A write on a session: it answers with the session as it is now and the case's stage and version.
_session_write = partial(write_endpoint, tags=TAGS, response=JointSessionResultSerializer, reply=_session)


_Schedule = _session_write(
    "ScheduleView",
    "Schedule a joint session with an arbitrator and an inspector (and, if wanted, a mediator).",
    request=JointScheduleInputSerializer, status=201,
    call=lambda actor, data, pk: services.joint_session_schedule(
        case_id=pk, actor=actor, version=data["version"], scheduled_at=data["scheduled_at"], place=data["place"],
        participant_ids=data["participants"], note=data["note"]),
)


class CaseJointMediationView(_Schedule):
    @extend_schema(tags=TAGS, responses={200: JointSessionSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """Every joint mediation session of the case (ended ones too), latest first."""
        sessions = selectors.joint_sessions(user=request.user, case_id=pk)
        return Response(JointSessionSerializer(sessions, many=True).data)


HeldView = _session_write(
    "HeldView",
    "Record the session as held, with who was present (at least one arbitrator and one inspector).",
    request=JointHeldInputSerializer,
    call=lambda actor, data, pk: services.joint_session_hold(
        session_id=pk, actor=actor, version=data["version"], present_ids=data["present"], held_on=data["held_on"],
        minutes=data["minutes"]),
)
AgreementView = _session_write(
    "AgreementView",
    "Record the agreement: the inspection and arbitration tracks and the case close (outcome mediated) and the "
    "joint mediation agreement (联合调解协议书) is issued.",
    request=JointAgreementInputSerializer,
    call=lambda actor, data, pk: services.joint_session_agree(
        session_id=pk, actor=actor, version=data["version"], items=[dict(i) for i in data["items"]],
        terms=data["terms"], summary=data["summary"], workers_covered=data["workers_covered"]),
)
FailedView = _session_write(
    "FailedView",
    "Record that no agreement was reached: the session ends and the tracks continue.",
    request=JointFailedInputSerializer,
    call=lambda actor, data, pk: services.joint_session_fail(session_id=pk, actor=actor, **data),
)
CancelView = _session_write(
    "CancelView",
    "Call off a session that has not been held.",
    request=JointCancelInputSerializer,
    call=lambda actor, data, pk: services.joint_session_cancel(session_id=pk, actor=actor, **data),
)
