"""What the worker's page says of labour inspection (disputes.registry.add_status_page_part): the sums the
employer was ordered to pay and by when, and what was recovered when the inspection closed."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from disputes.presentation import WorkerAmount, WorkerStep

from .models import CorrectionItem, CorrectionOrder, InspectionClosure


def status_part(*, case):
    today = timezone.localdate()
    steps, amounts = [], []
    orders = (CorrectionOrder.objects.filter(case=case).order_by("issued_on", "id")
              .prefetch_related(Prefetch("items", queryset=CorrectionItem.objects.order_by("id"))))
    for order in orders:
        for item in order.items.all():
            amounts.append(WorkerAmount(label=_("Ordered to pay: %(item)s") % {"item": item.get_kind_display()},
                                        amount=item.amount, due_on=order.due_on))
        if order.due_on >= today and case.status == "correction_due":
            steps.append(WorkerStep(
                what=_("The employer must correct and pay %(amount)s yuan by this date") % {"amount": f"{order.total:,.2f}"},
                when=order.due_on, by_worker=False,
                bring=_("Tell the inspector if you are not paid by then."),
            ))
    for closure in InspectionClosure.objects.filter(case=case, amount_recovered__gt=0).order_by("closed_on", "id"):
        amounts.append(WorkerAmount(label=_("Recovered by labour inspection"), amount=closure.amount_recovered,
                                    paid_on=closure.closed_on))
    return {"worker_steps": steps, "worker_amounts": amounts}
