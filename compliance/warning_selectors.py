"""Reads of early warning, interviews and the trustworthy list: complaints by month, the warnings a team reads,
an employer's interviews and warnings, and which employers are trustworthy (守法诚信) by the rule kept as data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.access import staff_of
from core.models import Division, Organization, OrgKind, Role
from disputes import registry
from disputes.choices import Channel, Industry
from disputes.models import Case, Employer
from disputes.selectors import cases_visible_to

from .models import BlacklistListing, CreditRule, Grade, ListingState
from .selectors import _grade
from .warning_models import EarlyWarning, EmployerInterview, TrustRule, WarningState, WarningSubject


# Who reads and acts on early warnings and records interviews (compliance.warnings uses the same).
WARNING_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    y, m = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + y, m + 1, 1)


def months_back(today: datetime.date, n: int) -> list[datetime.date]:
    """The first days of the last n months, oldest first, this month last."""
    first = today.replace(day=1)
    return [_add_months(first, -i) for i in range(n - 1, -1, -1)]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- warnings ------------------------------------------------------------------------------------------------


def teams_read_by(profile) -> list[int]:
    """A team reads the warnings addressed to it and, a city team, those of the teams under it."""
    return [profile.organization_id, *Organization.objects.filter(parent_id=profile.organization_id)
            .values_list("pk", flat=True)]


def warnings_visible_to(profile):
    return EarlyWarning.objects.filter(organization_id__in=teams_read_by(profile))


def warnings_page(profile, *, state: str = "", department: str = "", limit: int = 200) -> list[EarlyWarning]:
    """The team's warnings, open first then newest; one query (plus the teams') however many."""
    rows = warnings_visible_to(profile).select_related("rule", "employer", "organization", "division")
    if state:
        rows = rows.filter(state=state)
    if department:
        rows = rows.filter(department=department)
    return list(rows.order_by("-raised_at", "-pk")[:limit])


def employers_in_reach(profile, user):
    """The employers an inspection team may act on (record an interview with): those of the cases its
    organisation sees and those of the warnings addressed to it. Nobody else acts on an employer: any other is
    a 404, as a missing one is."""
    if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        return Employer.objects.none()
    seen = cases_visible_to(user).filter(employer=OuterRef("pk"))
    warned = EarlyWarning.objects.filter(employer=OuterRef("pk"), organization_id__in=teams_read_by(profile))
    return Employer.objects.filter(Exists(seen) | Exists(warned))


# --- interview follow-ups ------------------------------------------------------------------------------------


def follow_ups(profile, *, today: datetime.date, overdue_only: bool = False, limit: int = 200):
    """The open follow-ups of the team's interviews (a city team's, also its teams'), overdue first by due date;
    `overdue` set on each. One query on the open follow-ups' partial index."""
    if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        return []
    rows = EmployerInterview.objects.filter(organization_id__in=teams_read_by(profile), follow_up_on__isnull=False,
                                            follow_up_closed_at__isnull=True)
    if overdue_only:
        rows = rows.filter(follow_up_on__lt=today)
    rows = list(rows.select_related("employer", "organization", "warning").order_by("follow_up_on", "pk")[:limit])
    for row in rows:
        row.overdue = row.follow_up_on < today
        row.days_overdue = (today - row.follow_up_on).days if row.overdue else 0
    return rows


def follow_ups_visible_to(user):
    """The interviews whose follow-up a team member may close: the team's (a city team's, also its teams')."""
    profile = staff_of(user)
    if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        return EmployerInterview.objects.none()
    return EmployerInterview.objects.filter(organization_id__in=teams_read_by(profile))


def dashboard_part(*, profile, today: datetime.date | None = None) -> dict:
    """The desk's overdue follow-ups, for the inspection team's supervisors and inspectors."""
    if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        return {}
    today = today or timezone.localdate()
    overdue = follow_ups(profile, today=today, overdue_only=True, limit=10)
    count = len(overdue) if len(overdue) < 10 else EmployerInterview.objects.filter(
        organization_id__in=teams_read_by(profile), follow_up_on__lt=today, follow_up_closed_at__isnull=True).count()
    return {"overdue_follow_ups": overdue, "overdue_follow_up_count": count, "follow_ups_shown": True}


