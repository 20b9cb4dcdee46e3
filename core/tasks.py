"""Periodic upkeep of the shared kernel (Celery beat)."""

import logging

from celery import current_app, shared_task
from django.db import transaction
from django.db.models import F

from .outbox import BROKER_ERRORS

logger = logging.getLogger(__name__)

BATCH = 500


@shared_task(ignore_result=True)
def resend_pending() -> int:
    """Send the tasks the broker could not take (core.outbox), oldest first; stop at the first failure (the
    broker is still away). Rows are claimed with SKIP LOCKED, so two beats never send one twice."""
    from .models import PendingTask

    sent = 0
    while True:
        with transaction.atomic():
            batch = list(PendingTask.objects.select_for_update(skip_locked=True).order_by("id")[:BATCH])
            for pending in batch:
                task = current_app.tasks[pending.task_name]
                try:
                    task.apply_async(pending.args, pending.kwargs)
                except BROKER_ERRORS as exc:
                    PendingTask.objects.filter(pk=pending.pk).update(
                        attempts=F("attempts") + 1, last_error=str(exc)[:500]
                    )
                    logger.warning("broker still unavailable; %s tasks wait", PendingTask.objects.count())
                    return sent
                pending.delete()
                sent += 1
        if len(batch) < BATCH:
            return sent
