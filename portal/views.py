"""The worker's status page: no account, a phone screen, the same answer for every wrong input."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

from deadlines.selectors import next_date_for_worker
from disputes import registry
from disputes.presentation import NEXT_STEP, event_label

from .selectors import case_for_worker, public_timeline

RATE_GROUP = "portal.status_lookup"


def _failures(request, increment: bool):
    rate = f"{settings.STATUS_LOOKUP_FAILURES_PER_HOUR}/h"
    return get_usage(request, group=RATE_GROUP, key="ip", rate=rate, method=["GET", "POST"], increment=increment)


@never_cache
def status_lookup(request):
    data = request.POST if request.method == "POST" else request.GET
    number, code = data.get("n", ""), data.get("c", "")
    context = {"number": number, "case": None, "failed": False, "limited": False}
    if not (number or code):
        return render(request, "portal/status.html", context)
    usage = _failures(request, increment=False)
    # Checked without counting, so only failures use up the allowance; at the limit, even a right code waits.
    if usage and usage["count"] >= usage["limit"]:
        context["limited"] = True
        return render(request, "portal/status.html", context, status=429)
    case = case_for_worker(number=number, code=code)
    if case is None:
        _failures(request, increment=True)
        context["failed"] = True
        return render(request, "portal/status.html", context, status=404)
    events = public_timeline(case)
    for e in events:
        e.label = event_label(e)
    context.update(
        case=case, events=events, next_step=NEXT_STEP.get(case.status, ""), next_date=next_date_for_worker(case),
        **registry.status_page_context(case=case),
    )
    return render(request, "portal/status.html", context)
