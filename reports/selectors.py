"""The supervisor's labour-dispute statistics, in the dimensions the human resources and social security system
reports monthly: cases carried over, received, accepted and ended, how they ended, collective disputes and the
workers in them, sums claimed and decided, the statutory clocks met on time; by county and period, with the
monthly trend and the workload per person and organisation.

Every figure is a group-by over the supervisor's cases, a fixed number of queries whatever their number
(`statistics_for` costs the same for ten cases or a million). How a case counts:

- received: registered in the period; accepted: received and neither redirected elsewhere nor refused by
  arbitration (those two are counted apart, as not accepted);
- carried over: accepted before the period and not ended when it began; ended: accepted (now or earlier) and
  ended in the period (`Case.closed_at`), by how it ended; pending: accepted and not ended when it ended, so
  carried over + accepted - ended = pending;
- a collective dispute is an employer with collective cases received in the period; its workers are those
  cases' workers (one case per worker);
- sums decided (awarded, agreed, recovered) and the clocks come from the tracks through
  `disputes.registry.add_statistics_part`, by the date of the decision or of the clock's due date.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.access import staff_of
from core.errors import PermissionDenied
from core.models import Division, Organization, OrgKind, Role
from core.refdata import cached, division_by_id
from disputes import registry
from disputes.choices import ACTIVE_STATES, CaseState, ClaimType, Outcome, ReferralState
from disputes.models import Case, Claim, Referral

from .periods import Period, month

NOT_ACCEPTED = (CaseState.REDIRECTED, CaseState.NOT_ACCEPTED)
MEDIATED = (Outcome.MEDIATED, Outcome.CONFIRMED)
TREND_MONTHS = 12

# The columns of the county table, in the order of the reporting form, with their headings.
COUNTS = ("carried", "received", "accepted", "not_accepted", "ended", "mediated", "awarded", "withdrawn", "other",
          "pending", "collective_disputes", "collective_workers")
AMOUNTS = ("claimed", "decided")
CLOCKS = ("clocks_met", "clocks_late")


def column_labels() -> dict[str, str]:
    return {
        "carried": _("Carried over"), "received": _("Received"), "accepted": pgettext("statistics", "Accepted"),
        "not_accepted": _("Not accepted"), "ended": _("Ended"), "mediated": _("Mediated"),
        "awarded": _("Awarded"), "withdrawn": _("Withdrawn"), "other": _("Ended otherwise"),
        "pending": _("Pending at the end"), "collective_disputes": _("Collective disputes"),
        "collective_workers": _("Workers in collective disputes"), "claimed": _("Amount claimed (yuan)"),
        "decided": _("Amount awarded, agreed or recovered (yuan)"), "clocks_met": _("Deadlines met on time"),
        "clocks_late": _("Deadlines missed"), "on_time_rate": _("On-time rate"),
    }


@dataclass(frozen=True)
class Scope:
    """Whose cases a supervisor's statistics count. `condition(prefix)` is the rule as a Q on Case, or on a
    model reaching Case through `prefix` ("case__", "file__case__"), so a track's table joins it."""

    label: str
    condition: Callable[[str], Q]


def _county(division: Division) -> Scope:
    divisions = cached("divisions", lambda: {d.pk: d for d in Division.objects.all()})
    ids = sorted({division.pk, *(d.pk for d in divisions.values() if d.administered_by_id == division.pk)})
    return Scope(label=division.name, condition=lambda prefix: Q(**{f"{prefix}division_id__in": ids}))


def statistics_scope(profile) -> Scope:
    """A county's supervisor counts every case of the county (and the development zones it administers); a
    city-level organisation's supervisor the cases its organisation and those under it handle or received first;
    the city union's, also every case a legal-aid station took on (legal aid moves no case, so the station is
    neither handler nor first receiver). Only supervisors and administrators read the statistics."""
    if profile.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise PermissionDenied(_("Only supervisors read the statistics."))
    org = profile.organization
    if org.division_id:
        return _county(division_by_id(org.division_id))
    orgs = list(Organization.objects.only("pk", "parent_id", "kind"))
    tree, grew = {org.pk}, True
    while grew:
        more = {o.pk for o in orgs if o.parent_id in tree} - tree
        tree |= more
        grew = bool(more)
    stations = sorted(o.pk for o in orgs if o.kind == OrgKind.LEGAL_AID and (o.pk in tree or org.kind == OrgKind.UNION))
    ids = sorted(tree)

    def condition(prefix: str) -> Q:
        q = Q(**{f"{prefix}owner_org_id__in": ids}) | Q(**{f"{prefix}first_handler_org_id__in": ids})
        if stations:
            q |= Exists(Referral.objects.filter(case_id=OuterRef(f"{prefix}pk"), to_org_id__in=stations,
                                                state=ReferralState.ACCEPTED))
        return q

    return Scope(label=org.name, condition=condition)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@dataclass
