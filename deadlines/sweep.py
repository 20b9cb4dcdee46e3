"""The clock sweep: remind before a deadline, escalate once it has passed (issue 3, item 7).

Celery beat calls this every CLOCK_SWEEP_SECONDS. The timers are the dates on the clocks themselves, so
a sweep that did not run (a worker down for an hour) loses nothing: the next one finds the same rows.

The sweep is set-based: it works in batches of up to `batch_size` clocks, each batch one transaction of
a fixed number of statements whatever the number of clocks in it.

- Claim: one UPDATE stamps reminded_at / escalated_at on the batch. On PostgreSQL the rows are picked
  with FOR UPDATE SKIP LOCKED, so two sweeps in two workers at once split the work instead of both
  claiming a row, and a row claimed and committed by the other sweep no longer matches (its stamp is set).
  SQLite has one writer at a time, so the UPDATE itself is the claim there.
- Announce: one timeline event per clock (internal), then the notifications of the people who answer for
  it (unique per recipient and event).

On PostgreSQL claim and announce are a single statement (data-modifying CTEs): at a million open clocks
the first sweep of a day writes tens of thousands of rows, and building them as Django objects cost four
times the target. Elsewhere (SQLite, the embedded default) the same steps run as three
ORM queries and two bulk inserts. Both paths take their wording from disputes.presentation.event_label
and are held to the same tests (tests/deadlines/test_sweep.py, run on both databases).

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

from core.models import Role, StaffProfile
from disputes.models import Case, CaseEvent, Notification
from disputes.presentation import event_label

from .models import Clock, ClockState, DeadlineRule

# Who may be handed a reminder when the case has no handler of its own at the clock's organisation.
HANDLER_ROLES = (Role.CLERK, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.LEGAL_AID, Role.SUPERVISOR)
ESCALATION_ROLES = (Role.SUPERVISOR,)
# The language of notifications: the staff of Weifang read Chinese, whatever the sweep's own locale.
LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class _Pass:
    action: str
    stamp: str  # the column that records the claim
    condition: str  # SQL over running clocks, with %(today)s


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
    batch = _batch_postgresql if connection.vendor == "postgresql" else _batch_orm
    total = 0
    while True:
        with transaction.atomic():
            n = batch(pass_, today, batch_size)
        total += n
        # Fewer than a full batch: nothing was left, or the rest is locked by a concurrent sweep that
        # will announce it itself.
        if n < batch_size:
            return total


def _params(today: datetime.date, batch_size: int) -> dict:
    return {
        "today": connection.ops.adapt_datefield_value(today),
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
        "limit": batch_size,
    }


# The state is written as a literal so that PostgreSQL matches the partial indexes on running clocks.
_RUNNING = f"state = '{ClockState.RUNNING.value}'"


def _tables() -> dict:
    q = connection.ops.quote_name
    return {
        "clock": q(Clock._meta.db_table), "rule": q(DeadlineRule._meta.db_table), "case": q(Case._meta.db_table),
        "event": q(CaseEvent._meta.db_table), "notification": q(Notification._meta.db_table),
        "user": q(get_user_model()._meta.db_table), "staff": q(StaffProfile._meta.db_table),
    }


# --- PostgreSQL: one statement per batch ---


def claim_sql(pass_: _Pass) -> str:
    """Pick and stamp a batch, returning what the messages need."""
    t = _tables()
    # A CTE with FOR UPDATE is never inlined: the pick runs once, then the update joins on it.
    return f"""
        WITH picked AS (
            SELECT id FROM {t['clock']}
            WHERE {_RUNNING} AND {pass_.condition}
            LIMIT %(limit)s
            FOR UPDATE SKIP LOCKED
        )
        UPDATE {t['clock']} AS c SET {pass_.stamp} = %(now)s
        FROM picked WHERE c.id = picked.id
        RETURNING c.id, c.case_id, c.rule_id, c.owner_org_id, c.due_on, c.missing_year
    """


# Placeholders handed to event_label, replaced by each clock's values in SQL: the wording stays in one place.
_NAME, _DUE = "\x01name\x01", "\x01due\x01"


def _recipients_sql(pass_: _Pass, t: dict) -> str:
    staff_of_org = f"""
        SELECT i.id AS clock_id, s.user_id FROM info i
        JOIN {t['staff']} s ON s.organization_id = i.owner_org_id AND s.role = ANY(%(roles)s)
        JOIN {t['user']} su ON su.id = s.user_id AND su.is_active
    """
    owner = "SELECT i.id, i.owner_user_id FROM info i WHERE i.owner_answers"
    if pass_ is ESCALATE:
        return f"{staff_of_org} UNION {owner}"
    return f"""
        {staff_of_org} WHERE NOT i.owner_answers
        UNION {owner}
        UNION SELECT i.id, i.first_handler_id FROM info i WHERE i.first_handler_answers
    """


def _batch_postgresql(pass_: _Pass, today: datetime.date, batch_size: int) -> int:
    sql, params = batch_sql(pass_, today, batch_size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def batch_sql(pass_: _Pass, today: datetime.date, batch_size: int) -> tuple[str, dict]:
    """One batch as one statement: claim, timeline events, notifications; selects the number claimed."""
    t = _tables()
    with override(LANGUAGE):
        template = event_label(CaseEvent(action=pass_.action, payload={"rule_name": _NAME, "due_on": _DUE}))
    sql = f"""
        WITH claimed AS ({claim_sql(pass_)}),
        info AS (
            SELECT cl.*, r.code AS rule_code, r.name AS rule_name, k.number, k.owner_user_id,
                   k.first_handler_id, to_char(cl.due_on, 'YYYY-MM-DD') AS due,
                   -- see _recipients_of for who answers for a clock
                   (k.owner_user_id IS NOT NULL AND ou.is_active AND k.owner_org_id = cl.owner_org_id)
                       AS owner_answers,
                   (k.first_handler_released_at IS NULL AND fh.is_active) AS first_handler_answers
            FROM claimed cl
            JOIN {t['rule']} r ON r.id = cl.rule_id
            JOIN {t['case']} k ON k.id = cl.case_id
            JOIN {t['user']} fh ON fh.id = k.first_handler_id
            LEFT JOIN {t['user']} ou ON ou.id = k.owner_user_id
        ),
        events AS (
            INSERT INTO {t['event']} (case_id, created_at, actor_id, actor_org_id, actor_role, action, from_state,
                                      to_state, reason_code, reason, payload, is_public)
            SELECT i.case_id, %(now)s, NULL, NULL, '', %(action)s, '', '', '', '',
                   jsonb_build_object('clock', i.id, 'rule', i.rule_code, 'rule_name', i.rule_name,
                                      'due_on', i.due, 'missing_year', i.missing_year),
                   false
            FROM info i
            RETURNING id, case_id, (payload ->> 'clock')::bigint AS clock_id
        ),
        recipients AS ({_recipients_sql(pass_, t)}),
        notified AS (
            INSERT INTO {t['notification']} (recipient_id, case_id, event_id, text, created_at)
            SELECT r.user_id, e.case_id, e.id,
                   left(i.number || ': ' || replace(replace(%(template)s, %(name)s, i.rule_name), %(due)s, i.due), 300),
                   %(now)s
            FROM recipients r JOIN events e ON e.clock_id = r.clock_id JOIN info i ON i.id = r.clock_id
            ON CONFLICT DO NOTHING
        )
        SELECT count(*) FROM events
    """
    params = {
        **_params(today, batch_size), "action": pass_.action, "template": template, "name": _NAME, "due": _DUE,
        "roles": [role.value for role in (ESCALATION_ROLES if pass_ is ESCALATE else HANDLER_ROLES)],
    }
    return sql, params


# --- elsewhere: claim, then three queries and two bulk inserts per batch ---


def _batch_orm(pass_: _Pass, today: datetime.date, batch_size: int) -> int:
    t = _tables()
    sql = f"""
        UPDATE {t['clock']} SET {pass_.stamp} = %(now)s
        WHERE id IN (SELECT id FROM {t['clock']} WHERE {_RUNNING} AND {pass_.condition} LIMIT %(limit)s)
          AND {pass_.stamp} IS NULL
        RETURNING id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, _params(today, batch_size))
        ids = [row[0] for row in cursor.fetchall()]
    if ids:
        _announce(pass_, ids)
    return len(ids)


