"""A published list as the public downloads it: a PDF (reportlab, the embedded CJK font of the official
documents, core.pdf) and an Excel workbook (openpyxl). Both are made from the entries as published, with only
Order 29's items; the same list gives the same file."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.pdf import chinese_date, cjk_font_name

from .publication_models import ORDER_29, Publication


def title_of(publication: Publication) -> str:
    return _("%(org)s: major labour-protection violations published for %(year)s Q%(quarter)s") % {
        "org": publication.organization.name, "year": publication.year, "quarter": publication.quarter}


def columns() -> list[str]:
    return [_("Category"), _("Employer"), _("Unified social credit code"), _("Address"),
            _("Legal representative or person in charge"), _("Main facts of the violation"), _("How it was handled")]


def _row(entry) -> list[str]:
    return [f"{entry.category.number}. {entry.category.name}", entry.employer_name, entry.credit_code, entry.address,
            entry.legal_representative, entry.facts, entry.handling]


def workbook(publication: Publication, entries) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{publication.year}Q{publication.quarter}"
    sheet.append([title_of(publication)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Published on %(day)s under %(source)s.") % {
        "day": publication.published_on.isoformat(), "source": ORDER_29}])
    sheet.append(columns())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for entry in entries:
        sheet.append(_row(entry))
    for i, width in enumerate((24, 24, 22, 28, 14, 48, 48), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: str) -> str:
    return escape(value or "").replace("\n", "<br/>")


def pdf(publication: Publication, entries) -> bytes:
    # reportlab's platypus loads when a list is downloaded, not when the web process starts (as reports/ does).
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font_name()
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=22, alignment=1, spaceAfter=6)
    heading = ParagraphStyle("heading", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14)
    note = ParagraphStyle("note", fontName=font, fontSize=8.5, leading=12, textColor=colors.HexColor("#555555"))
    labels = columns()
    story = [Paragraph(_text(title_of(publication)), title),
             Paragraph(_text(_("Published on %(day)s under %(source)s.") % {
                 "day": chinese_date(publication.published_on), "source": ORDER_29}), note), Spacer(1, 4 * mm)]
    category = None
    for entry in entries:
        if entry.category_id != category:
            category = entry.category_id
            story.append(Paragraph(_text(f"{entry.category.number}. {entry.category.name}"), heading))
        values = _row(entry)[1:]
        table = Table([[Paragraph(_text(label), body), Paragraph(_text(value), body)]
                       for label, value in zip(labels[1:], values, strict=True)],
                      colWidths=[40 * mm, 122 * mm])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
        ]))
        story += [KeepTogether(table), Spacer(1, 3 * mm)]
    if not entries:
        story.append(Paragraph(_text(_("No major violation is published for this quarter.")), body))
    out = io.BytesIO()
    # invariant: the same list gives the same bytes (no creation date or random id in the file); the canvas
    # starts in the CJK font, else in Helvetica, which is never embedded.
    SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                      bottomMargin=20 * mm, title=title_of(publication), creator="OneWindow", producer="OneWindow",
                      invariant=1, initialFontName=font, lang="zh-CN").build(story)
    return out.getvalue()