class Row:
    """One county's figures (or the total)."""

    division_id: int | None
    name: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    amounts: dict = field(default_factory=lambda: dict.fromkeys(AMOUNTS, Decimal("0.00")))
    clocks: dict = field(default_factory=lambda: dict.fromkeys(CLOCKS, 0))

    @property
    def on_time_rate(self) -> Decimal | None:
        """Share of the deadlines falling due that were met on time, in per cent to one decimal (None: none)."""
        due = self.clocks["clocks_met"] + self.clocks["clocks_late"]
        if not due:
            return None
        return (Decimal(100 * self.clocks["clocks_met"]) / due).quantize(Decimal("0.1"))

    def add(self, other: Row) -> None:
        for mine, theirs in ((self.counts, other.counts), (self.amounts, other.amounts), (self.clocks, other.clocks)):
            for key in mine:
                mine[key] += theirs[key]

    def cells(self) -> list:
        """The figures in the table's order (labels: column_labels(), keys: CELL_KEYS)."""
        return [*(self.counts[k] for k in COUNTS), *(self.amounts[k] for k in AMOUNTS),
                *(self.clocks[k] for k in CLOCKS), self.on_time_rate]


CELL_KEYS = (*COUNTS, *AMOUNTS, *CLOCKS, "on_time_rate")


@dataclass
class Workload:
    name: str
    organization: str
    open: int
    ended: int


@dataclass
class Statistics:
    scope: Scope
    period: Period
    rows: list[Row]  # by county, largest first
    total: Row
    by_claim_type: list[tuple[str, str, int, Decimal]]  # (type, label, cases received, amount claimed)
    trend: list[tuple[datetime.date, int, int]]  # (month, received, ended), oldest first
    people: list[Workload]
    organizations: list[Workload]
    division: Division | None = None  # the county chosen, if one was


def _count_rows(alive: Q, start, end) -> dict[int, Row]:
    received = Q(registered_at__gte=start, registered_at__lt=end)
    ended = Q(closed_at__gte=start, closed_at__lt=end)
    taken = ~Q(status__in=NOT_ACCEPTED)
    collective = received & Q(is_collective=True)
    groups = (
        Case.objects.filter(alive)
        .values("division_id")
        .annotate(
            carried=Count("pk", filter=Q(registered_at__lt=start) & taken),
            received=Count("pk", filter=received),
            accepted=Count("pk", filter=received & taken),
            ended=Count("pk", filter=ended & taken),
            mediated=Count("pk", filter=ended & Q(outcome__in=MEDIATED)),
            awarded=Count("pk", filter=ended & Q(outcome=Outcome.AWARD)),
            withdrawn=Count("pk", filter=ended & Q(status=CaseState.WITHDRAWN)),
            pending=Count("pk", filter=taken & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))),
            collective_workers=Count("pk", filter=collective),
            collective_disputes=Count("employer_id", distinct=True, filter=collective),
        )
        .order_by()
    )
    rows = {}
    for g in groups:
        division = division_by_id(g["division_id"])
        row = rows[g["division_id"]] = Row(g["division_id"], division.name if division else "")
        for key in COUNTS:
            row.counts[key] = g.get(key, 0)
        row.counts["not_accepted"] = g["received"] - g["accepted"]
        row.counts["other"] = g["ended"] - g["mediated"] - g["awarded"] - g["withdrawn"]
    return rows


def _row(rows: dict[int, Row], division_id) -> Row:
    if division_id not in rows:
        division = division_by_id(division_id)
        rows[division_id] = Row(division_id, division.name if division else "")
    return rows[division_id]


