"""Writes of the labour-inspection track (劳动保障监察条例; 若干规定 art 18). statutory-rules.md §3.

Stage changes go through disputes.services (referral_accept / referral_decline / referral_offer /
case_transition); this module adds the inspection records beside them in the same transaction, so a refused
request changes nothing. Every service takes keyword arguments only, checks role (inspector or supervisor)
and that the actor's organisation handles the case, and compares the client's version of the case.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.citations import cite
from core.errors import NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, Role, name_of
from core.parameters import int_parameter
from deadlines.calendar import CalendarMissing, WorkCalendar
from disputes.choices import CaseState, DeclineReason, Outcome, ReferralPurpose
from disputes.models import Case, Referral
from disputes.services import (
    bump_version,
    case_transition,
    event_append,
    referral_accept,
    referral_decline,
    referral_offer,
)
from documents import builders
from documents.models import NumberKind
from documents.numbering import next_number

from disputes.kit.guards import lock_as_handler
from disputes.kit import inputs
from disputes.kit.inputs import FieldErrors

from .models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionItem,
    CorrectionItemKind,
    CorrectionOrder,
    EmployerStatement,
    EmployerStatementKind,
    FilingDecision,
    FilingDecisionKind,
    GatheredEvidence,
    InspectionClosure,
    Interview,
    PenaltyKind,
    PenaltyProposal,
    PenaltyRule,
    ProposalState,
    RefusalReason,
    Statement,
    StatementBy,
    Visit,
)

INSPECTION_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)
# Stages in which the investigation is still open (an order to correct is followed by a check visit).
INVESTIGATING = (CaseState.INSPECTION, CaseState.CORRECTION_DUE)
# 监察条例 art 16: on-site inspection by at least two inspectors. The law's number, not a setting.
MIN_VISIT_INSPECTORS = 2
STATEMENT_PERIOD_KEY = "penalty_statement_period_wd"
# LDMAL art 27: a request to an authority for relief interrupts the arbitration limitation.
INTERRUPTION_SOURCE = "劳动争议调解仲裁法 art 27"
FEN = Decimal("0.01")

# Our written reasons for refusing to file, as the referral's decline codes the window understands.
REFUSAL_TO_DECLINE = {
    RefusalReason.TIME_BARRED: DeclineReason.TIME_BARRED,
    # The window can complete the employer's particulars and offer the case again.
    RefusalReason.EMPLOYER_UNIDENTIFIED: DeclineReason.INCOMPLETE,
    RefusalReason.OUT_OF_SCOPE: DeclineReason.OUT_OF_SCOPE,
    RefusalReason.OUT_OF_JURISDICTION: DeclineReason.OUT_OF_JURISDICTION,
}

# Outcomes an inspection case may be closed with by inspection_close; a penalty is decided by penalty_decide.
CLOSE_OUTCOMES = (Outcome.CORRECTED, Outcome.NO_VIOLATION, Outcome.MEDIATED, Outcome.RESOLVED_OTHER)

# --- small checks shared by the services ---


def _require_inspector_role(profile) -> None:
    if profile.role not in INSPECTION_ROLES:
        raise PermissionDenied(_("Only inspectors may take this action."))


def _inspectors_of(case: Case, user_ids) -> dict[int, object]:
    """The users among user_ids who are active inspectors (or supervisors) of the case's handling team."""
    User = get_user_model()
    users = User.objects.filter(
        pk__in=list(user_ids), is_active=True, staff__organization_id=case.owner_org_id, staff__role__in=INSPECTION_ROLES
    )
    return {u.pk: u for u in users}


def _locked_for_record(case_id: int, actor, version: int | None, stages=INVESTIGATING):
    """Lock, check version, role, organisation and stage: the preamble of every step on an inspection case."""
    return lock_as_handler(
        case_id, actor, version, INSPECTION_ROLES, stages=stages, role_message=_("Only inspectors may take this action.")
    )


def _complained_on(case: Case) -> datetime.date:
    return timezone.localdate(case.registered_at)


