"""The clock sweep: remind before a deadline, escalate once it has passed (issue 3, item 7).

Celery beat calls this every CLOCK_SWEEP_SECONDS. The timers are the dates on the clocks themselves, so
a sweep that did not run (a worker down for an hour) loses nothing: the next one finds the same rows.

The sweep is set-based. Each batch is one transaction of a fixed number of statements, whatever the
number of clocks in it:

1. claim: one UPDATE stamps reminded_at / escalated_at on up to `batch_size` due clocks and returns their
   ids. On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so two sweeps in two workers at once
   split the work instead of both claiming a row; a row claimed and committed by the other sweep no longer
   matches (its stamp is set). SQLite has one writer at a time, so the UPDATE itself is the claim there.
2. read what the messages need (case, rule, owner) in one query, and the staff of the owning
   organisations in one more;
3. bulk-insert one timeline event per clock, then the notifications (unique per recipient and event).

The stamp and the messages commit together: a sweep that fails rolls back its claim, and the next sweep
sends the messages instead. A clock that is rescheduled (resumed, restarted, extended) gets its stamps
cleared by deadlines.services._schedule, so its new deadline is reminded and escalated afresh.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import override

from core.models import Role

from .models import Clock, ClockState

# Who may be handed a reminder when the case has no handler of its own at the clock's organisation.
HANDLER_ROLES = (Role.CLERK, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.LEGAL_AID, Role.SUPERVISOR)


@dataclass(frozen=True)
class _Pass:
    action: str
    stamp: str  # the column that records the claim
    condition: str  # SQL over deadlines_clock, with %s for today's date


REMIND = _Pass(
    action="clock_reminder",
    stamp="reminded_at",
    # A clock already past its due date is escalated instead; a late reminder would only add noise.
    condition="remind_on <= %(today)s AND reminded_at IS NULL AND due_on >= %(today)s",
)
ESCALATE = _Pass(
    action="clock_overdue",
    stamp="escalated_at",
    condition="due_on < %(today)s AND escalated_at IS NULL",
)


def sweep_clocks(*, today: datetime.date | None = None, batch_size: int = 5000) -> dict:
    """Remind and escalate every due clock; return {"reminded": n, "escalated": m, "seconds": t}."""
    today = today or timezone.localdate()
    started = time.perf_counter()
    reminded = _drain(REMIND, today, batch_size)
    escalated = _drain(ESCALATE, today, batch_size)
    return {"reminded": reminded, "escalated": escalated, "seconds": round(time.perf_counter() - started, 3)}


def _drain(pass_: _Pass, today: datetime.date, batch_size: int) -> int:
    total = 0
    while True:
        with transaction.atomic():
            ids = _claim(pass_, today, batch_size)
            if ids:
                _announce(pass_, ids)
        total += len(ids)
        # Fewer than a full batch: nothing was left, or the rest is locked by a concurrent sweep that
        # will announce it itself.
        if len(ids) < batch_size:
            return total


def _claim(pass_: _Pass, today: datetime.date, batch_size: int) -> list[int]:
    sql, params = claim_sql(pass_, today, batch_size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def claim_sql(pass_: _Pass, today: datetime.date, batch_size: int) -> tuple[str, dict]:
    """The claiming statement of one batch (separate so that bench/sweep_clocks.py can EXPLAIN it)."""
    table = connection.ops.quote_name(Clock._meta.db_table)
    params = {
        "today": connection.ops.adapt_datefield_value(today),
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "limit": batch_size,
    }
    # The state is written as a literal so that PostgreSQL matches the partial indexes on running clocks.
    running = f"state = '{ClockState.RUNNING.value}'"
    if connection.vendor == "postgresql":
        # A CTE with FOR UPDATE is never inlined: the pick runs once, then the update joins on it.
        sql = f"""
            WITH picked AS (
                SELECT id FROM {table}
                WHERE {running} AND {pass_.condition}
                LIMIT %(limit)s
                FOR UPDATE SKIP LOCKED
            )
            UPDATE {table} AS c SET {pass_.stamp} = %(now)s
            FROM picked WHERE c.id = picked.id
            RETURNING c.id
        """
    else:
        sql = f"""
            UPDATE {table} SET {pass_.stamp} = %(now)s
            WHERE id IN (SELECT id FROM {table} WHERE {running} AND {pass_.condition} LIMIT %(limit)s)
              AND {pass_.stamp} IS NULL
            RETURNING id
        """
    return sql, params


def _announce(pass_: _Pass, ids: list[int]) -> None:
    from disputes.models import CaseEvent, Notification
    from disputes.presentation import event_label

    clocks = list(
        Clock.objects.filter(pk__in=ids).order_by("id").values(
            "id", "case_id", "owner_org_id", "due_on", "missing_year", "rule__code", "rule__name",
            "case__number", "case__owner_org_id", "case__owner_user_id", "case__owner_user__is_active",
            "case__first_handler_id", "case__first_handler__is_active", "case__first_handler_released_at",
        )
    )
    staff = _staff_by_org({c["owner_org_id"] for c in clocks})

    events = CaseEvent.objects.bulk_create([
        CaseEvent(
            case_id=c["case_id"], action=pass_.action, is_public=False,
            payload={
                "clock": c["id"], "rule": c["rule__code"], "rule_name": c["rule__name"],
                "due_on": c["due_on"].isoformat() if c["due_on"] else None, "missing_year": c["missing_year"],
            },
        )
        for c in clocks
    ])
    notifications = []
    with override("zh-hans"):
        for c, event in zip(clocks, events):
            text = f"{c['case__number']}: {event_label(event)}"[:300]
            for user_id in sorted(_recipients(pass_, c, staff)):
                notifications.append(Notification(recipient_id=user_id, case_id=c["case_id"], event=event, text=text))
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)


def _staff_by_org(org_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    rows = (
        get_user_model().objects
        .filter(is_active=True, staff__organization_id__in=org_ids, staff__role__in=HANDLER_ROLES)
        .values_list("id", "staff__organization_id", "staff__role")
    )
    by_org: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for user_id, org_id, role in rows:
        by_org[org_id].append((user_id, role))
    return by_org


def _recipients(pass_: _Pass, c: dict, staff: dict[int, list[tuple[int, str]]]) -> set[int]:
    org = c["owner_org_id"]
    # The case's handler answers for the clock only when the clock belongs to the handler's organisation:
    # a referral's acceptance clock belongs to the receiving team, not to the sender's clerk.
    owner = (
        c["case__owner_user_id"]
        if c["case__owner_user_id"] and c["case__owner_user__is_active"] and c["case__owner_org_id"] == org
        else None
    )
    if pass_ is ESCALATE:
        ids = {user_id for user_id, role in staff.get(org, ()) if role == Role.SUPERVISOR}
        if owner:
            ids.add(owner)
        return ids
    ids = {owner} if owner else {user_id for user_id, _role in staff.get(org, ())}
    # First-asked responsibility: whoever received the complaint stays accountable until another team
    # has accepted it.
    if c["case__first_handler_released_at"] is None and c["case__first_handler__is_active"]:
        ids.add(c["case__first_handler_id"])
    return ids
