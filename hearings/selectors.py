"""Reads of the hearing calendar: a room's and an arbitrator's schedule, one query each."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from core.access import staff_of
from core.errors import NotFound
from core.models import Role
from disputes.kit.doors import Door
from disputes.selectors import cases_visible_to

from .models import Hearing, HearingArbitrator, HearingState, Room

# What occupies a calendar: hearings to come and hearings that took place. Postponed and cancelled ones
# are on the case's timeline, not in anyone's diary.
CALENDAR_STATES = (HearingState.SCHEDULED, HearingState.HELD)
SPANS = {"day": 1, "week": 7}

# A hearing id in a URL (disputes.kit.doors).
HEARING = Door(Hearing, "hearing_id")


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


# --- for a case's arbitration workbench -------------------------------------------------------------


def serving_org_ids(case) -> set[int]:
    """The organisations whose rooms and arbitrators serve the case: its handler and the commission above it
    (the rule hearings.services applies when booking)."""
    return {case.owner_org_id, case.owner_org.parent_id} - {None}


def case_hearings(case) -> list[Hearing]:
    """Every hearing of the case (postponed and cancelled too), in time order, with room and arbitrators."""
    seats = HearingArbitrator.objects.select_related("arbitrator").order_by("id")
    return list(
        Hearing.objects.filter(case=case).select_related("room").prefetch_related(Prefetch("seats", queryset=seats))
        .order_by("starts_at", "id")
    )


def rooms_for_case(case) -> list[Room]:
    """Rooms in use that a hearing of the case may be booked in."""
    return list(
        Room.objects.filter(organization_id__in=serving_org_ids(case), is_active=True)
        .select_related("organization").order_by("organization__name", "name")
    )


def arbitrators_for_case(case) -> list:
    """Active arbitrators who may sit at a hearing of the case."""
    return list(
        get_user_model().objects.filter(
            is_active=True, staff__role=Role.ARBITRATOR, staff__organization_id__in=serving_org_ids(case)
        ).order_by("last_name", "first_name", "username")
    )


def hearing_of_case(*, user, case_id: int, hearing_id: int) -> None:
    """404 unless the hearing belongs to this case and the case is visible to the user."""
    if not Hearing.objects.filter(pk=hearing_id, case_id=case_id, case__in=cases_visible_to(user)).exists():
        raise NotFound()
