"""The green channel (绿色通道, measure 11 of Weifang's 22 measures): a case marked for priority handling with a
coded ground and a note. It goes first in every queue (disputes.selectors.QUEUE_ORDER, served by the queue's
partial indexes) and its events start the green channel's own service-level clocks: local rules, marked as such,
kept apart from the statutory ones (deadlines.rules_data, track "green_channel").

A collective dispute (disputes.collective) is one matter in the channel: marking, changing or clearing its lead
does the same on every member, in the same transaction, each member's event naming the lead (their clocks start
and end with it); a member is not marked or cleared alone (409 `group_member`). A group is not put in the channel
by itself: the collective flag already ranks it first after the channel's cases, and entering the channel (which
starts its clocks) is a decision with a note; the "collective" ground is there for it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import staff_of
from core.errors import Conflict, ValidationFailed

from .choices import ACTIVE_STATES, PriorityGround
from .kit import guards
from .models import HANDLERS, Case, CaseEvent
from .services import bump_version, event_build, event_recorded, group_members_locked, lead_payload, lock_case


def _apply(lead, members, *, actor, profile, values: dict, event_for) -> None:
    """Write `values` on the case (guarded by its version) and on each of its members that differs (one UPDATE),
    their events in one INSERT (`event_for(was_priority)`: the action and its details), each member's naming
    the lead."""
    was = {c.pk: c.is_priority for c in (lead, *members)}
    for field, value in values.items():
        setattr(lead, field, value)
    bump_version(lead, list(values))
    changing = [m for m in members if any(getattr(m, f) != v for f, v in values.items())]
    if changing:
        Case.objects.filter(pk__in=[m.pk for m in changing]).update(
            version=F("version") + 1, updated_at=timezone.now(), **values)
    events = []
    for case in (lead, *changing):
        if case is not lead:
            for field, value in values.items():
                setattr(case, field, value)
            case.version += 1
        action, extra = event_for(was[case.pk])
        extra["payload"] = {**extra.get("payload", {}), **(lead_payload(lead) if case is not lead else {})}
        events.append(event_build(case=case, actor=actor, profile=profile, action=action, **extra))
    CaseEvent.objects.bulk_create(events)
    for event in events:
        event_recorded(event)


def case_mark_priority(*, case_id: int, actor, ground: str, note: str, version: int | None = None) -> Case:
    """Put an open case in the green channel (staff of the handling organisation in a handling role)."""
    profile = staff_of(actor)
    note = (note or "").strip()
    errors = {}
    if ground not in PriorityGround.values:
        errors["ground"] = [str(_("Choose the ground for priority handling."))]
    if not note:
        errors["note"] = [str(_("Say briefly why this case needs priority."))]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case = lock_case(case_id, version)
        guards.refuse_group_member(case)
        guards.require_handler(case, profile, HANDLERS)
        guards.require_stage(case, ACTIVE_STATES, _("Only an open case can be given priority."))
        if case.is_priority and case.priority_ground == ground and case.priority_note == note:
            raise Conflict(_("The case is already in the green channel."), code="already_priority")
        _apply(case, group_members_locked(case), actor=actor, profile=profile,
               values={"is_priority": True, "priority_ground": ground, "priority_note": note},
               event_for=lambda was: ("priority_changed" if was else "priority_marked", {
                   "reason_code": ground, "reason": note, "payload": {"ground": ground}, "is_public": True}))
    return case


def case_clear_priority(*, case_id: int, actor, reason: str, version: int | None = None) -> Case:
    """Take a case out of the green channel, with the reason; its green-channel clocks end."""
    profile = staff_of(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [str(_("A reason is required for this action."))]})
    with transaction.atomic():
        case = lock_case(case_id, version)
        guards.refuse_group_member(case)
        guards.require_handler(case, profile, HANDLERS)
        if not case.is_priority:
            raise Conflict(_("The case is not in the green channel."), code="not_priority")
        _apply(case, group_members_locked(case), actor=actor, profile=profile,
               values={"is_priority": False, "priority_ground": "", "priority_note": ""},
               event_for=lambda was: ("priority_cleared", {"reason": reason}))
    return case
