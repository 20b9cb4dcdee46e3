"""Reads of the hearing calendar: a room's and an arbitrator's schedule, one query each."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.access import staff_of

from .models import Hearing, HearingState

# What occupies a calendar: hearings to come and hearings that took place. Postponed and cancelled ones
# are on the case's timeline, not in anyone's diary.
CALENDAR_STATES = (HearingState.SCHEDULED, HearingState.HELD)
SPANS = {"day": 1, "week": 7}


def _window(day: datetime.date, span: str) -> tuple[datetime.datetime, datetime.datetime]:
    """Local midnight to midnight; a week runs Monday to Sunday around the given day."""
    if span not in SPANS:
        raise ValueError(f"span must be one of {sorted(SPANS)}")
    first = day - datetime.timedelta(days=day.weekday()) if span == "week" else day
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(first + datetime.timedelta(days=SPANS[span]), datetime.time.min, tzinfo=tz)
    return start, end


def _calendar(window, states):
    start, end = window
    return (
        Hearing.objects.filter(state__in=states, starts_at__lt=end, ends_at__gt=start)
        .select_related("case", "room")
        .order_by("starts_at", "id")
    )


def room_schedule(
    *, user, room_id: int, day: datetime.date, span: str = "day", states=CALENDAR_STATES
) -> list[Hearing]:
    """The hearings in a room of the user's organisation (or of the organisation above it).

    A room the user may not see gives an empty schedule, without a query to tell the two apart.
    """
    profile = staff_of(user)
    org_ids = {profile.organization_id, profile.organization.parent_id} - {None}
    return list(_calendar(_window(day, span), states).filter(room_id=room_id, room__organization_id__in=org_ids))


def arbitrator_schedule(
    *, user, arbitrator_id: int, day: datetime.date, span: str = "day", states=CALENDAR_STATES
) -> list[Hearing]:
    """The hearings an arbitrator sits at; readable by the arbitrator and by colleagues of the same organisation."""
    profile = staff_of(user)
    qs = _calendar(_window(day, span), states)
    if arbitrator_id == user.pk:
        return list(qs.filter(seats__arbitrator_id=arbitrator_id))
    # One filter() call, so both conditions apply to the same seat.
    return list(
        qs.filter(seats__arbitrator_id=arbitrator_id, seats__arbitrator__staff__organization_id=profile.organization_id)
    )
