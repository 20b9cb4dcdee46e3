"""From the records of a case to the context of each official document, and issuing it.

One function per document kind: it takes the ORM objects the issuing service has just written and returns the
context dataclass of documents.arbitration / documents.inspection / documents.mediation. The service decides;
the builder only reads what was decided (and the case's parties and claims) and says it in the document's terms.

issue() renders and stores the document inside the caller's transaction (documents.issue.document_issue), so a
refused or rolled-back decision leaves no document behind. Rendering takes ~70 ms and happens while the case row
is locked; acceptable at our volumes, and the first thing to move out (render after commit) if it is not.

The document modules load reportlab; they are imported inside the functions so that importing a service does
not load PDF code at start-up (documents/__init__.py).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.utils import timezone

from arbitration.models import ArbitrationFile
from core.models import Role, name_of
from disputes import collective
from inspection.models import RefusalReason
from legal_aid.models import StationProfile
from legal_aid.rules_data import OBJECTION

from . import render
from .common import Claim, Party, Remedies, Tribunal, chinese_number, yuan
from .issue import document_issue
from .remedies import remedies_for

LDMAL = "《中华人民共和国劳动争议调解仲裁法》"
REGULATION = "《劳动保障监察条例》"
PROVISIONS = "《关于实施〈劳动保障监察条例〉若干规定》"
# Every division of the system is in Weifang (core.models.Division), whose intermediate court hears applications
# to set a final award aside (LDMAL art 49).
INTERMEDIATE_COURT = "潍坊市中级人民法院"
# The system keeps no payment channel for fines yet; the decision names the channel by its role (行政处罚法 art 67)
# until the department's account is configured. TO BE CHECKED before going live.
FINE_PAYMENT = "本机关指定的罚款代收机构"


def issue(case, kind: str, context, actor):
    """Render `context` as `kind` and store it as the next version for the case (in the caller's transaction)."""
    return document_issue(case=case, kind=kind, pdf_bytes=render(kind, context), actor=actor)


# --- shared pieces ------------------------------------------------------------------------------------


def worker_party(case, *, representatives: bool = False) -> Party:
    """The worker as a party; `representatives`: with the representatives of the collective dispute the case
    belongs to (the group's record, disputes.collective), which the arbitration documents name."""
    names = tuple(r.display_name for r in collective.representatives_of(case)) if representatives else ()
    return Party(name=case.worker.name, id_number=case.worker.id_number, representatives=names)


def employer_party(case) -> Party:
    e = case.employer
    return Party(name=e.name, is_organisation=True, credit_code=e.credit_code, address=e.address)


def claim_text(claim) -> str:
    return claim.description.strip() or str(claim.get_type_display())


def claims_of(case) -> tuple[Claim, ...]:
    return tuple(Claim(text=claim_text(c), amount=c.amount) for c in case.claims.order_by("id"))


def _today() -> datetime.date:
    return timezone.localdate()


def _contact(org) -> str:
    return f"{org.name}，{org.phone}" if org.phone else ""


def _remedies(org) -> Remedies:
    # Derived from the issuing body's level (documents.remedies cites the articles).
    return remedies_for(org)


def tribunal_of(file, *, fallback=None) -> Tribunal:
    """The active tribunal, presiding first; a statement made before composition is signed by `fallback`."""
    members = [name_of(m.arbitrator) for m in file.tribunal_members.filter(removed_at__isnull=True)
               .select_related("arbitrator").order_by("-is_presiding", "id")]
    if not members:
        members = [name_of(fallback)]
    return Tribunal(presiding=members[0], members=tuple(members[1:]))


def _arbitration_header(file, number: str | None = None, on: datetime.date | None = None) -> dict:
    return {
        "issuer": file.commission.name,
        "document_number": number or file.official_number or file.case.number,
        "issued_on": on or _today(),
    }


def _parties(case) -> dict:
    """The arbitration documents' parties: the applicant with the collective dispute's representatives."""
    return {"applicant": worker_party(case, representatives=True), "respondent": employer_party(case)}


# --- arbitration ----------------------------------------------------------------------------------------


def acceptance_notice(file):
    from .arbitration import AcceptanceNoticeContext

    case = file.case
    return AcceptanceNoticeContext(
        **_arbitration_header(file, on=file.accepted_on), **_parties(case),
        received_on=file.application_received_on, claims=claims_of(case), contact=_contact(file.commission),
    )


def respond_notice(file):
    from .arbitration import RespondNoticeContext

    case = file.case
    return RespondNoticeContext(
        **_arbitration_header(file, on=file.accepted_on), **_parties(case),
        accepted_on=file.accepted_on, claims=claims_of(case), contact=_contact(file.commission),
    )


def rejection_notice(file):
    from .arbitration import RejectionNoticeContext

    return RejectionNoticeContext(
        **_arbitration_header(file, number=file.rejection_number, on=file.rejected_on), **_parties(file.case),
        received_on=file.application_received_on, reason=file.rejection_reason,
        legal_basis=f"{LDMAL}第二十九条",
    )


def completion_notice(file):
    from .arbitration import CompletionNoticeContext

    # Before acceptance there is no official number: the notice carries the case number.
    return CompletionNoticeContext(
        **_arbitration_header(file, on=file.completion_requested_on), **_parties(file.case),
        received_on=file.application_received_on, missing=tuple(file.completion_items),
    )


def tribunal_notice(file):
    from .arbitration import TribunalNoticeContext

    parties = _parties(file.case)
    # One notice is kept per composition; it is served on the respondent, the applicant's copy is the same text.
    return TribunalNoticeContext(
        **_arbitration_header(file), **parties, addressee=parties["respondent"], tribunal=tribunal_of(file),
    )


def hearing_notice(hearing, *, case=None, to_applicant: bool = False):
    """The notice of `hearing` to the respondent, or to the applicant (`to_applicant`); `case`: a member of the
    collective dispute whose lead the hearing is for (its worker is the applicant, the lead's file numbers it)."""
    from .arbitration import HearingNoticeContext

    case = case or hearing.case
    file = ArbitrationFile.objects.filter(case_id=case.lead_id or case.pk).select_related("commission").first()
    # A case brought to the hearing stage without the arbitration file (older data) is named by its owner.
    header = _arbitration_header(file) if file else {
        "issuer": case.owner_org.name, "document_number": case.number, "issued_on": _today()}
    parties = _parties(case)
    room = hearing.room
    place = f"{room.organization.name}{room.name}" + (f"（{room.organization.address}）" if room.organization.address else "")
    starts = timezone.localtime(hearing.starts_at)
    return HearingNoticeContext(
        **header, **parties, addressee=parties["applicant" if to_applicant else "respondent"],
        hearing_on=starts.date(), hearing_time=starts.time(), place=place,
    )


def mediation_statement(statement, actor):
    from .arbitration import MediationStatementContext

    file = statement.file
    case = file.case
    agreement = [Claim(text=statement.terms)]
    agreement += [Claim(text=row["label"], amount=Decimal(row["amount"])) for row in statement.amounts]
    return MediationStatementContext(
        **_arbitration_header(file, on=statement.issued_on), **_parties(case), accepted_on=file.accepted_on,
        claims=claims_of(case), agreement=tuple(agreement), tribunal=tribunal_of(file, fallback=actor),
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """The tribunal's text as the award prints it: one paragraph per non-empty line."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def legal_basis_phrase(text: str) -> str:
    """The provisions as they fit 根据…的规定，裁决如下: lines joined, the frame's own words not repeated."""
    basis = "，".join(paragraphs(text)).strip().rstrip("。；;，,.")
    for head in ("根据", "依据", "依照"):
        basis = basis.removeprefix(head)
    for tail in ("之规定", "的规定", "规定"):
        basis = basis.removesuffix(tail)
    return basis.strip() or text.strip()


def award(award):
    """The award from its records: header, parties, claims, the tribunal's findings, reasons and legal basis
    as entered (arbitration.services.award_issue requires them), and the decided items, each final or not."""
    from .arbitration import AwardContext
    from .arbitration import AwardItem as DocItem

    file = award.file
    case = file.case
    # The hearing the award rests on (its ground, required by award_issue). An award recorded before grounds
    # were kept falls back to the latest hearing held by its date; never to one still scheduled.
    hearing = award.hearing or (
        case.hearings.filter(state="held", starts_at__date__lte=award.issued_on).order_by("-starts_at", "-id").first()
    )
    hearing_on = timezone.localdate(hearing.starts_at) if hearing else award.issued_on
    rows = list(award.items.select_related("claim__case__worker").order_by("id"))
    # The award of a collective dispute's lead decides its members' claims too: each item names its worker.
    several = len({i.claim.case_id for i in rows}) > 1
    items = tuple(
        DocItem(text=f"{i.claim.case.worker.name}：{i.decision_text}" if several else i.decision_text,
                amount=i.awarded_amount, is_final=i.is_final)
        for i in rows
    )
    defended = case.events.filter(action="defence_received").exists()
    return AwardContext(
        **_arbitration_header(file, on=award.issued_on), **_parties(case), accepted_on=file.accepted_on,
        hearing_on=hearing_on, claims=claims_of(case), findings=paragraphs(award.findings),
        reasoning=paragraphs(award.reasoning), legal_basis=legal_basis_phrase(award.legal_basis), items=items,
        tribunal=tribunal_of(file), intermediate_court=INTERMEDIATE_COURT,
        defence="被申请人已提交书面答辩意见，详见答辩书。" if defended else "",
        respondent_absent=bool(hearing and hearing.respondent_absent),
        notice_served_on=hearing.notice_served_on if hearing else None,
    )


# --- inspection ------------------------------------------------------------------------------------------


def _inspection_header(case, org, number: str, on: datetime.date | None = None) -> dict:
    # The number the issuing service took from the organisation's pattern (inspection.services._document_number).
    # Only a record made before numbering existed has none: its document is identified by the case number.
    return {"issuer": org.name, "document_number": number or case.number, "issued_on": on or _today()}


def filing_rejection(decision):
    from .inspection import FilingRejectionContext

    case = decision.case
    matter = "、".join(claim_text(c) for c in case.claims.order_by("id")) or case.facts
    return FilingRejectionContext(
        **_inspection_header(case, decision.organization, decision.number, on=decision.decided_on),
        complainant=worker_party(case), employer=employer_party(case),
        received_on=timezone.localdate(case.registered_at), matter=matter, reason=decision.reason,
        legal_basis=f"{PROVISIONS}第十八条", remedies=_remedies(decision.organization),
        # 监察条例 art 21: a dispute outside inspection goes to arbitration.
        redirect="劳动人事争议仲裁委员会" if decision.reason_code == RefusalReason.OUT_OF_SCOPE else "",
    )


def correction_order(order, org):
    from .inspection import CorrectionOrderContext

    case = order.case
    # The violations found and the things to correct are separate inputs (inspection.services): the findings
    # are printed once, as what the investigation found; the sums to pay and the other corrections as items.
    items = [Claim(text=i.description or str(i.get_kind_display()), amount=i.amount) for i in order.items.order_by("id")]
    corrections = tuple(requirement_lines(order.requirements))
    return CorrectionOrderContext(
        **_inspection_header(case, org, order.number, on=order.issued_on), employer=employer_party(case),
        facts=order.findings, legal_basis=f"{REGULATION}第十八条", items=tuple(items), corrections=corrections,
        correct_by=order.due_on, remedies=_remedies(org),
    )


def requirement_lines(text: str) -> list[str]:
    """The things to correct, one per line (or separated by ；), as typed."""
    return [part.strip().rstrip("。；;") for part in re.split(r"[\n；;]+", text or "") if part.strip().rstrip("。；;")]


def _article(rule) -> str:
    return f"{REGULATION}第{chinese_number(int(rule.article))}条"


def _penalties(proposals) -> tuple[list[str], Decimal | None]:
    """What is imposed in words, and the fine (None if there is none): a warning, a fine, extra compensation."""
    words, fine = [], Decimal("0.00")
    if any(p.with_warning for p in proposals):
        words.append("警告")
    for p in proposals:
        if p.payable_to_worker:
            words.append(f"责令向劳动者加付赔偿金{p.amount:,.2f}元")
        else:
            fine += p.amount
    return words, (fine if fine > 0 else None)


def penalty_notice(proposal, org):
    from .inspection import PenaltyNoticeContext

    case = proposal.case
    words, fine = _penalties([proposal])
    return PenaltyNoticeContext(
        **_inspection_header(case, org, proposal.notice_number, on=proposal.notified_on), employer=employer_party(case),
        facts=proposal.facts or case.facts, violated="劳动保障法律、法规", penalty_basis=_article(proposal.rule),
        penalty="，".join(words) or "处以罚款", amount=fine,
        # The service takes a hearing request on any proposal, so the notice always says so.
        hearing_right=True, contact=_contact(org),
    )


def penalty_decision(proposals, org):
    from .inspection import PenaltyDecisionContext

    case = proposals[0].case
    words, fine = _penalties(proposals)
    kinds = {s.kind for p in proposals for s in p.statements.all()}
    if kinds & {"statement", "hearing_held"}:
        representations = "你单位提出了陈述、申辩意见，本机关已进行复核"
    else:
        representations = "你单位在规定期限内未提出陈述、申辩意见"
    evidence = tuple(e.description for e in case.inspection_evidence.order_by("id"))
    decided_on = proposals[0].decided_on or _today()
    return PenaltyDecisionContext(
        **_inspection_header(case, org, proposals[0].decision_number, on=decided_on), employer=employer_party(case),
        facts="；".join(dict.fromkeys(p.facts or case.facts for p in proposals)), evidence=evidence,
        notice_served_on=min(p.notified_on for p in proposals), representations=representations,
        violated="劳动保障法律、法规", penalty_basis="、".join(dict.fromkeys(_article(p.rule) for p in proposals)),
        penalty="，".join(words) or "处以罚款", amount=fine, payment_to=FINE_PAYMENT if fine else "",
        remedies=_remedies(org),
    )


# --- joint mediation (联合调解协议书) ----------------------------------------------------------------------

# Inspection first, then the commission, then other mediators: the order the bodies and names are printed in
# (a participant's role is the staff role it was scheduled with).
_MEDIATOR_ORDER = {Role.INSPECTOR: 0, Role.ARBITRATOR: 1, Role.MEDIATOR: 2}


def dispute_sentence(case) -> str:
    claims = [claim_text(c) + (yuan(c.amount) if c.amount is not None else "") for c in case.claims.order_by("id")]
    if not claims:
        return case.facts.strip()
    return f"{case.worker.name}与{case.employer.name}因{'、'.join(claims)}发生争议"


def joint_mediation_agreement(agreement):
    from .mediation import AgreementItem, JointMediationAgreementContext

    session = agreement.session
    case = session.case
    present = sorted(
        (p for p in session.participants.select_related("user", "organization") if p.present),
        key=lambda p: (_MEDIATOR_ORDER.get(p.role, 9), p.id),
    )
    bodies = tuple(dict.fromkeys(p.organization.name for p in present))
    items = [AgreementItem(text=i.text, amount=i.amount, due_on=i.due_on) for i in agreement.items.order_by("id")]
    items += [AgreementItem(text=line.strip()) for line in agreement.terms.splitlines() if line.strip()]
    return JointMediationAgreementContext(
        issuer=case.owner_org.name, document_number=case.number, issued_on=agreement.agreed_on,
        worker=worker_party(case), employer=employer_party(case), mediation_bodies=bodies,
        mediators=tuple(name_of(p.user) for p in present), dispute=dispute_sentence(case), items=tuple(items),
    )


# --- legal aid ------------------------------------------------------------------------------------------

# How the decision names the applicant's category (legal_aid.models.Category).
_AID_CATEGORY = {
    "migrant_pay": "进城务工人员，请求支付劳动报酬",
    "migrant_injury": "进城务工人员，请求工伤事故人身损害赔偿",
    "assistance": "社会救助、司法救助对象",
}


def _aid_reasons(aid_file) -> str:
    rule = aid_file.rule
    if rule is not None and rule.kind == "exempt":
        who = _AID_CATEGORY.get(aid_file.category, "")
        return f"你系{who}，依法免予核查经济困难状况" if who else "你依法免予核查经济困难状况"
    if rule is not None and rule.kind == "urgent" and aid_file.threshold is None:
        return "你的请求距仲裁时效期间届满不足七日，情况紧急"
    if rule is not None and rule.kind == "hardship" and aid_file.threshold is not None:
        allowance = aid_file.allowance
        per_person = (aid_file.monthly_income / aid_file.household_size).quantize(Decimal("0.01"))
        standard = (
            f"{allowance.division.name}{allowance.year}年度最低生活保障标准{yuan(allowance.monthly_amount)}"
            f"的{rule.multiplier.normalize():f}倍（{yuan(aid_file.threshold)}）"
        )
        if per_person < aid_file.threshold:
            return f"你家庭人均月收入{yuan(per_person)}，低于{standard}，符合经济困难标准"
        text = f"你家庭人均月收入{yuan(per_person)}，不低于{standard}，不符合经济困难标准"
        return text + (f"；{aid_file.reason.strip().rstrip('。')}" if aid_file.reason.strip() else "")
    return aid_file.reason.strip() or "经审查，你的申请不符合法律援助条件"


def _objection_body(station) -> str:
    """The justice administration department the station names for objections, else the law's own words."""
    named = StationProfile.objects.filter(station=station).values_list("objection_body", flat=True).first()
    return (named or "").strip() or OBJECTION["default_body"]


def aid_decision(aid_file):
    from .legal_aid import AidDecisionContext

    case, station = aid_file.case, aid_file.station
    granted = aid_file.state != "refused"
    rule = aid_file.rule
    basis = rule.basis if rule is not None else "《中华人民共和国法律援助法》第四十一条"
    if aid_file.urgent and granted and "第四十四条" not in basis:
        basis += "、第四十四条"
    return AidDecisionContext(
        issuer=station.name, document_number=aid_file.decision_number, issued_on=aid_file.decided_on,
        applicant=worker_party(case), employer=employer_party(case), applied_on=aid_file.received_on,
        granted=granted, reasons=_aid_reasons(aid_file), legal_basis=basis, urgent=aid_file.urgent and granted,
        objection_body=_objection_body(station), objection_days=OBJECTION["review_days"],
        objection_basis=OBJECTION["basis"], contact=_contact(station),
    )


def aid_agreement(aid_file, assignment, signed_on):
    from .legal_aid import AidAgreementContext

    case, station = aid_file.case, aid_file.station
    lawyer = assignment.lawyer_name
    if assignment.partner_id:
        lawyer += f"（{assignment.partner.firm.name}律师）"
    forum = "诉讼" if case.status == "litigation" else "劳动人事争议仲裁"
    return AidAgreementContext(
        issuer=station.name, document_number=aid_file.agreement_number, issued_on=signed_on,
        client=worker_party(case),
        employer=employer_party(case), lawyer=lawyer, lawyer_phone=assignment.lawyer_phone,
        claims=claims_of(case), forum=forum,
    )


# --- the wage-arrears list (compliance.services) ---------------------------------------------------------


def _listed_persons(listing):
    from .compliance import ListedPerson

    return tuple(ListedPerson(name=p["name"], role=p["role"], id_number=p.get("id_number", ""))
                 for p in listing.responsible_persons)


def listing_notice(listing, org):
    from .compliance import ListingNoticeContext

    return ListingNoticeContext(
        **_inspection_header(listing.case, org, listing.notice_number, on=listing.notified_on),
        employer=employer_party(listing.case), ground=listing.ground, facts=listing.reason,
        persons=_listed_persons(listing), payment_order=listing.payment_order_number,
        payment_order_due_on=listing.payment_order_due_on,
    )


def _representations(listing) -> str:
    from core.pdf import chinese_date

    if listing.objection_received_on is None:
        return "你单位在规定期限内未提出陈述、申辩意见"
    found = "本机关予以采纳" if listing.objection_upheld else "所提事实、理由不能成立，本机关不予采纳"
    return f"你单位于{chinese_date(listing.objection_received_on)}提出陈述、申辩意见，经核实，{found}"


def listing_decision(listing, org):
    from .compliance import ListingDecisionContext

    return ListingDecisionContext(
        **_inspection_header(listing.case, org, listing.decision_number, on=listing.decided_on),
        employer=employer_party(listing.case), ground=listing.ground, facts=listing.reason,
        persons=_listed_persons(listing), notice_number=listing.notice_number or listing.case.number,
        representations=_representations(listing), listed_from=listing.decided_on,
        listed_until=listing.listed_until, remedies=_remedies(org),
    )


def listing_removal(listing, org, number: str):
    from .compliance import RemovalDecisionContext

    return RemovalDecisionContext(
        **_inspection_header(listing.case, org, number, on=listing.removed_on), employer=employer_party(listing.case),
        decision_number=listing.decision_number, early=listing.removal_reason == "early", removed_on=listing.removed_on,
        revoked_by=listing.revocation_reason if listing.removal_reason == "revoked" else "",
    )


def listing_reinstatement(listing, org, *, first_number: str, removed_on):
    """Art 15 (compliance.revocation): the early removal of `removed_on` revoked, the listing restored for a new
    term under a new decision number; `first_number` is the listing decision first made."""
    from .compliance import ReinstatementContext

    return ReinstatementContext(
        **_inspection_header(listing.case, org, listing.decision_number, on=listing.removal_revoked_on),
        employer=employer_party(listing.case), decision_number=first_number, removal_on=removed_on,
        facts=listing.removal_revocation_reason, listed_from=listing.removal_revoked_on,
        listed_until=listing.listed_until, remedies=_remedies(org),
    )
