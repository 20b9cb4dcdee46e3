"""One render function per document kind, and the dispatch from a kind (as the tracks register them) to it.

The wording of each document lives in its track's module (documents.arbitration, documents.inspection,
documents.mediation) as Chinese string constants: see their docstrings for why. The acceptance receipt (受理回执)
is not here: it is rendered by intake.receipt, which needs the case and the query code, and is stored through
documents.issue like the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from . import arbitration as arb
from . import compliance as blk
from . import court_mediation as cm
from . import inspection as insp
from . import legal_aid as aid
from . import mediation as med
from .common import DocumentContext


class Template(NamedTuple):
    context: type[DocumentContext]
    render: Callable[[DocumentContext], bytes]


TEMPLATES: dict[str, Template] = {
    "acceptance_notice": Template(arb.AcceptanceNoticeContext, arb.render_acceptance_notice),
    "rejection_notice": Template(arb.RejectionNoticeContext, arb.render_rejection_notice),
    "completion_notice": Template(arb.CompletionNoticeContext, arb.render_completion_notice),
    "respond_notice": Template(arb.RespondNoticeContext, arb.render_respond_notice),
    "tribunal_notice": Template(arb.TribunalNoticeContext, arb.render_tribunal_notice),
    "hearing_notice": Template(arb.HearingNoticeContext, arb.render_hearing_notice),
    "mediation_statement": Template(arb.MediationStatementContext, arb.render_mediation_statement),
    "award": Template(arb.AwardContext, arb.render_award),
    "filing_rejection": Template(insp.FilingRejectionContext, insp.render_filing_rejection),
    "correction_order": Template(insp.CorrectionOrderContext, insp.render_correction_order),
    "penalty_notice": Template(insp.PenaltyNoticeContext, insp.render_penalty_notice),
    "penalty_decision": Template(insp.PenaltyDecisionContext, insp.render_penalty_decision),
    "joint_mediation_agreement": Template(
        med.JointMediationAgreementContext, med.render_joint_mediation_agreement
    ),
    "mediation_agreement": Template(cm.MediationAgreementContext, cm.render_mediation_agreement),
    "mediation_failure": Template(cm.MediationFailureContext, cm.render_mediation_failure),
    "confirmation_application": Template(cm.ConfirmationApplicationContext, cm.render_confirmation_application),
    "payment_order_application": Template(cm.PaymentOrderApplicationContext,
                                          cm.render_payment_order_application),
    "legal_aid_decision": Template(aid.AidDecisionContext, aid.render_aid_decision),
    "legal_aid_agreement": Template(aid.AidAgreementContext, aid.render_aid_agreement),
    "listing_notice": Template(blk.ListingNoticeContext, blk.render_listing_notice),
    "listing_decision": Template(blk.ListingDecisionContext, blk.render_listing_decision),
    "listing_removal": Template(blk.RemovalDecisionContext, blk.render_removal_decision),
    "listing_reinstatement": Template(blk.ReinstatementContext, blk.render_reinstatement),
}

# Enforceable instruments name the parties in full (ID number, address); every other document masks the
# worker's ID number and leaves the address out. See documents.common.
FULL_PARTICULARS = frozenset(
    {"award", "mediation_statement", "joint_mediation_agreement", "mediation_agreement", "legal_aid_agreement",
     # The parties' applications to a court name them in full, as the agreement they ask it to act on does.
     "confirmation_application", "payment_order_application"}
)


def render(kind: str, context: DocumentContext) -> bytes:
    """The PDF of a document of this kind. A context of another kind's type is a programming error."""
    try:
        template = TEMPLATES[kind]
    except (ValueError, KeyError):
        raise ValueError(f"no template for document kind {kind!r}") from None
    if type(context) is not template.context:
        raise TypeError(f"{kind} is rendered from {template.context.__name__}, not {type(context).__name__}")
    return template.render(context)