def is_time_barred(case: Case) -> bool:
    """监察条例 art 20: a violation neither found nor complained of within two years is not pursued. The
    complaint's date (registration) is what counts, against the period computed at intake."""
    ends = case.inspection_limitation_ends_on
    return ends is not None and ends < _complained_on(case)


# --- numbering of the written decisions ---


def _document_number(org: Organization, kind: str, on_date: datetime.date) -> str:
    """The next number of this kind for the organisation and year, taken in the caller's transaction (a refusal
    later in it gives the number back). Without a pattern the decision is refused (NumberingNotConfigured,
    code numbering_not_configured): an official document is never numbered with a made-up form."""
    return next_number(issuer=org, kind=kind, year=on_date.year)


# --- 1. filing (立案) or written refusal ---


def _lock_inspection_referral(referral_id: int, profile) -> Referral:
    referral = Referral.objects.select_for_update().select_related("case").filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("No such referral."))
    if profile.organization_id != referral.to_org_id:
        raise PermissionDenied(_("Only the receiving organisation may decide on this referral."))
    if referral.purpose != ReferralPurpose.INSPECTION:
        raise ValidationFailed(fields={"referral": [_("This referral is not for labour inspection.")]})
    return referral


def inspection_file(*, referral_id: int, actor, inspector_id: int | None = None) -> FilingDecision:
    """Accept a complaint for inspection: the acceptance is the filing (若干规定 art 18)."""
    profile = staff_of(actor)
    _require_inspector_role(profile)
    today = timezone.localdate()
    with transaction.atomic():
        referral = _lock_inspection_referral(referral_id, profile)
        case = referral.case
        if is_time_barred(case):
            raise ValidationFailed(
                _("The violation is outside the two-year limit: refuse to file, in writing."),
                fields={"reason_code": [
                    _("The inspection limitation ended on %(date)s, before the complaint.")
                    % {"date": case.inspection_limitation_ends_on.isoformat()}
                ]},
            )
        in_charge = actor
        if inspector_id is not None and inspector_id != actor.pk:
            # The team must be the receiver: ownership moves to it only on acceptance, so check against to_org.
            in_charge = (
                get_user_model().objects.filter(
                    pk=inspector_id, is_active=True, staff__organization_id=referral.to_org_id,
                    staff__role__in=INSPECTION_ROLES,
                ).first()
            )
            if in_charge is None:
                raise ValidationFailed(fields={"inspector": [_("Choose an inspector of your team.")]})
        referral_accept(referral_id=referral.pk, actor=actor, via_service=True)
        case = Case.objects.get(pk=case.pk)
        decision = FilingDecision.objects.create(
            case=case, referral=referral, organization=profile.organization, decision=FilingDecisionKind.FILED,
            decided_on=today, inspector_in_charge=in_charge, decided_by=actor,
        )
        if in_charge.pk != case.owner_user_id:
            case.owner_user = in_charge
            bump_version(case, ["owner_user"])
        event_append(
            case=case, actor=actor, profile=profile, action="inspection_filed", notify=False,
            payload={"filing_decision": decision.pk, "filed_on": today.isoformat(), "inspector": in_charge.pk,
                     "inspector_name": name_of(in_charge)},
        )
    return decision


def inspection_refuse(*, referral_id: int, actor, reason_code: str, reason: str) -> FilingDecision:
    """Refuse to file, in writing, with one of the four reasons of 若干规定 art 18."""
    profile = staff_of(actor)
    _require_inspector_role(profile)
    errors = FieldErrors()
    if reason_code not in RefusalReason.values:
        errors.add("reason_code", _("Choose the reason for refusing to file."))
    reason = inputs.text(reason, "reason", errors, label=_("The written reason"))
    errors.raise_if_any()
    today = timezone.localdate()
    with transaction.atomic():
        referral = _lock_inspection_referral(referral_id, profile)
        case = referral.case
        if reason_code == RefusalReason.TIME_BARRED and not is_time_barred(case):
            ends = case.inspection_limitation_ends_on
            raise ValidationFailed(fields={"reason_code": [
                _("The complaint was made within the two-year limit (it ends on %(date)s).") % {"date": ends.isoformat()}
                if ends else _("The violation continues: the two-year limit has not started.")
            ]})
        number = _document_number(profile.organization, NumberKind.FILING_REJECTION, today)
        referral_decline(referral_id=referral.pk, actor=actor, code=REFUSAL_TO_DECLINE[reason_code], reason=reason)
        case = Case.objects.get(pk=case.pk)
        decision = FilingDecision.objects.create(
            case=case, referral=referral, organization=profile.organization, decision=FilingDecisionKind.REFUSED,
            reason_code=reason_code, reason=reason, number=number, decided_on=today, decided_by=actor,
        )
        event_append(
            case=case, actor=actor, profile=profile, action="inspection_refused", reason_code=reason_code,
            reason=reason, notify=False,
            payload={"filing_decision": decision.pk, "refused_on": today.isoformat(), "number": number},
        )
        builders.issue(case, "filing_rejection", builders.filing_rejection(decision), actor)
    return decision