def _announce(pass_: _Pass, ids: list[int]) -> None:
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
    with override(LANGUAGE):
        for c, event in zip(clocks, events):
            text = f"{c['case__number']}: {event_label(event)}"[:300]
            for user_id in sorted(_recipients_of(pass_, c, staff)):
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


def _recipients_of(pass_: _Pass, c: dict, staff: dict[int, list[tuple[int, str]]]) -> set[int]:
    org = c["owner_org_id"]
    # The case's handler answers for the clock only when the clock belongs to the handler's organisation:
    # a referral's acceptance clock belongs to the receiving team, not to the sender's clerk.
    owner = (
        c["case__owner_user_id"]
        if c["case__owner_user_id"] and c["case__owner_user__is_active"] and c["case__owner_org_id"] == org
        else None
    )
    if pass_ is ESCALATE:
        ids = {user_id for user_id, role in staff.get(org, ()) if role in ESCALATION_ROLES}
        if owner:
            ids.add(owner)
        return ids
    ids = {owner} if owner else {user_id for user_id, _role in staff.get(org, ())}
    # First-asked responsibility: whoever received the complaint stays accountable until another team
    # has accepted it.
    if c["case__first_handler_released_at"] is None and c["case__first_handler__is_active"]:
        ids.add(c["case__first_handler_id"])
    return ids