# --- complaints over time ------------------------------------------------------------------------------------


def divisions_of(profile) -> list[int] | None:
    """The divisions whose complaints a team follows: its own (and the zones it administers); None for a team
    serving no one division (the city's), which follows them all."""
    org = profile.organization
    if org.division_id is None:
        return None
    return [org.division_id, *Division.objects.filter(administered_by_id=org.division_id).values_list("pk", flat=True)]


@dataclass
class TrendRow:
    key: str
    label: str
    counts: list  # per month, oldest first
    total: int
    link: str = ""  # the employer's credit code, for a link to its file


def complaint_trends(profile, *, by: str, today: datetime.date, months: int = 12, top: int = 20) -> tuple[list, list]:
    """Complaints registered per month over the last `months` months in the team's divisions, per employer,
    platform or industry: the `top` subjects by total. One grouped query on (division, registration time), the
    index the statistics read by, bounded by the period; plus one for the employers' names."""
    month_list = months_back(today, months)
    # An inspection the department opened itself is no complaint.
    rows = Case.objects.filter(registered_at__gte=_aware(month_list[0])).exclude(channel=Channel.OWN_INITIATIVE)
    divisions = divisions_of(profile)
    if divisions is not None:
        rows = rows.filter(division_id__in=divisions)
    field = {WarningSubject.EMPLOYER: "employer_id", WarningSubject.PLATFORM: "worker__platform",
             WarningSubject.INDUSTRY: "employer__industry"}[by]
    if by == WarningSubject.PLATFORM:
        rows = rows.exclude(worker__platform="")
    grouped = rows.annotate(month=TruncMonth("registered_at")).values("month", field).annotate(n=Count("id")).order_by()
    index = {m: i for i, m in enumerate(month_list)}
    table: dict = {}
    for row in grouped:
        month = row["month"]
        month = (timezone.localtime(month) if isinstance(month, datetime.datetime) and timezone.is_aware(month)
                 else month)
        day = month.date() if isinstance(month, datetime.datetime) else month
        i = index.get(day.replace(day=1))
        if i is None:
            continue
        table.setdefault(row[field], [0] * months)[i] += row["n"]
    ranked = sorted(table.items(), key=lambda kv: (-sum(kv[1]), str(kv[0])))[:top]
    names = {}
    if by == WarningSubject.EMPLOYER:
        names = {e.pk: e for e in Employer.objects.filter(pk__in=[k for k, _ in ranked]).only("name", "credit_code")}
    industries = dict(Industry.choices)
    result = []
    for key, counts in ranked:
        if by == WarningSubject.EMPLOYER:
            employer = names.get(key)
            result.append(TrendRow(str(key), employer.name if employer else str(key), counts, sum(counts),
                                   employer.credit_code if employer else ""))
        elif by == WarningSubject.INDUSTRY:
            result.append(TrendRow(key, str(industries.get(key, key)), counts, sum(counts)))
        else:
            result.append(TrendRow(key, key, counts, sum(counts)))
    return month_list, result


def employer_trend(employer_id: int, *, today: datetime.date, months: int = 12) -> list[tuple[datetime.date, int]]:
    """The employer's complaints per month (its cases by registration time: the index case_employer_time)."""
    month_list = months_back(today, months)
    rows = (Case.objects.filter(employer_id=employer_id, registered_at__gte=_aware(month_list[0]))
            .exclude(channel=Channel.OWN_INITIATIVE).values_list("registered_at", flat=True))
    counts = dict.fromkeys(month_list, 0)
    for at in rows:
        first = timezone.localtime(at).date().replace(day=1)
        if first in counts:
            counts[first] += 1
    return list(counts.items())


# --- the trustworthy list (守法诚信) ---------------------------------------------------------------------------


