"""The joint mediation agreement (联合调解协议书) of labour inspection, the arbitration commission and other mediators.

Wording is Chinese constants, not gettext msgids: the agreement is a legal document, always issued in Chinese
(documents.common). It prints the parties in full (FULL_PARTICULARS): an enforceable agreement a court must be
able to match to a person. Built from the records by documents.builders.joint_mediation_agreement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.pdf import chinese_date

from .common import Claim, DocumentContext, Party, chinese_number, require_amounts, require_dates
from .layout import enumeration, new_document, numbered, party_lines, render_in_chinese, signing_table

TITLE_JOINT_AGREEMENT = "联合调解协议书"


@dataclass(frozen=True, kw_only=True)
class AgreementItem:
    text: str  # e.g. 用人单位支付劳动者2026年9月至10月工资
    amount: Decimal | None = None
    due_on: datetime.date | None = None

    def __post_init__(self):
        require_amounts(self, "amount")
        require_dates(self, "due_on")

    def sentence(self) -> str:
        text = Claim(text=self.text, amount=self.amount).sentence()
        if self.due_on:
            text += f"，于{chinese_date(self.due_on)}前履行完毕"
        return text


@dataclass(frozen=True, kw_only=True)
class JointMediationAgreementContext(DocumentContext):
    worker: Party
    employer: Party
    mediation_bodies: tuple[str, ...]  # e.g. (潍城区劳动保障监察大队, 潍城区劳动争议调解中心)
    mediators: tuple[str, ...]
    dispute: str  # the dispute in a sentence or two
    items: tuple[AgreementItem, ...]

    def __post_init__(self):
        super().__post_init__()
        if not self.items or not self.mediation_bodies or not self.mediators:
            raise ValueError("an agreement names its mediators and what was agreed")


def render_joint_mediation_agreement(ctx: JointMediationAgreementContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_JOINT_AGREEMENT)
        bodies = "、".join(ctx.mediation_bodies)
        party_lines(doc, [("劳动者", ctx.worker), ("用人单位", ctx.employer)], full=True)
        doc.add_paragraph(f"调解组织：{bodies}。", indent=False)
        doc.add_paragraph(f"调解员：{'、'.join(ctx.mediators)}。", indent=False)
        doc.add_spacer(4)
        doc.add_paragraph(f"争议事项：{ctx.dispute.rstrip('。')}。")
        doc.add_paragraph(
            f"上述争议经{bodies}联合调解，双方当事人在平等自愿的基础上，经协商一致，达成如下协议："
        )
        numbered(doc, enumeration([item.sentence() for item in ctx.items]))
        copies = 2 + len(ctx.mediation_bodies)
        closing = [
            # 人民调解法 arts 29, 31: binding once signed; art 33: judicial confirmation within 30 days.
            "本协议书自双方当事人签名或者盖章、调解员签名并加盖调解组织印章之日起生效，对双方当事人具有法律约束力，"
            "当事人应当按照约定履行。",
            "双方当事人可以自本协议书生效之日起三十日内，共同向人民法院申请司法确认。",
            # LDMAL art 16.
            "因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，"
            "劳动者可以持本协议书依法向人民法院申请支付令。",
            f"本协议书一式{chinese_number(copies)}份，双方当事人各执一份，调解组织各存一份，具有同等效力。",
        ]
        for text in closing:
            doc.add_paragraph(text)
        doc.add_spacer(6)
        signing_table(
            doc,
            [("劳动者（签名）", ctx.worker.name), ("用人单位（盖章）", ctx.employer.name), ("调解员（签名）", "、".join(ctx.mediators))],
        )
        doc.add_spacer(6)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)
