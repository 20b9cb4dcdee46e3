"""Who may act on a case: the actor's organisation handles it, and the actor has one of the roles given."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import PermissionDenied


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
