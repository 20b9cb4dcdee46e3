"""The green channel (绿色通道, measure 11 of Weifang's 22 measures): a case marked for priority handling with a
coded ground and a note. It goes first in every queue (disputes.selectors.QUEUE_ORDER, served by the queue's
partial indexes) and its events start the green channel's own service-level clocks: local rules, marked as such,
kept apart from the statutory ones (deadlines.rules_data, track "green_channel")."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.access import staff_of
from core.errors import Conflict, ValidationFailed

from .choices import ACTIVE_STATES, PriorityGround
from .kit import guards
from .models import HANDLERS, Case
from .services import bump_version, event_append, lock_case


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
        guards.require_handler(case, profile, HANDLERS)
        guards.require_stage(case, ACTIVE_STATES, _("Only an open case can be given priority."))
        if case.is_priority and case.priority_ground == ground and case.priority_note == note:
            raise Conflict(_("The case is already in the green channel."), code="already_priority")
        first = not case.is_priority
        case.is_priority, case.priority_ground, case.priority_note = True, ground, note
        bump_version(case, ["is_priority", "priority_ground", "priority_note"])
        event_append(
            case=case, actor=actor, profile=profile, action="priority_marked" if first else "priority_changed",
            reason_code=ground, reason=note, payload={"ground": ground}, is_public=True,
        )
    return case


def case_clear_priority(*, case_id: int, actor, reason: str, version: int | None = None) -> Case:
    """Take a case out of the green channel, with the reason; its green-channel clocks end."""
    profile = staff_of(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [str(_("A reason is required for this action."))]})
    with transaction.atomic():
        case = lock_case(case_id, version)
        guards.require_handler(case, profile, HANDLERS)
        if not case.is_priority:
            raise Conflict(_("The case is not in the green channel."), code="not_priority")
        case.is_priority, case.priority_ground, case.priority_note = False, "", ""
        bump_version(case, ["is_priority", "priority_ground", "priority_note"])
        event_append(case=case, actor=actor, profile=profile, action="priority_cleared", reason=reason)
    return case
