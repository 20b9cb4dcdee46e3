"""Documents of the wage-arrears list (拖欠农民工工资失信联合惩戒对象名单, 人社部令第45号 = Order 45).

Chinese string constants, not gettext msgids, for the reason documents.inspection gives. The persons listed
with the employer are printed with their ID numbers masked: a listing decision is published (Order 45 art 9).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.masking import mask_id_number
from core.pdf import chinese_date

from .common import DocumentContext, Party, Remedies, require_dates
from .inspection import remedies_text
from .layout import new_document, numbered, render_in_chinese

ORDER_45 = "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》"
TITLE_NOTICE = "列入失信联合惩戒名单事先告知书"
TITLE_DECISION = "列入失信联合惩戒名单决定书"
TITLE_REMOVAL = "移出失信联合惩戒名单决定书"
TITLE_REINSTATEMENT = "撤销提前移出失信联合惩戒名单决定书"

GROUNDS = {
    "criminal_threshold": "克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准",
    "mass_incident": "因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响",
}
ARTICLE_5 = {"criminal_threshold": "第五条第一款第（一）项", "mass_incident": "第五条第一款第（二）项"}
# Art 5 (2): the measures of joint punishment the list carries, in the order's own terms (summarised).
MEASURES = ("在政府资金支持、政府采购、招投标、生产许可、履职考核、评优评先、交通出行等方面依法依规予以限制",)
EARLY_REMOVAL = (
    f"你单位已改正拖欠工资违法行为且自改正之日起六个月内未再发生拖欠农民工工资违法行为的，可以依照{ORDER_45}"
    "第十二条的规定，向本机关申请提前移出失信联合惩戒名单，并作出信用承诺。"
)


@dataclass(frozen=True, kw_only=True)
class ListedPerson:
    name: str
    role: str
    id_number: str = ""

    def line(self) -> str:
        masked = f"（公民身份号码：{mask_id_number(self.id_number)}）" if self.id_number else ""
        return f"{self.role}：{self.name}{masked}"


@dataclass(frozen=True, kw_only=True)
class ListingNoticeContext(DocumentContext):
    employer: Party
    ground: str
    facts: str
    persons: tuple[ListedPerson, ...]
    payment_order: str  # e.g. 潍人社监令字〔2026〕第3号
    payment_order_due_on: datetime.date

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "payment_order_due_on")
        if self.ground not in GROUNDS or not self.persons:
            raise ValueError("a notice states its ground and the persons to be listed")


def render_listing_notice(ctx: ListingNoticeContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_NOTICE)
        doc.add_addressee(ctx.employer.name)
        order = f"（{ctx.payment_order}）" if ctx.payment_order else ""
        doc.add_paragraph(
            f"经查，你单位{ctx.facts.rstrip('。')}。本机关责令你单位限期支付{order}，你单位逾期未支付，"
            f"期限已于{chinese_date(ctx.payment_order_due_on)}届满。你单位存在{GROUNDS[ctx.ground]}的情形。"
            f"根据{ORDER_45}{ARTICLE_5[ctx.ground]}的规定，本机关拟将你单位及下列人员列入拖欠农民工工资失信联合惩戒对象名单："
        )
        numbered(doc, [p.line() for p in ctx.persons])
        doc.add_paragraph(
            f"根据{ORDER_45}第六条的规定，你单位有权进行陈述和申辩，可以自收到本告知书之日起五个工作日内"
            "向本机关提出；本机关将自收到之日起五个工作日内予以核实。逾期未提出的，视为放弃上述权利。"
        )
        doc.add_paragraph(
            f"根据{ORDER_45}第七条的规定，你单位在作出列入决定前已经改正拖欠工资违法行为，且作出信用承诺的，"
            "可以不予列入失信联合惩戒名单。"
        )
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class ListingDecisionContext(DocumentContext):
    employer: Party
    ground: str
    facts: str
    persons: tuple[ListedPerson, ...]
    notice_number: str
    representations: str  # what became of the employer's statement
    listed_from: datetime.date
    listed_until: datetime.date
    remedies: Remedies

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "listed_from", "listed_until")
        if self.ground not in GROUNDS or not self.persons:
            raise ValueError("a decision states its ground and the persons listed")
        if self.listed_until <= self.listed_from:
            raise ValueError("a listing runs for a term")


def render_listing_decision(ctx: ListingDecisionContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_DECISION)
        doc.add_addressee(ctx.employer.name)
        doc.add_paragraph(
            f"经查，你单位{ctx.facts.rstrip('。')}，存在{GROUNDS[ctx.ground]}的情形。本机关已于作出本决定前"
            f"向你单位送达《{TITLE_NOTICE}》（{ctx.notice_number}）。{ctx.representations.rstrip('。')}。"
        )
        doc.add_paragraph(
            f"根据{ORDER_45}{ARTICLE_5[ctx.ground]}、第八条的规定，本机关决定将你单位及下列人员列入拖欠农民工工资"
            f"失信联合惩戒对象名单，期限三年，自{chinese_date(ctx.listed_from)}起至{chinese_date(ctx.listed_until)}止："
        )
        numbered(doc, [p.line() for p in ctx.persons])
        doc.add_paragraph(f"列入名单期间，依法依规对你单位及上述人员实施联合惩戒：{MEASURES[0]}。")
        doc.add_paragraph(EARLY_REMOVAL)
        doc.add_paragraph(remedies_text("你单位", "决定", ctx.remedies))
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class RemovalDecisionContext(DocumentContext):
    employer: Party
    decision_number: str
    early: bool  # on application (arts 12-14) or at the end of the term (art 11)
    removed_on: datetime.date
    revoked_by: str = ""  # art 16: the decision that revoked the order to pay, when the listing is revoked

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "removed_on")


def render_removal_decision(ctx: RemovalDecisionContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_REMOVAL)
        doc.add_addressee(ctx.employer.name)
        why = (f"你单位申请提前移出失信联合惩戒名单，经核实，符合{ORDER_45}第十二条规定的条件"
               if ctx.early else f"你单位列入失信联合惩戒名单的期限已届满（{ORDER_45}第十一条）")
        if ctx.revoked_by:
            why = (f"作为列入依据的限期支付决定已被撤销（{ctx.revoked_by.rstrip('。')}），"
                   f"根据{ORDER_45}第十六条的规定，本机关撤销该列入决定")
        doc.add_paragraph(
            f"本机关以《{TITLE_DECISION}》（{ctx.decision_number}）将你单位及有关人员列入拖欠农民工工资失信联合惩戒对象名单。"
            f"{why}。根据{ORDER_45}第十七条的规定，本机关决定自{chinese_date(ctx.removed_on)}起将你单位及有关人员"
            "移出失信联合惩戒名单，停止公开相关信息，并告知有关部门。"
        )
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class ReinstatementContext(DocumentContext):
    """Art 15: an early removal obtained with false information is revoked; the listing runs a new term."""

    employer: Party
    decision_number: str  # the listing decision first made
    removal_on: datetime.date  # the day of the early removal revoked
    facts: str  # the false information found
    listed_from: datetime.date
    listed_until: datetime.date
    remedies: Remedies

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "removal_on", "listed_from", "listed_until")
        if not self.facts.strip() or self.listed_until <= self.listed_from:
            raise ValueError("a revocation states what was false and the new term")


def render_reinstatement(ctx: ReinstatementContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_REINSTATEMENT)
        doc.add_addressee(ctx.employer.name)
        doc.add_paragraph(
            f"本机关以《{TITLE_DECISION}》（{ctx.decision_number}）将你单位及有关人员列入拖欠农民工工资失信联合惩戒对象名单，"
            f"并于{chinese_date(ctx.removal_on)}根据你单位的申请将你单位及有关人员提前移出。经查，{ctx.facts.rstrip('。')}，"
            "你单位系以提供虚假材料等不正当手段获得提前移出。"
        )
        doc.add_paragraph(
            f"根据{ORDER_45}第十五条的规定，本机关决定撤销提前移出决定，将你单位及有关人员重新列入失信联合惩戒名单，"
            f"列入期限重新计算，自{chinese_date(ctx.listed_from)}起至{chinese_date(ctx.listed_until)}止。"
        )
        doc.add_paragraph(remedies_text("你单位", "决定", ctx.remedies))
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)
