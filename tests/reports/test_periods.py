"""The period a statistics page asks for: what each choice covers, the one before it, and what is refused."""

import datetime

import pytest

from core.errors import ValidationFailed
from reports.periods import month, period_from, quarter, year

TODAY = datetime.date(2026, 12, 7)
D = datetime.date


def test_each_choice_covers_its_days_with_the_end_excluded():
    assert period_from({}, today=TODAY) == month(2026, 12)
    assert (month(2026, 12).start, month(2026, 12).end) == (D(2026, 12, 1), D(2027, 1, 1))
    q2 = period_from({"period": "quarter", "year": "2026", "quarter": "2"}, today=TODAY)
    assert (q2.start, q2.end, q2.quarter) == (D(2026, 4, 1), D(2026, 7, 1), 2)
    assert period_from({"period": "year", "year": "2025"}, today=TODAY).end == D(2026, 1, 1)
    span = period_from({"period": "range", "from": "2026-03-05", "to": "2026-03-05"}, today=TODAY)
    assert (span.start, span.end, span.last_day) == (D(2026, 3, 5), D(2026, 3, 6), D(2026, 3, 5))


def test_the_period_before_crosses_the_year():
    assert month(2026, 1).previous() == month(2025, 12)
    assert quarter(2026, 1).previous() == quarter(2025, 4)
    assert year(2026).previous() == year(2025)
    span = period_from({"period": "range", "from": "2026-03-01", "to": "2026-03-10"}, today=TODAY)
    assert (span.previous().start, span.previous().end) == (D(2026, 2, 19), D(2026, 3, 1))


@pytest.mark.parametrize("query, field", [
    ({"period": "week"}, "period"),
    ({"period": "month", "month": "13"}, "month"),
    ({"period": "quarter", "quarter": "5"}, "quarter"),
    ({"period": "range", "from": "2026-05-01", "to": "2026-04-30"}, "to"),
    ({"period": "range", "from": "2015-01-01", "to": "2026-01-01"}, "to"),
    ({"period": "range", "from": "yesterday", "to": ""}, "from"),
])
def test_what_cannot_be_read_is_refused_under_its_field(query, field):
    with pytest.raises(ValidationFailed) as refused:
        period_from(query, today=TODAY)
    assert field in refused.value.fields