# --- 2. investigation ---


def visit_record(
    *, case_id: int, actor, version: int, visited_on: datetime.date, place: str, inspector_ids, findings: str
) -> Visit:
    today = timezone.localdate()
    errors = FieldErrors()
    visited_on = inputs.date(visited_on, "visited_on", errors, not_future=True)
    place = inputs.text(place, "place", errors, label=_("The place"))
    findings = inputs.text(findings, "findings", errors, label=_("The findings"))
    ids = {int(i) for i in (inspector_ids or [])}
    if len(ids) < MIN_VISIT_INSPECTORS:
        errors.add("inspectors", _("An on-site inspection needs at least two inspectors (Labour Inspection Regulations art 16)."))
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        found = _inspectors_of(case, ids)
        if set(found) != ids:
            raise ValidationFailed(fields={"inspectors": [
                _("Every inspector must be an inspector of the team handling this case.")
            ]})
        visit = Visit.objects.create(case=case, visited_on=visited_on, place=place, findings=findings, recorded_by=actor)
        visit.inspectors.set(found.values())
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="inspection_visit", notify=False,
            payload={"visit": visit.pk, "visited_on": visited_on.isoformat(), "inspectors": sorted(ids)},
        )
    return visit


def statement_record(
    *, case_id: int, actor, version: int, who: str, name: str, taken_on: datetime.date, summary: str,
    taken_by_id: int | None = None,
) -> Statement:
    today = timezone.localdate()
    errors = FieldErrors()
    if who not in StatementBy.values:
        errors.add("who", _("Choose who gave the statement."))
    name = inputs.text(name, "name", errors, label=_("The name"))
    taken_on = inputs.date(taken_on, "taken_on", errors, not_future=True)
    summary = inputs.text(summary, "summary", errors, label=_("The summary"))
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        taken_by = actor
        if taken_by_id is not None and taken_by_id != actor.pk:
            taken_by = _inspectors_of(case, [taken_by_id]).get(taken_by_id)
            if taken_by is None:
                raise ValidationFailed(fields={"taken_by": [_("Choose an inspector of the team handling this case.")]})
        statement = Statement.objects.create(
            case=case, who=who, name=name, taken_on=taken_on, summary=summary, taken_by=taken_by, recorded_by=actor
        )
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="statement_taken", notify=False,
            payload={"statement": statement.pk, "who": who, "taken_on": taken_on.isoformat()},
        )
    return statement


def interview_record(
    *, case_id: int, actor, version: int, employer_representative: str, held_on: datetime.date, outcome: str
) -> Interview:
    today = timezone.localdate()
    errors = FieldErrors()
    representative = inputs.text(employer_representative, "employer_representative", errors, label=_("The employer's representative"))
    held_on = inputs.date(held_on, "held_on", errors, not_future=True)
    outcome = inputs.text(outcome, "outcome", errors, label=_("The outcome"))
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        interview = Interview.objects.create(
            case=case, employer_representative=representative, held_on=held_on, outcome=outcome, recorded_by=actor
        )
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="employer_interview", notify=False,
            payload={"interview": interview.pk, "held_on": held_on.isoformat()},
        )
    return interview


