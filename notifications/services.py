"""Writing, sending and resending the messages to workers, and the worker's choice to receive none."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied
from core.models import Role
from core.query_codes import SealInvalid, hash_query_code, unseal_query_code
from disputes import registry
from disputes.services import event_append, lock_case

from .backends import SendFailed, backend_for
from .models import MessageChannel, MessageState, MessageTemplate, WorkerMessage
from .selectors import NOTICES_OFF, NOTICES_ON, messages_visible_to, notices_declined

logger = logging.getLogger(__name__)

# The worker's choice is kept as case events (append-only: who chose what and when stays on file).
SEALED_MASK = "********"


def message_write_for_event(*, case, event, fresh_case: bool = False) -> bool:
    """The event hook's work (registrations): in the event's own transaction, write the messages the worker
    is owed for it, so they commit or roll back with the step itself. Returns whether it wrote any."""
    if fresh_case and _declined_at_window(event):
        # Asked at the window (intake): the choice is kept as this app's event, as from the status page.
        event_append(case=case, action=NOTICES_OFF, payload={"via": "registration"}, notify=False)
        return False
    return bool(WorkerMessage.objects.bulk_create(messages_owed(case=case, event=event, fresh_case=fresh_case)))


def messages_for_fresh_case(*, case, event) -> list[WorkerMessage]:
    """The messages owed for an event of a case being registered, unsaved, for the registration to write with the
    case (disputes.registry.add_fresh_case_rows). A worker who declined at the window gets none; the hook then
    records the choice (message_write_for_event)."""
    return [] if _declined_at_window(event) else messages_owed(case=case, event=event, fresh_case=True)


def _declined_at_window(event) -> bool:
    return event.payload.get("worker_notices") == "declined"


def messages_owed(*, case, event, fresh_case: bool = False) -> list[WorkerMessage]:
    """The messages the worker is owed for this event, unsaved: an SMS, and an e-mail where an address is on file.
    The case number is added when sending (a case being registered has none yet)."""
    notice = registry.worker_notice_for(event)
    # A case created in this transaction has no earlier choice to look up; a case the department opened itself
    # has no worker to tell (the worker, not its id: a registration's new worker is not written yet).
    if notice is None or case.worker is None or (not fresh_case and notices_declined(case.pk)):
        return []
    worker = case.worker
    context = notice.context(event) if notice.context else {}
    sealed = notice.sealed(event) if notice.sealed else {}
    now = timezone.now()
    rows = [(MessageChannel.SMS, worker.phone)]
    if getattr(worker, "email", ""):
        rows.append((MessageChannel.EMAIL, worker.email))
    return [
        WorkerMessage(case=case, event=event, channel=channel, recipient=to, template_key=notice.template_key,
                      context={k: str(v) for k, v in context.items()}, sealed=sealed, next_attempt_at=now)
        for channel, to in rows if to
    ]


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential back-off: NOTIFY_RETRY_BASE_SECONDS, doubled after each failure, at most NOTIFY_RETRY_MAX_SECONDS."""
    seconds = settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.NOTIFY_RETRY_MAX_SECONDS))


def _values(message: WorkerMessage) -> tuple[dict, dict]:
    """The template's values for sending, and the same with sealed values masked (what is stored)."""
    opened = {}
    for name, token in message.sealed.items():
        opened[name] = unseal_query_code(token, max_age=None)
    context = {"case_number": message.case.number, **message.context}
    return {**context, **opened}, {**context, **{k: SEALED_MASK for k in opened}}


def _stale_code(message: WorkerMessage, values: dict) -> bool:
    code = values.get("query_code")
    return bool(code) and hash_query_code(code) != message.case.query_code_hash


