"""Official-document PDFs (公文-style notices, receipts, decisions) rendered with reportlab.

Typical use::

    doc = OfficialDocument(issuer="潍城区劳动者维权中心", title="受理回执", number_line="案号：WF2026…")
    doc.add_addressee("王小明")
    doc.add_paragraph("…")
    doc.add_key_values([("Case number", "WF2026…")])
    doc.add_signature(signer=issuer, date=some_date)
    pdf_bytes = doc.render()

Text passed in is plain text (escaped here), never reportlab markup, because most of it comes from users.
Rendering is deterministic: the same input gives the same bytes (reportlab's invariant mode), so a stored
document's sha256 can be reproduced.
"""

from __future__ import annotations

import datetime
import itertools
import logging
from collections.abc import Collection, Sequence
from io import BytesIO
from typing import NamedTuple
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import segno
from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

logger = logging.getLogger(__name__)

# Official documents are dated in China Standard Time whatever time zone a request has activated.
DOCUMENT_TZ = ZoneInfo("Asia/Shanghai")

EMBEDDED_FONT_NAME = "OneWindowCJK"
# Not embedded: the reader must supply the glyphs (core.checks warns when this is all we have).
FALLBACK_CID_FONT = "STSong-Light"

RED = colors.HexColor("#C00000")
GREY = colors.HexColor("#808080")
RULE_GREY = colors.HexColor("#B0B0B0")
LABEL_BG = colors.HexColor("#F2F2F2")

PAGE_SIZE = A4
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 22 * mm
MARGIN_SIDE = 24 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_SIDE


# --- fonts -------------------------------------------------------------------------------------------


class FontSpec(NamedTuple):
    """An embeddable TrueType font: a file and, for a .ttc collection, which face in it."""

    path: str
    subfont_index: int = 0


def _parse_font_entry(entry: str) -> FontSpec:
    # "path/to/font.ttc#1" picks the second face of a collection; a plain path means face 0.
    path, sep, index = entry.strip().rpartition("#")
    if sep and index.isdigit():
        return FontSpec(path, int(index))
    return FontSpec(entry.strip(), 0)


_font_cache: dict[tuple[str, ...], tuple[FontSpec, TTFont] | None] = {}
_registered_font_name: str | None = None


def _load_first_font(entries: tuple[str, ...]) -> tuple[FontSpec, TTFont] | None:
    if entries not in _font_cache:
        found = None
        for entry in entries:
            if not entry.strip():
                continue
            spec = _parse_font_entry(entry)
            try:
                # Loading, not just existence: Noto CJK .ttc files exist but have CFF outlines reportlab rejects.
                font = TTFont(EMBEDDED_FONT_NAME, spec.path, subfontIndex=spec.subfont_index)
            except Exception as exc:  # reportlab raises TTFError, OSError, struct errors...
                logger.debug("CJK font %s not usable: %s", entry, exc)
                continue
            _keep_font_tables(font.face)
            found = (spec, font)
            break
        _font_cache[entries] = found
    return _font_cache[entries]


def _keep_font_tables(face) -> None:
    """Have the font hand out each table it reads from the file as one kept copy.

    reportlab slices every table it embeds out of the font file afresh for each subset it writes, the glyph
    table included: ~10 MB for WenQuanYi Zen Hei, copied twice per receipt (its Latin and its CJK subset),
    ~15 % of a receipt's CPU. The copies are immutable bytes, so keeping them changes no output; it costs each
    process the glyph table's size in memory once (the font file itself is already held whole).

    Kept although it replaces a method of reportlab's TTFontFile on the instance: a receipt took 14.9 ms of CPU
    with it and 16.9 ms without (docs/performance.md). tests/core/test_pdf.py fails if reportlab stops reading its
    tables through get_table.
    """
    tables: dict[str, bytes] = {}
    read = face.get_table

    def get_table(tag):
        if tag not in tables:
            tables[tag] = read(tag)
        return tables[tag]

    face.get_table = get_table


def find_cjk_font() -> FontSpec | None:
    """The first font of settings.PDF_CJK_FONT_PATHS that reportlab can load and embed, or None."""
    loaded = _load_first_font(tuple(getattr(settings, "PDF_CJK_FONT_PATHS", ()) or ()))
    return loaded[0] if loaded else None


def cjk_font_name() -> str:
    """Register the CJK font once per process and return its reportlab name."""
    global _registered_font_name
    if _registered_font_name is None:
        loaded = _load_first_font(tuple(getattr(settings, "PDF_CJK_FONT_PATHS", ()) or ()))
        if loaded:
            pdfmetrics.registerFont(loaded[1])
            _registered_font_name = EMBEDDED_FONT_NAME
        else:
            logger.warning("No embeddable CJK font; PDFs use %s, which is not embedded.", FALLBACK_CID_FONT)
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
            _registered_font_name = FALLBACK_CID_FONT
    return _registered_font_name


