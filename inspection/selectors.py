"""Reads of the inspection file. Visibility is the case's (disputes.selectors): whoever may read the case —
the inspection team, the window that received it, an arbitration institute it was offered to — reads all of
it, so a hand-off re-enters nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from core.access import staff_of
from disputes.selectors import case_detail

from .models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionOrder,
    EmployerStatement,
    FilingDecision,
    GatheredEvidence,
    InspectionClosure,
    Interview,
    PenaltyProposal,
    PenaltyRule,
    ProposalState,
    Statement,
    Visit,
)


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
