"""Sending the messages to workers (Celery): a kick after each commit that wrote some, and beat's sweep."""

import logging
import threading
import time

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.outbox import BROKER_ERRORS

from .models import MessageState, WorkerMessage
from .services import message_send

logger = logging.getLogger(__name__)

BATCH = 200


@shared_task(ignore_result=True)
def send_due_messages() -> int:
    """Send every message that is due (new, or whose back-off has passed), oldest first; up to
    NOTIFY_BATCH_SECONDS, then hand the rest to the next run. A failure is recorded on the message, which is
    retried after an exponentially growing delay (services.retry_delay) and given up after
    NOTIFY_MAX_ATTEMPTS, for a supervisor to resend. Sent by messages_kick and by beat every
    NOTIFY_SWEEP_SECONDS, so a lost kick or a broker outage only delays messages."""
    started, handled = time.monotonic(), 0
    while True:
        due = list(
            WorkerMessage.objects.filter(state=MessageState.PENDING, next_attempt_at__lte=timezone.now())
            .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:BATCH]
        )
        for pk in due:
            handled += bool(message_send(pk))
            if time.monotonic() - started > settings.NOTIFY_BATCH_SECONDS:
                if not send_due_messages.app.conf.task_always_eager:
                    _send_quietly()
                return handled
        if len(due) < BATCH:
            return handled


def _send_quietly() -> bool:
    try:
        send_due_messages.apply_async()
        return True
    except BROKER_ERRORS as exc:
        logger.warning("broker unavailable, messages left to the periodic sweep: %s", exc)
        return False


_kick_runs_at = float("-inf")
_kick_lock = threading.Lock()
KICK_BACKOFF_SECONDS = 30.0


def messages_kick() -> None:
    """Have a worker send the due messages soon; called after a commit that wrote some (or a resend).

    As intake.tasks.receipts_kick: at most one message to the broker per NOTIFY_KICK_SECONDS from a process,
    never one too few, and a broker that cannot take it fails nothing (the rows wait for beat's sweep).
    Without a broker (development, tests) the sending runs here, after the commit."""
    global _kick_runs_at
    if send_due_messages.app.conf.task_always_eager:
        try:
            send_due_messages.apply()
        except Exception:  # the step has committed: a sending bug must not turn it into an error page
            logger.exception("sending messages failed; the sweep tries again")
        return
    with _kick_lock:
        now = time.monotonic()
        if now <= _kick_runs_at:
            return
        runs_at = max(now, _kick_runs_at + settings.NOTIFY_KICK_SECONDS)
        try:
            send_due_messages.apply_async(countdown=runs_at - now if runs_at > now else None)
        except BROKER_ERRORS as exc:
            logger.warning("broker unavailable, messages left to the periodic sweep: %s", exc)
            runs_at = now + KICK_BACKOFF_SECONDS
        _kick_runs_at = runs_at
