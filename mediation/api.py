"""REST API of joint mediation: thin views over mediation.services and mediation.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the session and the
case's new stage and version, so the client can continue without reading the case again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from disputes.kit.api import WriteEndpoint, errors, with_case
from disputes.kit.doors import CASE

from . import selectors, services
from .selectors import SESSION
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


class _SessionWrite(WriteEndpoint):
    """A write on a session: it answers with the session as it is now and the case's stage and version."""

    tags, output = TAGS, JointSessionResultSerializer
    doors = {"pk": SESSION}

    def reply(self, returned, request, pk):
        return self.session(pk)

    @staticmethod
    def session(session_id: int):
        # Re-read after the service's transaction: participants, agreement and the case as they are now.
        session = selectors.session_after_write(session_id)
        return with_case(session, session.case_id)


class _Schedule(_SessionWrite, input=JointScheduleInputSerializer, status=201, service=services.joint_session_schedule,
                doors={"pk": CASE}):
    """Schedule a joint session with an arbitrator and an inspector (and, if wanted, a mediator)."""

    def reply(self, session, request, pk):
        return self.session(session.pk)


class CaseJointMediationView(_Schedule):
    @extend_schema(tags=TAGS, responses={200: JointSessionSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """Every joint mediation session of the case (ended ones too), latest first."""
        sessions = selectors.joint_sessions(user=request.user, case_id=pk)
        return Response(JointSessionSerializer(sessions, many=True).data)


class HeldView(_SessionWrite, input=JointHeldInputSerializer, service=services.joint_session_hold):
    """Record the session as held, with who was present (at least one arbitrator and one inspector)."""


class AgreementView(_SessionWrite, input=JointAgreementInputSerializer, service=services.joint_session_agree):
    """Record the agreement: the inspection and arbitration tracks and the case close (outcome mediated) and the joint
    mediation agreement (联合调解协议书) is issued."""


class FailedView(_SessionWrite, input=JointFailedInputSerializer, service=services.joint_session_fail):
    """Record that no agreement was reached: the session ends and the tracks continue."""


class CancelView(_SessionWrite, input=JointCancelInputSerializer, service=services.joint_session_cancel):
    """Call off a session that has not been held."""