def statistics_for(user, period: Period, *, division_id: int | None = None,
                   today: datetime.date | None = None) -> Statistics:
    """The statistics of the supervisor's cases for the period (one county of them if `division_id`)."""
    profile = staff_of(user)
    scope = statistics_scope(profile)
    today = today or timezone.localdate()
    division = division_by_id(division_id) if division_id else None

    def condition(prefix: str = "") -> Q:
        q = scope.condition(prefix)
        return q & Q(**{f"{prefix}division_id": division.pk}) if division else q

    cases = Case.objects.filter(condition())
    start, end = _moment(period.start), _moment(period.end)

    def alive(prefix: str = "") -> Q:
        """The scope's cases not ended before the period began (what the tracks' figures of the period count):
        read through the indexes of cases not ended and ended by date."""
        return condition(prefix) & (
            Q(**{f"{prefix}closed_at__isnull": True, f"{prefix}registered_at__lt": end})
            | Q(**{f"{prefix}closed_at__gte": start, f"{prefix}registered_at__lt": end})
        )

    rows = _count_rows(alive(), start, end)

    # Claims of the cases received in the period: a case claiming one type twice counts once for it.
    claim_groups = (
        Claim.objects.filter(condition("case__"), case__registered_at__gte=start, case__registered_at__lt=end)
        .values("case__division_id", "type")
        .annotate(cases=Count("case_id", distinct=True), amount=Sum("amount"))
        .order_by()
    )
    by_type: dict[str, list] = {}
    for g in claim_groups:
        amount = g["amount"] or Decimal("0.00")
        _row(rows, g["case__division_id"]).amounts["claimed"] += amount
        entry = by_type.setdefault(g["type"], [0, Decimal("0.00")])
        entry[0] += g["cases"]
        entry[1] += amount
    labels = dict(ClaimType.choices)
    by_claim_type = [(t, str(labels.get(t, t)), n, amount) for t, (n, amount) in
                     sorted(by_type.items(), key=lambda item: (-item[1][0], item[0]))]

    for figure in registry.statistics_rows(scope=alive, start=period.start, end=period.end, today=today):
        row = _row(rows, figure["division_id"])
        row.amounts["decided"] += figure.get("amount_decided") or Decimal("0.00")
        row.clocks["clocks_met"] += figure.get("clocks_met") or 0
        row.clocks["clocks_late"] += figure.get("clocks_late") or 0

    total = Row(None, _("Total"))
    for row in rows.values():
        total.add(row)
    ordered = sorted(rows.values(), key=lambda r: (-r.counts["received"], r.name))
    people, organizations = _workload(cases, start, end)
    return Statistics(
        scope=scope, period=period, rows=ordered, total=total, by_claim_type=by_claim_type,
        trend=_trend(cases, period), people=people, organizations=organizations, division=division,
    )


def _trend(cases, period: Period) -> list[tuple[datetime.date, int, int]]:
    """Cases received and ended in each of the twelve months up to the period's last."""
    last = period.last_day
    first = last.replace(day=1)
    for _i in range(TREND_MONTHS - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    start, end = _moment(first), _moment(month(last.year, last.month).end)
    tz = timezone.get_current_timezone()
    received = dict(
        cases.filter(registered_at__gte=start, registered_at__lt=end)
        .annotate(m=TruncMonth("registered_at", tzinfo=tz)).values("m").annotate(n=Count("pk")).order_by()
        .values_list("m", "n")
    )
    ended = dict(
        cases.filter(closed_at__gte=start, closed_at__lt=end).exclude(status__in=NOT_ACCEPTED)
        .annotate(m=TruncMonth("closed_at", tzinfo=tz)).values("m").annotate(n=Count("pk")).order_by()
        .values_list("m", "n")
    )

    def day(m) -> datetime.date:
        return m.astimezone(tz).date() if isinstance(m, datetime.datetime) else m

    received = {day(m): n for m, n in received.items()}
    ended = {day(m): n for m, n in ended.items()}
    months, m = [], first
    while m <= last:
        months.append((m, received.get(m, 0), ended.get(m, 0)))
        m = month(m.year, m.month).end
    return months


def _workload(cases, start, end) -> tuple[list[Workload], list[Workload]]:
    """Open cases now and cases ended in the period, per handler and per handling organisation."""
    # Open: not ended (a case taken to court after an award ended for these figures when the award was made).
    groups = list(
        cases.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start, closed_at__lt=end))
        .values("owner_org_id", "owner_user_id")
        .annotate(open=Count("pk", filter=Q(closed_at__isnull=True, status__in=ACTIVE_STATES)),
                  ended=Count("pk", filter=Q(closed_at__gte=start, closed_at__lt=end) & ~Q(status__in=NOT_ACCEPTED)))
        .order_by()
    )
    org_names = dict(Organization.objects.filter(pk__in={g["owner_org_id"] for g in groups}).values_list("pk", "name"))
    users = {
        u.pk: u for u in get_user_model().objects.filter(pk__in={g["owner_user_id"] for g in groups if g["owner_user_id"]})
        .only("pk", "username", "first_name", "last_name")
    }
    people, orgs = [], {}
    for g in groups:
        org_name = org_names.get(g["owner_org_id"], "")
        o = orgs.setdefault(g["owner_org_id"], Workload(org_name, org_name, 0, 0))
        o.open += g["open"]
        o.ended += g["ended"]
        user = users.get(g["owner_user_id"])
        name = (user.get_full_name() or user.username) if user else _("(not assigned)")
        people.append(Workload(name, org_name, g["open"], g["ended"]))
    order = lambda w: (-w.open, -w.ended, w.organization, w.name)  # noqa: E731
    return sorted(people, key=order), sorted(orgs.values(), key=order)


def divisions() -> list[Division]:
    """The counties and districts a supervisor may narrow the figures to (the scope still applies)."""
    return sorted(cached("divisions", lambda: {d.pk: d for d in Division.objects.all()}).values(), key=lambda d: d.code)