def evidence_gather(
    *, case_id: int, actor, version: int, description: str, source: str, gathered_on: datetime.date | None = None
) -> GatheredEvidence:
    today = timezone.localdate()
    errors = FieldErrors()
    description = inputs.text(description, "description", errors, label=_("The description"))
    source = inputs.text(source, "source", errors, label=_("The source"))
    gathered_on = inputs.date(gathered_on or today, "gathered_on", errors, not_future=True)
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        item = GatheredEvidence.objects.create(
            case=case, description=description[:300], source=source[:200], gathered_on=gathered_on, recorded_by=actor
        )
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="evidence_gathered", notify=False,
            payload={"evidence": item.pk, "source": item.source},
        )
    return item


# --- 3. order to correct and compliance ---


def correction_order_issue(
    *, case_id: int, actor, version: int, due_on: datetime.date, items, workers_covered: int | None = None,
    requirements: str = "", findings: str = "",
) -> CorrectionOrder:
    """Order the employer to correct by a deadline (监察条例 art 18); the deadline runs as the case's clock.

    findings: the violations the investigation found (printed once, as what was found); requirements: what
    must be corrected besides the sums of the items, one thing per line (printed as numbered items).
    """
    today = timezone.localdate()
    errors = FieldErrors()
    if not isinstance(due_on, datetime.date) or due_on <= today:
        errors.add("due_on", _("Set a deadline after today."))
    requirements = inputs.stripped(requirements)
    findings = inputs.text(findings, "findings", errors, missing=_("State the violations the investigation found."),
                           max_length=20000)
    clean = []
    for i, raw in enumerate(items or [], start=1):
        item_errors = FieldErrors()
        kind = raw.get("kind")
        if kind not in CorrectionItemKind.values:
            item_errors.add("kind", _("choose what is to be paid."))
        amount = inputs.money(raw.get("amount"), "amount", item_errors, allow_zero=False)
        workers = inputs.count(raw.get("workers", 1), "workers", item_errors, minimum=1)
        errors.add_numbered("items", i, item_errors)
        if not item_errors:
            clean.append({"kind": kind, "amount": amount, "workers": workers,
                          "description": (raw.get("description") or "").strip()[:300]})
    if not items and not requirements:
        errors.add("items", _("Add the amounts to pay, or describe what must be corrected."))
    if workers_covered is None:
        workers_covered = max((c["workers"] for c in clean), default=None)
        if workers_covered is None and not errors.get("items"):
            errors.add("workers_covered", _("Enter the number of workers covered."))
    else:
        workers_covered = inputs.count(workers_covered, "workers_covered", errors, minimum=1)
        if workers_covered is not None and any(c["workers"] > workers_covered for c in clean):
            errors.add("workers_covered", _("An item covers more workers than the order."))
    errors.raise_if_any()
    with transaction.atomic():
        # The transition checks version, role, organisation and stage, and starts the correction clock.
        case = case_transition(
            case_id=case_id, action="order_correction", actor=actor, expected_version=version, due_on=due_on,
            via_service=True,
        )
        org = staff_of(actor).organization
        order = CorrectionOrder.objects.create(
            case=case, number=_document_number(org, NumberKind.CORRECTION_ORDER, today), issued_on=today,
            due_on=due_on, workers_covered=workers_covered, findings=findings, requirements=requirements,
            recorded_by=actor,
        )
        CorrectionItem.objects.bulk_create([CorrectionItem(order=order, **c) for c in clean])
        builders.issue(case, "correction_order", builders.correction_order(order, org), actor)
    return order


def _latest_order(case: Case) -> CorrectionOrder | None:
    return CorrectionOrder.objects.filter(case=case).order_by("-issued_on", "-id").first()


