"""Celery beat's entry point for the clock sweep (config.settings: CELERY_BEAT_SCHEDULE "sweep-clocks")."""

import logging

from celery import group, shared_task
from django.conf import settings

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


@shared_task(ignore_result=True)
def sweep_clocks_parallel() -> int:
    """What beat runs: several sweeps at once. Each claims its batches with SKIP LOCKED, so together they
    finish sooner (12 s alone, 8-9 s as two over a million clocks; docs/performance.md) and never send twice."""
    parts = max(1, getattr(settings, "CLOCK_SWEEP_PARALLEL", 2))
    group(sweep_clocks.s() for _ in range(parts)).apply_async()
    return parts
