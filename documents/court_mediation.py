"""Documents of union and court mediation (诉调对接): the mediation agreement (调解协议书) and the notice that a
mediation ended without agreement (调解终止书), issued by the mediation organisation.

The wording is Chinese string constants, not gettext msgids (documents.common): an enforceable agreement must
not change with a translation catalogue. The agreement names the parties in full (it is what a court confirms
and enforces: 人民调解法 art 33, LDMAL art 16); the notice of failure masks the worker's ID number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.pdf import OfficialDocument, chinese_date

from .common import Claim, DocumentContext, Party, chinese_number, require_amounts, require_dates
from .layout import enumeration, new_document, numbered, party_lines, render_in_chinese, signing_table

TITLE_AGREEMENT = "劳动争议调解协议书"
TITLE_FAILURE = "劳动争议调解终止书"


@dataclass(frozen=True, kw_only=True)
class SettledClaim:
    """One claim of the case as the agreement settles it: its text, the sum agreed and the day it is paid by."""

    text: str
    amount: Decimal | None = None
    due_on: datetime.date | None = None

    def __post_init__(self):
        require_amounts(self, "amount")
        require_dates(self, "due_on")

    def sentence(self) -> str:
        if self.amount is None:
            return f"关于“{self.text}”，双方同意按下列其他约定处理"
        text = f"关于“{self.text}”，用人单位向劳动者支付{Claim(text='', amount=self.amount).sentence()}"
        if self.due_on:
            text += f"，于{chinese_date(self.due_on)}前付清"
        return text


@dataclass(frozen=True, kw_only=True)
class MediationAgreementContext(DocumentContext):
    worker: Party
    employer: Party
    mediators: tuple[str, ...]
    # The court's entrustment, as a sentence ("潍坊市坊子区人民法院委派（2026）鲁0704民诉前调12号"), or "".
    entrustment: str
    dispute: str
    items: tuple[SettledClaim, ...]
    terms: tuple[str, ...] = ()
    worker_signed_on: datetime.date
    employer_signed_on: datetime.date

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "worker_signed_on", "employer_signed_on")
        if not self.items or not self.mediators:
            raise ValueError("an agreement names its mediators and the claims it settles")


def render_mediation_agreement(ctx: MediationAgreementContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_AGREEMENT)
        party_lines(doc, [("劳动者", ctx.worker), ("用人单位", ctx.employer)], full=True)
        doc.add_paragraph(f"调解组织：{ctx.issuer}。", indent=False)
        doc.add_paragraph(f"调解员：{'、'.join(ctx.mediators)}。", indent=False)
        doc.add_spacer(4)
        doc.add_paragraph(f"争议事项：{ctx.dispute.rstrip('。')}。")
        intro = f"本争议经{ctx.entrustment}，由本组织调解" if ctx.entrustment else "本争议经本组织调解"
        doc.add_paragraph(f"{intro}，双方当事人在平等自愿的基础上，经协商一致，达成如下协议：")
        numbered(doc, enumeration([item.sentence() for item in ctx.items] + list(ctx.terms)))
        closing = [
            "上述协议履行完毕后，双方就本争议事项再无其他争议。",
            # 人民调解法 arts 29, 31; art 33: judicial confirmation within 30 days.
            "本协议书自双方当事人签名或者盖章、调解员签名并加盖调解组织印章之日起生效，对双方当事人具有法律约束力，"
            "当事人应当按照约定履行。",
            "双方当事人可以自本协议书生效之日起三十日内，共同向人民法院申请司法确认。",
            # LDMAL art 16.
            "因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，"
            "劳动者可以持本协议书依法向人民法院申请支付令。",
            f"本协议书一式{chinese_number(3)}份，双方当事人各执一份，调解组织存档一份，具有同等效力。",
        ]
        for text in closing:
            doc.add_paragraph(text)
        doc.add_spacer(6)
        signing_table(doc, [
            ("劳动者（签名）", f"{ctx.worker.name}　{chinese_date(ctx.worker_signed_on)}"),
            ("用人单位（盖章）", f"{ctx.employer.name}　{chinese_date(ctx.employer_signed_on)}"),
            ("调解员（签名）", "、".join(ctx.mediators)),
        ])
        doc.add_spacer(6)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class MediationFailureContext(DocumentContext):
    worker: Party
    employer: Party
    dispute: str
    accepted_on: datetime.date
    reason: str  # the reason in words, e.g. 双方当事人经调解未能达成一致
    # Where the case goes now, as a sentence: back to the entrusting court, or on to arbitration.
    next_step: str

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "accepted_on")


def render_mediation_failure(ctx: MediationFailureContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_FAILURE)
        party_lines(doc, [("劳动者", ctx.worker), ("用人单位", ctx.employer)], full=False)
        doc.add_spacer(4)
        doc.add_paragraph(f"争议事项：{ctx.dispute.rstrip('。')}。")
        doc.add_paragraph(
            f"本组织于{chinese_date(ctx.accepted_on)}受理上述争议并进行调解。因{ctx.reason.rstrip('。')}，"
            f"调解不成，本组织决定终止调解。"
        )
        doc.add_paragraph(f"{ctx.next_step.rstrip('。')}。")
        # LDMAL art 27(2): a request for mediation interrupts the arbitration limitation; it runs anew from here.
        doc.add_paragraph("依照《中华人民共和国劳动争议调解仲裁法》第二十七条的规定，仲裁时效自本调解终止之日起重新计算。")
        doc.add_spacer(6)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


# --- after the agreement: the parties' applications to the court ----------------------------------------------

TITLE_CONFIRMATION_APPLICATION = "司法确认申请书"
TITLE_PAYMENT_ORDER_APPLICATION = "支付令申请书"
# 人民调解法 art 33 and 民事诉讼法 (2023 revision) arts 205-206: a joint application within 30 days of the agreement
# taking effect; the court rules it valid (enforceable) or rejects it. statutory-rules §4 [V] for art 205.
CONFIRMATION_BASIS = "《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条、第二百零六条"
# LDMAL art 16 [V]: an agreement on pay, injury medical costs, compensation or damages unpaid by its date; 民事诉讼法
# (2023 revision) art 225 opens the 督促程序 (arts 221 of the 2021 text, renumbered by the 2023 revision's four
# articles before it, as 201-202 became 205-206: confidence M until checked against the official text).
PAYMENT_ORDER_BASIS = "《中华人民共和国劳动争议调解仲裁法》第十六条、《中华人民共和国民事诉讼法》第二百二十五条"


def _application(ctx: DocumentContext, title: str):
    # An application is the parties' own paper to the court, not a document of the organisation that prepared it:
    # no letterhead and no number line (ctx.issuer is who prepared it, ctx.document_number the agreement's number).
    return OfficialDocument(issuer="", title=title, subject=f"{title} {ctx.document_number}")


@dataclass(frozen=True, kw_only=True)
class ConfirmationApplicationContext(DocumentContext):
    """The parties' joint application for judicial confirmation of a mediation agreement (document_number: the
    agreement's number)."""

    worker: Party
    employer: Party
    court: str
    mediation_body: str
    entrustment: str
    dispute: str
    agreed_on: datetime.date
    items: tuple[SettledClaim, ...]
    terms: tuple[str, ...] = ()

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "agreed_on")
        if not self.court.strip() or not self.items:
            raise ValueError("an application names the court and what the agreement settles")


