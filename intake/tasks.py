"""Side effects of intake, run by Celery after the registration has committed: rendering receipts; and the
removal of uploads staged for a form nobody submitted again."""

import datetime
import logging
import threading
import time

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError

from core.outbox import BROKER_ERRORS
from core.query_codes import SealInvalid, unseal_query_code
from disputes.models import Case

from . import staging
from .receipt import StaleQueryCode, pending_receipts_render, receipt_store

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def receipts_render_pending() -> int:
    """Render the receipts still pending (intake.models.PendingReceipt) for up to RECEIPT_BATCH_SECONDS, and
    hand what is left to the next run, so one burst does not hold a worker process for minutes. Sent by
    receipts_kick after registrations and by beat every RECEIPT_SWEEP_SECONDS (anything a lost kick missed)."""
    handled, more = pending_receipts_render(seconds=settings.RECEIPT_BATCH_SECONDS)
    if more and not receipts_render_pending.app.conf.task_always_eager:
        receipts_render_pending.apply_async()
    return handled


# When the kick most recently sent from this process will run (time.monotonic()); see receipts_kick.
_kick_runs_at = float("-inf")
_kick_lock = threading.Lock()
# After the broker failed to take a kick, none is tried for this long: beat and the clerks' prints cover it.
KICK_BACKOFF_SECONDS = 30.0


def receipts_kick() -> None:
    """Have a worker render pending receipts soon; called after a commit that left one pending.

    At most one message per RECEIPT_KICK_SECONDS from each process, and never one too few: a commit that
    finds a kick already sent but not yet due is covered by it (that kick runs after this commit); otherwise
    a kick is sent to run right away, or RECEIPT_KICK_SECONDS after the previous one. A quiet window gets its
    receipt rendered at once; at 100 registrations a second a process sends one message a second instead of
    a hundred (a message cost a registration ~10 % of its CPU). Without a broker (development,
    tests) the rendering runs here, right after the commit. A broker that cannot take the kick fails nothing:
    the row is kept, and beat or the clerk's print renders it.
    """
    global _kick_runs_at
    task = receipts_render_pending
    if task.app.conf.task_always_eager:
        task.apply()
        return
    with _kick_lock:
        now = time.monotonic()
        if now <= _kick_runs_at:
            return
        runs_at = max(now, _kick_runs_at + settings.RECEIPT_KICK_SECONDS)
        try:
            task.apply_async(countdown=runs_at - now if runs_at > now else None)
        except BROKER_ERRORS as exc:
            logger.warning("broker unavailable, receipts left to the periodic sweep: %s", exc)
            runs_at = now + KICK_BACKOFF_SECONDS
        _kick_runs_at = runs_at


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, ignore_result=True)
def receipt_render(case_id: int, sealed_code: str, actor_id: int, issued_at: str) -> None:
    """The receipt as a message of its own: how registrations scheduled it before PendingReceipt. Kept so that
    messages queued by the earlier release (and kept by core.outbox) still render; nothing sends it now.

    Safe to run twice (receipt_store is idempotent by content). A code reissued in the meantime, or a seal
    that is too old, means this receipt must not exist: log and stop, the newer code has its own receipt.
    """
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


@shared_task(ignore_result=True)
def purge_staging() -> int:
    """Staged uploads older than a day (intake.staging): the clerk has long left that form."""
    return staging.purge()
