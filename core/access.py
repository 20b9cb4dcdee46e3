"""Who is acting: one helper every service and selector resolves the actor through."""

from django.contrib.auth import get_user_model

from core.errors import PermissionDenied
from core.models import StaffProfile


def staff_of(user) -> StaffProfile:
    """The actor's staff profile, or a 403. Superusers without a profile act through the admin only."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied()
    descriptor = get_user_model().staff  # the reverse one-to-one of StaffProfile.user (user may be a lazy object)
    if descriptor.is_cached(user):
        profile = descriptor.related.get_cached_value(user)  # None when known to have no profile
    else:
        # One query for what every request needs (profile, organisation, its division) instead of three;
        # cached on the user object as `user.staff` would be.
        profile = StaffProfile.objects.select_related("organization__division").filter(user=user).first()
        descriptor.related.set_cached_value(user, profile)
    if profile is None:
        raise PermissionDenied()
    if not profile.organization.is_active or not user.is_active:
        raise PermissionDenied()
    return profile