def render_confirmation_application(ctx: ConfirmationApplicationContext) -> bytes:
    def build():
        doc = _application(ctx, TITLE_CONFIRMATION_APPLICATION)
        party_lines(doc, [("申请人（劳动者）", ctx.worker), ("申请人（用人单位）", ctx.employer)], full=True)
        doc.add_spacer(4)
        doc.add_paragraph("请求事项：", indent=False)
        doc.add_paragraph(
            f"请求确认申请人于{chinese_date(ctx.agreed_on)}经{ctx.mediation_body}调解达成的调解协议"
            f"（编号：{ctx.document_number}）有效。"
        )
        doc.add_paragraph("事实和理由：", indent=False)
        how = f"经{ctx.entrustment}，由{ctx.mediation_body}调解" if ctx.entrustment else f"经{ctx.mediation_body}调解"
        doc.add_paragraph(f"{ctx.dispute.rstrip('。')}。{how}，双方于{chinese_date(ctx.agreed_on)}自愿达成调解协议如下：")
        numbered(doc, enumeration([item.sentence() for item in ctx.items] + list(ctx.terms)))
        doc.add_paragraph(
            "上述协议系双方当事人真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。"
            f"依照{CONFIRMATION_BASIS}的规定，双方当事人自调解协议生效之日起三十日内共同申请司法确认。"
        )
        doc.add_paragraph("申请人承诺：出于解决纠纷的目的自愿申请司法确认，所提供的材料真实、合法。")
        doc.add_paragraph("此致", indent=True)
        doc.add_paragraph(ctx.court, indent=False)
        doc.add_spacer(6)
        signing_table(doc, [("申请人（签名）", ctx.worker.name), ("申请人（盖章）", ctx.employer.name)])
        doc.add_paragraph(f"{chinese_date(ctx.issued_on)}", indent=False)
        doc.add_paragraph(f"附：调解协议书（{ctx.document_number}）一份；双方当事人身份证明材料。", indent=False)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class PaymentOrderApplicationContext(DocumentContext):
    """The worker's application for a payment order on the unpaid sums of a mediation agreement
    (document_number: the agreement's number)."""

    worker: Party
    employer: Party
    court: str
    mediation_body: str
    agreed_on: datetime.date
    overdue: tuple[SettledClaim, ...]  # the sums past their date and unpaid
    amount: Decimal  # what the worker asks the court to order paid

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "agreed_on")
        require_amounts(self, "amount")
        if not self.overdue or not self.court.strip():
            raise ValueError("a payment order is asked for an overdue sum, of a named court")


