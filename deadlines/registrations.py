"""What the case file needs from the deadlines app, registered from DeadlinesConfig.ready()
(disputes.registry): clocks react to every case event in its transaction, the case page, the API's case
file and the dashboard show the clocks, the queue filters by due clocks, and the reference tables it reads
on every request are kept in each process's memory (core.refdata)."""

from django.urls import path
from django.utils.translation import gettext as _

from core import refdata
from disputes import registry

from . import statistics, views
from .calendar import WorkCalendar
from .models import CalendarDay, CalendarYear, DeadlineRule
from .selectors import BUCKETS, cases_with_due_clock, clocks_for_case, days_left, org_deadline_counts
from .services import clocks_on_event


def _clock_label(event) -> str:
    action, p = event.action, event.payload or {}
    name = p.get("rule_name", "")
    if p.get("missing_year"):
        due = _("calendar missing for %(year)s") % {"year": p["missing_year"]}
    else:
        due = p.get("due_on") or ""
    words = {
        "clock_started": _("Deadline started: %(name)s, due %(due)s"),
        "clock_paused": _("Deadline paused: %(name)s"),
        "clock_resumed": _("Deadline resumed: %(name)s, now due %(due)s"),
        "clock_restarted": _("Deadline restarted: %(name)s, now due %(due)s"),
        "clock_extended": _("Deadline extended: %(name)s, now due %(due)s"),
        "clock_satisfied": _("Deadline met: %(name)s"),
        "clock_cancelled": _("Deadline cancelled: %(name)s"),
        "clock_overdue": _("Deadline passed: %(name)s (was due %(due)s)"),
        "clock_reminder": _("Reminder: %(name)s is due %(due)s"),
    }
    return words[action] % {"name": name, "due": due}


CLOCK_ACTIONS = (
    "clock_started", "clock_paused", "clock_resumed", "clock_restarted", "clock_extended", "clock_satisfied",
    "clock_cancelled", "clock_overdue", "clock_reminder",
)


def _case_page(*, case, profile, today) -> dict:
    cal = WorkCalendar.load()
    clocks = clocks_for_case(case)
    for c in clocks:
        c.days_left = days_left(c, today, cal)
        c.can_extend = (
            c.state == "running" and not c.extended_at and c.rule.extension_length
            and profile.role == c.rule.extension_role and profile.organization_id in (c.owner_org_id, case.owner_org_id)
        )
    return {"clocks": clocks}


def _due_filter(value):
    return cases_with_due_clock(value) if value in BUCKETS else None


def register() -> None:
    registry.add_event_hook("deadlines", clocks_on_event)
    registry.add_event_labels(dict.fromkeys(CLOCK_ACTIONS, _clock_label))
    registry.add_queue_filter("due", _due_filter)
    registry.add_case_page_part("deadlines", _case_page, template="deadlines/case_clocks.html")
    registry.add_case_api_part("deadlines", lambda *, case: {"clocks": clocks_for_case(case)})
    registry.add_dashboard_part(
        "deadlines", lambda *, profile: {"deadlines": org_deadline_counts(profile.organization_id)},
        template="deadlines/dashboard_deadlines.html",
    )
    registry.add_statistics_part("deadlines", statistics.statistics_part)
    registry.add_urls("deadlines", [path("clocks/<int:pk>/extend/", views.extend_clock, name="extend_clock")])
    refdata.watch(CalendarDay, CalendarYear, DeadlineRule)
