"""Side effects of intake, run by Celery after the registration has committed."""

import datetime
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError

from core.outbox import send_after_commit
from core.query_codes import SealInvalid, seal_query_code, unseal_query_code
from disputes.models import Case

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, ignore_result=True)
def receipt_render(case_id: int, sealed_code: str, actor_id: int, issued_at: str) -> None:
    """Render and store the receipt for the code the case had when this was scheduled.

    Safe to run twice (receipt_store is idempotent by content). A code reissued in the meantime, or a seal
    that is too old, means this receipt must not exist: log and stop, the newer code has its own task.
    """
    from .receipt import StaleQueryCode, receipt_store

    try:
        code = unseal_query_code(sealed_code)
    except SealInvalid:
        logger.warning("receipt for case %s not rendered: the sealed code is invalid or expired", case_id)
        return
    case = Case.objects.select_related("worker", "employer", "first_handler", "first_handler_org").get(pk=case_id)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        receipt_store(case=case, query_code=code, actor=actor, issued_at=datetime.datetime.fromisoformat(issued_at))
    except StaleQueryCode:
        logger.info("receipt for case %s not rendered: its query code was reissued since", case_id)


def receipt_schedule(*, case: Case, query_code: str, actor, issued_at: datetime.datetime) -> None:
    """Have the receipt rendered once the caller's transaction commits.

    Rendering (~12 ms of CPU quiet, far more under contention) stays out of the registration request: with a
    broker a Celery worker does it; without one (development, tests) Celery runs eagerly right after commit.
    The code goes sealed (core.query_codes.seal_query_code), never in clear through the broker.
    """
    send_after_commit(receipt_render, case.pk, seal_query_code(query_code), actor.pk, issued_at.isoformat())