# --- Chinese dates -----------------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"


def _chinese_small_number(n: int) -> str:
    """1..31 the way dates are written: 十, 十一, 二十, 二十九, 三十一 (never 一十)."""
    if not 1 <= n <= 31:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    tail = _DIGITS[ones] if ones else ""
    return head + tail


def chinese_date(value: datetime.date) -> str:
    """2026-11-29 -> 二〇二六年十一月二十九日 (the form used on seals and signature blocks).

    A datetime is first converted to its China Standard Time date, so a document signed just after
    midnight in Beijing carries that day, not the previous UTC day.
    """
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime or a date")
        value = value.astimezone(DOCUMENT_TZ).date()
    year = "".join(_DIGITS[int(d)] for d in f"{value.year:04d}")
    return f"{year}年{_chinese_small_number(value.month)}月{_chinese_small_number(value.day)}日"


# --- layout pieces -----------------------------------------------------------------------------------


def _markup(text: str) -> str:
    return escape(str(text)).replace("\n", "<br/>")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("ow-base", fontName=font, fontSize=11.5, leading=18, wordWrap="CJK", alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("ow-body", parent=base, firstLineIndent=23, spaceAfter=4),
        "plain": ParagraphStyle("ow-plain", parent=base, spaceAfter=2),
        "addressee": ParagraphStyle("ow-addressee", parent=base, spaceBefore=4, spaceAfter=4),
        "heading": ParagraphStyle("ow-heading", parent=base, fontSize=12.5, leading=20, spaceBefore=8, spaceAfter=4),
        "number": ParagraphStyle("ow-number", parent=base, fontSize=11, alignment=TA_CENTER),
        "cell": ParagraphStyle("ow-cell", parent=base, fontSize=10.5, leading=14, alignment=TA_LEFT),
        "cell_right": ParagraphStyle("ow-cell-r", parent=base, fontSize=10.5, leading=14, alignment=TA_RIGHT),
        "note": ParagraphStyle("ow-note", parent=base, fontSize=10, leading=15, textColor=colors.HexColor("#333333")),
    }


class CentredLine(Flowable):
    """A centred heading drawn with a faux bold (fill + stroke): the embedded CJK font has no bold face.

    A long text first shrinks (to 60% of the size at most) and then wraps, so a long organisation name never
    runs off the page.
    """

    def __init__(self, text, *, font, size, color=colors.black, bold=True, space_after=0, letter_spacing=0):
        super().__init__()
        self.text, self.font, self.color, self.bold = str(text), font, color, bold
        self.letter_spacing = letter_spacing
        self.size = self.initial_size = size
        self.space_after = space_after
        self.lines = [self.text]

    def _text_width(self, size, text=None):
        text = self.text if text is None else text
        return pdfmetrics.stringWidth(text, self.font, size) + self.letter_spacing * max(len(text) - 1, 0)

    def _split(self, width):
        lines, current = [], ""
        for char in self.text:
            if current and self._text_width(self.size, current + char) > width:
                lines.append(current)
                current = ""
            current += char
        return lines + [current]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.size = self.initial_size
        while self.size > self.initial_size * 0.6 and self._text_width(self.size) > avail_width:
            self.size -= 0.5
        self.lines = self._split(avail_width)
        self.height = self.size * 1.3 * len(self.lines) + self.space_after
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(self.color)
        c.setStrokeColor(self.color)
        for i, line in enumerate(reversed(self.lines)):
            text = c.beginText()
            text.setFont(self.font, self.size)
            text.setCharSpace(self.letter_spacing)
            if self.bold:
                text.setTextRenderMode(2)
                c.setLineWidth(self.size / 40)
            x = (self.width - self._text_width(self.size, line)) / 2
            text.setTextOrigin(x, self.space_after + self.size * (0.3 + 1.3 * i))
            text.textOut(line)
            c.drawText(text)
        c.restoreState()


class LargeCode(CentredLine):
    """Left-aligned large text with wide letter spacing: a code a worker reads off paper and types."""

    def __init__(self, text, **kwargs):
        kwargs.setdefault("bold", False)
        super().__init__(text, **kwargs)

    def draw(self):
        c = self.canv
        c.saveState()
        text = c.beginText()
        text.setFont(self.font, self.size)
        text.setCharSpace(self.letter_spacing)
        text.setTextOrigin(0, self.space_after + self.size * 0.3)
        text.textOut(self.text)
        c.drawText(text)
        c.restoreState()