def trust_rule() -> TrustRule | None:
    return TrustRule.objects.filter(active=True).order_by("code").first()


def _since(rule: TrustRule, today: datetime.date) -> datetime.date:
    y, m = divmod(today.month - 1 - rule.months, 12)
    year, month = today.year + y, m + 1
    for d in (today.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(today.day, d))
        except ValueError:
            continue
    raise ValueError(today)


def _clean_candidates(rule: TrustRule, since: datetime.date):
    """Employers on file for the whole period (a case registered before it) with no upheld complaint closed and
    no listing in force, proposed or removed within it: SQL alone (the violations are the tracks' records,
    checked per page)."""
    since_at = _aware(since)
    upheld = Case.objects.filter(employer=OuterRef("pk"), outcome__in=rule.upheld_outcomes, closed_at__gte=since_at)
    listed = BlacklistListing.objects.filter(employer=OuterRef("pk")).filter(
        Q(state__in=(ListingState.PROPOSED, ListingState.NOTIFIED, ListingState.LISTED))
        | Q(state=ListingState.REMOVED, removed_on__gte=since))
    on_file = Case.objects.filter(employer=OuterRef("pk"), registered_at__lt=since_at)
    return Employer.objects.filter(Exists(on_file)).exclude(Exists(upheld)).exclude(Exists(listed))


def _violations_since(records, since: datetime.date) -> set[int]:
    return {r.case_id for r in records if r.facts and r.on is not None and r.on >= since}


def trustworthy_employers(*, today: datetime.date, divisions: list[int] | None = None, limit: int = 500):
    """The employers the rule lists as trustworthy (grade A, and clean for the period), by name. A constant
    number of queries: the candidates, then every track's records on them at once (registry.employer_records)."""
    rule = trust_rule()
    if rule is None:
        return None, []
    since = _since(rule, today)
    candidates = _clean_candidates(rule, since)
    if divisions is not None:
        candidates = candidates.filter(Exists(Case.objects.filter(employer=OuterRef("pk"), division_id__in=divisions)))
    candidates = list(candidates.order_by("name", "pk")[:limit])
    records = registry.employer_records([e.pk for e in candidates]) if candidates else []
    by_employer: dict[int, list] = {}
    case_employer = dict(Case.objects.filter(pk__in={r.case_id for r in records}).values_list("pk", "employer_id"))
    for r in records:
        by_employer.setdefault(case_employer.get(r.case_id), []).append(r)
    rules = list(CreditRule.objects.filter(active=True))
    result = []
    for employer in candidates:
        own = by_employer.get(employer.pk, [])
        if _violations_since(own, since) or _grade(own, rules, today)[0] != Grade.A:
            continue
        result.append(employer)
    return rule, result


def trust_status(file, *, today: datetime.date) -> dict:
    """Whether the employer of a compliance file is on the trustworthy list, by the same rule as the list (so the
    file and the list never disagree): grade A, on file for the period, no violation, listing or upheld complaint."""
    rule = trust_rule()
    if rule is None:
        return {"rule": None, "trustworthy": False}
    since = _since(rule, today)
    clean = (file.grade == Grade.A and not _violations_since(file.records, since)
             and _clean_candidates(rule, since).filter(pk=file.employer.pk).exists())
    return {"rule": rule, "trustworthy": clean, "since": since}


# --- what the compliance file shows of it ----------------------------------------------------------------------


def employer_extras(file, *, today: datetime.date) -> dict:
    """The compliance file's interviews and warnings, early warnings, complaints per month and trust status."""
    employer = file.employer
    return {
        "interviews": list(EmployerInterview.objects.filter(employer=employer).select_related("organization")
                           .order_by("-held_on", "-pk")[:50]),
        "early_warnings": list(EarlyWarning.objects.filter(employer=employer).select_related("rule", "organization")
                               .order_by("-raised_at", "-pk")[:20]),
        "open_warnings": WarningState.OPEN,
        "trend": employer_trend(employer.pk, today=today),
        "trust": trust_status(file, today=today),
    }
