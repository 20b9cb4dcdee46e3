"""The worker's page in the worker's words: what each date the worker is shown means for them, and the order of
what the worker does next (disputes.presentation.WorkerStep from the tracks)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# A clock's due date as the worker reads it, by rule code (deadlines.rules_data); a rule not listed here is
# named by its own name. Only rules marked show_to_worker reach the page at all.
WORKER_DATE_PHRASES = {
    "correction_order": _("The employer must correct the violation by"),
    "arbitration_acceptance": _("The arbitration commission decides whether to accept your application by"),
    "award": _("The arbitration should end with an award or a settlement by"),
    "mediation": _("The mediation period ends on"),
    "judicial_confirmation": _("Apply to the court to confirm the agreement by"),
    "legal_aid_review": _("The legal-aid station decides on your application by"),
    "petition_handling": _("Your petition should be answered by"),
}


def date_phrase(rule) -> str:
    return str(WORKER_DATE_PHRASES.get(rule.code, rule.name))


def when_text(when) -> str:
    """A step's time as the page prints it: the day with its weekday, and the time of day when there is one."""
    if isinstance(when, datetime.datetime):
        local = timezone.localtime(when)
        return f"{date_format(local.date(), 'Y-m-d')}（{date_format(local.date(), 'l')}）{local:%H:%M}"
    if isinstance(when, datetime.date):
        return f"{date_format(when, 'Y-m-d')}（{date_format(when, 'l')}）"
    return ""


def in_order(steps) -> list:
    """Undated things the worker should do now first, then by date; a step whose day has passed is dropped."""
    today = timezone.localdate()

    def day(step):
        return step.when.date() if isinstance(step.when, datetime.datetime) else step.when

    kept = [s for s in steps if s.when is None or day(s) >= today]
    return sorted(kept, key=lambda s: (s.when is not None, day(s) or today, not s.by_worker))
