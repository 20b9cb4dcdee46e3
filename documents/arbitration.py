"""Documents of labour-dispute arbitration (劳动人事争议仲裁), issued by the arbitration commission.

The wording is kept here as Chinese string constants, not gettext msgids: these are legal documents, always
issued in Chinese, whose sentences follow the standard forms used by arbitration commissions and quote the
statute (LDMAL = 中华人民共和国劳动争议调解仲裁法; 办案规则 = 劳动人事争议仲裁办案规则, MOHRSS Order 33). A translation
catalogue must not be able to change what a notice or an award says. See documents.common for which documents
print a worker's particulars in full.

The periods written into the wording (10 days to answer, 15 days to sue, 30 days to apply to set aside) are the
statute's own words, quoted with their article; the clocks that enforce periods live in deadlines/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.pdf import chinese_date

from .common import Claim, DocumentContext, Party, Tribunal, chinese_time, ordinal_list, require_dates, yuan
from .layout import (
    arabic_numbered,
    claims_table,
    enumeration,
    new_document,
    numbered,
    party_lines,
    render_in_chinese,
    tribunal_signature,
)

LDMAL = "《中华人民共和国劳动争议调解仲裁法》"
RULES = "《劳动人事争议仲裁办案规则》"

TITLE_ACCEPTANCE = "受理通知书"
TITLE_REJECTION = "不予受理通知书"
TITLE_COMPLETION = "补正通知书"
TITLE_RESPOND = "应诉通知书"
TITLE_TRIBUNAL = "仲裁庭组成通知书"
TITLE_HEARING = "开庭通知书"
TITLE_MEDIATION = "仲裁调解书"
TITLE_AWARD = "仲裁裁决书"

# LDMAL arts 6, 24 and 36 in the words notices use; 办案规则 art 10 for the timing of a recusal request.
RIGHTS_AND_DUTIES = (
    "当事人在仲裁活动中有申请回避、提供证据、进行辩论、请求调解、自行和解、申请撤回仲裁申请等权利，同时应当遵守仲裁秩序，"
    "如实陈述，履行发生法律效力的调解书、裁决书。"
)
BURDEN_OF_PROOF = (
    "当事人对自己提出的主张，有责任提供证据。与争议事项有关的证据属于用人单位掌握管理的，用人单位应当提供；"
    "用人单位不提供的，应当承担不利后果。"
)
AGENTS = (
    "当事人可以委托代理人参加仲裁活动。委托他人参加仲裁活动，应当向本委提交有委托人签名或者盖章的授权委托书，"
    "委托书应当载明委托事项和权限。"
)
NOTICE_TO_FOLLOW = "仲裁庭的组成情况和开庭的日期、地点，本委将另行书面通知。"
RECUSAL = (
    "当事人认为仲裁员有" + LDMAL + "第三十三条规定情形之一的，有权以口头或者书面方式提出回避申请，并说明理由。"
    "回避申请应当在案件开庭审理前提出；回避事由在案件开庭审理后知晓的，也可以在庭审辩论终结前提出。"
)
HEARING_PERIODS = (
    "根据" + LDMAL + "第三十五条的规定，仲裁庭应当在开庭五日前，将开庭日期、地点书面通知双方当事人；"
    "当事人有正当理由的，可以在开庭三日前请求延期开庭。是否延期，由本委决定。"
)
HEARING_ABSENCE = (
    "申请人收到书面通知，无正当理由拒不到庭或者未经仲裁庭同意中途退庭的，可以视为撤回仲裁申请；"
    "被申请人收到书面通知，无正当理由拒不到庭或者未经仲裁庭同意中途退庭的，可以缺席裁决。"
)
# LDMAL art 51.
ENFORCEMENT = "当事人对发生法律效力的调解书、裁决书，应当依照规定的期限履行。一方当事人逾期不履行的，另一方当事人可以依照民事诉讼法的有关规定向人民法院申请执行。"


def case_phrase(addressee: Party, applicant: Party, respondent: Party) -> str:
    """你与某公司劳动争议一案 / 王小明与你单位劳动争议一案 / 王小明与某公司劳动争议一案."""
    first = applicant.you if addressee == applicant else applicant.name
    second = respondent.you if addressee == respondent else respondent.name
    return f"{first}与{second}劳动争议一案"


# --- 受理通知书 / 不予受理通知书 / 补正通知书 (to the applicant) ------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AcceptanceNoticeContext(DocumentContext):
    applicant: Party
    respondent: Party
    received_on: datetime.date
    claims: tuple[Claim, ...]
    contact: str = ""  # e.g. 李娜，0536-1234567

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "received_on")


def render_acceptance_notice(ctx: AcceptanceNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_ACCEPTANCE)
        you = ctx.applicant.you
        doc.add_addressee(ctx.applicant.name)
        doc.add_paragraph(
            f"{case_phrase(ctx.applicant, ctx.applicant, ctx.respondent)}，本委于{chinese_date(ctx.received_on)}收到{you}的"
            "仲裁申请，经审查，符合受理条件，决定立案受理。本案仲裁请求如下："
        )
        claims_table(doc, ctx.claims, header="仲裁请求")
        doc.add_spacer(6)
        doc.add_paragraph("现将有关事项通知如下：")
        points = [RIGHTS_AND_DUTIES, BURDEN_OF_PROOF, AGENTS, NOTICE_TO_FOLLOW]
        if ctx.contact:
            points.append(f"本案联系人及联系电话：{ctx.contact}。")
        numbered(doc, points)
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class RejectionNoticeContext(DocumentContext):
    applicant: Party
    respondent: Party
    received_on: datetime.date
    reason: str  # e.g. 你的仲裁请求不属于劳动人事争议处理范围
    legal_basis: str  # e.g. 《劳动人事争议仲裁办案规则》第三十条

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "received_on")
        if not self.reason.strip() or not self.legal_basis.strip():
            raise ValueError("a rejection states its reason and basis")


def render_rejection_notice(ctx: RejectionNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_REJECTION)
        you = ctx.applicant.you
        doc.add_addressee(ctx.applicant.name)
        doc.add_paragraph(
            f"{case_phrase(ctx.applicant, ctx.applicant, ctx.respondent)}的仲裁申请，本委于{chinese_date(ctx.received_on)}收到。"
            f"经审查，{ctx.reason.rstrip('。')}，不符合受理条件。根据{ctx.legal_basis}的规定，本委决定不予受理。"
        )
        # LDMAL art 29 gives the applicant the court without fixing a period for it, so none is printed.
        doc.add_paragraph(f"{you}对本决定不服的，可以就该劳动争议事项向人民法院提起诉讼。")
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class CompletionNoticeContext(DocumentContext):
    applicant: Party
    respondent: Party
    received_on: datetime.date
    missing: tuple[str, ...]  # every item at once (办案规则 art 29)
    complete_by: datetime.date | None = None

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "received_on", "complete_by")
        if not self.missing:
            raise ValueError("a completion notice lists what is missing")


def render_completion_notice(ctx: CompletionNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_COMPLETION)
        you = ctx.applicant.you
        doc.add_addressee(ctx.applicant.name)
        doc.add_paragraph(
            f"{case_phrase(ctx.applicant, ctx.applicant, ctx.respondent)}的仲裁申请，本委于{chinese_date(ctx.received_on)}收到。"
            f"经审查，{you}提交的仲裁申请书不规范或者材料不齐备。根据{RULES}第二十九条的规定，现一次性告知{you}需要补正的全部材料如下："
        )
        numbered(doc, enumeration(ctx.missing))
        if ctx.complete_by:
            doc.add_paragraph(f"请{you}于{chinese_date(ctx.complete_by)}前将上述材料提交本委。")
        doc.add_paragraph(f"本委收到{you}补正的全部材料后，将出具收件回执，并依法审查决定是否受理。")
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- 应诉通知书 (to the respondent) ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RespondNoticeContext(DocumentContext):
    applicant: Party
    respondent: Party
    accepted_on: datetime.date
    claims: tuple[Claim, ...]
    contact: str = ""

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "accepted_on")


def render_respond_notice(ctx: RespondNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_RESPOND)
        you = ctx.respondent.you
        doc.add_addressee(ctx.respondent.name)
        doc.add_paragraph(
            f"{case_phrase(ctx.respondent, ctx.applicant, ctx.respondent)}，本委已于{chinese_date(ctx.accepted_on)}立案受理。"
            f"现将仲裁申请书副本送达{you}。当事人及仲裁请求如下："
        )
        # Served on the employer: the worker is identified, but the ID number is masked and no address shown.
        party_lines(doc, [("申请人", ctx.applicant), ("被申请人", ctx.respondent)], full=False)
        claims_table(doc, ctx.claims, header="仲裁请求")
        doc.add_spacer(6)
        doc.add_paragraph("现将有关事项通知如下：")
        points = [
            # LDMAL art 30.
            f"{you}应当自收到仲裁申请书副本之日起十日内向本委提交答辩书，答辩书副本按申请人人数提交。"
            f"{you}未提交答辩书的，不影响仲裁程序的进行。",
            BURDEN_OF_PROOF,
            f"{you}应当提交营业执照副本复印件和法定代表人（主要负责人）身份证明书。" + AGENTS
            if ctx.respondent.is_organisation
            else AGENTS,
            RIGHTS_AND_DUTIES,
            NOTICE_TO_FOLLOW,
        ]
        if ctx.contact:
            points.append(f"本案联系人及联系电话：{ctx.contact}。")
        numbered(doc, points)
        doc.add_paragraph("附：仲裁申请书副本及证据材料副本", indent=False)
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- 仲裁庭组成通知书 / 开庭通知书 (to each party) ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TribunalNoticeContext(DocumentContext):
    addressee: Party
    applicant: Party
    respondent: Party
    tribunal: Tribunal

    def __post_init__(self):
        super().__post_init__()
        if self.addressee not in (self.applicant, self.respondent):
            raise ValueError("the notice is served on a party of the case")


def render_tribunal_notice(ctx: TribunalNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_TRIBUNAL)
        t = ctx.tribunal
        doc.add_addressee(ctx.addressee.name)
        if t.is_sole:
            composition = f"本委决定由仲裁员{t.presiding}独任仲裁。"
        else:
            composition = f"本委决定由{t.presiding}担任首席仲裁员，{'、'.join(t.members)}担任仲裁员，组成仲裁庭审理。"
        if t.clerk:
            composition += f"本案由{t.clerk}担任书记员。"
        doc.add_paragraph(f"{case_phrase(ctx.addressee, ctx.applicant, ctx.respondent)}，{composition}")
        doc.add_paragraph(RECUSAL)
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class HearingNoticeContext(DocumentContext):
    addressee: Party
    applicant: Party
    respondent: Party
    hearing_on: datetime.date
    hearing_time: datetime.time
    place: str  # e.g. 潍城区劳动人事争议仲裁院第一仲裁庭（潍坊市潍城区…）

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "hearing_on")
        if self.addressee not in (self.applicant, self.respondent):
            raise ValueError("the notice is served on a party of the case")
        # The 5-day notice period (LDMAL art 35, counted in working days) is the hearings service's check: it
        # needs the calendar. A notice signed on or after the hearing day is wrong whatever the calendar says.
        if self.hearing_on <= self.issued_on:
            raise ValueError("the hearing must be after the notice")


def render_hearing_notice(ctx: HearingNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_HEARING)
        you = ctx.addressee.you
        when = f"{chinese_date(ctx.hearing_on)}{chinese_time(ctx.hearing_time)}"
        doc.add_addressee(ctx.addressee.name)
        doc.add_paragraph(
            f"{case_phrase(ctx.addressee, ctx.applicant, ctx.respondent)}，本委定于{when}在{ctx.place}开庭审理。"
            f"请{you}准时到庭，并携带身份证明、证据原件和本通知书。"
        )
        doc.add_key_values([("开庭时间", when), ("开庭地点", ctx.place)])
        doc.add_spacer(6)
        doc.add_paragraph(HEARING_PERIODS)
        doc.add_paragraph(HEARING_ABSENCE)
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- 仲裁调解书 / 仲裁裁决书 (full particulars: enforceable instruments) -------------------------------------


@dataclass(frozen=True, kw_only=True)
class MediationStatementContext(DocumentContext):
    applicant: Party
    respondent: Party
    accepted_on: datetime.date
    claims: tuple[Claim, ...]
    agreement: tuple[Claim, ...]  # what the parties agreed, one item each, with the sum if there is one
    tribunal: Tribunal
    facts: str = ""  # a short account of the dispute, if the tribunal writes one

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "accepted_on")
        if not self.agreement:
            raise ValueError("a mediation statement records what was agreed")


def render_mediation_statement(ctx: MediationStatementContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_MEDIATION)
        party_lines(doc, [("申请人", ctx.applicant), ("被申请人", ctx.respondent)], full=True)
        doc.add_spacer(4)
        doc.add_paragraph(
            f"申请人{ctx.applicant.name}与被申请人{ctx.respondent.name}劳动争议一案，本委于{chinese_date(ctx.accepted_on)}立案受理。"
            "申请人的仲裁请求为："
        )
        arabic_numbered(doc, enumeration([c.sentence() for c in ctx.claims]))
        if ctx.facts:
            doc.add_paragraph(ctx.facts)
        # LDMAL art 42: the statement records the claims and what the parties agreed.
        doc.add_paragraph("本案在仲裁庭主持下，经调解，双方当事人自愿达成如下协议：")
        numbered(doc, enumeration([item.sentence() for item in ctx.agreement]))
        doc.add_paragraph("上述协议系双方当事人真实意思表示，不违反法律、行政法规的强制性规定，本委予以确认。")
        doc.add_paragraph("本调解书经双方当事人签收后，即发生法律效力。" + ENFORCEMENT)
        tribunal_signature(doc, ctx.tribunal, signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class AwardItem:
    """One item of 裁决如下. is_final marks a final (终局) item under LDMAL art 47, decided per item."""

    text: str  # e.g. 被申请人于本裁决生效之日起十日内支付申请人2026年9月至10月工资 (the sum follows it)
    amount: Decimal | None = None
    is_final: bool

    def __post_init__(self):
        Claim(text=self.text, amount=self.amount)  # the same Decimal check

    def sentence(self) -> str:
        """被申请人……支付申请人……工资人民币17,366.06元: the decision and its sum read as one sentence."""
        text = self.text.strip().rstrip("。；;，,. ")
        if self.amount is None:
            return text
        return text.removesuffix("人民币") + "人民币" + yuan(self.amount)


@dataclass(frozen=True, kw_only=True)
class AwardContext(DocumentContext):
    applicant: Party
    respondent: Party
    accepted_on: datetime.date
    hearing_on: datetime.date
    claims: tuple[Claim, ...]
    findings: tuple[str, ...]  # 本委查明, one paragraph each
    reasoning: tuple[str, ...]  # 本委认为, one paragraph each
    legal_basis: str  # the articles 裁决如下 rests on
    items: tuple[AwardItem, ...]
    tribunal: Tribunal
    intermediate_court: str  # where an employer applies to set a final item aside, e.g. 潍坊市中级人民法院
    defence: str = ""  # 被申请人辩称; empty when no defence was filed
    # hearing_on is the day the hearing the award rests on was held (arbitration.models.AwardGround).
    respondent_absent: bool = False  # heard in the respondent's absence after written notice (LDMAL art 36)
    notice_served_on: datetime.date | None = None  # when the hearing notice reached the parties, if recorded

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "accepted_on", "hearing_on", "notice_served_on")
        if self.hearing_on > self.issued_on:
            raise ValueError("an award rests on a hearing already held")
        if not self.items:
            raise ValueError("an award decides at least one item")
        if not self.findings or not self.reasoning or not self.legal_basis.strip():
            raise ValueError("an award states its findings, its reasons and its legal basis (LDMAL art 46)")


def award_rights(items: tuple[AwardItem, ...], intermediate_court: str) -> list[str]:
    """What each side may do next, item by item (LDMAL arts 47-50)."""
    final = [i for i, item in enumerate(items, start=1) if item.is_final]
    other = [i for i, item in enumerate(items, start=1) if not item.is_final]
    texts = []
    if final:
        which = "本裁决" if not other else f"本裁决第{ordinal_list(final)}项"
        texts.append(
            # Art 47: final from the day it is made; art 48: the worker may sue within 15 days; art 49: the
            # employer may apply to the intermediate court within 30 days on the grounds listed there.
            f"{which}为终局裁决，裁决书自作出之日起发生法律效力。劳动者对终局裁决不服的，可以自收到本裁决书之日起十五日内"
            f"向人民法院提起诉讼。用人单位有证据证明终局裁决有{LDMAL}第四十九条第一款规定情形之一的，可以自收到本裁决书之日起"
            f"三十日内向{intermediate_court}申请撤销裁决。"
        )
    if other:
        which = "本裁决" if not final else f"本裁决第{ordinal_list(other)}项"
        # Art 50: either side may sue within 15 days; otherwise the award takes effect.
        texts.append(
            f"当事人对{which}不服的，可以自收到本裁决书之日起十五日内向人民法院提起诉讼；期满不起诉的，"
            f"{'本裁决书' if not final else '该部分裁决'}发生法律效力。"
        )
    texts.append(ENFORCEMENT)
    return texts


def render_award(ctx: AwardContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_AWARD)
        t = ctx.tribunal
        party_lines(doc, [("申请人", ctx.applicant), ("被申请人", ctx.respondent)], full=True)
        doc.add_spacer(4)
        composition = f"由仲裁员{t.presiding}独任仲裁" if t.is_sole else "依法组成仲裁庭"
        applicant, respondent = ctx.applicant.name, ctx.respondent.name
        if ctx.respondent_absent:
            served = f"于{chinese_date(ctx.notice_served_on)}" if ctx.notice_served_on else ""
            attendance = (
                f"申请人{applicant}到庭参加了庭审，被申请人{respondent}经本委{served}书面通知，无正当理由未到庭参加庭审，"
                f"本委依照{LDMAL}第三十六条的规定缺席审理，依法缺席裁决"
            )
        else:
            attendance = f"申请人{applicant}、被申请人{respondent}到庭参加了庭审"
        doc.add_paragraph(
            f"申请人{ctx.applicant.name}与被申请人{ctx.respondent.name}劳动争议一案，本委于{chinese_date(ctx.accepted_on)}"
            f"立案受理后，{composition}，于{chinese_date(ctx.hearing_on)}公开开庭进行了审理，{attendance}。本案现已审理终结。"
        )
        doc.add_heading("申请人请求：")
        arabic_numbered(doc, enumeration([c.sentence() for c in ctx.claims]))
        doc.add_heading("被申请人辩称：")
        doc.add_paragraph(ctx.defence or "被申请人未提交书面答辩意见。")
        doc.add_heading("本委查明：")
        for paragraph in ctx.findings:
            doc.add_paragraph(paragraph)
        doc.add_heading("本委认为：")
        for paragraph in ctx.reasoning:
            doc.add_paragraph(paragraph)
        doc.add_paragraph(f"根据{ctx.legal_basis}的规定，裁决如下：")
        # Which items are final is said once, in the rights paragraph that follows (本裁决第一项为终局裁决…).
        numbered(doc, enumeration([item.sentence() for item in ctx.items]))
        for text in award_rights(ctx.items, ctx.intermediate_court):
            doc.add_paragraph(text)
        tribunal_signature(doc, t, signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)
