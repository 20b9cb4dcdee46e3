"""The statistics export, prepared by a Celery worker: figures, then the file, its progress kept on the row."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import override

from core.replica import on_replica

from . import excel, pdf
from .models import Export, ExportState
from .periods import period_from
from .selectors import statistics_for


def _step(export: Export, progress: int, **fields) -> None:
    for name, value in fields.items():
        setattr(export, name, value)
    export.progress = progress
    export.save(update_fields=["progress", *fields])


@shared_task(acks_late=True)
def export_render(export_id: int) -> str:
    """Idempotent: an export already ready is left as it is; a redelivered one starts again from the figures."""
    export = Export.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.state == ExportState.DONE:
        return "skipped"
    _step(export, 10, state=ExportState.RUNNING)
    try:
        with override("zh-hans"):
            today = timezone.localdate()
            division = export.query.get("division") or ""
            # The figures from the replica when it is in step: the writes above are this task's progress only.
            stats = on_replica(lambda: statistics_for(
                export.requested_by, period_from(export.query, today=today),
                division_id=int(division) if division.isdigit() else None, today=today,
            ), after_own_writes=False)
            _step(export, 60)
            content = excel.workbook(stats) if export.format == "xlsx" else pdf.render(stats)
        _step(export, 90)
        export.file.save(f"{export.pk}.{export.format}", ContentFile(content), save=False)
        _step(export, 100, state=ExportState.DONE, file=export.file, finished_at=timezone.now())
    except Exception as exc:
        _step(export, export.progress, state=ExportState.FAILED, error=str(exc)[:300], finished_at=timezone.now())
        raise
    return "done"
