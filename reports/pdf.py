"""The statistics as a PDF (reportlab, with the embedded CJK font the official documents use, core.pdf): the
county table, the claim types, the monthly trend as a bar chart and the workload per organisation, on A4
landscape. Not an official document (no number, no seal): a report printed for a meeting or a superior."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import cjk_font_name

from .selectors import AMOUNTS, CELL_KEYS, Statistics, column_labels


def _cell(key, value) -> str:
    if value is None:
        return "—"
    if key in AMOUNTS:
        return f"{value:,.2f}"
    if key == "on_time_rate":
        return f"{value}%"
    return f"{value:,}"


def render(stats: Statistics) -> bytes:
    # reportlab loads when a report is printed, not when the web process starts (as documents/ does).
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font_name()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=font, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4)
    small = ParagraphStyle("small", fontName=font, fontSize=6.5, leading=8)
    note = ParagraphStyle("note", fontName=font, fontSize=8, leading=11, textColor=colors.HexColor("#555555"))
    grid = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ])
    labels = column_labels()
    scope = f"{stats.scope.label} · {stats.period.label}" + (f" · {stats.division.name}" if stats.division else "")
    story = [Paragraph(_("Labour-dispute statistics"), title), Paragraph(scope, heading)]

    header = [Paragraph(_("County / district"), small), *(Paragraph(labels[k], small) for k in CELL_KEYS)]
    rows = [[r.name, *(_cell(k, v) for k, v in zip(CELL_KEYS, r.cells(), strict=True))]
            for r in [*stats.rows, stats.total]]
    county = Table([header, *rows], repeatRows=1)
    county.setStyle(grid)
    county.setStyle(TableStyle([("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#F6F6F6"))]))
    story += [Paragraph(_("By county"), heading), county]

    if stats.trend:
        drawing = Drawing(240 * mm, 60 * mm)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 12 * mm, 8 * mm, 220 * mm, 48 * mm
        chart.data = [[r for _m, r, _e in stats.trend], [e for _m, _r, e in stats.trend]]
        chart.categoryAxis.categoryNames = [f"{m:%y-%m}" for m, _r, _e in stats.trend]
        chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
        chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = colors.HexColor("#1f5fa8")
        chart.bars[1].fillColor = colors.HexColor("#6aa84f")
        drawing.add(chart)
        story += [Paragraph(_("Cases received and ended per month") + f"（{_('Received')} ■ / {_('Ended')} ■）", heading),
                  drawing]

    types = Table([[_("Claim type"), _("Cases received"), labels["claimed"]],
                   *[[label, f"{n:,}", f"{amount:,.2f}"] for _t, label, n, amount in stats.by_claim_type]],
                  repeatRows=1)
    types.setStyle(grid)
    orgs = Table([[_("Organisation"), _("Open cases now"), _("Ended in the period")],
                  *[[w.name, f"{w.open:,}", f"{w.ended:,}"] for w in stats.organizations]], repeatRows=1)
    orgs.setStyle(grid)
    story += [Paragraph(_("By claim type"), heading), types, Paragraph(_("Workload per organisation"), heading), orgs,
              Spacer(1, 4 * mm),
              Paragraph(_("Printed %(when)s.") % {"when": f"{timezone.localtime():%Y-%m-%d %H:%M}"}, note)]

    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=str(_("Labour-dispute statistics")))
    doc.build(story)
    return out.getvalue()
