"""Side effects of case events, run by Celery after the change has committed."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils.translation import override

from core.models import Role

from .models import CaseEvent, Notification, Referral
from .presentation import event_label

_RECEIVER_ROLES = [Role.CLERK, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.LEGAL_AID, Role.SUPERVISOR]


def _recipients(event: CaseEvent):
    User = get_user_model()
    case = event.case
    if event.action == "referral_offered":
        return User.objects.filter(
            is_active=True, staff__organization_id=event.payload["to_org"], staff__role__in=_RECEIVER_ROLES
        )
    ids = {case.first_handler_id}
    if case.owner_user_id:
        ids.add(case.owner_user_id)
    if event.action in ("referral_accepted", "referral_declined"):
        ids.add(Referral.objects.only("offered_by_id").get(pk=event.payload["referral"]).offered_by_id)
    ids.discard(event.actor_id)
    return User.objects.filter(pk__in=ids, is_active=True)


def _text(event: CaseEvent) -> str:
    return f"{event.case.number}: {event_label(event)}"


@shared_task(acks_late=True)
def notify_event(event_id: int) -> int:
    """Write in-app notifications for an event. Idempotent: a redelivered task adds nothing."""
    event = CaseEvent.objects.select_related("case").get(pk=event_id)
    with override("zh-hans"):
        text = _text(event)[:300]
    rows = [Notification(recipient=u, case=event.case, event=event, text=text) for u in _recipients(event)]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
