"""Reads of clocks: per case, due buckets for queues and dashboards, and the worker's next date."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from core.models import Organization
from core.refdata import cached
from core.rows import Columns, select_related_rows

from .calendar import CalendarMissing, WorkCalendar, calendar_gaps
from .models import Clock, ClockState, DeadlineRule

BUCKETS = ("overdue", "today", "soon")

_CLOCK = Columns(Clock, "k")


def _load_rules() -> dict[str, tuple]:
    rules = list(DeadlineRule.objects.order_by("id"))
    return {
        "active": tuple(r for r in rules if r.is_active),
        "by_code": {r.code: r for r in rules},
        "by_id": {r.pk: r for r in rules},
        "shown_to_worker": {r.pk: r for r in rules if r.show_to_worker},
    }


def active_rules() -> tuple[DeadlineRule, ...]:
    """The active deadline rules in id order, from the process's copy while current (core.refdata).
    Shared objects: read them, never change them."""
    return cached("deadline_rules", _load_rules)["active"]


def rule_by_code(code: str) -> DeadlineRule:
    try:
        return cached("deadline_rules", _load_rules)["by_code"][code]
    except KeyError:
        raise DeadlineRule.DoesNotExist(code) from None


def bucket_range(bucket: str, today: datetime.date, cal: WorkCalendar | None = None) -> Q:
    """overdue: due before today; today: due today; soon: due after today within 3 working days."""
    if bucket == "overdue":
        return Q(due_on__lt=today)
    if bucket == "today":
        return Q(due_on=today)
    if bucket == "soon":
        cal = cal or WorkCalendar.load()
        try:
            horizon = cal.add_working_days(today, 3)
        except CalendarMissing:
            # Near a year without calendar: three working days are at most a week or so ahead.
            horizon = today + datetime.timedelta(days=7)
        return Q(due_on__gt=today, due_on__lte=horizon)
    raise ValueError(bucket)


def cases_with_due_clock(bucket: str, today: datetime.date | None = None):
    """An EXISTS filter for case querysets: the case has a running clock in this bucket."""
    today = today or timezone.localdate()
    return Exists(Clock.objects.filter(bucket_range(bucket, today), case=OuterRef("pk"), state=ClockState.RUNNING))


_OWNER_ORG = Columns(Organization, "ko")
_EXTENDED_BY = Columns(get_user_model(), "kx")


def clocks_for_case(case) -> list[Clock]:
    """The case's clocks with their organisations and who extended them, in one statement written out and
    prepared (core.rows), the rules from the process's copy (core.refdata): the case page reads this on
    every view."""
    qn = connection.ops.quote_name
    rows = select_related_rows(
        _CLOCK, [(_CLOCK, "owner_org", _OWNER_ORG), (_CLOCK, "extended_by", _EXTENDED_BY)],
        f"k.{qn('case_id')} = %s", [case.pk],
    )
    rules = cached("deadline_rules", _load_rules)["by_id"]
    for clock in rows:
        Clock.case.field.set_cached_value(clock, case)
        # A rule added since this request read the version stamp is not in the copy yet.
        rule = rules.get(clock.rule_id) or DeadlineRule.objects.get(pk=clock.rule_id)
        Clock.rule.field.set_cached_value(clock, rule)
    # Running and paused first, soonest due first; then the finished ones, latest first.
    active = sorted((c for c in rows if c.state in ("running", "paused")), key=lambda c: (c.due_on or datetime.date.max, c.id))
    done = sorted((c for c in rows if c.state not in ("running", "paused")), key=lambda c: -c.id)
    return active + done


def days_left(clock: Clock, today: datetime.date, cal: WorkCalendar) -> int | None:
    """Days left in the clock's own unit (working days for a working-day period), negative when overdue."""
    if clock.due_on is None or clock.state != ClockState.RUNNING:
        return None
    try:
        if clock.rule.unit == "wd":
            if clock.due_on >= today:
                return cal.working_days_between(today, clock.due_on)
            return -cal.working_days_between(clock.due_on, today)
    except CalendarMissing:
        pass
    return (clock.due_on - today).days


def org_deadline_counts(org_id: int, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    cal = WorkCalendar.load()
    running = Clock.objects.filter(owner_org_id=org_id, state=ClockState.RUNNING)
    counts = running.aggregate(
        overdue=Count("id", filter=bucket_range("overdue", today)),
        today=Count("id", filter=bucket_range("today", today)),
        soon=Count("id", filter=bucket_range("soon", today, cal)),
        missing=Count("id", filter=Q(missing_year__isnull=False, due_on__isnull=True)),
    )
    # The on-time rate supervisors are judged on: deadlines met this year, and how many by their due date.
    year_start = datetime.date(today.year, 1, 1)
    met = Clock.objects.filter(
        owner_org_id=org_id, state=ClockState.SATISFIED, satisfied_at__date__gte=year_start, due_on__isnull=False
    ).aggregate(met=Count("id"), on_time=Count("id", filter=Q(satisfied_at__date__lte=F("due_on"))))
    counts["met"], counts["met_on_time"] = met["met"], met["on_time"]
    counts["on_time_rate"] = round(100 * met["on_time"] / met["met"], 1) if met["met"] else None
    counts["missing_years"] = sorted(
        set(running.filter(missing_year__isnull=False).values_list("missing_year", flat=True).distinct())
    )
    counts["calendar_gaps"] = calendar_gaps(today)
    return counts


def next_date_for_worker(case) -> Clock | None:
    """The running deadline the worker should know about, soonest first (rules marked for the worker).

    Written out (core.rows) with the rules from the process's copy: it is on the public status page, the
    busiest, and the ORM spent more CPU compiling the rule join than PostgreSQL spent running it."""
    rules = cached("deadline_rules", _load_rules)["shown_to_worker"]
    if not rules:
        return None
    qn = connection.ops.quote_name
    ids = sorted(rules)
    found = select_related_rows(
        _CLOCK, [],
        f"k.{qn('case_id')} = %s AND k.{qn('state')} = %s AND k.{qn('rule_id')} IN ({', '.join(['%s'] * len(ids))})",
        [case.pk, str(ClockState.RUNNING), *ids, 1],
        tail=f"ORDER BY k.{qn('due_on')} ASC, k.{qn('id')} ASC LIMIT %s",
    )
    if not found:
        return None
    clock = found[0]
    Clock.rule.field.set_cached_value(clock, rules[clock.rule_id])
    return clock