def compliance_record(
    *, case_id: int, actor, version: int, amounts_paid: dict, workers_paid: int, complied: bool
) -> ComplianceRecord:
    """Record what the employer paid under the order: in full closes the case (corrected); otherwise the
    non-compliance is recorded once the deadline has passed, and a penalty follows (监察条例 art 26)."""
    today = timezone.localdate()
    errors = FieldErrors()
    workers_paid = inputs.count(workers_paid, "workers_paid", errors, minimum=0)
    raw_paid = {}
    for key, value in (amounts_paid or {}).items():
        try:
            item_id = int(key)
        except (TypeError, ValueError):
            errors.add("amounts_paid", _("Unknown item of the order."))
            continue
        amount = inputs.money(value, "amounts_paid", errors)
        if amount is not None:
            raw_paid[item_id] = amount
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version, (CaseState.CORRECTION_DUE,))
        order = _latest_order(case)
        if order is None:
            raise TransitionRefused()
        items = {i.pk: i for i in order.items.all()}
        if set(raw_paid) - set(items):
            raise ValidationFailed(fields={"amounts_paid": [_("Unknown item of the order.")]})
        for item_id, amount in raw_paid.items():
            if amount > items[item_id].amount:
                errors.add("amounts_paid", _("More than the order requires for %(item)s.") % {"item": items[item_id].get_kind_display()})
        if workers_paid > order.workers_covered:
            errors.add("workers_paid", _("More workers than the order covers."))
        paid_total = sum(raw_paid.values(), start=Decimal("0.00"))
        if complied:
            unpaid = [i for i in items.values() if raw_paid.get(i.pk, Decimal(0)) < i.amount]
            if unpaid:
                errors.add("amounts_paid", _("Not everything ordered was paid: record non-compliance instead."))
        elif today <= order.due_on:
            errors.add("complied", _("The deadline (%(date)s) has not passed yet.") % {"date": order.due_on.isoformat()})
        errors.raise_if_any()
        record = ComplianceRecord.objects.create(
            case=case, order=order, complied=complied, amount_paid=paid_total, workers_paid=workers_paid,
            paid_by_item={str(k): str(v) for k, v in raw_paid.items()}, recorded_on=today, recorded_by=actor,
        )
        if complied:
            case = case_transition(
                case_id=case.pk, action="confirm_correction", actor=actor, expected_version=case.version,
                via_service=True,
            )
            _closure(case, actor, profile, Outcome.CORRECTED, paid_total, workers_paid, today)
        else:
            bump_version(case, [])
            event_append(
                case=case, actor=actor, profile=profile, action="correction_not_complied", notify=False,
                payload={"order": order.pk, "due_on": order.due_on.isoformat(), "amount_paid": str(paid_total),
                         "ordered": str(order.total), "workers_paid": workers_paid},
            )
    return record


# --- 4. penalties (行政处罚) ---


def _rule(article: str) -> PenaltyRule:
    rule = PenaltyRule.objects.filter(article=str(article).strip(), is_active=True).first()
    if rule is None:
        raise ValidationFailed(fields={"article": [_("Choose an article of the regulations with a penalty range.")]})
    return rule


def penalty_range(rule: PenaltyRule, *, workers: int = 0, basis: Decimal | None = None) -> tuple[Decimal, Decimal]:
    """The lawful amount for this rule, in yuan. Bounds are rounded inwards to the fen (the lower one up, the
    upper one down), so no amount inside the range can fall outside the statute."""
    if rule.kind == PenaltyKind.PER_WORKER:
        low, high = rule.low * workers, rule.high * workers
    elif rule.kind == PenaltyKind.MULTIPLE:
        if basis is None:
            raise ValueError("a multiple needs its base amount")
        low, high = rule.low * basis, rule.high * basis
    else:
        low, high = rule.low, rule.high
    return low.quantize(FEN, rounding=ROUND_CEILING), high.quantize(FEN, rounding=ROUND_FLOOR)


def extra_compensation(amount_owed) -> tuple[Decimal, Decimal]:
    """监察条例 art 26: wages (or severance) still unpaid after the order's deadline draw an extra 50% to 100%
    of the amount owed, payable to the worker. The percentages are read from the penalty table."""
    errors = FieldErrors()
    owed = inputs.money(amount_owed, "amount_owed", errors, allow_zero=False)
    errors.raise_if_any()
    rule = PenaltyRule.objects.filter(article="26", is_active=True).first()
    if rule is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("penalty rule for 监察条例 art 26 is missing: enter it in the admin")
    return penalty_range(rule, basis=owed)


