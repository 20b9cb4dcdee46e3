"""Who may act on a case: the actor's organisation handles it, the actor has one of the roles given, and the
case is at a stage where the step is possible."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused

from ..models import Case


def lock_case(case_id: int, expected_version: int | None) -> Case:
    """Lock the row for this transaction and refuse a client that read an older version."""
    try:
        case = Case.objects.select_for_update().get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("No such case.")) from None
    if expected_version is not None and case.version != expected_version:
        raise Conflict(fields={"version": case.version})
    return case


def refuse_group_member(case) -> None:
    """Refuse (409) a step of its own on a member of a collective dispute: the group's steps are taken on the
    lead and apply to every member (disputes.collective); a member goes its own way once split off."""
    if case.lead_id is not None:
        raise TransitionRefused(
            _("This case is a member of a collective dispute: take the step on its lead case, or split it off "
              "the group first."),
            code="group_member",
        )


def require_handler(case, profile, roles, *, role_message=None) -> None:
    """Refuse (403) unless the profile's role is one of `roles` and its organisation handles the case.

    The role is checked first: a role that may never do this is told so, whatever the case."""
    if profile.role not in roles:
        raise PermissionDenied(role_message or _("Your role may not take this action."))
    if profile.organization_id != case.owner_org_id:
        raise PermissionDenied(_("Only the organisation handling this case may take this action."))


def handles(case, profile, roles) -> bool:
    """require_handler as a question, for the pages that show only what the user may do."""
    return profile.role in roles and profile.organization_id == case.owner_org_id


def require_stage(case, stages, message=None, *, code=None) -> None:
    """Refuse (409) unless the case is in one of `stages`."""
    if case.status not in stages:
        raise TransitionRefused(message, code=code)


def lock_as_handler(case_id: int, actor, version: int | None, roles, *, stages=None, role_message=None):
    """The preamble of a step on a case, inside its transaction: lock the case at the client's version (a stale
    one is a 409), then require the handler (and the stage, if given). Returns (case, the actor's profile)."""
    profile = staff_of(actor)
    case = lock_case(case_id, version)
    refuse_group_member(case)
    require_handler(case, profile, roles, role_message=role_message)
    if stages is not None:
        require_stage(case, stages)
    return case, profile
