"""The worker's status page: no account, a phone screen, the same answer for every wrong input."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from deadlines.selectors import next_date_for_worker
from disputes import registry
from disputes.presentation import NEXT_STEP, event_label

from .limits import lookup_failed, lookup_limited
from .presentation import date_phrase, in_order, when_text
from .selectors import case_actions, case_for_worker, public_timeline


@never_cache
def status_lookup(request):
    data = request.POST if request.method == "POST" else request.GET
    number, code = data.get("n", ""), data.get("c", "")
    context = {"number": number, "case": None, "failed": False, "limited": None}
    if not (number or code):
        return render(request, "portal/status.html", context)
    # Checked without counting: only failures use up an allowance (portal.limits).
    context["limited"] = lookup_limited(request, number)
    if context["limited"]:
        return render(request, "portal/status.html", context, status=429)
    case = case_for_worker(number=number, code=code)
    if case is None:
        lookup_failed(request, number)
        context["failed"] = True
        return render(request, "portal/status.html", context, status=404)
    events = public_timeline(case)
    for e in events:
        e.label = event_label(e)
    parts = registry.status_page_context(case=case, actions=case_actions(case))
    steps = [
        {"step": step, "when": when_text(step.when)} for step in in_order(parts.pop("worker_steps"))
    ]
    next_date = next_date_for_worker(case)
    context.update(
        case=case, events=events, next_step=NEXT_STEP.get(case.status, ""), next_date=next_date,
        next_date_phrase=date_phrase(next_date.rule) if next_date else "", steps=steps,
        amounts=parts.pop("worker_amounts"), **parts,
    )
    return render(request, "portal/status.html", context)
