"""Reads of the case file. Organisation scope is applied here once, so no view can forget it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Count, Exists, F, OuterRef, Q, QuerySet, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.access import staff_of
from core.errors import NotFound
from core.models import Division, Organization, Role
from core.refdata import division_by_id
from core.rows import Columns, holds, select_related_rows

from . import registry
from .choices import ACTIVE_STATES, CaseState, ReferralState
from .models import Case, CaseEvent, Claim, Document, Employer, Referral, Worker

# Referral states through which a receiving organisation is involved in a case and may read it.
_INVOLVED = (ReferralState.OFFERED, ReferralState.ACCEPTED)


def _involved_org_q(org_id: int) -> Q:
    involved = Referral.objects.filter(case=OuterRef("pk"), to_org_id=org_id, state__in=_INVOLVED)
    q = Q(owner_org_id=org_id) | Q(first_handler_org_id=org_id) | Exists(involved)
    # The tracks' own ways of involving an organisation (a joint mediation session it takes part in).
    for expression in registry.involvements(org_id):
        q |= expression
    return q


def answers_to_worker(profile, case) -> bool:
    """Whether this staff member's organisation answers to the worker for the case: the handling organisation and
    the one that received it first, which stays accountable. Only they get what holds the worker's query code
    (the receipt)."""
    return profile is not None and profile.organization_id in (case.owner_org_id, case.first_handler_org_id)


def sees_personal_data(profile, case) -> bool:
    """Whether this staff member's organisation reads the worker's ID number and phone in full (page and API
    alike): the organisations answering to the worker, and any a track lets read them (legal aid: the station
    that granted aid). Organisations merely involved (an offered referral, legal aid before the grant) see them
    masked."""
    return answers_to_worker(profile, case) or (profile is not None and registry.reads_personal_data(profile, case))


def document_open_to(kind: str, *, answers_to_worker: bool, sees_personal_data: bool) -> bool:
    """Whether an organisation that reads the case may download a document of this kind: a kind a track
    registered private (the receipt prints the worker's query code) only if it answers to the worker, one
    registered personal only if it reads personal data in full, any other kind always."""
    if registry.document_is_private(kind) and not answers_to_worker:
        return False
    return sees_personal_data or not registry.document_is_personal(kind)


def document_get(*, user, document_id: int) -> Document:
    """A document the user may download, with its case: of a case the user's organisation reads and of a kind
    open to it (document_open_to); NotFound otherwise, the same answer as for a missing id."""
    profile = staff_of(user)
    document = None
    if holds(Document._meta.pk, document_id):
        document = (
            Document.objects.filter(pk=document_id, case__in=cases_visible_to(user)).select_related("case").first()
        )
    if document is None or not document_open_to(
        document.kind, answers_to_worker=answers_to_worker(profile, document.case),
        sees_personal_data=sees_personal_data(profile, document.case),
    ):
        raise NotFound()
    return document


def cases_visible_to(user) -> QuerySet[Case]:
    """Every case the user's organisation handles, received first, has been offered or accepted, or is
    involved in through a track (disputes.registry.add_involvement: joint mediation)."""
    profile = staff_of(user)
    return Case.objects.filter(_involved_org_q(profile.organization_id))


def case_visible_to(user, case_id: int) -> bool:
    return cases_visible_to(user).filter(pk=case_id).exists()


_CASE = Columns(Case, "c")
_WORKER = Columns(Worker, "w")
_EMPLOYER = Columns(Employer, "e")


def case_get(*, user, case_id: int) -> Case:
    """The case with its two parties, if the user's organisation may read it; NotFound otherwise.

    One statement written out and prepared (core.rows). Visibility is still cases_visible_to's rule: the
    handling and the first-receiving organisation are read off the row (the rule's first two terms); any
    other organisation is asked of the rule itself, in a query of its own. An id beyond the column's range
    names no case, as the ORM would answer.
    """
    profile = staff_of(user)
    found = holds(Case._meta.pk, case_id) and select_related_rows(
        _CASE, [(_CASE, "worker", _WORKER), (_CASE, "employer", _EMPLOYER)], f"c.{connection.ops.quote_name('id')} = %s",
        [case_id],
    )
    case = found[0] if found else None
    org_id = profile.organization_id
    if case is None or (
        org_id not in (case.owner_org_id, case.first_handler_org_id) and not case_visible_to(user, case.pk)
    ):
        # Same answer for "does not exist" and "not yours": a guesser learns nothing.
        raise NotFound()
    return case


def case_detail(*, user, case_id: int) -> Case:
    """The whole file for one case (case_get's, plus claims, evidence, documents, the people and
    organisations answering for it), in a fixed number of queries whatever its size."""
    case = case_get(user=user, case_id=case_id)
    prefetch_related_objects([case], "claims", "evidence", "documents")
    _attach_related([case], ("first_handler", "owner_user", "owner_org", "first_handler_org", "division"))
    return case


def _attach_related(cases: list[Case], names) -> None:
    """The cases' to-one relations `names`, as select_related would attach them, in one query per related
    model rather than one per relation (the handler and the first handler are both users; the handling and
    the first-receiving organisation both organisations) and none for divisions (the process's copy,
    core.refdata)."""
    by_model: dict = {}
    for name in names:
        field = Case._meta.get_field(name)
        by_model.setdefault(field.related_model, []).append(field)
    for model, fields in by_model.items():
        ids = {getattr(case, f.attname) for case in cases for f in fields} - {None}
        if model is Division:
            found = {i: division_by_id(i) for i in ids}
        else:
            found = model._base_manager.in_bulk(ids) if ids else {}
        for case in cases:
            for f in fields:
                f.set_cached_value(case, found.get(getattr(case, f.attname)))


_EVENT = Columns(CaseEvent, "ev")
_ACTOR, _ACTOR_ORG = Columns(get_user_model(), "ea"), Columns(Organization, "eo")


def case_events(*, case: Case) -> list[CaseEvent]:
    """The case's timeline, oldest first, with who acted and for which organisation: one statement written
    out and prepared (core.rows), as the case page's other parts are."""
    qn = connection.ops.quote_name
    events = select_related_rows(
        _EVENT, [(_EVENT, "actor", _ACTOR), (_EVENT, "actor_org", _ACTOR_ORG)],
        f"ev.{qn('case_id')} = %s", [case.pk], tail=f"ORDER BY ev.{qn('created_at')}, ev.{qn('id')}",
    )
    for event in events:
        CaseEvent.case.field.set_cached_value(event, case)
    return events


_REFERRAL = Columns(Referral, "r")
_FROM_ORG, _TO_ORG = Columns(Organization, "fo"), Columns(Organization, "tho")
_OFFERED_BY, _DECIDED_BY = Columns(get_user_model(), "ob"), Columns(get_user_model(), "db")


def case_referrals(*, case: Case) -> list[Referral]:
    """The case's referrals, newest offer first, with both organisations and both people: one statement
    written out and prepared (core.rows); compiled by the ORM it was ~15 % of the case page's CPU."""
    qn = connection.ops.quote_name
    return select_related_rows(
        _REFERRAL,
        [(_REFERRAL, "from_org", _FROM_ORG), (_REFERRAL, "to_org", _TO_ORG), (_REFERRAL, "offered_by", _OFFERED_BY),
         (_REFERRAL, "decided_by", _DECIDED_BY)],
        f"r.{qn('case_id')} = %s", [case.pk], tail=f"ORDER BY r.{qn('offered_at')} DESC, r.{qn('id')} DESC",
    )


# Fetched after the page's rows (one `WHERE id IN (…)` per related model, _attach_related), not joined: with
# seven joins PostgreSQL spent 8.7 ms planning the queue query and joined every open case of the person
# (hundreds) before sorting and cutting the page; without them, planning 0.3 ms and execution 2.1 ms on the
# 1M-case benchmark.
# Only what the lists show: each related model is one more query per page.
_LIST_RELATED = ("worker", "employer", "division", "owner_org", "owner_user")

# The green channel first (measure 11), then collective cases (major cases are consulted on jointly, measure 13),
# then the newest. Every part of a
# queue is read in this order from a partial index that has it (case_queue_*), so a page costs the same with
# 20 open cases as with 20,000.
QUEUE_ORDER = ("-is_priority", "-is_collective", "-registered_at", "-id")
_ORDER_COLUMNS = tuple(f.lstrip("-") for f in QUEUE_ORDER)


@dataclass(frozen=True)
class QueueKey:
    """A case's place in the queue's order (what a cursor holds)."""

    is_priority: bool
    is_collective: bool
    registered_at: datetime.datetime
    id: int

    @classmethod
    def of(cls, case: Case) -> QueueKey:
        return cls(case.is_priority, case.is_collective, case.registered_at, case.pk)


@dataclass(frozen=True)
class Queue:
    """The cases waiting for someone, as disjoint parts. Each part is one range of one partial index, read in
    the queue's order (the parts' conditions are equalities on the index's leading columns, so the planner has
    no filter to misjudge); together, an OR in one query, PostgreSQL had to read and sort every open case of
    the queue before cutting a page: 64 ms of SQL for a clerk with 17,000 at 1M cases."""

    conditions: tuple[Q, ...]
    related: tuple[str, ...]
    # The same parts as SQL for core.rows (WHERE clause, parameters), when the queue has no filter: the shape
    # nearly every queue page has.
    written: tuple[tuple[str, list], ...] | None = None

    @property
    def parts(self) -> tuple[QuerySet, ...]:
        # Built on demand: a page read through `written` never needs them, and filter() resolving the lookups
        # was most of queue()'s own CPU.
        return tuple(Case.objects.filter(condition) for condition in self.conditions)


@dataclass
class QueuePage:
    cases: list[Case]
    has_next: bool
    has_previous: bool


def queue(
    user, *, scope: str = "mine", status: str = "", search: str = "", due: str = "", also_related: tuple[str, ...] = (),
    filters: Mapping[str, str] | None = None,
) -> Queue:
    """The cases that need this person's action.

    mine: handled by me, or by my organisation with nobody assigned, or received by me and not yet
    accepted elsewhere (first-asked responsibility); org: everything my organisation handles or received
    first and still answers for (supervisors). `filters`: the tracks' registered queue filters by name (`due` is
    one: deadlines' running clocks overdue, due today or soon).
    """
    profile = staff_of(user)
    org_id = profile.organization_id
    by_org = scope == "org" and profile.role in (Role.SUPERVISOR, Role.ADMIN)
    parts = _parts(by_org, org_id, user.pk)
    chosen = {name: value for name, value in {**(filters or {}), "due": due}.items() if value}
    # A filter about what follows a case's end (an agreement unpaid after the case closed) lists ended cases too.
    ended = any(registry.queue_filter_includes_ended(name) for name in chosen)
    condition = ~Q(status=CaseState.ARCHIVED) if ended else Q(status__in=ACTIVE_STATES)
    filters = condition
    if status:
        filters &= Q(status=status)
    for name, value in chosen.items():
        condition = registry.queue_filter(name, value)
        if condition is not None:
            filters &= Q(condition)
    if search:
        search = search.strip()
        filters &= Q(number=search) | Q(worker__name=search) | Q(employer__name__icontains=search)
    return Queue(
        conditions=tuple(filters & part for part in parts),
        related=(*_LIST_RELATED, *also_related),
        written=None if (status or chosen or search) else _written_parts(by_org, org_id, user.pk),
    )


def _parts(by_org: bool, org_id: int, user_id: int) -> list[Q]:
    """The queue's disjoint parts, before its filters."""
    if by_org:
        handled = Q(owner_org_id=org_id)
        # "Handled elsewhere" also said against the case's own columns: the same cases (first_handler_org is
        # org_id here), but it is what lets PostgreSQL read them from case_queue_first_elsewhere, which holds
        # only the open cases a team other than the first one handles, instead of every open case the
        # organisation received first.
        return [
            handled,
            Q(first_handler_org_id=org_id, first_handler_released_at__isnull=True)
            & ~handled & ~Q(owner_org=F("first_handler_org")),
        ]
    handled = Q(owner_org_id=org_id) & (Q(owner_user_id=user_id) | Q(owner_user__isnull=True))
    return [
        Q(owner_org_id=org_id, owner_user_id=user_id),
        Q(owner_org_id=org_id, owner_user__isnull=True),
        Q(first_handler_id=user_id, first_handler_released_at__isnull=True) & ~handled,
    ]


# The parts' SQL names the table itself (as the ORM compiles it), so their rows are read under that name.
_QUEUE_CASE = Columns(Case, Case._meta.db_table)
# Stand-ins for the organisation and the person while the ORM compiles the parts once (no real id is negative).
_ORG_STANDIN, _USER_STANDIN = -730_001, -730_002
_compiled_parts: dict = {}


def _written_parts(by_org: bool, org_id: int, user_id: int) -> tuple[tuple[str, list], ...]:
    """queue()'s unfiltered parts as the SQL the ORM compiles for them, compiled once per process and shape
    with stand-in ids, then filled with this person's: read through core.rows, a page pays neither Django's
    compiler nor PostgreSQL's planner for its three queries (through the ORM: 6.4 against 3.1 ms of the web's
    CPU and 1.3 against 0.08 ms of planning per page, 1M cases; docs/performance.md)."""
    key = (by_org, connection.alias)
    compiled = _compiled_parts.get(key)
    if compiled is None:
        compiled = _compiled_parts[key] = [
            _with_constants_inline(*_where_of(condition), standins={_ORG_STANDIN: "org", _USER_STANDIN: "user"})
            for condition in _parts(by_org, _ORG_STANDIN, _USER_STANDIN)
        ]
    values = {"org": org_id, "user": user_id}
    return tuple((where, [values[name] for name in names]) for where, names in compiled)


def _where_of(condition: Q) -> tuple[str, list]:
    query = Case.objects.filter(Q(status__in=ACTIVE_STATES) & condition).query
    return query.get_compiler(connection=connection).compile(query.where)


def _with_constants_inline(where: str, params: list, standins: dict) -> tuple[str, list[str]]:
    """The WHERE clause with every parameter but the stand-ins written into it as a literal, and the names of
    the stand-ins in placeholder order. Prepared once (core.rows), a statement must show PostgreSQL the stages
    its partial indexes are defined by, or the generic plan cannot use them and every run is planned anew."""
    pieces = re.split(r"(%s)", where.replace("%%", "\0"))
    sql, names, values = [], [], iter(params)
    for piece in pieces:
        if piece != "%s":
            sql.append(piece.replace("\0", "%%"))
            continue
        value = next(values)
        if value in standins:
            sql.append("%s")
            names.append(standins[value])
        else:
            sql.append(_literal(value))
    return "".join(sql), names


def _literal(value) -> str:
    """A constant of the queue's conditions (a stage) as SQL. Only plain words are ever inlined."""
    text = str(value)
    if not re.fullmatch(r"[a-z_]+", text):
        raise ValueError(f"not a constant the queue writes into its SQL: {value!r}")
    return f"'{text}'"


def queue_for(user, **options) -> QuerySet[Case]:
    """The whole queue as one query, in the queue's order: for asking whether a case is in it, and the
    reference its pages are tested against. Pages are read with queue_page."""
    parts = queue(user, **options).parts
    combined = parts[0]
    for part in parts[1:]:
        combined = combined | part
    return combined.order_by(*QUEUE_ORDER)


def _beyond_sql(key: QueueKey, backwards: bool, table: str) -> tuple[str, list]:
    """Rows after `key` in the queue's order (before it when going backwards), as one row comparison, which
    PostgreSQL turns into the start of the index range rather than a filter over the rows before it."""
    qn = connection.ops.quote_name
    columns = ", ".join(f"{table}.{qn(c)}" for c in _ORDER_COLUMNS)
    registered_at = connection.ops.adapt_datetimefield_value(key.registered_at)
    return (f"({columns}) {'>' if backwards else '<'} (%s, %s, %s, %s)",
            [key.is_priority, key.is_collective, registered_at, key.id])


def _beyond(key: QueueKey, backwards: bool) -> RawSQL:
    sql, params = _beyond_sql(key, backwards, connection.ops.quote_name(Case._meta.db_table))
    return RawSQL(sql, params, output_field=BooleanField())


def queue_page(
    queue: Queue, *, size: int, after: QueueKey | None = None, before: QueueKey | None = None, offset: int = 0
) -> QueuePage:
    """One page of the queue: `size` cases after the cursor `after`, before the cursor `before`, or after the
    first `offset` (the web's numbered pages). Each part is read as its own short index range (at most
    offset + size + 1 rows) and the parts are merged here: a fixed number of queries whatever the page."""
    backwards = before is not None
    order = tuple(f.lstrip("-") for f in QUEUE_ORDER) if backwards else QUEUE_ORDER
    want = offset + size + 1
    cursor = before if backwards else after
    rows = []
    if queue.written is not None:
        qn = connection.ops.quote_name
        table = qn(_QUEUE_CASE.alias)
        direction = "ASC" if backwards else "DESC"
        tail = f"ORDER BY {', '.join(f'{table}.{qn(c)} {direction}' for c in _ORDER_COLUMNS)} LIMIT %s"
        for where, params in queue.written:
            if cursor is not None:
                beyond, more_params = _beyond_sql(cursor, backwards, table)
                where, params = f"{where} AND {beyond}", params + more_params
            rows += select_related_rows(_QUEUE_CASE, [], where, [*params, want], tail=tail)
    else:
        for part in queue.parts:
            if cursor is not None:
                part = part.filter(_beyond(cursor, backwards))
            rows += part.order_by(*order)[:want]
    rows.sort(key=lambda c: (c.is_priority, c.is_collective, c.registered_at, c.pk), reverse=not backwards)
    rows = rows[offset:]
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    _attach_related(rows, queue.related)
    if backwards:
        return QueuePage(cases=rows, has_next=True, has_previous=more)
    return QueuePage(cases=rows, has_next=more, has_previous=after is not None or offset > 0)


def incoming_referrals(user) -> QuerySet[Referral]:
    profile = staff_of(user)
    return (
        Referral.objects.filter(to_org_id=profile.organization_id, state=ReferralState.OFFERED)
        .select_related("case", "case__worker", "case__employer", "case__division", "from_org", "offered_by")
        .order_by("offered_at", "id")
    )


def returned_referrals(user, *, days: int = 30) -> QuerySet[Referral]:
    """Referrals declined back to this person (as first-responsible handler or as the one who offered)."""
    profile = staff_of(user)
    since = timezone.now() - datetime.timedelta(days=days)
    return (
        Referral.objects.filter(state=ReferralState.DECLINED, decided_at__gte=since, case__status__in=ACTIVE_STATES)
        .filter(Q(offered_by=user) | Q(case__first_handler=user, from_org_id=profile.organization_id))
        .select_related("case", "to_org", "decided_by")
        .order_by("-decided_at")
    )


def dashboard_counts(user, *, today: datetime.date | None = None) -> dict:
    """Counts of the organisation's cases by stage, claim type and county, for this month and this year.

    Two queries whatever the organisation's size: the cases once, grouped by stage and county together (the
    stage, county and total counts are sums of those few dozen groups; a case is one row, so plain COUNTs),
    and the claims. Four scans of the year's cases with COUNT(DISTINCT) took 2.3-2.9 s for a busy window at
    5M cases, against 1.2-2.3 s this way (docs/performance.md)."""
    profile = staff_of(user)
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    year_start = datetime.datetime(today.year, 1, 1, tzinfo=tz)
    month_start = datetime.datetime(today.year, today.month, 1, tzinfo=tz)
    org_id = profile.organization_id
    cases = Case.objects.filter(Q(owner_org_id=org_id) | Q(first_handler_org_id=org_id), registered_at__gte=year_start)
    month = Q(registered_at__gte=month_start)

    groups = cases.values("status", "division_id").annotate(year=Count("id"), month=Count("id", filter=month))
    by_stage: dict[str, dict[str, int]] = {}
    by_county: dict[str, dict[str, int]] = {}
    totals = {"year": 0, "month": 0}
    for g in groups:
        division = division_by_id(g["division_id"])
        stage = by_stage.setdefault(g["status"], {"year": 0, "month": 0})
        county = by_county.setdefault(division.name if division else None, {"year": 0, "month": 0})
        for row in (stage, county, totals):
            row["year"] += g["year"]
            row["month"] += g["month"]

    # A case may claim one type twice (two wage periods): counted once per type. One join of claims to their
    # cases, not claims of "cases IN (...)", which PostgreSQL ran as a scan of every claim in the province
    # joined back to the cases for the month (the dashboard at 5M: 1.9-2.3 s with it, 1.2-1.7 s without).
    claims = Claim.objects.filter(
        Q(case__owner_org_id=org_id) | Q(case__first_handler_org_id=org_id), case__registered_at__gte=year_start
    )
    claim_rows = claims.values("type").annotate(
        year=Count("case_id", distinct=True), month=Count("case_id", distinct=True, filter=Q(case__registered_at__gte=month_start))
    )
    return {
        "by_stage": by_stage,
        "by_county": by_county,
        "by_claim_type": {r["type"]: {"year": r["year"], "month": r["month"]} for r in claim_rows},
        "totals": totals,
    }
