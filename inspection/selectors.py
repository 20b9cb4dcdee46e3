"""Reads of the inspection file. Visibility is the case's (disputes.selectors): whoever may read the case —
the inspection team, the window that received it, an arbitration institute it was offered to — reads all of
it, so a hand-off re-enters nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils import timezone

from core.access import staff_of
from core.models import Organization, OrgKind
from disputes.choices import ReferralPurpose, ReferralState
from disputes.models import Referral
from disputes.selectors import case_detail, cases_visible_to
from documents import inspection as texts

from .models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionOrder,
    EmployerStatement,
    FilingDecision,
    GatheredEvidence,
    InspectionClosure,
    Interview,
    PenaltyKind,
    PenaltyProposal,
    PenaltyRule,
    ProposalState,
    Statement,
    Visit,
)
from .services import INSPECTION_ROLES, penalty_range, penalty_readiness


@dataclass
class InspectionFile:
    case: object
    filing_decisions: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    interviews: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    correction_orders: list = field(default_factory=list)
    compliance_records: list = field(default_factory=list)
    penalty_proposals: list = field(default_factory=list)
    employer_statements: list = field(default_factory=list)
    transfers: list = field(default_factory=list)
    closures: list = field(default_factory=list)


def inspection_file(*, user, case_id: int) -> InspectionFile:
    """Everything the inspection recorded on one case, in a fixed number of queries (NotFound if not visible)."""
    case = case_detail(user=user, case_id=case_id)
    return InspectionFile(
        case=case,
        filing_decisions=list(FilingDecision.objects.filter(case=case).select_related("inspector_in_charge", "organization")),
        visits=list(Visit.objects.filter(case=case).prefetch_related("inspectors")),
        statements=list(Statement.objects.filter(case=case).select_related("taken_by")),
        interviews=list(Interview.objects.filter(case=case)),
        evidence=list(GatheredEvidence.objects.filter(case=case)),
        correction_orders=list(CorrectionOrder.objects.filter(case=case).prefetch_related("items")),
        compliance_records=list(ComplianceRecord.objects.filter(case=case)),
        penalty_proposals=list(PenaltyProposal.objects.filter(case=case).prefetch_related("statements")),
        employer_statements=list(EmployerStatement.objects.filter(case=case)),
        transfers=list(ArbitrationTransfer.objects.filter(case=case).select_related("referral", "referral__to_org")),
        closures=list(InspectionClosure.objects.filter(case=case)),
    )


def open_penalty_proposals(*, case) -> list[PenaltyProposal]:
    return list(PenaltyProposal.objects.filter(case=case, state=ProposalState.PROPOSED).prefetch_related("statements"))


def penalty_rules() -> list[PenaltyRule]:
    return list(PenaltyRule.objects.filter(is_active=True))


def inspection_statistics(*, user, date_from: datetime.date, date_to: datetime.date | None = None) -> dict:
    """Closed inspection cases of the user's organisation by outcome: cases, sums recovered, workers covered."""
    profile = staff_of(user)
    date_to = date_to or timezone.localdate()
    rows = (
        InspectionClosure.objects.filter(organization_id=profile.organization_id, closed_on__range=(date_from, date_to))
        .values("outcome")
        .annotate(cases=Count("case_id", distinct=True), amount=Sum("amount_recovered"), workers=Sum("workers_covered"))
    )
    by_outcome = {r["outcome"]: {"cases": r["cases"], "amount": r["amount"], "workers": r["workers"]} for r in rows}
    totals = InspectionClosure.objects.filter(
        Q(organization_id=profile.organization_id), closed_on__range=(date_from, date_to)
    ).aggregate(cases=Count("case_id", distinct=True), amount=Sum("amount_recovered"), workers=Sum("workers_covered"))
    return {"by_outcome": by_outcome, "totals": totals}


# --- the workbench page (inspection.views) ---

def _document_titles() -> dict[str, str]:
    """The official titles as the documents print them: an issued document is Chinese whatever the UI language."""
    return {
        "filing_rejection": texts.TITLE_FILING_REJECTION,
        "correction_order": texts.TITLE_CORRECTION,
        "penalty_notice": texts.TITLE_PENALTY_NOTICE,
        "penalty_decision": texts.TITLE_PENALTY_DECISION,
    }


@dataclass
class OrderBalance:
    """Where the latest order to correct stands: what was ordered, paid, and is still owed, and (once its deadline
    passed unpaid) the extra compensation of 监察条例 art 26 that may be proposed on what is still owed."""

    order: CorrectionOrder
    record: ComplianceRecord | None
    ordered: Decimal
    paid: Decimal
    outstanding: Decimal
    extra_rule: PenaltyRule | None = None
    extra_low: Decimal | None = None
    extra_high: Decimal | None = None
    extra_percent: tuple[str, str] | None = None


@dataclass
class PenaltyDecision:
    """The penalty decision as the proposals it decided record it: fines go to the state, art 26's extra
    compensation to the workers."""

    decided_on: datetime.date
    number: str
    fines: Decimal
    compensation: Decimal
    warning: bool


@dataclass
class Workbench:
    file: InspectionFile
    referrals: list
    documents: list
    rules: list
    balance: OrderBalance | None
    open_proposals: list
    decision: PenaltyDecision | None = None