class Rule(Flowable):
    def __init__(self, *, color=RED, thickness=2, space_before=4, space_after=10):
        super().__init__()
        self.color, self.thickness = color, thickness
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.space_before + self.thickness + self.space_after
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.color)
        c.setLineWidth(self.thickness)
        y = self.space_after + self.thickness / 2
        c.line(0, y, self.width, y)
        c.restoreState()


class SignatureBlock(Flowable):
    """Issuing body and Chinese date at the right, with a dashed circle where the seal is stamped."""

    BLOCK_WIDTH = 72 * mm
    SEAL_DIAMETER = 38 * mm

    def __init__(self, *, signer: str, date: datetime.date, font: str, seal: bool = True):
        super().__init__()
        self.signer, self.date_text, self.font, self.seal = str(signer), chinese_date(date), font, seal
        self.size = 12

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        # Shrink a long organisation name rather than letting it overflow the block.
        while self.size > 8 and pdfmetrics.stringWidth(self.signer, self.font, self.size) > self.BLOCK_WIDTH:
            self.size -= 0.5
        self.height = self.SEAL_DIAMETER + 2 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        centre_x = self.width - self.BLOCK_WIDTH / 2
        centre_y = self.height / 2
        if self.seal:
            c.setStrokeColor(RULE_GREY)
            c.setDash(3, 3)
            c.setLineWidth(0.6)
            c.circle(centre_x, centre_y, self.SEAL_DIAMETER / 2)
            c.setDash()
            c.setFillColor(GREY)
            c.setFont(self.font, 8)
            c.drawCentredString(centre_x, centre_y + self.SEAL_DIAMETER / 2 - 6 * mm, _("(seal)"))
        c.setFillColor(colors.black)
        c.setFont(self.font, self.size)
        c.drawCentredString(centre_x, centre_y + 1 * mm, self.signer)
        c.setFont(self.font, 12)
        c.drawCentredString(centre_x, centre_y - 6 * mm, self.date_text)
        c.restoreState()


