"""From a recorded joint mediation agreement to the context of its 联合调解协议书 (documents.inspection).

Like documents.builders: the service decides, this only reads what was decided (and the case's parties and
claims) and says it in the document's terms. Wording is Chinese constants because the document is always issued
in Chinese (documents.common).
"""

from __future__ import annotations

from documents.builders import claim_text, employer_party, worker_party
from documents.common import yuan

from .models import ParticipantRole

# Inspection first, then the commission, then other mediators: the order the bodies and names are printed in.
_ORDER = {ParticipantRole.INSPECTOR: 0, ParticipantRole.ARBITRATOR: 1, ParticipantRole.MEDIATOR: 2}


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def dispute_sentence(case) -> str:
    claims = [claim_text(c) + (yuan(c.amount) if c.amount is not None else "") for c in case.claims.order_by("id")]
    if not claims:
        return case.facts.strip()
    return f"{case.worker.name}与{case.employer.name}因{'、'.join(claims)}发生争议"


def joint_mediation_agreement(agreement):
    from documents.inspection import AgreementItem, JointMediationAgreementContext

    session = agreement.session
    case = session.case
    present = sorted(
        (p for p in session.participants.select_related("user", "organization") if p.present),
        key=lambda p: (_ORDER.get(p.role, 9), p.id),
    )
    bodies = tuple(dict.fromkeys(p.organization.name for p in present))
    items = [AgreementItem(text=i.text, amount=i.amount, due_on=i.due_on) for i in agreement.items.order_by("id")]
    items += [AgreementItem(text=line.strip()) for line in agreement.terms.splitlines() if line.strip()]
    return JointMediationAgreementContext(
        issuer=case.owner_org.name, document_number=case.number, issued_on=agreement.agreed_on,
        worker=worker_party(case), employer=employer_party(case), mediation_bodies=bodies,
        mediators=tuple(_name(p.user) for p in present), dispute=dispute_sentence(case), items=tuple(items),
    )
