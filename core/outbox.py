"""Side effects sent to Celery after commit, kept in the database when the broker cannot take them.

Every task a service schedules (people to notify, a nudge to render receipts) is sent once the transaction
commits, so nothing goes out for a change that rolled back. Sent naively (`on_commit(task.delay)`), a broker
outage turned into an error *after* the commit: the user saw a failure for a change that was made, and the
message was lost. Here a failed send is kept as a row (core.models.PendingTask) and core.tasks.resend_pending
sends it once the broker is back. The normal path costs nothing more than before: no row is written while the
broker answers.

Not a full outbox (every message written to the database first): that would add a write to every change to
cover a rare outage; a crash of the web process in the instant between the commit and the send still loses
that one message. Receipts do not depend on it: their to-do is a row written with the case
(intake.models.PendingReceipt), and intake.tasks.receipts_kick, which only nudges the worker, skips it."""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import KombuError

from .models import PendingTask

logger = logging.getLogger(__name__)

# What the broker's client raises when it cannot take a message (kombu wraps the transport's own errors).
BROKER_ERRORS = (KombuError, OSError)


def send_after_commit(task, *args) -> None:
    """Send task(*args) once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send(task, args))


def send(task, args) -> None:
    """Hand the message to the broker; keep it when the broker cannot take it."""
    if task.app.conf.task_always_eager:
        task.apply_async(args)  # no broker (development, tests): the task runs here, and its errors are its own
        return
    try:
        task.apply_async(args)
    except BROKER_ERRORS as exc:
        logger.warning("broker unavailable, %s kept for resending: %s", task.name, exc)
        PendingTask.objects.create(task_name=task.name, args=list(args), last_error=str(exc)[:500])
