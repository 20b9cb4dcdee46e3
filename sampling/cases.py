"""A draw's inspections become inspection cases, and each case's ending becomes the draw's published result.

The case file knows no draw: `disputes.services.case_open_own_initiative` opens a case without a complainant,
and this module keeps the link (`DrawnInspection.opened_case`) and reads the ending back through the case
file's hook (`registrations.py`, `disputes.registry.add_case_ended_hook`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound, TransitionRefused
from disputes.choices import CaseState, Channel, Outcome
from disputes.models import Case
from disputes.services import case_open_own_initiative, cases_number
from inspection.models import CorrectionOrder

from .models import Draw, DrawnInspection, DrawnInspector, Result
from .pools import plan_divisions
from .services import supervisor_of

# The case's facts are stored text of the case file, read by Chinese-speaking staff and printed as they are,
# so they are written in Chinese here as documents' legal wording is (not translated at display time).
FACTS_HEAD = "双随机抽查：{plan}（{drawn_on}抽取，第{position}号）。本案由劳动保障监察机构主动检查立案调查，无投诉人。"
FACTS_ITEMS = "检查事项："
FACTS_ITEM = "{n}. {name}（{basis}）"
FACTS_TEAM = "抽取的检查人员：{names}。"


def _facts(draw: Draw, row: DrawnInspection, items, team) -> str:
    lines = [FACTS_HEAD.format(plan=draw.plan.name, drawn_on=draw.drawn_on.isoformat(), position=row.position),
             FACTS_ITEMS]
    lines += [FACTS_ITEM.format(n=n, name=i.name, basis=i.basis) for n, i in enumerate(items, start=1)]
    lines.append(FACTS_TEAM.format(names="、".join(u.get_full_name() or u.username for u in team)))
    return "\n".join(lines)


def _division_of(row: DrawnInspection, draw: Draw, divisions):
    """Where the employer was drawn: its latest case in the plan's area (the pool is read from the cases' divisions);
    the team's own division when none is found there."""
    cases = Case.objects.filter(employer_id=row.employer_id)
    if divisions is not None:
        cases = cases.filter(division_id__in=divisions)
    found = cases.order_by("-registered_at").values_list("division_id", flat=True).first()
    return found or draw.organization.division_id


def open_inspection_cases(*, actor, draw_id: int, version: int) -> Draw:
    """Open one inspection case per drawn employer that has none yet, each handled by the inspectors drawn for it
    (the first drawn is its handler and first-responsible handler), carrying the plan's inspection items.

    The team's supervisor only. Idempotent: a drawn inspection that has its case is left as it is, so a second
    run opens only what the first did not (none); `version` is the draw's as the caller last read it (409)."""
    profile = supervisor_of(actor)
    with transaction.atomic():
        draw = (Draw.objects.select_for_update(of=("self",)).select_related("plan", "organization")
                .filter(pk=draw_id, organization_id=profile.organization_id).first())
        if draw is None:
            raise NotFound()
        if draw.version != version:
            raise Conflict()
        team = DrawnInspector.objects.select_related("inspector").order_by("position")
        rows = list(draw.inspections.filter(opened_case__isnull=True).select_related("employer")
                    .prefetch_related(Prefetch("team", queryset=team)).order_by("position"))
        if not rows:
            raise TransitionRefused(_("Every inspection of this draw already has its case."), code="cases_open")
        items = list(draw.plan.items.all())
        divisions = plan_divisions(draw.plan)
        opened = []
        for row in rows:
            inspectors = [t.inspector for t in row.team.all()]
            active = [u for u in inspectors if u.is_active]
            if not active:
                raise TransitionRefused(_("No inspector drawn for %(name)s is still active: draw again.")
                                        % {"name": row.employer.name}, code="no_inspector")
            division_id = _division_of(row, draw, divisions)
            if division_id is None:
                raise TransitionRefused(_("No county or district to file the case of %(name)s under.")
                                        % {"name": row.employer.name}, code="no_division")
            case = case_open_own_initiative(
                actor=actor, profile=profile, employer=row.employer, division_id=division_id,
                facts=_facts(draw, row, items, inspectors), handler=active[0],
                payload={"draw": draw.pk, "drawn_inspection": row.pk, "position": row.position,
                         "items": [i.code for i in items], "inspectors": [u.pk for u in inspectors]},
                numbered=False,
            )
            opened.append(case)
            row.opened_case = case
            if row.case_id is None:
                row.case = case  # the follow-up (an order to correct) happens in it
            row.version += 1
            row.save(update_fields=["opened_case", "case", "version"])
        draw.version += 1
        Draw.objects.filter(pk=draw.pk).update(version=draw.version)
        cases_number(opened)  # last: the city-wide counter stays locked until commit
    return draw


def result_of(case: Case) -> str:
    """The draw's result for an inspection case as it ended."""
    ordered = CorrectionOrder.objects.filter(case=case).exists()
    if case.outcome == Outcome.NO_VIOLATION:
        return Result.COMPLIANT
    if case.outcome == Outcome.CORRECTED:
        return Result.CORRECTED
    if case.outcome == Outcome.PENALTY:
        return Result.VIOLATIONS_FOUND
    if case.status == CaseState.CLOSED and ordered:
        return Result.ORDER_ISSUED
    return Result.CLOSED_OTHERWISE


def record_case_result(*, case, actor, profile, action, reason) -> None:
    """The case file's ended hook: a drawn inspection's case that ends gives the draw its result, dated the day it
    ended. In the step's transaction, the case locked; a case no draw opened is left alone (one indexed read)."""
    if case.channel != Channel.OWN_INITIATIVE:
        return
    row = DrawnInspection.objects.select_for_update(of=("self",)).filter(opened_case_id=case.pk).first()
    if row is None:
        return
    row.result = result_of(case)
    row.checked_on = timezone.localdate(case.closed_at or timezone.now())
    row.recorded_by, row.recorded_at, row.version = actor, timezone.now(), row.version + 1
    row.save(update_fields=["result", "checked_on", "recorded_by", "recorded_at", "version"])
