"""Counting days on China's working-day calendar (statutory-rules §1).

- the trigger day is not counted; counting starts the next day (民事诉讼法 art 85);
- a working-day period counts only working days; make-up working days (调休上班) count, holidays and the
  rest days moved by 调休 do not (State Council notice of each year);
- a calendar-day period counts holidays inside it, but if its last day is a rest day it ends on the next
  working day (民事诉讼法 art 85; SPC 2014 notice); so does a month or year period;
- a month period ends on the same-numbered day of the target month, or that month's last day.

A year without an entered official notice (CalendarYear row) is refused with CalendarMissing: the
`holidays` package answers for future years with rule-based dates and no make-up days, silently wrong.
"""

from __future__ import annotations

import calendar as _cal
import datetime

from core.refdata import cached

from .models import CalendarDay, CalendarYear, DayKind


class CalendarMissing(Exception):
    def __init__(self, year: int):
        self.year = year
        super().__init__(f"calendar missing for {year}")


class WorkCalendar:
    """The calendar loaded once for a computation (two queries), then pure date arithmetic."""

    def __init__(self, years: set[int], exceptions: dict[datetime.date, str]):
        self.years = years
        self.exceptions = exceptions

    @classmethod
    def load(cls) -> WorkCalendar:
        """The entered calendar, from the process's copy while it is current (core.refdata)."""
        return cached("calendar", cls.load_from_db)

    @classmethod
    def load_from_db(cls) -> WorkCalendar:
        years = set(CalendarYear.objects.values_list("year", flat=True))
        exceptions = dict(CalendarDay.objects.filter(date__year__in=years).values_list("date", "kind"))
        return cls(frozenset(years), exceptions)

    def _check(self, day: datetime.date) -> None:
        if day.year not in self.years:
            raise CalendarMissing(day.year)

    def is_working_day(self, day: datetime.date) -> bool:
        self._check(day)
        kind = self.exceptions.get(day)
        if kind == DayKind.WORKDAY:
            return True
        if kind == DayKind.HOLIDAY:
            return False
        return day.weekday() < 5

    def next_working_day_on_or_after(self, day: datetime.date) -> datetime.date:
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        day, left = start, n
        while left > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        if n == 0:
            self._check(day)
        return day

    def subtract_working_days(self, end: datetime.date, n: int) -> datetime.date:
        day, left = end, n
        while left > 0:
            day -= datetime.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]: what has been used of a period started on `start`."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def add_calendar_days(self, start: datetime.date, n: int) -> datetime.date:
        return self.next_working_day_on_or_after(start + datetime.timedelta(days=n))

    def add_months(self, start: datetime.date, n: int) -> datetime.date:
        month_index = start.month - 1 + n
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, _cal.monthrange(year, month)[1])
        return self.next_working_day_on_or_after(datetime.date(year, month, day))

    def add(self, start: datetime.date, length: int, unit: str) -> datetime.date:
        if unit == "wd":
            return self.add_working_days(start, length)
        if unit == "cd":
            return self.add_calendar_days(start, length)
        if unit == "month":
            return self.add_months(start, length)
        if unit == "year":
            return self.add_months(start, 12 * length)
        raise ValueError(f"unit {unit!r} has no fixed length")

    def used(self, start: datetime.date, today: datetime.date, unit: str) -> int:
        """How much of a period started on `start` has run by `today`, in its unit (for pausing)."""
        if unit == "wd":
            return self.working_days_between(start, today)
        if unit == "cd":
            return max((today - start).days, 0)
        raise ValueError(f"unit {unit!r} cannot be paused")


def calendar_gaps(today: datetime.date, ahead_years: int = 1) -> list[int]:
    """Years from this one to `ahead_years` ahead that have no official calendar entered."""
    have = set(CalendarYear.objects.filter(year__gte=today.year).values_list("year", flat=True))
    return [y for y in range(today.year, today.year + ahead_years + 1) if y not in have]
