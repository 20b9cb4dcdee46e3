"""Documents of union legal aid: the decision to grant or refuse aid (给予/不予法律援助决定书) and the client
agreement (委托代理协议).

Wording is Chinese constants, not gettext msgids (documents.common). The decision is served on the applicant
only and names them as the notices do (ID number masked); the agreement is a contract the client signs and
names both sides in full. Built from the aid file by documents.builders.aid_decision / aid_agreement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.pdf import chinese_date

from .common import Claim, DocumentContext, Party, chinese_number, require_dates
from .layout import claims_table, enumeration, new_document, numbered, party_lines, render_in_chinese, signing_table

AID_LAW = "《中华人民共和国法律援助法》"
TITLE_GRANT = "给予法律援助决定书"
TITLE_REFUSAL = "不予法律援助决定书"
TITLE_AGREEMENT = "法律援助委托代理协议"


@dataclass(frozen=True, kw_only=True)
class AidDecisionContext(DocumentContext):
    applicant: Party
    employer: Party
    applied_on: datetime.date
    granted: bool
    reasons: str  # the rule and the figures it rested on
    legal_basis: str  # e.g. 《中华人民共和国法律援助法》第四十二条
    urgent: bool = False
    # Where an objection to a refusal goes, within how many days it is reviewed, and the article (法律援助法 art 49;
    # legal_aid.rules_data.OBJECTION).
    objection_body: str = ""
    objection_days: int = 5
    objection_basis: str = "《中华人民共和国法律援助法》第四十九条"
    contact: str = ""  # the station's phone

    def __post_init__(self):
        super().__post_init__()
        require_dates(self, "applied_on")
        if not self.reasons.strip() or not self.legal_basis.strip():
            raise ValueError("a decision states its reasons and basis")
        if not self.granted and not self.objection_body.strip():
            raise ValueError("a refusal names where an objection goes")


def render_aid_decision(ctx: AidDecisionContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_GRANT if ctx.granted else TITLE_REFUSAL)
        doc.add_addressee(ctx.applicant.name)
        party_lines(doc, [("申请人", ctx.applicant)], full=False)
        doc.add_paragraph(
            f"你于{chinese_date(ctx.applied_on)}就与{ctx.employer.name}劳动争议一事向本站申请法律援助。"
            f"本站经审查认为：{ctx.reasons.rstrip('。')}。"
        )
        if ctx.granted:
            doc.add_paragraph(f"根据{ctx.legal_basis}的规定，本站决定给予你法律援助。")
            if ctx.urgent:
                # 法律援助法 art 44: aid first, the review and the materials follow.
                doc.add_paragraph("因你的请求距仲裁时效期间届满不足七日，本站先行提供法律援助，你应当在本站指定的期限内补充提交有关材料。")
            points = [
                "本站将在三日内指派律师或者法律援助工作人员承办你的案件，并与你签订委托代理协议",
                "法律援助服务免费，承办人员不得向你收取任何财物",
                "你应当如实陈述案件事实、提供有关证据材料，并配合承办人员的工作",
            ]
            numbered(doc, enumeration(points))
        else:
            doc.add_paragraph(f"根据{ctx.legal_basis}的规定，本站决定不予法律援助。")
            # 法律援助法 art 49: the justice administration department reviews the objection, and its decision
            # upholding the refusal is open to administrative reconsideration or suit.
            doc.add_paragraph(
                f"你如对本决定有异议，可以依照{ctx.objection_basis}的规定，向{ctx.objection_body}提出。"
                f"{ctx.objection_body}应当自收到异议之日起{chinese_number(ctx.objection_days)}日内进行审查，"
                "作出维持本决定或者责令本站改正的决定。"
                f"你对{ctx.objection_body}维持本决定不服的，可以依法申请行政复议或者提起行政诉讼。"
            )
        if ctx.contact:
            doc.add_paragraph(f"联系方式：{ctx.contact}。", indent=False)
        doc.add_spacer(8)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)


@dataclass(frozen=True, kw_only=True)
class AidAgreementContext(DocumentContext):
    client: Party
    employer: Party
    lawyer: str  # name, and the firm where there is one
    lawyer_phone: str
    claims: tuple[Claim, ...]
    forum: str  # e.g. 劳动人事争议仲裁

    def __post_init__(self):
        super().__post_init__()
        if not self.lawyer.strip():
            raise ValueError("an agreement names the lawyer")


def render_aid_agreement(ctx: AidAgreementContext) -> bytes:
    def build():
        doc = new_document(ctx, TITLE_AGREEMENT)
        party_lines(doc, [("甲方（受援人）", ctx.client)], full=True)
        doc.add_paragraph(f"乙方（法律援助机构）：{ctx.issuer}。", indent=False)
        doc.add_paragraph(f"承办人员：{ctx.lawyer}，联系电话{ctx.lawyer_phone}。", indent=False)
        doc.add_spacer(4)
        doc.add_paragraph(
            f"乙方决定给予甲方法律援助，并指派上述承办人员代理甲方与{ctx.employer.name}劳动争议一案的{ctx.forum}事务。"
            f"依照{AID_LAW}的规定，双方协商一致，订立本协议。"
        )
        if ctx.claims:
            claims_table(doc, ctx.claims)
        clauses = [
            "代理权限为一般代理；需要特别授权的事项，由甲方另行书面授权",
            "承办人员应当依法维护甲方的合法权益，及时告知案件办理情况，并为甲方保守秘密",
            "乙方及承办人员不向甲方收取任何费用",
            "甲方应当如实陈述案件事实，提供证据材料，并配合承办人员的工作；甲方以欺骗手段获得法律援助的，乙方依法终止法律援助",
            "本协议自双方签字或者盖章之日起生效，至本案办理终结时终止",
        ]
        numbered(doc, enumeration(clauses))
        doc.add_paragraph(f"本协议一式{chinese_number(2)}份，甲乙双方各执一份。")
        doc.add_spacer(6)
        signing_table(doc, [("甲方（签名）", ctx.client.name), ("乙方（盖章）", ctx.issuer), ("承办人员（签名）", ctx.lawyer)])
        doc.add_spacer(6)
        doc.add_signature(signer=ctx.issuer, date=ctx.issued_on)
        return doc

    return render_in_chinese(build)
