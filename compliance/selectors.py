"""The employer's compliance file (守法诚信档案): its cases and every track's records on it, the credit grade
the rules give, and the platform enterprises it works with. A constant number of queries whatever its size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from disputes import registry
from disputes.kit.desks import priority_first
from disputes.models import Case, Employer, Worker

from core.masking import mask_id_number

from .models import BlacklistListing, CreditRule, Grade, ListingState

# The grade no rule lowers, and where it comes from.
GRADE_A_RULE = _("A: complied with the labour-protection laws and not investigated and dealt with for a violation")
GRADE_SOURCE = "企业劳动保障守法诚信等级评价办法（人社部规〔2016〕1号）"


@dataclass
class ComplianceFile:
    employer: Employer
    cases: list
    records: list
    grade: str
    reasons: list = field(default_factory=list)  # the rules that hold, each with its source and the cases counted
    platforms: list = field(default_factory=list)  # platform enterprises its workers work through
    partners: list = field(default_factory=list)  # for a platform: the employers whose workers work through it
    counts: dict = field(default_factory=dict)


def _grade(records, rules, today) -> tuple[str, list]:
    reasons = []
    for rule in rules:
        since = today - datetime.timedelta(days=rule.lookback_days)
        cases = sorted({r.case_number for r in records if rule.fact in r.facts and r.on is not None and r.on >= since})
        if len(cases) >= rule.min_cases:
            reasons.append({"rule": rule, "cases": cases})
    worst = max((r["rule"].grade for r in reasons), default=Grade.A)  # "C" > "B" > "A"
    return worst, [r for r in reasons if r["rule"].grade == worst]


def compliance_file(credit_code: str, *, today: datetime.date) -> ComplianceFile | None:
    employer = Employer.objects.filter(credit_code=(credit_code or "").strip().upper()).first()
    if employer is None:
        return None
    cases = list(
        Case.objects.filter(employer=employer).select_related("owner_org")
        .only("pk", "number", "status", "outcome", "registered_at", "is_collective", "owner_org__name")
        .order_by("-registered_at")
    )
    records = registry.employer_records([employer.pk])
    grade, reasons = _grade(records, list(CreditRule.objects.filter(active=True)), today)
    platforms, partners = [], []
    if employer.is_platform:
        partners = list(
            Employer.objects.filter(cases__worker__platform=employer.name).exclude(pk=employer.pk)
            .distinct().order_by("name")
        )
    else:
        names = Worker.objects.filter(cases__employer=employer).exclude(platform="").values("platform")
        platforms = list(Employer.objects.filter(is_platform=True, name__in=names).order_by("name"))
    counts = {"cases": len(cases)}
    for record in records:
        counts[record.kind] = counts.get(record.kind, 0) + 1
    return ComplianceFile(employer=employer, cases=cases, records=records, grade=grade, reasons=reasons,
                          platforms=platforms, partners=partners, counts=counts)


# --- the wage-arrears list --------------------------------------------------------------------------------


def listings_of_org(org_id: int, *, state: str = ""):
    """The listings the inspection organisation handles (the case's handling organisation), the green channel's
    cases first (disputes.kit.desks), then newest first; one query however many."""
    rows = BlacklistListing.objects.filter(case__owner_org_id=org_id).select_related("employer", "case")
    if state:
        rows = rows.filter(state=state)
    return priority_first(rows.order_by("-proposed_at", "-pk"))


def listed_rows(org_id: int, *, today: datetime.date) -> list[list[str]]:
    """The list as shared with the other departments (Order 45 arts 9-10): employers listed now and the persons
    listed with them, ID numbers masked."""
    rows = []
    # In the list's own order: the green channel is the handlers' matter, not the other departments'.
    listed = listings_of_org(org_id, state=ListingState.LISTED).filter(listed_until__gt=today)
    for listing in listed.order_by("-proposed_at", "-pk"):
        persons = "；".join(
            f"{p['role']}：{p['name']}" + (f"（{mask_id_number(p['id_number'])}）" if p.get("id_number") else "")
            for p in listing.responsible_persons
        )
        rows.append([listing.employer.name, listing.employer.credit_code, listing.get_ground_display(), persons,
                     listing.decision_number, listing.decided_on.isoformat(), listing.listed_until.isoformat()])
    return rows
