"""A worker under the minimum working age: child labour, which labour inspection investigates.

The ID number holds the date of birth. A worker under the age (a statutory parameter, 16: 劳动法 art 15,
禁止使用童工规定 art 2) on the day of registration, or on the day the violation began, was employed as a child.
The window does not refuse such a complaint: the child is owed what any worker is owed, and refusing would lose
the record of the employment. The number may also be mistyped, so the clerk checks it against the card and
confirms; the case is then marked (`child_labour_flagged`) and its page asks for a referral to labour
inspection, which alone may act on it (禁止使用童工规定 arts 5-6)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.citations import cite_source
from core.errors import ValidationFailed
from core.parameters import int_parameter, source_of
from core.validators import birth_date_of, full_years

PARAMETER = "minimum_working_age"


@dataclass(frozen=True)
class ChildLabour:
    birth: datetime.date
    minimum_age: int
    on: datetime.date  # the day the worker was under the age: the registration's, or the violation's start
    age: int  # full years (周岁) that day
    source: str
    source_verified: bool = False

    def payload(self) -> dict:
        return {"minimum_age": self.minimum_age, "age": self.age, "on": self.on.isoformat()}

    def message(self) -> str:
        return _(
            "The ID number gives a date of birth of %(birth)s: the worker was %(age)s on %(on)s, under the minimum "
            "working age of %(minimum)s. Employing a person under that age is child labour, which labour "
            "inspection investigates (%(source)s)."
        ) % {"birth": self.birth.isoformat(), "age": self.age, "on": self.on.isoformat(),
             "minimum": self.minimum_age, "source": self.cited_source()}

    def cited_source(self) -> str:
        """The source as the page's language writes it, marked 待核实 while unverified."""
        return cite_source(self.source, self.source_verified)


def child_labour(id_number: str, *, violation_started_on: datetime.date | None, today: datetime.date) -> ChildLabour | None:
    """What makes this worker a child worker, or None (an adult, or an ID number without a date of birth)."""
    birth = birth_date_of(id_number)
    if birth is None:
        return None
    minimum = int_parameter(PARAMETER)
    for day in (today, violation_started_on):
        if day is not None and day >= birth and full_years(birth, day) < minimum:
            source = source_of(PARAMETER)
            return ChildLabour(birth=birth, minimum_age=minimum, on=day, age=full_years(birth, day),
                               source=source.text, source_verified=source.verified)
    return None


class WorkerUnderAge(ValidationFailed):
    """Registration waits for the clerk to confirm the ID number (field child_labour_confirmed)."""

    code = "worker_under_minimum_age"


def confirmation_needed(found: ChildLabour) -> dict:
    return {"child_labour_confirmed": [
        found.message(),
        _("Check the ID number against the card. If it is right, confirm: the complaint is registered and the case "
          "is marked for labour inspection."),
    ]}


def typing_hints(*, lines: bool = False) -> dict:
    """The attributes of a box where a worker's ID number is typed, for static/js/id-check.js to warn as it is
    typed: the minimum age and today as the server has them (the same parameter and day registration checks),
    the messages in the page's language. `lines`: a list of workers, one per line. The hint blocks nothing;
    registration decides."""
    minimum = int_parameter(PARAMETER)
    return {
        "data-id-check": "lines" if lines else "one",
        "data-min-age": str(minimum),
        "data-today": timezone.localdate().isoformat(),
        "data-msg-check": _("This ID number's check digit is wrong: please check it against the card."),
        "data-msg-birth": _("The date of birth inside this ID number does not exist."),
        # {age} is filled in by the script.
        "data-msg-child": _("By the date of birth in this ID number the worker is {age} today, under the minimum "
                            "working age of %(minimum)s: possible child labour. Check the number against the "
                            "card.") % {"minimum": minimum},
        "data-msg-line": _("Line {n}: {message}"),
    }
