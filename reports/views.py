"""The supervisor's statistics page and its downloads: thin views over reports.selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import PermissionDenied, ValidationFailed
from core.files import stored_file_response
from core.replica import replica_view
from disputes.kit.web import staff_required

from . import charts, excel, selectors, services
from .models import Export, ExportState
from .periods import month, period_from

RECENT_EXPORTS = 5

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_EXPORT_TYPES = {"xlsx": XLSX, "pdf": "application/pdf"}


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
@replica_view
def statistics(request):
    stats, errors = _read(request)
    labels = selectors.column_labels()
    return render(request, "reports/statistics.html", {
        "stats": stats, "errors": errors, "columns": [labels[k] for k in selectors.CELL_KEYS],
        "money_columns": [selectors.CELL_KEYS.index(k) for k in selectors.AMOUNTS],
        "trend_chart": charts.trend_svg(stats.trend), "county_chart": charts.county_svg(stats.rows),
        "divisions": selectors.divisions(), "query": request.GET.urlencode(),
        "previous": stats.period.previous(), "today": timezone.localdate(),
        # The person's exports move on in the worker while the page is open: their progress from the primary.
        "exports": Export.objects.using(DEFAULT_DB_ALIAS).filter(requested_by=request.user)[:RECENT_EXPORTS],
    })


@staff_required
@replica_view
def statistics_xlsx(request):
    stats, errors = _read(request)
    response = HttpResponse(excel.workbook(stats), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statistics-{stats.period.start:%Y%m%d}-{stats.period.last_day:%Y%m%d}.xlsx"'
    return response


@require_POST
@staff_required
def export_create(request):
    """Prepare the page's statistics as a file in the background; the page shows its progress."""
    try:
        services.export_request(actor=request.user, query=request.POST, format=request.POST.get("format", ""))
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    except ValidationFailed as exc:
        for field_messages in exc.fields.values():
            for message in field_messages:
                messages.error(request, message)
    else:
        messages.success(request, _("The file is being prepared; it appears below when ready."))
    query = {k: request.POST[k] for k in services.QUERY_KEYS if request.POST.get(k)}
    return redirect(reverse("reports:statistics") + "?" + "&".join(f"{k}={v}" for k, v in query.items()))


def _own_export(request, pk) -> Export:
    export = Export.objects.filter(pk=pk, requested_by=request.user).first()
    if export is None:
        raise Http404
    return export


@staff_required
def export_status(request, pk):
    export = _own_export(request, pk)
    return JsonResponse({
        "state": export.state, "state_label": export.get_state_display(), "progress": export.progress,
        "download": reverse("reports:export_download", args=[export.pk]) if export.state == ExportState.DONE else None,
    })


@staff_required
def export_download(request, pk):
    export = _own_export(request, pk)
    if export.state != ExportState.DONE:
        raise Http404
    # No SHA-256 is kept for an export: it is the requester's own figures, made again on request.
    return stored_file_response(export.file, filename=f"statistics-{export.pk}.{export.format}",
                                content_type=_EXPORT_TYPES[export.format])
