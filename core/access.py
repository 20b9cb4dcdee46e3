"""Who is acting: one helper every service and selector resolves the actor through."""

from core.errors import PermissionDenied
from core.models import StaffProfile


def staff_of(user) -> StaffProfile:
    """The actor's staff profile, or a 403. Superusers without a profile act through the admin only."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied()
    try:
        profile = user.staff
    except StaffProfile.DoesNotExist:
        raise PermissionDenied() from None
    if not profile.organization.is_active or not user.is_active:
        raise PermissionDenied()
    return profile
