"""The supervisor's failed messages (with a resend) and the worker's choice to receive no messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.models import Role
from core.query_codes import query_code_matches
from disputes.kit.doors import Door
from disputes.kit.web import staff_required, through
from disputes.models import Case
from portal.limits import lookup_failed, lookup_limited

from . import selectors, services
from .models import WorkerMessage
from .tasks import messages_kick

@staff_required
def failed(request):
    if request.profile.role != Role.SUPERVISOR:
        raise DjangoPermissionDenied
    return render(request, "notifications/failed.html", {"rows": selectors.failed_messages(request.profile)})


# A message's id in a URL (disputes.kit.doors): seen by whoever sees its case.
MESSAGE = Door(WorkerMessage, "message_id")


@require_POST
@staff_required
@through(pk=MESSAGE)
def resend(request, pk):
    try:
        services.message_resend(message_id=pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        transaction.on_commit(messages_kick)
        messages.success(request, _("The message will be sent again."))
    return redirect("notifications:failed")


def _case_for(number: str, code: str):
    """The case for this number and query code, or None: the same answer whichever was wrong."""
    number, code = (number or "").strip().upper(), (code or "").strip().upper()
    case = Case.objects.filter(number=number).only("pk", "number", "query_code_hash").first() if number else None
    if case is None:
        query_code_matches(code, "")  # the same HMAC work, so timing does not tell numbers apart
        return None
    return case if code and query_code_matches(code, case.query_code_hash) else None


@never_cache
def worker_choice(request):
    """The worker, with the case number and query code, stops (or restarts) the text messages."""
    context = {"number": request.GET.get("n", ""), "done": None, "failed": False, "limited": False}
    if request.method != "POST":
        return render(request, "notifications/worker_choice.html", context)
    context["number"] = request.POST.get("n", "")
    # The same secret as the status page's, so the same allowance for guessing it (portal.limits).
    context["limited"] = lookup_limited(request, context["number"])
    if context["limited"]:
        return render(request, "notifications/worker_choice.html", context, status=429)
    case = _case_for(request.POST.get("n", ""), request.POST.get("c", ""))
    if case is None:
        lookup_failed(request, context["number"])
        context["failed"] = True
        return render(request, "notifications/worker_choice.html", context, status=404)
    receive = request.POST.get("receive") == "1"
    services.worker_notices_set(case_id=case.pk, receive=receive, via="status_page")
    context["done"] = "on" if receive else "off"
    return render(request, "notifications/worker_choice.html", context)
