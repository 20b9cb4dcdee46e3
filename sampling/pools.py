"""The two pools of a plan, read from the case file, and what keeps an employer or an inspector out of a draw.

- Employers: those on record with a case in the plan's divisions (the organisation's area when none are chosen)
  and of the plan's industries. An employer's division is where its workers' cases are (the case's division).
- Inspectors: the active inspectors of the plan's organisation.
- Conflicts (回避), never paired: recorded conflicts, and an inspector who handled, filed or visited a case of
  that employer.
- Frequency limits: an employer drawn, by any organisation, `max_per_year` times in the plan's year, or within
  `min_months_between` months before the draw, is left out.
Each read is a fixed number of queries whatever the pools' sizes.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from core.models import Division, Role
from disputes.models import Case, Employer
from inspection.models import FilingDecision, Visit

from .algorithm import DrawInput, how_many
from .models import DrawnInspection, DrawPlan, InspectorConflict

YEAR_CAP, RECENT = "year_cap", "recent"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier, or that month's last day if it has none."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def area_of(organization) -> list[int] | None:
    """The divisions an organisation serves (its division and the zones it administers); None: the whole city."""
    if organization.division_id is None:
        return None
    return [organization.division_id, *Division.objects.filter(administered_by_id=organization.division_id)
            .values_list("pk", flat=True)]


def plan_divisions(plan: DrawPlan) -> list[int] | None:
    chosen = [d.pk for d in plan.divisions.all()]
    return chosen or area_of(plan.organization)


def employer_pool(plan: DrawPlan):
    """The employers of the plan's pool, as a queryset ordered by credit code."""
    cases = Case.objects.filter(employer=OuterRef("pk"))
    divisions = plan_divisions(plan)
    if divisions is not None:
        cases = cases.filter(division_id__in=divisions)
    rows = Employer.objects.filter(Exists(cases))
    if plan.industries:
        rows = rows.filter(industry__in=plan.industries)
    return rows.order_by("credit_code")


def inspector_pool(organization_id: int):
    return (get_user_model().objects.filter(is_active=True, staff__organization_id=organization_id,
                                            staff__role=Role.INSPECTOR).order_by("pk"))


def conflicts(inspector_ids, employers, *, before=None) -> set[tuple[str, str]]:
    """(inspector id, credit code) pairs never to be drawn together: recorded, or the inspector handled, filed or
    visited a case of the employer. `employers` is a queryset of Employer; `before` (a datetime) counts only what
    was on record then (a case's handler is read as it is now)."""
    inspector_ids = list(inspector_ids)
    recorded = InspectorConflict.objects.filter(inspector_id__in=inspector_ids, employer__in=employers)
    cases = Case.objects.filter(employer__in=employers)
    filings = FilingDecision.objects.filter(case__employer__in=employers, inspector_in_charge_id__in=inspector_ids)
    visits = Visit.objects.filter(case__employer__in=employers, inspectors__in=inspector_ids)
    if before is not None:
        recorded = recorded.filter(recorded_at__lt=before)
        cases = cases.filter(registered_at__lt=before)
        filings = filings.filter(created_at__lt=before)
        visits = visits.filter(recorded_at__lt=before)
    pairs = set(recorded.values_list("inspector_id", "employer__credit_code"))
    for field in ("owner_user_id", "first_handler_id"):
        pairs |= set(cases.filter(**{f"{field}__in": inspector_ids}).values_list(field, "employer__credit_code"))
    pairs |= set(filings.values_list("inspector_in_charge_id", "case__employer__credit_code"))
    pairs |= set(visits.values_list("inspectors", "case__employer__credit_code"))
    return {(str(i), code) for i, code in pairs}


def frequency_exclusions(plan: DrawPlan, employers, on: datetime.date, *, before=None) -> dict[str, str]:
    """{credit code: reason} of the employers the plan's frequency limits leave out of a draw on `on`, counting
    the draws made before `before` (a datetime; all draws when None)."""
    if plan.max_per_year is None and plan.min_months_between is None:
        return {}
    earlier = DrawnInspection.objects.filter(employer__in=employers)
    if before is not None:
        earlier = earlier.filter(draw__drawn_at__lt=before)
    since = months_before(on, plan.min_months_between) if plan.min_months_between else None
    per_year: dict[str, int] = {}
    out: dict[str, str] = {}
    for code, drawn_on in earlier.values_list("employer__credit_code", "draw__drawn_on"):
        if drawn_on.year == plan.year:
            per_year[code] = per_year.get(code, 0) + 1
        if since is not None and since < drawn_on <= on:
            out[code] = RECENT
    if plan.max_per_year is not None:
        for code, n in per_year.items():
            if n >= plan.max_per_year:
                out[code] = YEAR_CAP
    return out


@dataclass
class Pools:
    plan: DrawPlan
    given: DrawInput
    to_draw: int

    @property
    def excluded_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _code, reason in self.given.excluded:
            counts[reason] = counts.get(reason, 0) + 1
        return counts


def pools_for(plan: DrawPlan, on: datetime.date, *, before=None) -> Pools:
    """Everything a draw under `plan` on `on` depends on besides its seed."""
    employers = employer_pool(plan)
    codes = list(employers.values_list("credit_code", flat=True))
    excluded = frequency_exclusions(plan, employers, on, before=before)
    inspectors = [str(pk) for pk in inspector_pool(plan.organization_id).values_list("pk", flat=True)]
    eligible = [c for c in codes if c not in excluded]
    pairs = conflicts([int(i) for i in inspectors], employers.exclude(credit_code__in=list(excluded))) if eligible else set()
    share = str(Decimal(plan.share_percent).quantize(Decimal("0.01")))
    given = DrawInput(
        base_size=len(codes), employers=tuple(eligible), inspectors=tuple(inspectors), conflicts=tuple(sorted(pairs)),
        share=share, per_inspection=plan.inspectors_per_inspection, excluded=tuple(sorted(excluded.items())),
    )
    return Pools(plan=plan, given=given, to_draw=min(how_many(len(codes), share), len(eligible)))
