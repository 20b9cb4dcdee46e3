"""Reads of joint mediation. Visibility is the case's (disputes.selectors.cases_visible_to), applied once here:
the participants' organisations see the case through it too."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.errors import NotFound
from disputes.models import Case
from disputes.kit.doors import Door
from disputes.selectors import cases_visible_to

from .models import JointMediationAgreementItem, JointMediationParticipant, JointMediationSession
from .tracks import candidate_profiles, participant_role, tracks_of

# A joint session's id in a URL (disputes.kit.doors).
SESSION = Door(JointMediationSession, "session_id")


def _sessions() -> QuerySet[JointMediationSession]:
    return (
        JointMediationSession.objects.select_related("created_by", "ended_by", "agreement", "agreement__document")
        .prefetch_related(
            Prefetch("participants", queryset=JointMediationParticipant.objects.select_related("user", "organization")),
            Prefetch("agreement__items", queryset=JointMediationAgreementItem.objects.select_related("claim")),
        )
    )


def visible_case(*, user, case_id: int) -> Case:
    case = (
        cases_visible_to(user).select_related("worker", "employer", "division", "owner_org")
        .prefetch_related("claims").filter(pk=case_id).first()
    )
    if case is None:
        raise NotFound()
    return case


def sessions_of(case: Case) -> list[JointMediationSession]:
    """Every session of the case (ended ones too), latest first."""
    return list(_sessions().filter(case=case).order_by("-scheduled_at", "-id"))


def joint_sessions(*, user, case_id: int) -> list[JointMediationSession]:
    return sessions_of(visible_case(user=user, case_id=case_id))


def joint_session(*, user, session_id: int) -> JointMediationSession:
    session = _sessions().filter(pk=session_id, case__in=cases_visible_to(user)).first()
    if session is None:
        raise NotFound()
    return session


def session_after_write(session_id: int) -> JointMediationSession:
    """The session a service has just changed for its caller (who was authorised by the service: a participant
    who cancelled a session no longer sees the case, yet is answered with what they did)."""
    return _sessions().get(pk=session_id)


def eligible_participants(case: Case) -> list[tuple[object, str]]:
    """(StaffProfile, role) of everyone who may take part in a joint session of this case, arbitrators first."""
    tracks = tracks_of(case)
    rows = [(p, participant_role(p, case, tracks)) for p in candidate_profiles(case, tracks)]
    return [(p, role) for p, role in rows if role is not None]
