"""Limitation periods computed at intake from the dates the worker gives (statutory-rules §2, §3).

- arbitration (LDMAL art 27): one year from when the worker knew or should have known of the violation —
  taken as the day it began, or the day it ended if it continued; for wage arrears during employment there
  is no limitation while employed, and one year after employment ends;
- inspection (监察条例 art 20): two years from the violation, or from its end if it continued; a violation
  still going on is within the period.

The lengths come from the rules table (codes arbitration_limitation, inspection_limitation). A period ending
on a rest day ends on the next working day; where that needs a year whose calendar is missing, the date is
reported as unresolved rather than guessed, and the expiry is decided only when the roll cannot matter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from disputes.choices import ClaimType

from .calendar import CalendarMissing, WorkCalendar
from .selectors import rule_by_code

WAGE_TYPES = {ClaimType.WAGES, ClaimType.OVERTIME}
# The longest run of rest days in a Chinese calendar (Spring Festival or National Day with a weekend).
_MAX_ROLL = datetime.timedelta(days=10)


@dataclass(frozen=True)
class Limitation:
    track: str  # "arbitration" | "inspection"
    ends_on: datetime.date | None  # None: no limitation runs (e.g. wages while still employed)
    expired: bool
    missing_year: int | None
    source: str
    reason: str  # why this date (plain words, English msgid for the UI)


def _end(cal: WorkCalendar, start: datetime.date, years: int, today: datetime.date):
    unrolled = _add_years(start, years)
    try:
        ends = cal.add_months(start, 12 * years)
        return ends, ends < today, None
    except CalendarMissing as exc:
        # Rolling forward only ever lengthens the period: decide when that cannot change the answer.
        if unrolled >= today:
            return unrolled, False, exc.year
        if unrolled + _MAX_ROLL < today:
            return unrolled, True, exc.year
        return unrolled, False, exc.year


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def limitations_for(
    *, violation_started_on: datetime.date, violation_ended_on: datetime.date | None,
    employment_ended_on: datetime.date | None, claim_types: set[str], today: datetime.date,
) -> list[Limitation]:
    cal = WorkCalendar.load()
    rules = {code: rule_by_code(code) for code in ("arbitration_limitation", "inspection_limitation")}
    out = []

    arb = rules["arbitration_limitation"]
    only_wages = bool(claim_types) and claim_types <= WAGE_TYPES
    if only_wages and employment_ended_on is None:
        out.append(Limitation("arbitration", None, False, None, arb.source, "wages while employed: no limitation"))
    else:
        if only_wages:
            start, why = employment_ended_on, "one year after employment ended"
        else:
            start = violation_ended_on or violation_started_on
            why = "one year from the violation" if violation_ended_on is None else "one year from the end of the violation"
        ends, expired, missing = _end(cal, start, arb.length, today)
        out.append(Limitation("arbitration", ends, expired, missing, arb.source, why))

    insp = rules["inspection_limitation"]
    if violation_ended_on is None:
        out.append(Limitation("inspection", None, False, None, insp.source, "continuing violation: within the period"))
    else:
        ends, expired, missing = _end(cal, violation_ended_on, insp.length, today)
        out.append(Limitation("inspection", ends, expired, missing, insp.source, "two years from the end of the violation"))
    return out


def arbitration_limitation_restarted(*, interrupted_until: datetime.date, today: datetime.date) -> datetime.date:
    """LDMAL art 27(2): a request for relief to a body with the power to handle it (a mediation) interrupts the
    arbitration limitation, which runs anew, in full, from the day the interruption ends."""
    rule = rule_by_code("arbitration_limitation")
    ends, _expired, _missing = _end(WorkCalendar.load(), interrupted_until, rule.length, today)
    return ends
