"""Celery beat's entry point for the clock sweep (config.settings: CELERY_BEAT_SCHEDULE "sweep-clocks")."""

import logging

from celery import shared_task

from . import sweep

logger = logging.getLogger(__name__)


# No retry: a sweep that fails is simply the next beat's work, because the due dates live in the database
# and an unfinished batch rolls back its claim. A redelivered or overlapping run finds nothing to send twice.
@shared_task(ignore_result=True)
def sweep_clocks() -> dict:
    counts = sweep.sweep_clocks()
    logger.info(
        "clock sweep: %(reminded)d reminded, %(escalated)d escalated in %(seconds).3fs", counts,
    )
    return counts
