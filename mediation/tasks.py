"""Side effects of joint-mediation events, run by Celery after the change has committed."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils.translation import override

from disputes.models import CaseEvent, Notification

from .models import JointMediationParticipant
from .presentation import mediation_event_label


@shared_task(acks_late=True)
def notify_participants(event_id: int) -> int:
    """Tell the session's participants and the case's handler. Idempotent: a redelivered task adds nothing.

    The participants of the other organisation are not the case's handler, so the generic notify_event would
    miss them; its recipients (the handler) are told here too, in this app's words.
    """
    event = CaseEvent.objects.select_related("case").get(pk=event_id)
    case = event.case
    ids = set(
        JointMediationParticipant.objects.filter(session_id=event.payload.get("session")).values_list("user_id", flat=True)
    )
    if case.owner_user_id:
        ids.add(case.owner_user_id)
    ids.discard(event.actor_id)
    with override("zh-hans"):
        text = f"{case.number}: {mediation_event_label(event) or event.action}"[:300]
    users = get_user_model().objects.filter(pk__in=ids, is_active=True)
    rows = [Notification(recipient=u, case=case, event=event, text=text) for u in users]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