def message_send(message_id: int) -> str:
    """Send one message if it is due; returns its state afterwards ("" if someone else holds or sent it).

    The row stays locked while the backend sends it, so two sweeps never send it twice; the idempotency key
    goes with it for the one case left (the process dies after the gateway took it, before the commit)."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            WorkerMessage.objects.select_for_update(skip_locked=True, of=("self",)).select_related("case")
            .filter(pk=message_id, state=MessageState.PENDING, next_attempt_at__lte=now).first()
        )
        if message is None:
            return ""
        if notices_declined(message.case_id):
            return _finish(message, MessageState.CANCELLED, error=_("The worker chose to receive no messages."))
        try:
            values, shown = _values(message)
        except SealInvalid:
            return _finish(message, MessageState.FAILED, error="sealed value cannot be opened")
        if _stale_code(message, values):
            # A new code was issued since (the worker lost the receipt): the old one must not go out.
            return _finish(message, MessageState.CANCELLED, error=_("The query code was reissued since."))
        template = MessageTemplate.objects.filter(key=message.template_key).first()
        if template is None:
            return _failed_attempt(message, f"no message template {message.template_key!r}", now)
        try:
            ref = backend_for(message.channel).send(
                to=message.recipient, text=template.render(values), key=message.idempotency_key,
                subject=_("Your labour dispute case %(number)s") % {"number": message.case.number},
            )
        except SendFailed as exc:
            return _failed_attempt(message, str(exc), now)
        except Exception as exc:  # a backend's bug counts as an attempt, so it cannot retry forever unseen
            logger.exception("backend error sending %s", message.idempotency_key)
            return _failed_attempt(message, f"{type(exc).__name__}: {exc}", now)
        message.text, message.provider_ref, message.sent_at = template.render(shown), ref[:100], now
        return _finish(message, MessageState.SENT)


def _finish(message: WorkerMessage, state: str, *, error: str = "") -> str:
    message.state, message.sealed = state, {}
    message.attempts += 1 if state == MessageState.SENT else 0
    message.last_error = error[:500] if error else ("" if state == MessageState.SENT else message.last_error)
    message.save(update_fields=["state", "sealed", "attempts", "last_error", "text", "provider_ref", "sent_at"])
    return state


def _failed_attempt(message: WorkerMessage, error: str, now) -> str:
    message.attempts += 1
    message.last_error = error[:500]
    if message.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        # Given up: a supervisor sees it (failed messages page) and may resend it. The seal is kept for that.
        message.state = MessageState.FAILED
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)
    message.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
    logger.warning("message %s not sent (attempt %s): %s", message.idempotency_key, message.attempts, error)
    return message.state


def message_resend(*, message_id: int, actor) -> WorkerMessage:
    """A supervisor sends a failed message again: due now, with a fresh count of attempts (the caller
    kicks the sender after the commit: notifications.tasks.messages_kick)."""
    profile = staff_of(actor)
    if profile.role != Role.SUPERVISOR:
        raise PermissionDenied(_("Only a supervisor may resend messages."))
    with transaction.atomic():
        message = messages_visible_to(profile).select_for_update(of=("self",)).filter(pk=message_id).first()
        if message is None:
            raise NotFound()
        if message.state != MessageState.FAILED:
            raise Conflict(_("Only a failed message can be resent."), code="not_failed")
        message.state, message.attempts, message.next_attempt_at = MessageState.PENDING, 0, timezone.now()
        message.resent_by = actor
        message.save(update_fields=["state", "attempts", "next_attempt_at", "resent_by"])
    return message


def worker_notices_set(*, case_id: int, receive: bool, via: str) -> bool:
    """The worker's choice (from the status page, with the query code): receive messages or not. Messages
    still waiting are not sent after a "no". Returns whether anything changed."""
    with transaction.atomic():
        case = lock_case(case_id, None)
        if notices_declined(case.pk) == (not receive):
            return False
        event_append(case=case, action=NOTICES_ON if receive else NOTICES_OFF, payload={"via": via}, notify=False)
        if not receive:
            WorkerMessage.objects.filter(case_id=case.pk, state=MessageState.PENDING).update(
                state=MessageState.CANCELLED, sealed={}, last_error=_("The worker chose to receive no messages."),
            )
    return True
