"""Celery beat's entry point for removing listings whose term has ended (config.settings: "remove-expired-listings")."""

import logging

from celery import shared_task

from . import services, warnings

logger = logging.getLogger(__name__)


# Idempotent: a removed listing is not selected again, and two runs at once skip each other's rows.
@shared_task(ignore_result=True)
def remove_expired_listings() -> int:
    removed = services.listings_remove_expired()
    logger.info("wage-arrears list: %d listing(s) removed at the end of their term", removed)
    return removed


# Early warning (compliance.warnings): both idempotent, one warning per rule, team, subject and month.
@shared_task(ignore_result=True)
def sweep_warnings() -> int:
    raised = warnings.warnings_sweep()
    logger.info("early warning: %d warning(s) raised", raised)
    return raised


@shared_task(ignore_result=True)
def warn_collective(case_id: int) -> int:
    return warnings.warnings_for_case(case_id=case_id)