def _outstanding_after_order(case: Case) -> tuple[CorrectionOrder | None, ComplianceRecord | None, Decimal]:
    order = _latest_order(case)
    if order is None:
        return None, None, Decimal("0.00")
    record = order.compliance_records.order_by("-recorded_at", "-id").first()
    paid = record.amount_paid if record else Decimal("0.00")
    return order, record, max(order.total - paid, Decimal("0.00"))


def penalty_propose(
    *, case_id: int, actor, version: int, article: str, workers: int, amount, basis=None, facts: str = ""
) -> PenaltyProposal:
    """Propose a penalty and tell the employer, who may state its case or ask for a hearing (监察条例 art 19;
    行政处罚法 arts 44-45). `basis` is the base amount of a multiple: the sum owed after the order (art 26,
    defaulting to what is still unpaid) or the understated wages (art 27)."""
    rule = _rule(article)
    today = timezone.localdate()
    errors = FieldErrors()
    workers = inputs.count(workers, "workers", errors, minimum=1 if rule.kind == PenaltyKind.PER_WORKER else 0)
    amount = inputs.money(amount, "amount", errors)
    if basis is not None and basis != "":
        basis = inputs.money(basis, "basis", errors, allow_zero=False)
    else:
        basis = None
    if rule.kind == PenaltyKind.MULTIPLE and basis is None and not rule.payable_to_worker:
        errors.add("basis", _("Enter the amount the multiple is taken of."))
    errors.raise_if_any()
    try:
        cal = WorkCalendar.load()
        period_ends = cal.add_working_days(today, int_parameter(STATEMENT_PERIOD_KEY))
    except CalendarMissing as exc:
        raise ValidationFailed(
            _("The working-day calendar for %(year)d has not been entered.") % {"year": exc.year},
            code="calendar_missing",
        ) from None
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        if rule.payable_to_worker:
            order, record, outstanding = _outstanding_after_order(case)
            if record is None or record.complied or outstanding <= 0:
                raise ValidationFailed(fields={"article": [
                    _("Extra compensation follows only an order to pay whose deadline passed unpaid.")
                ]})
            basis = basis if basis is not None else outstanding
            if basis > outstanding:
                raise ValidationFailed(fields={"basis": [
                    _("More than is still unpaid under the order (%(amount)s yuan).") % {"amount": outstanding}
                ]})
        low, high = penalty_range(rule, workers=workers, basis=basis)
        if not (low <= amount <= high or (amount == 0 and rule.fine_optional)):
            if rule.kind == PenaltyKind.PER_WORKER:
                message = _("For %(n)d workers the amount must be between %(low)s and %(high)s yuan (%(source)s).")
            else:
                message = _("The amount must be between %(low)s and %(high)s yuan (%(source)s).")
            raise ValidationFailed(fields={"amount": [
                message % {"n": workers, "low": low, "high": high, "source": cite(rule.source)}
            ]})
        superseded = list(
            PenaltyProposal.objects.select_for_update()
            .filter(case=case, article=rule.article, state=ProposalState.PROPOSED).values_list("pk", flat=True)
        )
        PenaltyProposal.objects.filter(pk__in=superseded).update(state=ProposalState.SUPERSEDED)
        proposal = PenaltyProposal.objects.create(
            case=case, rule=rule, article=rule.article, range_low=low, range_high=high, with_warning=rule.with_warning,
            payable_to_worker=rule.payable_to_worker, workers=workers, basis=basis, amount=amount,
            facts=(facts or "").strip(), notified_on=today, statement_period_ends_on=period_ends, recorded_by=actor,
            notice_number=_document_number(profile.organization, NumberKind.PENALTY_NOTICE, today),
        )
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="penalty_proposed", notify=False,
            payload={"proposal": proposal.pk, "article": rule.article, "amount": str(amount), "workers": workers,
                     "range": [str(low), str(high)], "statement_period_ends_on": period_ends.isoformat(),
                     "superseded": superseded, "number": proposal.notice_number},
        )
        builders.issue(case, "penalty_notice", builders.penalty_notice(proposal, profile.organization), actor)
    return proposal


