"""What the worker's page says of hearings (disputes.registry.add_status_page_part): the next hearing booked,
when and where, and what to bring."""

from django.utils import timezone
from django.utils.translation import gettext as _

from disputes.presentation import WorkerStep

from .models import Hearing, HearingState


def status_part(*, case):
    hearing = (
        # A member of a collective dispute attends its lead's hearing.
        Hearing.objects.filter(case_id=case.lead_id or case.pk, state=HearingState.SCHEDULED, starts_at__gte=timezone.now())
        .select_related("room__organization").order_by("starts_at").first()
    )
    if hearing is None:
        return {}
    org = hearing.room.organization
    return {"worker_steps": [WorkerStep(
        what=_("Attend the arbitration hearing"), when=hearing.starts_at,
        where=" ".join(filter(None, (org.name, hearing.room.name, org.address))),
        bring=_("Your ID card, the originals of your evidence and a copy of each; arrive 15 minutes early."),
        phone=org.phone,
    )]}
