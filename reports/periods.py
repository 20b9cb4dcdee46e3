"""The period a statistics page or export covers: a month, a quarter, a year or a range of dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from disputes.kit.inputs import FieldErrors, date

# A range longer than this is refused: the trend and the export are meant for a few years at most.
LONGEST_RANGE_DAYS = 366 * 5


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year | range
    start: datetime.date
    end: datetime.date  # the day after the last day

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def quarter(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.kind == "month":
            return _("%(year)d-%(month)02d") % {"year": self.start.year, "month": self.start.month}
        if self.kind == "quarter":
            return _("%(year)d Q%(quarter)d") % {"year": self.start.year, "quarter": (self.start.month - 1) // 3 + 1}
        if self.kind == "year":
            return _("%(year)d") % {"year": self.start.year}
        return f"{self.start:%Y-%m-%d} – {self.last_day:%Y-%m-%d}"

    def previous(self) -> Period:
        """The period of the same kind just before (a range: the same number of days)."""
        if self.kind == "month":
            return month(self.start.year - (self.start.month == 1), (self.start.month - 2) % 12 + 1)
        if self.kind == "quarter":
            first = self.start.month - 3
            return quarter(self.start.year - (first < 1), ((first - 1) % 12) // 3 + 1)
        if self.kind == "year":
            return year(self.start.year - 1)
        days = self.end - self.start
        return Period("range", self.start - days, self.start)

    def as_query(self) -> dict:
        if self.kind == "range":
            return {"period": "range", "from": self.start.isoformat(), "to": self.last_day.isoformat()}
        query = {"period": self.kind, "year": self.start.year}
        if self.kind == "month":
            query["month"] = self.start.month
        elif self.kind == "quarter":
            query["quarter"] = (self.start.month - 1) // 3 + 1
        return query


def month(y: int, m: int) -> Period:
    start = datetime.date(y, m, 1)
    end = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return Period("month", start, end)


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period("quarter", datetime.date(y, first, 1), month(y, first + 2).end)


def year(y: int) -> Period:
    return Period("year", datetime.date(y, 1, 1), datetime.date(y + 1, 1, 1))


def _int(data, name, low, high, default, errors):
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        errors.add(name, _("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high})
        return default
    return value


def period_from(data, *, today: datetime.date) -> Period:
    """The period the query asks for (this month by default); FieldErrors, in Chinese, for what cannot be read."""
    errors = FieldErrors()
    kind = data.get("period") or "month"
    if kind not in ("month", "quarter", "year", "range"):
        errors.add("period", _("Choose a month, a quarter, a year or a range of dates."))
        errors.raise_if_any()
    if kind == "range":
        start, last = date(data.get("from") or "", "from", errors), date(data.get("to") or "", "to", errors)
        if start and last and last < start:
            errors.add("to", _("The end date is before the start date."))
        elif start and last and (last - start).days > LONGEST_RANGE_DAYS:
            errors.add("to", _("Choose a range of at most five years."))
        errors.raise_if_any()
        return Period("range", start, last + datetime.timedelta(days=1))
    y = _int(data, "year", 2000, today.year + 1, today.year, errors)
    if kind == "year":
        errors.raise_if_any()
        return year(y)
    if kind == "quarter":
        q = _int(data, "quarter", 1, 4, (today.month - 1) // 3 + 1, errors)
        errors.raise_if_any()
        return quarter(y, q)
    m = _int(data, "month", 1, 12, today.month, errors)
    errors.raise_if_any()
    return month(y, m)