class QrFlowable(Flowable):
    """A QR code (error correction M: survives a fold or a smudge on a printed receipt), drawn on the canvas
    as one filled path of the dark runs of each row.

    The matrix comes from segno, not reportlab's encoder: both pick the best of the eight mask patterns (the
    one a phone camera reads most reliably), and segno does it in about half the time (the
    QR code was a third of a receipt's rendering time). Drawing the runs ourselves also keeps it to one path
    instead of one shape object per module.
    """

    def __init__(self, value: str, *, size: float, border: int = 2):
        super().__init__()
        self.value, self.size, self.border = value, size, border
        self.matrix = segno.make(value, error="m", boost_error=False, micro=False).matrix

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        module = self.size / (len(self.matrix) + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            x = 0
            for dark, run in itertools.groupby(row):
                count = sum(1 for _ in run)
                if dark:
                    # 5 % taller than a module so adjacent rows overlap: no hairline gaps on screen or paper.
                    path.rect((x + self.border) * module, self.size - (r + self.border + 1) * module,
                              count * module, module * 1.05)
                x += count
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_drawing(data: str, *, size: float = 32 * mm) -> QrFlowable:
    """The QR code flowable for `data`, `size` wide and high (a quiet zone of two modules included)."""
    return QrFlowable(data, size=size)


def _page_number(canvas, doc):
    # GB/T 9704 style page number: "— 1 —", centred at the foot.
    canvas.saveState()
    canvas.setFont(doc.ow_font, 10)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(PAGE_SIZE[0] / 2, MARGIN_BOTTOM / 2, f"— {canvas.getPageNumber()} —")
    canvas.restoreState()


# --- the document ------------------------------------------------------------------------------------


class OfficialDocument:
    """A builder for one official notice: red header, title, number line, then content in order."""

    def __init__(self, *, issuer: str, title: str, number_line: str = "", subject: str = ""):
        self.font = cjk_font_name()
        self.styles = _styles(self.font)
        self.issuer, self.title, self.subject = str(issuer), str(title), str(subject)
        self.story: list[Flowable] = [
            CentredLine(self.issuer, font=self.font, size=24, color=RED, letter_spacing=2, space_after=2),
        ]
        if number_line:
            self.story.append(Spacer(1, 4))
            self.story.append(Paragraph(_markup(number_line), self.styles["number"]))
        self.story += [
            Rule(color=RED, thickness=2, space_before=2, space_after=10),
            CentredLine(self.title, font=self.font, size=20, letter_spacing=4, space_after=6),
        ]

    def add(self, flowable: Flowable) -> OfficialDocument:
        self.story.append(flowable)
        return self

    def add_addressee(self, name: str) -> OfficialDocument:
        return self.add(Paragraph(_markup(f"{name}："), self.styles["addressee"]))

    def add_paragraph(self, text: str, *, indent: bool = True, style: str | None = None) -> OfficialDocument:
        return self.add(Paragraph(_markup(text), self.styles[style or ("body" if indent else "plain")]))

    def add_heading(self, text: str) -> OfficialDocument:
        return self.add(Paragraph(_markup(text), self.styles["heading"]))

    def add_spacer(self, height: float) -> OfficialDocument:
        return self.add(Spacer(1, height))

    def _grid_style(self, extra=()):
        return TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE_GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                *extra,
            ]
        )

    def add_key_values(
        self,
        rows: Sequence[tuple[str, str]],
        *,
        pairs_per_line: int = 1,
        wide: Collection[str] = (),
        label_width: float | None = None,
    ) -> OfficialDocument:
        """A form of shaded labels and wrapped values.

        pairs_per_line=2 puts two label/value pairs side by side (a denser form that keeps a notice on one
        page); labels listed in `wide` still get a whole line, for values such as long names.
        """
        cell = self.styles["cell"]
        per = max(1, pairs_per_line)
        label_width = label_width or (40 * mm if per == 1 else 31 * mm)
        value_width = (CONTENT_WIDTH - per * label_width) / per
        data, spans, line = [], [], []

        def flush():
            if line:
                data.append(line + [""] * (2 * per - len(line)))
                if len(line) < 2 * per:
                    # The last value on a short line stretches to the right edge.
                    row, first = len(data) - 1, len(line) - 1
                    spans.append(("SPAN", (first, row), (-1, row)))
                    spans.append(("BACKGROUND", (first, row), (-1, row), colors.white))
                line.clear()

        for label, value in rows:
            if label in wide:
                flush()
            line += [Paragraph(_markup(label), cell), Paragraph(_markup(value), cell)]
            if label in wide or len(line) == 2 * per:
                flush()
        flush()
        table = Table(data, colWidths=[label_width, value_width] * per, hAlign="LEFT")
        shading = [("BACKGROUND", (2 * i, 0), (2 * i, -1), LABEL_BG) for i in range(per)]
        table.setStyle(self._grid_style(shading + spans))
        return self.add(table)

    def add_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        col_widths: Sequence[float],
        right_aligned: Sequence[int] = (),
    ) -> OfficialDocument:
        """A grid with a shaded header row; columns listed in right_aligned hold numbers."""
        def row_cells(values):
            return [
                Paragraph(_markup(v), self.styles["cell_right" if i in right_aligned else "cell"])
                for i, v in enumerate(values)
            ]

        total = sum(col_widths)
        widths = [w * CONTENT_WIDTH / total for w in col_widths]
        table = Table([row_cells(header)] + [row_cells(r) for r in rows], colWidths=widths, hAlign="LEFT", repeatRows=1)
        table.setStyle(self._grid_style([("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
        return self.add(table)

    def add_qr_panel(self, data: str, *, caption: str, value: str, note: str) -> OfficialDocument:
        """QR code on the left; on the right a caption, one large value (e.g. a query code) and a note."""
        right = [
            Paragraph(_markup(caption), self.styles["cell"]),
            Spacer(1, 3),
            LargeCode(value, font=self.font, size=26, letter_spacing=6),
            Spacer(1, 4),
            Paragraph(_markup(note), self.styles["note"]),
        ]
        qr_size = 34 * mm
        table = Table([[qr_drawing(data, size=qr_size), right]], colWidths=[qr_size + 8 * mm, None], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return self.add(table)

    def add_signature(self, *, signer: str, date: datetime.date, seal: bool = True) -> OfficialDocument:
        # A signature must not stand alone on a page: keep it with the block before it (and any spacers).
        tail: list[Flowable] = []
        while self.story and isinstance(self.story[-1], Spacer):
            tail.insert(0, self.story.pop())
        if self.story:
            tail.insert(0, self.story.pop())
        tail.append(SignatureBlock(signer=signer, date=date, font=self.font, seal=seal))
        return self.add(KeepTogether(tail))

    def render(self) -> bytes:
        buffer = BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_SIDE,
            rightMargin=MARGIN_SIDE,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{self.title} {self.subject}".strip(),
            author=self.issuer,
            subject=self.subject,
            creator="OneWindow",
            producer="OneWindow",
            # Fixed creation date and document ID: same input, same bytes, same sha256.
            invariant=1,
            initialFontName=self.font,  # else the canvas starts in Helvetica, which is never embedded
            lang="zh-CN",
        )
        doc.ow_font = self.font
        doc.build(list(self.story), onFirstPage=_page_number, onLaterPages=_page_number)
        return buffer.getvalue()
