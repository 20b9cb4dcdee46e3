"""The deadline pages served in the case file's namespace (registered in deadlines.registrations)."""

from django.utils.translation import gettext as _

from disputes.kit.doors import Door
from disputes.kit.web import CASE_PAGE, next_or

from .models import Clock
from .services import clock_extend

# A clock's id in a URL (disputes.kit.doors).
CLOCK = Door(Clock, "clock_id")


@CASE_PAGE.post(door=CLOCK)
def extend_clock(request, pk, case_id):
    return CASE_PAGE.submit(request, case_id, "extend", None, _("Deadline extended."), lambda _d: clock_extend(
        clock_id=pk, actor=request.user, reason=request.POST.get("reason", "")),
        refused_to=next_or(request, "disputes:queue"))