def render_payment_order_application(ctx: PaymentOrderApplicationContext) -> bytes:
    def build():
        doc = _application(ctx, TITLE_PAYMENT_ORDER_APPLICATION)
        party_lines(doc, [("申请人", ctx.worker), ("被申请人", ctx.employer)], full=True)
        doc.add_spacer(4)
        doc.add_paragraph("请求事项：", indent=False)
        doc.add_paragraph(f"请求人民法院向被申请人发出支付令，督促被申请人向申请人支付{Claim(text='', amount=ctx.amount).sentence()}。")
        doc.add_paragraph("事实和理由：", indent=False)
        doc.add_paragraph(
            f"申请人与被申请人因劳动争议，于{chinese_date(ctx.agreed_on)}经{ctx.mediation_body}调解达成调解协议"
            f"（编号：{ctx.document_number}），约定："
        )
        numbered(doc, enumeration([item.sentence() for item in ctx.overdue]))
        doc.add_paragraph(
            "被申请人在协议约定的期限内未履行上述给付义务。申请人与被申请人之间没有其他债务纠纷，支付令能够送达被申请人。"
            f"依照{PAYMENT_ORDER_BASIS}的规定，特向贵院申请支付令。"
        )
        doc.add_paragraph("此致", indent=True)
        doc.add_paragraph(ctx.court, indent=False)
        doc.add_spacer(6)
        signing_table(doc, [("申请人（签名）", ctx.worker.name)])
        doc.add_paragraph(f"{chinese_date(ctx.issued_on)}", indent=False)
        doc.add_paragraph(f"附：调解协议书（{ctx.document_number}）一份；申请人身份证明材料。", indent=False)
        return doc

    return render_in_chinese(build)
