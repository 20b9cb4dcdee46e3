"""From a recorded agreement or failure to the context of its document (documents.court_mediation).

Like documents.builders: the service decides, this only reads what was decided and the case's parties and
claims, and says it in the document's terms (Chinese constants: the documents are always issued in Chinese).
"""

from __future__ import annotations

from core.models import name_of
from documents.builders import claim_text, employer_party, worker_party
from documents.common import yuan
from documents.court_mediation import (
    ConfirmationApplicationContext,
    MediationAgreementContext,
    MediationFailureContext,
    PaymentOrderApplicationContext,
    SettledClaim,
)

from .court_models import EntrustmentMode, FailureReason, NextStep

# The reason of a failure in the notice's words.
FAILURE_WORDS = {
    FailureReason.NO_AGREEMENT: "双方当事人经调解未能达成一致",
    FailureReason.EMPLOYER_REFUSED: "用人单位拒绝调解",
    FailureReason.PARTY_ABSENT: "当事人无正当理由未到场参加调解",
    FailureReason.PERIOD_EXPIRED: "调解期限届满未能达成调解协议",
    FailureReason.WORKER_WITHDREW: "劳动者要求终止调解",
    FailureReason.OTHER: "其他原因",
}
MODE_WORDS = {EntrustmentMode.PRE_FILING: "委派", EntrustmentMode.IN_LITIGATION: "委托"}


def dispute_sentence(case) -> str:
    claims = [claim_text(c) + (yuan(c.amount) if c.amount is not None else "") for c in case.claims.order_by("id")]
    if not claims:
        return case.facts.strip()
    return f"{case.worker.name}与{case.employer.name}因{'、'.join(claims)}发生争议"


def entrustment_sentence(file) -> str:
    if file.court_id is None:
        return ""
    return f"{file.court.name}{MODE_WORDS[file.mode]}（案号：{file.court_case_number}）"


def mediation_agreement(agreement):
    file = agreement.file
    case = file.case
    mediators = tuple(dict.fromkeys(
        name_of(s.mediator) for s in file.sessions.filter(state="held").select_related("mediator").order_by("starts_at")
    )) or (name_of(file.mediator),)
    items = tuple(
        SettledClaim(text=claim_text(i.claim), amount=i.amount, due_on=i.due_on)
        for i in agreement.items.select_related("claim").order_by("id")
    )
    return MediationAgreementContext(
        issuer=file.body.organization.name, document_number=agreement.number, issued_on=agreement.agreed_on,
        worker=worker_party(case), employer=employer_party(case), mediators=mediators,
        entrustment=entrustment_sentence(file), dispute=dispute_sentence(case), items=items,
        terms=tuple(line.strip() for line in agreement.terms.splitlines() if line.strip()),
        worker_signed_on=agreement.worker_signed_on, employer_signed_on=agreement.employer_signed_on,
    )


def _settled(items) -> tuple[SettledClaim, ...]:
    return tuple(SettledClaim(text=claim_text(i.claim), amount=i.amount, due_on=i.due_on) for i in items)


def confirmation_application(confirmation):
    """The parties' joint application, from the agreement as recorded: nothing is typed again."""
    agreement = confirmation.agreement
    file = agreement.file
    case = file.case
    return ConfirmationApplicationContext(
        issuer=file.body.organization.name, document_number=agreement.number, issued_on=confirmation.applied_on,
        worker=worker_party(case), employer=employer_party(case), court=confirmation.court.name,
        mediation_body=file.body.organization.name, entrustment=entrustment_sentence(file),
        dispute=dispute_sentence(case), agreed_on=agreement.agreed_on,
        items=_settled(agreement.items.select_related("claim").order_by("id")),
        terms=tuple(line.strip() for line in agreement.terms.splitlines() if line.strip()),
    )


def payment_order_application(order, overdue):
    """The worker's application on the sums of the agreement past their date and unpaid (`overdue`)."""
    agreement = order.agreement
    file = agreement.file
    case = file.case
    return PaymentOrderApplicationContext(
        issuer=file.body.organization.name, document_number=agreement.number, issued_on=order.applied_on,
        worker=worker_party(case), employer=employer_party(case), court=order.court.name,
        mediation_body=file.body.organization.name, agreed_on=agreement.agreed_on, overdue=_settled(overdue),
        amount=order.amount,
    )


def mediation_failure(file, to_org):
    case = file.case
    if file.next_step == NextStep.COURT:
        next_step = f"本案退回{to_org.name}依法处理（案号：{file.court_case_number}）"
    else:
        next_step = f"本案已移送{to_org.name}，劳动者可以依法申请仲裁"
    return MediationFailureContext(
        issuer=file.body.organization.name, document_number=file.failure_number, issued_on=file.failed_on,
        worker=worker_party(case), employer=employer_party(case), dispute=dispute_sentence(case),
        accepted_on=file.accepted_on, reason=FAILURE_WORDS[file.failure_code], next_step=next_step,
    )