_HEARD = (EmployerStatementKind.STATEMENT, EmployerStatementKind.HEARING_HELD, EmployerStatementKind.WAIVED)


def employer_statement_record(
    *, case_id: int, actor, version: int, kind: str, summary: str = "", received_on: datetime.date | None = None
) -> EmployerStatement:
    """The employer's statement, its request for a hearing, the hearing, or its written waiver, answering
    the proposals open now."""
    today = timezone.localdate()
    errors = FieldErrors()
    if kind not in EmployerStatementKind.values:
        errors.add("kind", _("Choose what the employer did."))
    summary = (summary or "").strip()
    if kind in (EmployerStatementKind.STATEMENT, EmployerStatementKind.HEARING_HELD) and not summary:
        errors.add("summary", _("%(field)s is required.") % {"field": _("The summary")})
    received_on = inputs.date(received_on or today, "received_on", errors, not_future=True)
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        open_proposals = list(PenaltyProposal.objects.filter(case=case, state=ProposalState.PROPOSED))
        if not open_proposals:
            raise TransitionRefused(_("No penalty has been proposed to the employer."), code="no_proposal")
        statement = EmployerStatement.objects.create(
            case=case, kind=kind, summary=summary, received_on=received_on, recorded_by=actor
        )
        statement.proposals.set(open_proposals)
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="employer_statement", notify=False,
            payload={"statement": statement.pk, "kind": kind, "proposals": [p.pk for p in open_proposals]},
        )
    return statement


def penalty_readiness(proposal: PenaltyProposal, today: datetime.date) -> str | None:
    """Why this proposal cannot be decided yet, or None: the employer must have been heard, or the period
    to state its case must have passed without a pending hearing request."""
    kinds = [s.kind for s in proposal.statements.order_by("recorded_at", "id")]
    if EmployerStatementKind.HEARING_REQUESTED in kinds:
        last_request = len(kinds) - 1 - kinds[::-1].index(EmployerStatementKind.HEARING_REQUESTED)
        if EmployerStatementKind.HEARING_HELD not in kinds[last_request:] and EmployerStatementKind.WAIVED not in kinds[last_request:]:
            return _("The employer asked for a hearing: record the hearing first.")
        return None
    if any(k in _HEARD for k in kinds):
        return None
    if today <= proposal.statement_period_ends_on:
        return _("The employer may state its case until %(date)s.") % {"date": proposal.statement_period_ends_on.isoformat()}
    return None


def penalty_decide(
    *, case_id: int, actor, version: int, amount_recovered=None, workers_covered: int | None = None
) -> list[PenaltyProposal]:
    """Decide the proposed penalties and close the case (outcome penalty)."""
    today = timezone.localdate()
    errors = FieldErrors()
    if amount_recovered is not None:
        amount_recovered = inputs.money(amount_recovered, "amount_recovered", errors)
    if workers_covered is not None:
        workers_covered = inputs.count(workers_covered, "workers_covered", errors, minimum=0)
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        proposals = list(PenaltyProposal.objects.select_for_update().filter(case=case, state=ProposalState.PROPOSED))
        if not proposals:
            raise TransitionRefused(_("No penalty has been proposed."), code="no_proposal")
        waiting = [m for m in (penalty_readiness(p, today) for p in proposals) if m]
        if waiting:
            raise TransitionRefused(waiting[0], code="employer_not_heard")
        record = _outstanding_after_order(case)[1]
        if amount_recovered is None:
            amount_recovered = record.amount_paid if record else Decimal("0.00")
        if workers_covered is None:
            workers_covered = record.workers_paid if record else 0
        case = case_transition(case_id=case.pk, action="decide_penalty", actor=actor, expected_version=case.version,
                               via_service=True)
        number = _document_number(profile.organization, NumberKind.PENALTY_DECISION, today)
        PenaltyProposal.objects.filter(pk__in=[p.pk for p in proposals]).update(
            state=ProposalState.DECIDED, decided_on=today, decided_by=actor, decision_number=number
        )
        for p in proposals:
            p.state, p.decided_on, p.decided_by, p.decision_number = ProposalState.DECIDED, today, actor, number
        builders.issue(case, "penalty_decision", builders.penalty_decision(proposals, profile.organization), actor)
        fines = sum((p.amount for p in proposals if not p.payable_to_worker), start=Decimal("0.00"))
        compensation = sum((p.amount for p in proposals if p.payable_to_worker), start=Decimal("0.00"))
        event_append(
            case=case, actor=actor, profile=profile, action="penalty_decided", notify=False,
            payload={"proposals": [p.pk for p in proposals], "articles": sorted({p.article for p in proposals}),
                     "fines": str(fines), "extra_compensation": str(compensation),
                     "warning": any(p.with_warning for p in proposals), "number": number},
        )
        _closure(case, actor, profile, Outcome.PENALTY, amount_recovered, workers_covered, today)
    return proposals


