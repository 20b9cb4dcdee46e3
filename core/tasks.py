"""Periodic upkeep of the shared kernel (Celery beat)."""

import logging

from celery import current_app, shared_task
from django.db import transaction
from django.db.models import F

from .models import PendingTask
from .outbox import BROKER_ERRORS

logger = logging.getLogger(__name__)

BATCH = 500


@shared_task(ignore_result=True)
def resend_pending() -> int:
    """Send the tasks the broker could not take (core.outbox), oldest first; stop at the first failure (the
    broker is still away). Rows are claimed with SKIP LOCKED, so two beats never send one twice."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(PendingTask.objects.select_for_update(skip_locked=True).order_by("id")[:BATCH])
            done, failed = [], None
            for pending in batch:
                try:
                    current_app.tasks[pending.task_name].apply_async(pending.args)
                except BROKER_ERRORS as exc:
                    failed = (pending, exc)
                    break
                done.append(pending.pk)
            PendingTask.objects.filter(pk__in=done).delete()
            sent += len(done)
            if failed:
                pending, exc = failed
                PendingTask.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1, last_error=str(exc)[:500])
                logger.warning("broker still unavailable; %s tasks wait", PendingTask.objects.count())
                return sent
        if len(batch) < BATCH:
            return sent
