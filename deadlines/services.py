"""Clocks run by themselves: case events start, pause, resume, restart and satisfy them.

`clocks_on_event` is called by disputes.services.event_append inside the same transaction as the change,
so a clock never disagrees with the case. Clock events are appended to the case timeline (internal).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied
from disputes.choices import ENDED_STATES, CaseState
from disputes.kit import inputs
from disputes.models import CaseEvent

from .calendar import CalendarMissing, WorkCalendar
from .models import Clock, ClockState, DeadlineRule, Unit
from .selectors import active_rules

ACTIVE = (ClockState.RUNNING, ClockState.PAUSED)


def event_keys(action: str, payload: dict) -> set[str]:
    """The trigger names an event answers to: its action, and action:qualifier (purpose, channel, or priority for
    a green-channel case's hand-off)."""
    keys = {action}
    if payload.get("purpose"):
        keys.add(f"{action}:{payload['purpose']}")
    if action == "registered" and payload.get("channel"):
        keys.add(f"registered:{payload['channel']}")
    if payload.get("priority"):
        keys.add(f"{action}:priority")
    return keys


class _Lazy:
    """Load the calendar only when a date has to be computed (most events touch no clock)."""

    def __init__(self):
        self._cal = None

    def __call__(self) -> WorkCalendar:
        if self._cal is None:
            self._cal = WorkCalendar.load()
        return self._cal


def _total(clock: Clock) -> int:
    return clock.rule.length + (clock.rule.extension_length if clock.extended_at else 0)


def _schedule(clock: Clock, cal: WorkCalendar) -> None:
    """Compute due and reminder dates from the current stretch; a missing calendar year is recorded, not guessed."""
    rule = clock.rule
    previous_due = clock.due_on
    clock.missing_year = None
    if rule.unit == Unit.SET_BY_DECISION:
        clock.due_on = clock.set_due_on
    else:
        try:
            clock.due_on = cal.add(clock.stretch_started_on, max(_total(clock) - clock.consumed, 0), rule.unit)
        except CalendarMissing as exc:
            clock.due_on, clock.remind_on, clock.missing_year = None, None, exc.year
            return
    clock.remind_on = None
    if clock.due_on and rule.remind_before:
        try:
            clock.remind_on = cal.subtract_working_days(clock.due_on, rule.remind_before)
        except CalendarMissing:
            clock.remind_on = clock.due_on
    if clock.due_on != previous_due:
        # A new date deserves its own reminder and escalation; an unchanged one must not repeat them.
        clock.reminded_at = None
        clock.escalated_at = None


def _timeline(case, event, action: str, clock: Clock) -> dict:
    return dict(
        case=case, actor=event.actor if event else None, actor_org=event.actor_org if event else None,
        actor_role=event.actor_role if event else "", action=action, is_public=False,
        payload={
            "clock": clock.pk, "rule": clock.rule.code, "rule_name": clock.rule.name,
            "due_on": clock.due_on.isoformat() if clock.due_on else None, "missing_year": clock.missing_year,
        },
    )


def clocks_on_event(*, case, event, today: datetime.date | None = None, fresh_case: bool = False) -> list[Clock]:
    today = today or timezone.localdate()
    payload = event.payload or {}
    keys = event_keys(event.action, payload)
    if case.status not in (*ENDED_STATES, CaseState.ARCHIVED) and not keys & _keys_read_by_rules():
        # An event no rule reads (a note, an assignment) changes no clock: none is read or locked for it, so a
        # batch of such events costs no query per case.
        return []
    referral_subject = f"referral:{payload['referral']}" if payload.get("referral") else ""
    cal = _Lazy()
    changed: list[tuple[str, Clock]] = []

    # of=self: the rules are joined only to be read. Locked with their clocks, the rule rows (shared by every
    # case in the city) were held FOR UPDATE until commit: any other transaction writing a clock waited on
    # its rule's key check, and two of them deadlocked under load.
    active = [] if fresh_case else list(
        Clock.objects.select_for_update(of=("self",)).filter(case=case, state__in=ACTIVE).select_related("rule")
        .order_by("id")
    )
    for clock in active:
        rule = clock.rule
        # A clock about one referral is answered only by events of that referral.
        if clock.subject and referral_subject and clock.subject != referral_subject:
            continue
        if keys & set(rule.satisfy_on):
            clock.state, clock.satisfied_at = ClockState.SATISFIED, timezone.now()
            changed.append(("clock_satisfied", clock))
        elif keys & set(rule.restart_on):
            clock.state, clock.started_on, clock.stretch_started_on = ClockState.RUNNING, today, today
            clock.consumed, clock.paused_on, clock.restarts = 0, None, clock.restarts + 1
            _schedule(clock, cal())
            changed.append(("clock_restarted", clock))
        elif keys & set(rule.pause_on) and clock.state == ClockState.RUNNING and rule.unit in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS):
            try:
                used = cal().used(clock.stretch_started_on, today, rule.unit)
            except CalendarMissing as exc:
                clock.missing_year = exc.year
                used = 0
            clock.state, clock.consumed, clock.paused_on = ClockState.PAUSED, clock.consumed + used, today
            clock.due_on = clock.remind_on = None
            changed.append(("clock_paused", clock))
        elif keys & set(rule.resume_on) and clock.state == ClockState.PAUSED:
            clock.state, clock.stretch_started_on, clock.paused_on = ClockState.RUNNING, today, None
            _schedule(clock, cal())
            changed.append(("clock_resumed", clock))

    running = {(c.rule_id, c.subject) for c in active if c.state in ACTIVE}
    for rule in _rules_started_by(keys):
        subject = referral_subject if event.action == "referral_offered" else ""
        if (rule.pk, subject) in running:
            continue
        clock = Clock(
            case=case, rule=rule, subject=subject, started_on=today, stretch_started_on=today,
            # A track's event may name the organisation that answers for the clocks it starts (a legal-aid
            # station for its aid file's clocks); otherwise the case's handling organisation does.
            owner_org_id=payload.get("to_org") if event.action == "referral_offered"
            else payload.get("clock_org") or case.owner_org_id,
            set_due_on=_parse_date(payload.get("due_on")) if rule.unit == Unit.SET_BY_DECISION else None,
        )
        _schedule(clock, cal())
        clock.save()
        changed.append(("clock_started", clock))

    if case.status in (*ENDED_STATES, CaseState.ARCHIVED):
        # Whatever the law still had running for a case that has ended stops here.
        for clock in active:
            if clock.state in ACTIVE:
                clock.state = ClockState.CANCELLED
                changed.append(("clock_cancelled", clock))

    for action, clock in changed:
        if action != "clock_started":
            clock.save()
    if changed:
        CaseEvent.objects.bulk_create([CaseEvent(**_timeline(case, event, action, clock)) for action, clock in changed])
    return [c for _, c in changed]