# --- 5. transfer to arbitration (监察条例 art 21) ---


def inspection_transfer_to_arbitration(
    *, case_id: int, actor, version: int, to_org_id: int, note: str = ""
) -> ArbitrationTransfer:
    """Hand a dispute matter to arbitration. The file goes as it is (the arbitration institute reads the same
    case), and the complaint's interruption of the arbitration limitation travels with it."""
    profile = staff_of(actor)
    _require_inspector_role(profile)
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version, (CaseState.INSPECTION,))
        referral = referral_offer(
            case_id=case.pk, actor=actor, to_org_id=to_org_id, purpose=ReferralPurpose.ARBITRATION, note=note,
            expected_version=version,
        )
        case = Case.objects.get(pk=case.pk)
        interrupted_on = _complained_on(case)
        transfer = ArbitrationTransfer.objects.create(
            case=case, referral=referral, limitation_interrupted_on=interrupted_on,
            interruption_source=INTERRUPTION_SOURCE, note=(note or "").strip(), recorded_by=actor,
        )
        event_append(
            case=case, actor=actor, profile=profile, action="limitation_interrupted", notify=False,
            payload={"transfer": transfer.pk, "referral": referral.pk, "interrupted_on": interrupted_on.isoformat(),
                     "source": INTERRUPTION_SOURCE},
        )
    return transfer


# --- 6. closing ---


def _closure(case, actor, profile, outcome, amount, workers, today) -> InspectionClosure:
    return InspectionClosure.objects.create(
        case=case, outcome=outcome, amount_recovered=amount, workers_covered=workers, closed_on=today,
        organization=profile.organization, recorded_by=actor,
    )


def inspection_close(
    *, case_id: int, actor, version: int, outcome: str, amounts_recovered, workers_covered: int, reason: str = ""
) -> InspectionClosure:
    """Close an inspection case with its outcome and the sums recovered for how many workers.

    Settlement during the investigation is the lifecycle's settle; a case found already corrected while the
    order runs is confirm_correction; everything else is close with a written reason.
    """
    today = timezone.localdate()
    errors = FieldErrors()
    if outcome == Outcome.PENALTY:
        errors.add("outcome", _("A penalty is decided through the penalty decision."))
    elif outcome not in CLOSE_OUTCOMES:
        errors.add("outcome", _("Choose the outcome."))
    amount = inputs.money(amounts_recovered, "amounts_recovered", errors)
    workers = inputs.count(workers_covered, "workers_covered", errors, minimum=0)
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = _locked_for_record(case_id, actor, version)
        if outcome == Outcome.MEDIATED and case.status == CaseState.INSPECTION:
            action, kw = "settle", {"reason": reason}
        elif outcome == Outcome.CORRECTED and case.status == CaseState.CORRECTION_DUE:
            action, kw = "confirm_correction", {"reason": reason}
        else:
            action, kw = "close", {"reason": reason, "outcome": outcome}
        case = case_transition(case_id=case.pk, action=action, actor=actor, expected_version=case.version,
                               via_service=True, **kw)
        closure = _closure(case, actor, profile, outcome, amount, workers, today)
        event_append(
            case=case, actor=actor, profile=profile, action="inspection_closed", notify=False,
            payload={"closure": closure.pk, "outcome": outcome, "amount_recovered": str(amount), "workers": workers},
        )
    return closure
