"""Writes of random inspections: a plan, a draw, a drawn inspection's result, a recorded conflict.

Keyword-only; each checks the actor's role and organisation. A draw locks its plan, so two draws under one plan
wait for each other and the second sees the first's employers (frequency limits).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Division, OrgKind, Role
from disputes.choices import Industry
from disputes.kit import inputs
from disputes.kit.inputs import FieldErrors
from disputes.models import Case, Employer
from inspection.models import CorrectionOrder

from . import algorithm
from .models import Draw, DrawnInspection, DrawnInspector, DrawPlan, InspectionItem, InspectorConflict, Result
from .pools import area_of, inspector_pool, pools_for

# The policy a plan cites unless its supervisor names another. Its text was not read here, so a plan records
# policy_verified=False unless the supervisor checked it (docs/random_inspections.md).
DEFAULT_POLICY = "国务院办公厅关于推广随机抽查规范事中事后监管的通知（国办发〔2015〕58号）"


def supervisor_of(actor):
    profile = staff_of(actor)
    if profile.role != Role.SUPERVISOR or profile.organization.kind != OrgKind.INSPECTION:
        raise PermissionDenied(_("Only the supervisor of a labour inspection team may do this."))
    return profile


def _share(value, errors: FieldErrors):
    try:
        share = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        share = None
    if share is None or not share.is_finite() or share != share.quantize(Decimal("0.01")) or not 0 < share <= 100:
        errors.add("share_percent", _("Enter a percentage above 0 and at most 100, with at most two decimals."))
        return None
    return share


def _optional_count(value, name, errors):
    if value in (None, ""):
        return None
    return inputs.count(value, name, errors, minimum=1)


def plan_create(
    *, actor, name: str, year: int, item_ids, share_percent, division_ids=(), industries=(),
    max_per_year=None, min_months_between=None, inspectors_per_inspection: int = algorithm.MIN_INSPECTORS,
    policy_source: str = "", policy_verified: bool = False,
) -> DrawPlan:
    """A year's plan of the supervisor's team: items, pool filters, the share drawn and the frequency limits."""
    profile = supervisor_of(actor)
    errors = FieldErrors()
    name = inputs.text(name, "name", errors, label=_("The name"), max_length=128)
    year = inputs.count(year, "year", errors, minimum=2000)
    share = _share(share_percent, errors)
    item_ids = inputs.ids(item_ids, "items", errors)
    items = list(InspectionItem.objects.filter(pk__in=item_ids, active=True))
    if not item_ids:
        errors.add("items", _("Choose at least one item of the inspection-item list."))
    elif len(items) != len(item_ids):
        errors.add("items", _("Choose items of the inspection-item list in use."))
    division_ids = inputs.ids(division_ids, "divisions", errors)
    area = area_of(profile.organization)
    divisions = list(Division.objects.filter(pk__in=division_ids))
    if len(divisions) != len(division_ids) or (area is not None and not set(division_ids) <= set(area)):
        errors.add("divisions", _("Choose divisions your team serves."))
    industries = sorted(set(industries or ()))
    if any(i not in Industry.values for i in industries):
        errors.add("industries", _("Choose industries from the list."))
    max_per_year = _optional_count(max_per_year, "max_per_year", errors)
    min_months_between = _optional_count(min_months_between, "min_months_between", errors)
    per = inputs.count(inspectors_per_inspection, "inspectors_per_inspection", errors, minimum=algorithm.MIN_INSPECTORS)
    policy_source = inputs.stripped(policy_source) or DEFAULT_POLICY
    errors.raise_if_any()
    with transaction.atomic():
        plan = DrawPlan.objects.create(
            organization=profile.organization, name=name, year=year, share_percent=share, industries=industries,
            max_per_year=max_per_year, min_months_between=min_months_between, inspectors_per_inspection=per,
            policy_source=policy_source[:300], policy_verified=bool(policy_verified), created_by=actor,
        )
        plan.items.set(items)
        plan.divisions.set(divisions)
    return plan


def _plan_of(plan_id: int, profile, *, lock=False) -> DrawPlan:
    rows = DrawPlan.objects.select_related("organization")
    if lock:
        rows = rows.select_for_update(of=("self",))
    plan = rows.filter(pk=plan_id, organization_id=profile.organization_id).first()
    if plan is None:
        raise NotFound()
    return plan


def draw_run(*, actor, plan_id: int, seed: str | None = None) -> Draw:
    """Draw employers and inspectors under the plan with a new seed, and record everything the result rests on.

    `seed` is for tests and demonstrations only (services never take it from a request)."""
    profile = supervisor_of(actor)
    today = timezone.localdate()
    with transaction.atomic():
        plan = _plan_of(plan_id, profile, lock=True)
        if plan.year != today.year:
            raise TransitionRefused(_("A plan is drawn in its own year (%(year)d).") % {"year": plan.year},
                                    code="plan_year")
        pools = pools_for(plan, today)
        if pools.to_draw == 0:
            raise TransitionRefused(_("No employer of the pool may be drawn now."), code="pool_empty")
        seed = seed or algorithm.new_seed()
        try:
            result = algorithm.draw(seed, pools.given)
        except algorithm.DrawImpossible as exc:
            raise TransitionRefused(
                _("Only %(n)d inspectors free of conflict for employer %(code)s; %(k)d are needed.")
                % {"n": exc.available, "code": exc.employer, "k": exc.needed}, code="too_few_inspectors",
            ) from None
        record = pools.given.canonical()
        draw = Draw.objects.create(
            plan=plan, organization=plan.organization, drawn_on=today, drawn_by=actor,
            algorithm=algorithm.ALGORITHM, seed=seed, record=record, record_digest=algorithm.digest(record),
            result=result, result_digest=algorithm.digest(result),
        )
        employers = dict(Employer.objects.filter(credit_code__in=[r["employer"] for r in result])
                         .values_list("credit_code", "pk"))
        inspections = DrawnInspection.objects.bulk_create([
            DrawnInspection(draw=draw, position=n, employer_id=employers[r["employer"]])
            for n, r in enumerate(result, start=1)
        ])
        DrawnInspector.objects.bulk_create([
            DrawnInspector(inspection=row, inspector_id=int(i), position=p)
            for row, r in zip(inspections, result) for p, i in enumerate(r["inspectors"], start=1)
        ])
        plan.version += 1
        DrawPlan.objects.filter(pk=plan.pk).update(version=plan.version)
    return draw


def result_record(
    *, actor, inspection_id: int, version: int, result: str, checked_on, case_number: str = ""
) -> DrawnInspection:
    """Record what the inspection found: by one of its drawn inspectors or the team's supervisor. An order to
    correct is issued on an inspection case of the employer, which the result names (its number)."""
    profile = staff_of(actor)
    errors = FieldErrors()
    if result not in Result.values:
        errors.add("result", _("Choose the result."))
    checked_on = inputs.date(checked_on, "checked_on", errors, not_future=True)
    case_number = inputs.stripped(case_number).upper()
    if result == Result.ORDER_ISSUED and not case_number:
        errors.add("case_number", _("Enter the number of the inspection case the order was issued in."))
    errors.raise_if_any()
    with transaction.atomic():
        row = (DrawnInspection.objects.select_for_update(of=("self",)).select_related("draw")
               .filter(pk=inspection_id, draw__organization_id=profile.organization_id).first())
        if row is None:
            raise NotFound()
        drawn = set(row.team.values_list("inspector_id", flat=True))
        if not (profile.role == Role.SUPERVISOR or (profile.role == Role.INSPECTOR and actor.pk in drawn)):
            raise PermissionDenied(_("Only the inspectors drawn for this inspection or their supervisor may record it."))
        if row.version != version:
            raise Conflict()
        if row.opened_case_id is not None:
            raise TransitionRefused(_("This inspection has its own case: its result is how that case ends."),
                                    code="result_from_case")
        if checked_on < row.draw.drawn_on:
            raise ValidationFailed(fields={"checked_on": [_("The inspection cannot precede the draw.")]})
        case = None
        if case_number:
            case = Case.objects.filter(number=case_number, employer_id=row.employer_id,
                                       owner_org_id=profile.organization_id).first()
            if case is None:
                raise ValidationFailed(fields={"case_number": [
                    _("No case of this employer handled by your team has this number.")]})
            if result == Result.ORDER_ISSUED and not CorrectionOrder.objects.filter(case=case).exists():
                raise ValidationFailed(fields={"case_number": [_("No order to correct was issued in this case.")]})
        row.result, row.checked_on, row.case = result, checked_on, case
        row.recorded_by, row.recorded_at, row.version = actor, timezone.now(), row.version + 1
        row.save(update_fields=["result", "checked_on", "case", "recorded_by", "recorded_at", "version"])
    return row


def conflict_record(*, actor, inspector_id: int, credit_code: str, reason: str) -> InspectorConflict:
    """Record that an inspector of the supervisor's team is never to be drawn for an employer (回避)."""
    profile = supervisor_of(actor)
    errors = FieldErrors()
    reason = inputs.reason(reason, errors)
    inspector = inspector_pool(profile.organization_id).filter(pk=inspector_id).first() if inspector_id else None
    if inspector is None:
        errors.add("inspector", _("Choose an inspector of your team."))
    employer = Employer.objects.filter(credit_code=inputs.stripped(credit_code).upper()).first()
    if employer is None:
        errors.add("credit_code", _("No employer on record has this credit code."))
    errors.raise_if_any()
    conflict, _created = InspectorConflict.objects.get_or_create(
        inspector=inspector, employer=employer, defaults={"reason": reason[:300], "recorded_by": actor}
    )
    return conflict

