"""The statistics as an Excel workbook (openpyxl): the county table as the page shows it, the claim types, the
monthly trend and the workload, one sheet each. Numbers stay numbers (sums as yuan with two decimals)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .selectors import AMOUNTS, CELL_KEYS, Statistics, column_labels

MONEY = "#,##0.00"


def _sheet(wb, title, heading, columns, rows, money_columns=()):
    ws = wb.create_sheet(title)
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(columns)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
    for index in money_columns:
        for (cell,) in ws.iter_rows(min_row=3, min_col=index + 1, max_col=index + 1):
            cell.number_format = MONEY
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(28, len(str(name)) * 2 + 2))
    ws.freeze_panes = "B3"
    return ws


def workbook(stats: Statistics) -> bytes:
    labels = column_labels()
    heading = f"{stats.scope.label} · {stats.period.label}" + (f" · {stats.division.name}" if stats.division else "")
    wb = Workbook()
    wb.remove(wb.active)
    money = [1 + CELL_KEYS.index(k) for k in AMOUNTS]
    rows = [[r.name, *r.cells()] for r in [*stats.rows, stats.total]]
    summary = _sheet(wb, _("By county"), _("Labour-dispute statistics") + " · " + heading,
                     [_("County / district"), *(labels[k] for k in CELL_KEYS)], rows, money)
    for row in summary.iter_rows(min_row=summary.max_row):
        for cell in row:
            cell.font = Font(bold=True)
    _sheet(wb, _("By claim type"), heading, [_("Claim type"), _("Cases received"), labels["claimed"]],
           [(label, n, amount) for _t, label, n, amount in stats.by_claim_type], [2])
    _sheet(wb, _("Monthly trend"), heading, [_("Month"), _("Received"), _("Ended")],
           [(f"{m:%Y-%m}", r, e) for m, r, e in stats.trend])
    _sheet(wb, _("Workload per person"), heading,
           [_("Handler"), _("Organisation"), _("Open cases now"), _("Ended in the period")],
           [(w.name, w.organization, w.open, w.ended) for w in stats.people])
    _sheet(wb, _("Workload per organisation"), heading,
           [_("Organisation"), _("Open cases now"), _("Ended in the period")],
           [(w.name, w.open, w.ended) for w in stats.organizations])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