def inspection_referrals(*, case) -> list[Referral]:
    return list(
        Referral.objects.filter(case=case, purpose=ReferralPurpose.INSPECTION)
        .select_related("from_org", "to_org")
        .order_by("offered_at", "id")
    )


def arbitration_transfers_pending(*, case) -> bool:
    """An arbitration referral is already waiting for the institute: a second offer would be refused."""
    return Referral.objects.filter(
        case=case, purpose=ReferralPurpose.ARBITRATION, state=ReferralState.OFFERED
    ).exists()


def inspection_team(*, org_id: int) -> list:
    """The active inspectors and supervisors of one inspection team, for the visit, statement and filing forms."""
    return list(
        get_user_model().objects.filter(
            is_active=True, staff__organization_id=org_id, staff__role__in=INSPECTION_ROLES
        ).order_by("last_name", "first_name", "username")
    )


def arbitration_institutes() -> list[Organization]:
    return list(Organization.objects.filter(is_active=True, kind=OrgKind.ARBITRATION).order_by("name"))


def order_balance(file: InspectionFile, rules: list[PenaltyRule]) -> OrderBalance | None:
    """Computed from the file already read (no query): the latest order and its latest compliance record."""
    if not file.correction_orders:
        return None
    order = max(file.correction_orders, key=lambda o: (o.issued_on, o.pk))
    records = [r for r in file.compliance_records if r.order_id == order.pk]
    record = max(records, key=lambda r: (r.recorded_at, r.pk)) if records else None
    ordered = order.total
    paid = record.amount_paid if record else Decimal("0.00")
    balance = OrderBalance(order=order, record=record, ordered=ordered, paid=paid,
                           outstanding=max(ordered - paid, Decimal("0.00")))
    if record is not None and not record.complied and balance.outstanding > 0:
        rule = next((r for r in rules if r.payable_to_worker and r.kind == PenaltyKind.MULTIPLE), None)
        if rule is not None:
            balance.extra_rule = rule
            balance.extra_low, balance.extra_high = penalty_range(rule, basis=balance.outstanding)
            balance.extra_percent = tuple(format((bound * 100).normalize(), "f") for bound in (rule.low, rule.high))
    return balance


def _annotate(file: InspectionFile) -> None:
    """Attach to each order its compliance records and, per item, what was paid; to each multiple-of-an-amount
    proposal the percentages its stored range is of its base (50-100 % for art 26)."""
    for record in file.compliance_records:
        record.paid_rows = {int(k): Decimal(v) for k, v in (record.paid_by_item or {}).items()}
    for order in file.correction_orders:
        order.compliance = [r for r in file.compliance_records if r.order_id == order.pk]
        order.item_rows = list(order.items.all())
        for item in order.item_rows:
            item.paid_by_record = [r.paid_rows.get(item.pk) for r in order.compliance]
    for p in file.penalty_proposals:
        p.range_percent = None
        if p.basis:
            p.range_percent = (
                (p.range_low * 100 / p.basis).quantize(Decimal("1")),
                (p.range_high * 100 / p.basis).quantize(Decimal("1")),
            )


def inspection_workbench(*, user, case_id: int) -> Workbench:
    """The inspection file of one case with what the workbench shows beside it, in a fixed number of queries."""
    file = inspection_file(user=user, case_id=case_id)
    _annotate(file)
    rules = penalty_rules()
    titles = _document_titles()
    documents = []
    for d in file.case.documents.all():  # prefetched by case_detail
        if d.kind in titles:
            d.title = titles[d.kind]
            documents.append(d)
    documents.sort(key=lambda d: (d.created_at, d.pk))
    return Workbench(
        file=file,
        referrals=inspection_referrals(case=file.case),
        documents=documents,
        rules=rules,
        balance=order_balance(file, rules),
        open_proposals=[p for p in file.penalty_proposals if p.state == ProposalState.PROPOSED],
        decision=_decision([p for p in file.penalty_proposals if p.state == ProposalState.DECIDED]),
    )


def _decision(decided: list[PenaltyProposal]) -> PenaltyDecision | None:
    if not decided:
        return None
    return PenaltyDecision(
        decided_on=max(p.decided_on for p in decided),
        number=next((p.decision_number for p in reversed(decided) if p.decision_number), ""),
        fines=sum((p.amount for p in decided if not p.payable_to_worker), start=Decimal("0.00")),
        compensation=sum((p.amount for p in decided if p.payable_to_worker), start=Decimal("0.00")),
        warning=any(p.with_warning for p in decided),
    )


def decision_readiness(proposals, today: datetime.date) -> list[str]:
    """Why the open proposals cannot be decided yet (empty when they can). One query per open proposal, at most
    one per article of the penalty table."""
    return [m for m in (penalty_readiness(p, today) for p in proposals) if m]


def latest_order(*, user, case_id: int) -> CorrectionOrder | None:
    """The order a compliance record answers (the latest), with its items; None outside the user's scope."""
    return (
        CorrectionOrder.objects.filter(case_id=case_id, case__in=cases_visible_to(user))
        .prefetch_related("items")
        .order_by("-issued_on", "-id")
        .first()
    )
