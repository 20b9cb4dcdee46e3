"""The supervisor's statistics page and its downloads: thin views over reports.selectors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.errors import PermissionDenied, ValidationFailed
from disputes.kit.web import staff_required

from . import charts, excel, selectors
from .periods import month, period_from

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _division_id(request) -> int | None:
    raw = request.GET.get("division") or ""
    return int(raw) if raw.isdigit() else None


def _read(request):
    """(statistics, field errors): a period that cannot be read falls back to this month, with its errors."""
    today = timezone.localdate()
    errors = {}
    try:
        period = period_from(request.GET, today=today)
    except ValidationFailed as exc:
        errors, period = exc.fields, month(today.year, today.month)
    try:
        stats = selectors.statistics_for(request.user, period, division_id=_division_id(request), today=today)
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    return stats, errors


@staff_required
def statistics(request):
    stats, errors = _read(request)
    labels = selectors.column_labels()
    return render(request, "reports/statistics.html", {
        "stats": stats, "errors": errors, "columns": [labels[k] for k in selectors.CELL_KEYS],
        "money_columns": [selectors.CELL_KEYS.index(k) for k in selectors.AMOUNTS],
        "trend_chart": charts.trend_svg(stats.trend), "county_chart": charts.county_svg(stats.rows),
        "divisions": selectors.divisions(), "query": request.GET.urlencode(),
        "previous": stats.period.previous(), "today": timezone.localdate(),
    })


@staff_required
def statistics_xlsx(request):
    stats, errors = _read(request)
    response = HttpResponse(excel.workbook(stats), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statistics-{stats.period.start:%Y%m%d}-{stats.period.last_day:%Y%m%d}.xlsx"'
    return response
