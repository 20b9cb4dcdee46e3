"""Documents of labour inspection (劳动保障监察), issued by the human-resources and social-security department.

The wording is kept here as Chinese string constants, not gettext msgids: these are legal documents, always
issued in Chinese, whose sentences follow the standard forms of labour-inspection practice and quote the law
(监察条例 = 劳动保障监察条例; 若干规定 = 关于实施《劳动保障监察条例》若干规定; 行政处罚法 2021; 行政复议法 2023;
行政诉讼法). A translation catalogue must not be able to change what an order or a decision says. See
documents.common for which documents print a worker's particulars in full: none of these do, because a penalty
decision may be published and an order is served on the employer.

The periods written into the wording are the statute's own words, quoted with their article; the clocks that
enforce periods live in deadlines/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.pdf import chinese_date

from .common import (
    Claim,
    DocumentContext,
    Party,
    Remedies,
    require_amounts,
    require_dates,
    yuan,
)
from .layout import (
    claims_table,
    enumeration,
    new_document,
    numbered,
    party_lines,
    render_in_chinese,
)

REGULATION = "《劳动保障监察条例》"
PENALTY_LAW = "《中华人民共和国行政处罚法》"

TITLE_FILING_REJECTION = "不予立案通知书"
TITLE_CORRECTION = "责令改正指令书"
TITLE_PENALTY_NOTICE = "行政处罚告知书"
TITLE_PENALTY_DECISION = "行政处罚决定书"


def remedies_text(you: str, act: str, remedies: Remedies) -> str:
    """The review and litigation rights an administrative act must state (监察条例 art 19).

    60 days: 行政复议法 (2023) art 20. 6 months: 行政诉讼法 art 46.
    TO BE CHECKED: both periods and which body reviews (since 2024 county-level departments' acts are reviewed by
    the people's government at the same level) against the current statutes before going live.
    """
    return (
        f"{you}如对本{act}不服，可以自收到本{act}之日起六十日内向{remedies.review_body}申请行政复议，"
        f"或者自收到本{act}之日起六个月内向{remedies.court}提起行政诉讼。"
    )


# --- 不予立案通知书 (to the complainant) ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FilingRejectionContext(DocumentContext):
    complainant: Party
    employer: Party
    received_on: datetime.date
    matter: str  # 投诉事项, e.g. 拖欠工资
    reason: str  # e.g. 你投诉的违法行为发生在二年以前
    legal_basis: str  # e.g. 《劳动保障监察条例》第二十条、《关于实施〈劳动保障监察条例〉若干规定》第十八条
    remedies: Remedies
    redirect: str = ""  # where a dispute matter goes instead (监察条例 art 21), e.g. 劳动人事争议仲裁委员会

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "received_on")
        if not self.reason.strip() or not self.legal_basis.strip():
            raise ValueError("a refusal states its reason and basis")


def render_filing_rejection(ctx: FilingRejectionContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_FILING_REJECTION)
        you = ctx.complainant.you
        doc.add_addressee(ctx.complainant.name)
        doc.add_paragraph(
            f"{you}于{chinese_date(ctx.received_on)}向本机关投诉{ctx.employer.name}{ctx.matter}一事，本机关经审查，"
            f"{ctx.reason.rstrip('。')}。根据{ctx.legal_basis}的规定，本机关决定不予立案。"
        )
        if ctx.redirect:
            doc.add_paragraph(
                f"{you}投诉的事项属于劳动争议的，可以依照劳动争议处理的有关法律、法规，向{ctx.redirect}申请调解或者仲裁，"
                "或者依法向人民法院提起诉讼。"
            )
        doc.add_paragraph(remedies_text(you, "通知", ctx.remedies))
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- 责令改正指令书 (to the employer) -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CorrectionOrderContext(DocumentContext):
    employer: Party
    facts: str  # the violations found, e.g. 拖欠王小明等3名劳动者2026年9月至10月工资共计25,800.00元
    legal_basis: str  # e.g. 《劳动保障监察条例》第二十六条
    items: tuple[Claim, ...] = ()  # each sum to pay, e.g. 支付王小明2026年9月至10月工资 8,600.00
    corrections: tuple[str, ...] = ()  # the other things to correct, e.g. 依法与劳动者订立书面劳动合同
    correct_by: datetime.date
    remedies: Remedies
    consequence: str = ""  # what follows if the order is ignored, e.g. art 26's 50%-100% extra compensation

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "correct_by")
        if not self.facts.strip():
            raise ValueError("an order states the violations found")
        if not self.items and not self.corrections:
            raise ValueError("an order lists what to correct")
        if self.correct_by <= self.issued_on:
            raise ValueError("the deadline must be after the order")


def render_correction_order(ctx: CorrectionOrderContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_CORRECTION)
        doc.add_addressee(ctx.employer.name)
        doc.add_paragraph(
            f"经调查，你单位存在下列违反劳动保障法律、法规或者规章的行为：{ctx.facts.rstrip('。')}。"
        )
        doc.add_paragraph(
            f"根据{ctx.legal_basis}的规定，现责令你单位于{chinese_date(ctx.correct_by)}前改正下列行为："
        )
        # Each thing to correct once: the sums to pay in a table, the other corrections numbered after them.
        if ctx.items:
            claims_table(doc, ctx.items, header="应当支付的款项")
            doc.add_spacer(6)
        if ctx.corrections:
            numbered(doc, enumeration(ctx.corrections))
        doc.add_paragraph(
            "你单位应当在上述期限内改正，并将改正情况和有关凭证书面报送本机关。"
            + (ctx.consequence.rstrip("。") + "。" if ctx.consequence else "")
        )
        doc.add_paragraph(remedies_text("你单位", "指令书", ctx.remedies))
        doc.add_spacer(8)
        # Service is proven by a separate 送达回证, as for every other document, not by boxes on the order.
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- 行政处罚告知书 / 行政处罚决定书 (to the employer) ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PenaltyNoticeContext(DocumentContext):
    employer: Party
    facts: str
    violated: str  # the provision broken, e.g. 《中华人民共和国劳动合同法》第三十条
    penalty_basis: str  # the provision that sets the penalty, e.g. 《劳动保障监察条例》第二十六条
    penalty: str  # e.g. 罚款
    amount: Decimal | None = None
    hearing_right: bool  # a large fine (较大数额罚款) opens a hearing (行政处罚法 art 63); the service decides
    contact: str = ""

    def __post_init__(self):
        super().__post_init__()
        require_amounts(self, "amount")


def render_penalty_notice(ctx: PenaltyNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_PENALTY_NOTICE)
        doc.add_addressee(ctx.employer.name)
        penalty = ctx.penalty + (f"，罚款{yuan(ctx.amount)}" if ctx.amount is not None else "")
        doc.add_paragraph(
            f"经调查，你单位{ctx.facts.rstrip('。')}。上述行为违反了{ctx.violated}的规定。根据{ctx.penalty_basis}的规定，"
            f"本机关拟对你单位作出如下行政处罚：{penalty}。"
        )
        # 行政处罚法 arts 44-45: told the facts, reasons, basis and the right to state one's case; a case stated
        # never makes the penalty heavier. The law fixes no period for 陈述、申辩; five working days follows
        # common practice (TO BE CHECKED against the department's own form).
        doc.add_paragraph(
            f"根据{PENALTY_LAW}第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。你单位可以自收到本告知书之日起"
            "五个工作日内向本机关提出陈述、申辩意见。本机关将对你单位提出的事实、理由和证据进行复核；"
            "事实、理由或者证据成立的，本机关将予以采纳，不因你单位陈述、申辩而给予更重的处罚。"
        )
        if ctx.hearing_right:
            # 行政处罚法 art 64(1): within 5 days of being told; art 85: "五日" means working days.
            doc.add_paragraph(
                f"根据{PENALTY_LAW}第六十三条、第六十四条的规定，你单位有权要求举行听证。要求听证的，"
                "应当自收到本告知书之日起五个工作日内向本机关提出。"
            )
        doc.add_paragraph(
            "逾期未提出陈述、申辩意见" + ("或者听证要求" if ctx.hearing_right else "") + "的，视为放弃上述权利。"
        )
        if ctx.contact:
            doc.add_paragraph(f"联系人及联系电话：{ctx.contact}。")
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class PenaltyDecisionContext(DocumentContext):
    employer: Party
    facts: str
    evidence: tuple[str, ...]  # 以上事实有下列证据证明
    notice_served_on: datetime.date  # when the 行政处罚告知书 was served
    representations: str  # what became of the employer's case, e.g. 你单位在规定期限内未提出陈述、申辩意见
    violated: str
    penalty_basis: str
    penalty: str  # e.g. 罚款
    amount: Decimal | None = None
    payment_to: str = ""  # the bank or e-payment channel the fine is paid to
    remedies: Remedies

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "notice_served_on")
        require_amounts(self, "amount")
        if self.amount is not None and not self.payment_to:
            raise ValueError("a fine names where it is paid (行政处罚法 art 67)")
        if self.notice_served_on > self.issued_on:
            raise ValueError("a decision follows the notice of the proposed penalty")


def render_penalty_decision(ctx: PenaltyDecisionContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_PENALTY_DECISION)
        party_lines(doc, [("当事人", ctx.employer)], full=False)
        doc.add_spacer(4)
        doc.add_paragraph(f"经查，你单位{ctx.facts.rstrip('。')}。")
        if ctx.evidence:
            doc.add_paragraph("以上事实有下列证据证明：")
            numbered(doc, enumeration(ctx.evidence))
        doc.add_paragraph(
            f"本机关于{chinese_date(ctx.notice_served_on)}向你单位送达了《行政处罚告知书》，告知你单位拟作出行政处罚的事实、"
            f"理由、依据以及你单位依法享有的陈述、申辩等权利。{ctx.representations.rstrip('。')}。"
        )
        penalty = ctx.penalty + (f"，罚款{yuan(ctx.amount)}" if ctx.amount is not None else "")
        doc.add_paragraph(
            f"本机关认为，你单位的上述行为违反了{ctx.violated}的规定。根据{ctx.penalty_basis}的规定，"
            f"本机关决定对你单位作出如下行政处罚：{penalty}。"
        )
        if ctx.amount is not None:
            # 行政处罚法 art 67 (15 days to pay at the named bank) and art 72 (3% a day once overdue).
            doc.add_paragraph(
                f"你单位应当自收到本决定书之日起十五日内，将罚款缴至{ctx.payment_to}。到期不缴纳罚款的，"
                "本机关可以每日按罚款数额的百分之三加处罚款。"
            )
        doc.add_paragraph(
            remedies_text("你单位", "决定书", ctx.remedies)
            + "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
            "你单位逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。"
        )
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)
