"""Writes of the statistics: asking for an export, which a Celery task prepares after the request commits."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import ValidationFailed
from core.outbox import send_after_commit

from .models import Export, ExportFormat
from .periods import period_from
from .selectors import statistics_scope
from .tasks import export_render

QUERY_KEYS = ("period", "year", "month", "quarter", "from", "to", "division")


def export_request(*, actor, query, format: str) -> Export:
    """Check the period and the person (only supervisors read statistics), keep the request and prepare the file
    in the background. A period that cannot be read raises ValidationFailed and nothing is kept."""
    profile = staff_of(actor)
    statistics_scope(profile)  # refuses anyone but a supervisor or an administrator
    if format not in ExportFormat.values:
        raise ValidationFailed(fields={"format": [_("Choose Excel or PDF.")]})
    query = {k: str(query.get(k) or "") for k in QUERY_KEYS if query.get(k)}
    period = period_from(query, today=timezone.localdate())
    with transaction.atomic():
        export = Export.objects.create(requested_by=actor, query=query, label=period.label, format=format)
        send_after_commit(export_render, export.pk)
    return export
