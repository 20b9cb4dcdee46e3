"""How the messages to workers plug into the case file (disputes.registry); which events tell the worker is
declared by each track (add_worker_notice in its own registrations)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from disputes import registry

from .selectors import NOTICES_OFF, NOTICES_ON, notices_declined
from .services import message_write_for_event, messages_for_fresh_case
from .tasks import messages_kick

EVENT_LABELS = {
    NOTICES_OFF: _("The worker chose to receive no text messages"),
    NOTICES_ON: _("The worker chose to receive text messages again"),
}


def write_messages(*, case, event, fresh_case=False):
    # A registration wrote them with the case (messages_for_fresh_case): only the kick is left.
    if registry.rows_written_with(event, "notifications") or message_write_for_event(
        case=case, event=event, fresh_case=fresh_case,
    ):
        transaction.on_commit(messages_kick)


def status_part(*, case):
    return {"worker_notices_declined": notices_declined(case.pk)}


def register() -> None:
    registry.add_event_labels(EVENT_LABELS)
    registry.add_event_hook("notifications", write_messages)
    registry.add_fresh_case_rows("notifications", messages_for_fresh_case)
    registry.add_status_page_part("notifications", status_part, template="notifications/_status_panel.html",
                                   after=(NOTICES_OFF,))
