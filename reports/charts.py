"""Charts drawn on the server as SVG (no script, no library, nothing fetched): the monthly trend and the
counties side by side. Each bar carries its figure as a <title>, and each chart a text alternative."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

RECEIVED_COLOUR = "#1f5fa8"
ENDED_COLOUR = "#6aa84f"


def _nice_top(value: int) -> int:
    """The axis' top: the smallest of 1, 2, 5 × 10^n not below the largest figure."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= value:
                return step * top
        top *= 10


def trend_svg(trend) -> SafeString:
    """Grouped bars: received and ended per month (trend: [(month, received, ended)])."""
    width, height, left, bottom, top_pad = 720, 240, 44, 36, 16
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = _nice_top(max([1, *(max(r, e) for _m, r, e in trend)]))
    slot = plot_w / max(1, len(trend))
    bar = max(2.0, slot * 0.35)
    parts = []
    for i in range(5):
        value = top * i // 4
        y = top_pad + plot_h - plot_h * value / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value}</text>')
    for i, (month, received, ended) in enumerate(trend):
        x = left + slot * i + (slot - 2 * bar) / 2
        for j, (value, colour, name) in enumerate(((received, RECEIVED_COLOUR, _("Received")),
                                                    (ended, ENDED_COLOUR, _("Ended")))):
            h = plot_h * value / top
            parts.append(
                f'<rect x="{x + j * bar:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(f"{month:%Y-%m} {name} {value}")}</title></rect>'
            )
        parts.append(f'<text x="{left + slot * i + slot / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'font-size="11">{month:%y-%m}</text>')
    legend = (f'<rect x="{left}" y="{height - 12}" width="10" height="10" fill="{RECEIVED_COLOUR}"/>'
              f'<text x="{left + 14}" y="{height - 3}" font-size="11">{escape(_("Received"))}</text>'
              f'<rect x="{left + 90}" y="{height - 12}" width="10" height="10" fill="{ENDED_COLOUR}"/>'
              f'<text x="{left + 104}" y="{height - 3}" font-size="11">{escape(_("Ended"))}</text>')
    summary = "; ".join(f"{m:%Y-%m}: {r}/{e}" for m, r, e in trend)
    label = escape(_("Cases received and ended per month") + f" ({summary})")
    return mark_safe(
        f'<svg class="chart" id="trend-chart" role="img" aria-label="{label}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}{legend}</svg>'
    )


def county_svg(rows) -> SafeString:
    """Horizontal bars: cases received per county (rows: reports.selectors.Row)."""
    rows = [r for r in rows if r.counts["received"] or r.counts["pending"]]
    line, left, width = 22, 110, 720
    height = max(1, len(rows)) * line + 8
    top = _nice_top(max([1, *(r.counts["received"] for r in rows)]))
    parts = []
    for i, row in enumerate(rows):
        y = 4 + i * line
        w = (width - left - 60) * row.counts["received"] / top
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(row.name)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{line - 8}" fill="{RECEIVED_COLOUR}">'
            f'<title>{escape(row.name)} {row.counts["received"]}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + 15}" font-size="12">{row.counts["received"]}</text>'
        )
    label = escape(_("Cases received by county") + " (" + "; ".join(f"{r.name}: {r.counts['received']}" for r in rows) + ")")
    return mark_safe(
        f'<svg class="chart" id="county-chart" role="img" aria-label="{label}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