def _keys_read_by_rules() -> set[str]:
    keys: set[str] = set()
    for rule in active_rules():
        for on in (rule.start_on, rule.satisfy_on, rule.restart_on, rule.pause_on, rule.resume_on):
            keys.update(on)
    return keys


def _rules_started_by(keys: set[str]) -> list[DeadlineRule]:
    # The rules table is a few dozen rows; filtering in Python keeps the JSON lookups portable.
    return [r for r in active_rules() if keys & set(r.start_on)]


def _parse_date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def clock_extend(*, clock_id: int, actor, reason: str) -> Clock:
    """Extend a running clock once, by the rule's extension, on the recorded approval of the right role."""
    profile = staff_of(actor)
    reason = inputs.text(reason, "reason", missing=_("Record the approval and its reason."))
    with transaction.atomic():
        # The clock and its case locked (as any change to the case is), not the rule every case shares.
        clock = Clock.objects.select_for_update(of=("self", "case")).select_related("rule", "case").filter(pk=clock_id).first()
        if clock is None:
            raise NotFound()
        rule, case = clock.rule, clock.case
        # The organisation the clock holds to account approves its extension (a legal-aid station for its
        # own review, the handling organisation for the case's clocks).
        if profile.organization_id not in (clock.owner_org_id, case.owner_org_id):
            raise NotFound()
        if not rule.extension_length or profile.role != rule.extension_role:
            raise PermissionDenied(_("This deadline cannot be extended by your role."))
        if clock.extended_at:
            raise Conflict(_("This deadline has already been extended once."), code="already_extended")
        if clock.state != ClockState.RUNNING:
            raise Conflict(_("Only a running deadline can be extended."), code="clock_not_running")
        clock.extended_at, clock.extended_by, clock.extension_reason = timezone.now(), actor, reason
        _schedule(clock, WorkCalendar.load())
        clock.save()
        CaseEvent.objects.create(**{**_timeline(case, None, "clock_extended", clock), "actor": actor,
                                    "actor_org": profile.organization, "actor_role": profile.role, "reason": reason})
    return clock


def clocks_recompute_for_year(year: int) -> int:
    """After an administrator enters or corrects a year's calendar: date the clocks that were waiting for it,
    and re-date the running clocks whose dates fall in it (a corrected holiday moves them)."""
    cal = WorkCalendar.load()
    n = 0
    affected = Q(missing_year=year) | Q(due_on__year=year) | Q(remind_on__year=year)
    with transaction.atomic():
        running = Clock.objects.select_for_update(of=("self",)).filter(affected, state=ClockState.RUNNING)
        for clock in running.select_related("rule"):
            _schedule(clock, cal)
            clock.save()
            n += 1
    return n


def clock_extend_on_record(*, case, rule_code: str, actor, profile, reason: str) -> Clock:
    """Extend the case's running clock of this rule once, on a record the calling service has just written (the
    parties' agreement to extend a mediation); the caller holds the transaction and the case's lock and has
    checked who may record it. A rule whose extension no staff role approves is extended only this way."""
    clock = (
        Clock.objects.select_for_update(of=("self",)).select_related("rule")
        .filter(case=case, rule__code=rule_code, state__in=ACTIVE).first()
    )
    if clock is None or clock.state != ClockState.RUNNING:
        raise Conflict(_("Only a running deadline can be extended."), code="clock_not_running")
    if not clock.rule.extension_length:
        raise PermissionDenied(_("This deadline cannot be extended by your role."))
    if clock.extended_at:
        raise Conflict(_("This deadline has already been extended once."), code="already_extended")
    clock.extended_at, clock.extended_by, clock.extension_reason = timezone.now(), actor, reason
    _schedule(clock, WorkCalendar.load())
    clock.save()
    CaseEvent.objects.create(**{**_timeline(case, None, "clock_extended", clock), "actor": actor,
                                "actor_org": profile.organization, "actor_role": profile.role, "reason": reason})
    return clock
