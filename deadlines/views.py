"""The deadline pages served in the case file's namespace (registered in deadlines.registrations)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotFound
from disputes.kit.doors import Door
from disputes.kit.web import flash_error, staff_required, through

from .models import Clock
from .services import clock_extend

# A clock's id in a URL (disputes.kit.doors).
CLOCK = Door(Clock, "clock_id")


@require_POST
@staff_required
@through(pk=CLOCK)
def extend_clock(request, pk):
    try:
        clock = clock_extend(clock_id=pk, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Deadline extended."))
        return redirect("disputes:case", pk=clock.case_id)
    except NotFound:
        raise
    except DomainError as exc:
        flash_error(request, exc)
    return redirect(request.POST.get("next") or "disputes:queue")
