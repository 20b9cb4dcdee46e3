"""Reads of the messages to workers, scoped like the cases they belong to."""

from django.db.models import QuerySet

from core.masking import mask_phone
from disputes.models import CaseEvent

from .models import MessageState, WorkerMessage

NOTICES_OFF, NOTICES_ON = "worker_notices_off", "worker_notices_on"


def notices_declined(case_id: int) -> bool:
    """Whether the worker's latest choice on this case is to receive no messages (one indexed query)."""
    latest = (
        CaseEvent.objects.filter(case_id=case_id, action__in=(NOTICES_OFF, NOTICES_ON))
        .order_by("-created_at", "-id").values_list("action", flat=True).first()
    )
    return latest == NOTICES_OFF


def messages_visible_to(profile) -> QuerySet[WorkerMessage]:
    """The messages of the cases a supervisor's organisation answers to the worker for (handling or first
    responsible): those who would take the worker's call about a message that never came."""
    org = profile.organization_id
    return WorkerMessage.objects.filter(case__owner_org_id=org) | WorkerMessage.objects.filter(
        case__first_handler_org_id=org
    )


def failed_messages(profile, *, limit: int = 100) -> list[WorkerMessage]:
    """Failed messages first, then those still retrying, newest first; the recipient masked."""
    rows = list(
        messages_visible_to(profile).filter(state__in=(MessageState.FAILED, MessageState.PENDING))
        .exclude(state=MessageState.PENDING, attempts=0)
        .select_related("case", "event").order_by("state", "-created_at")[:limit]
    )
    for row in rows:
        row.masked_recipient = mask_recipient(row.recipient)
    return rows


def mask_recipient(value: str) -> str:
    if "@" in value:
        name, _at, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(value)
