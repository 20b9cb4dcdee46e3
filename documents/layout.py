"""Layout pieces the documents of both tracks share, on top of core.pdf.OfficialDocument."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import translation
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from core.pdf import RULE_GREY, OfficialDocument

from .common import Claim, DocumentContext, Party, Tribunal, chinese_number, format_yuan

# core.pdf draws a few labels of its own through gettext (the seal placeholder); documents are Chinese.
DOCUMENT_LANGUAGE = "zh-hans"


def _markup(text: str) -> str:
    # Table cells are reportlab Paragraphs: plain text must be escaped, never read as markup.
    return escape(str(text)).replace("\n", "<br/>")


def new_document(ctx: DocumentContext, title: str, *, subject: str = "") -> OfficialDocument:
    return OfficialDocument(
        issuer=ctx.issuer, title=title, number_line=ctx.document_number, subject=subject or ctx.document_number
    )


def render_in_chinese(build) -> bytes:
    with translation.override(DOCUMENT_LANGUAGE):
        return build().render()


def enumeration(texts: Sequence[str]) -> list[str]:
    """Items of one list end in ；and the last in 。, whatever the caller's text ended with."""
    stripped = [t.rstrip("。；;.，, ") for t in texts]
    return [t + ("。" if i == len(stripped) - 1 else "；") for i, t in enumerate(stripped)]


def numbered(doc: OfficialDocument, texts: Sequence[str], *, indent: bool = True) -> None:
    """一、… 二、… as separate paragraphs (the way notices list their points)."""
    for i, text in enumerate(texts, start=1):
        doc.add_paragraph(f"{chinese_number(i)}、{text}", indent=indent)


def arabic_numbered(doc: OfficialDocument, texts: Sequence[str]) -> None:
    """1．… 2．… (the way an award lists the applicant's claims, below its 一、二 headings)."""
    for i, text in enumerate(texts, start=1):
        doc.add_paragraph(f"{i}．{text}")


def party_lines(doc: OfficialDocument, rows: Sequence[tuple[str, Party]], *, full: bool) -> None:
    """申请人：王小明，公民身份号码…。 one paragraph per party, agents and legal representatives beneath."""
    for role, party in rows:
        doc.add_paragraph(f"{role}：{party.particulars(full=full)}", indent=False)
        if party.is_organisation and party.legal_representative:
            doc.add_paragraph(f"法定代表人：{party.legal_representative}。", indent=False)
        if party.representatives:
            doc.add_paragraph(f"代表人：{'、'.join(party.representatives)}。", indent=False)
        if party.agent:
            doc.add_paragraph(f"委托代理人：{party.agent}。", indent=False)


def claims_table(doc: OfficialDocument, claims: Sequence[Claim], *, header: str = "请求事项") -> None:
    rows, total, any_amount = [], Decimal("0.00"), False
    for i, claim in enumerate(claims, start=1):
        rows.append([str(i), claim.text, format_yuan(claim.amount)])
        if claim.amount is not None:
            total += claim.amount
            any_amount = True
    if any_amount:
        rows.append(["", "合计", format_yuan(total)])
    doc.add_table(["序号", header, "金额（元）"], rows, col_widths=[1.2, 8, 3], right_aligned=(2,))


def _right_table(doc: OfficialDocument, rows: list[list[str]], widths: list[float]) -> Table:
    style = ParagraphStyle("ow-sign", parent=doc.styles["plain"], alignment=TA_RIGHT)
    left = ParagraphStyle("ow-sign-l", parent=doc.styles["plain"])
    data = [[Paragraph(_markup(a), style), Paragraph(_markup(b), left)] for a, b in rows]
    table = Table(data, colWidths=widths, hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), doc.font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def tribunal_signature(doc: OfficialDocument, tribunal: Tribunal, *, signer: str, date: datetime.date) -> None:
    """首席仲裁员/仲裁员 names at the right, then the commission, the date and the seal area, then 书记员."""
    doc.add_spacer(10)
    doc.add(_right_table(doc, [[role, name] for role, name in tribunal.signatures()], [30 * mm, 42 * mm]))
    doc.add_signature(signer=signer, date=date)
    if tribunal.clerk:
        doc.add(_right_table(doc, [["书记员", tribunal.clerk]], [30 * mm, 42 * mm]))


def signing_table(doc: OfficialDocument, rows: Sequence[tuple[str, str]]) -> None:
    """Boxes where parties sign or stamp by hand: a label, a pre-printed name (if any), room to sign.

    Kept on one page with the paragraph before it, so a page never opens with bare signature boxes.
    """
    cell = doc.styles["cell"]
    data = [[Paragraph(_markup(label), cell), Paragraph(_markup(name), cell), ""] for label, name in rows]
    table = Table(data, colWidths=[40 * mm, 62 * mm, None], rowHeights=[16 * mm] * len(data), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), doc.font),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE_GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    tail: list[Flowable] = []
    while doc.story and isinstance(doc.story[-1], Spacer):
        tail.insert(0, doc.story.pop())
    if doc.story:
        tail.insert(0, doc.story.pop())
    doc.add(KeepTogether([*tail, table]))
