"""Counting days on the official working-day calendar (statutory-rules.md §1).

Every expected date below was worked out by hand from the State Council General Office notices, not from
the code. The 2026 notice: New Year 1-3 Jan off, Sun 4 Jan worked; Spring Festival 15-23 Feb off, Sat 14 Feb
and Sat 28 Feb worked; Qingming 4-6 Apr; Labour Day 1-5 May off, Sat 9 May worked; Dragon Boat 19-21 Jun;
Mid-Autumn 25-27 Sep; National Day 1-7 Oct off, Sun 20 Sep and Sat 10 Oct worked.
Weekdays used in the reasoning: 2026-01-01 Thu, 2026-02-01 Sun, 2026-03-01 Sun, 2026-09-01 Tue,
2026-10-01 Thu, 2026-12-31 Thu, 2025-12-31 Wed.
"""

import datetime

import holidays
import pytest

from deadlines.calendar import CalendarMissing, WorkCalendar

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cal():
    return WorkCalendar.load()


WORKING_DAY_PERIODS = [
    # (start = trigger day, working days, expected last day): reasoning
    (D(2026, 3, 2), 1, D(2026, 3, 3)),  # Mon trigger not counted: Tue 3 Mar is day 1
    (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Fri trigger; Sat 7, Sun 8 ordinary rest days; Mon 9 is day 1
    (D(2026, 3, 6), 5, D(2026, 3, 13)),  # Mon 9 .. Fri 13 = 5
    # Spring Festival 2026: 15-23 Feb off, Sat 14 and Sat 28 Feb worked.
    (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Fri trigger; Sat 14 is a make-up working day = 1
    (D(2026, 2, 13), 2, D(2026, 2, 24)),  # Sat 14 = 1; 15-23 off; Tue 24 = 2
    (D(2026, 2, 12), 5, D(2026, 2, 26)),  # Fri 13 = 1, Sat 14 = 2, 15-23 off, Tue 24 = 3, Wed 25 = 4, Thu 26 = 5
    (D(2026, 2, 10), 5, D(2026, 2, 24)),  # Wed 11, Thu 12, Fri 13, Sat 14 = 4; 15-23 off; Tue 24 = 5
    (D(2026, 2, 17), 1, D(2026, 2, 24)),  # trigger inside the holiday: the next working day is Tue 24
    (D(2026, 2, 25), 3, D(2026, 2, 28)),  # Thu 26 = 1, Fri 27 = 2, Sat 28 (make-up) = 3
    (D(2026, 2, 27), 2, D(2026, 3, 2)),  # Sat 28 (make-up) = 1, Sun 1 Mar rest, Mon 2 Mar = 2
    # National Day 2026: 1-7 Oct off, Sun 20 Sep and Sat 10 Oct worked; Mid-Autumn Fri 25 Sep off.
    (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Fri trigger; Sat 19 rest; Sun 20 (make-up) = 1
    (D(2026, 9, 23), 3, D(2026, 9, 29)),  # Thu 24 = 1; Fri 25 Mid-Autumn, 26-27 weekend; Mon 28 = 2, Tue 29 = 3
    (D(2026, 9, 29), 3, D(2026, 10, 9)),  # Wed 30 = 1; 1-7 Oct off; Thu 8 = 2, Fri 9 = 3
    (D(2026, 9, 29), 4, D(2026, 10, 10)),  # ... Sat 10 Oct (make-up) = 4
    (D(2026, 9, 30), 5, D(2026, 10, 13)),  # Thu 8 = 1, Fri 9 = 2, Sat 10 = 3, Sun 11 rest, Mon 12 = 4, Tue 13 = 5
    # Thu 17 Sep: Fri 18 = 1, Sun 20 = 2, Mon 21..Thu 24 = 3..6, Fri 25 off, Mon 28..Wed 30 = 7..9, Thu 8 Oct = 10
    (D(2026, 9, 17), 10, D(2026, 10, 8)),
    # Year boundary: 1 Jan 2026 (Thu) and Fri 2 Jan off, Sun 4 Jan worked.
    (D(2025, 12, 29), 5, D(2026, 1, 6)),  # Tue 30 = 1, Wed 31 = 2, 1-3 Jan off, Sun 4 = 3, Mon 5 = 4, Tue 6 = 5
    (D(2025, 12, 31), 1, D(2026, 1, 4)),  # 1-3 Jan off; the Sunday make-up day 4 Jan = 1
    (D(2025, 12, 31), 3, D(2026, 1, 6)),  # Sun 4 = 1, Mon 5 = 2, Tue 6 = 3
    (D(2024, 12, 31), 1, D(2025, 1, 2)),  # 2025 notice: Wed 1 Jan off, no swap; Thu 2 Jan = 1
]


@pytest.mark.parametrize("start,n,expected", WORKING_DAY_PERIODS)
def test_it_counts_a_working_day_period_on_the_official_calendar(cal, start, n, expected):
    assert cal.add_working_days(start, n) == expected
    assert cal.add(start, n, "wd") == expected


CALENDAR_DAY_PERIODS = [
    # (start = trigger day, calendar days, expected last day): reasoning
    (D(2026, 3, 2), 15, D(2026, 3, 17)),  # Mon 2 + 15 = Tue 17, a working day
    (D(2026, 3, 2), 5, D(2026, 3, 9)),  # Mon 2 + 5 = Sat 7, a rest day: ends Mon 9
    # Holidays inside are not deducted: Tue 10 Feb + 15 = Wed 25 Feb, across the whole Spring Festival.
    (D(2026, 2, 10), 15, D(2026, 2, 25)),
    (D(2026, 2, 12), 5, D(2026, 2, 24)),  # Thu 12 + 5 = Tue 17 (lunar New Year): off until 23, ends Tue 24
    (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Fri 13 + 1 = Sat 14, a make-up working day: ends that day
    (D(2026, 2, 13), 15, D(2026, 2, 28)),  # Fri 13 + 15 = Sat 28, a make-up working day: ends that day
    (D(2026, 2, 6), 15, D(2026, 2, 24)),  # Fri 6 + 15 = Sat 21, inside the holiday (15-23): ends Tue 24
    (D(2026, 9, 15), 10, D(2026, 9, 28)),  # Tue 15 + 10 = Fri 25 (Mid-Autumn), 26-27 weekend: ends Mon 28
    (D(2026, 9, 5), 15, D(2026, 9, 20)),  # Sat 5 + 15 = Sun 20, a make-up working day: ends that day
    # 45 days (an award): Thu 20 Aug + 11 = 31 Aug, + 30 = 30 Sep, + 4 = Sun 4 Oct, inside 1-7 Oct: ends Thu 8
    (D(2026, 8, 20), 45, D(2026, 10, 8)),
    (D(2026, 10, 7), 3, D(2026, 10, 10)),  # Wed 7 + 3 = Sat 10, a make-up working day: ends that day
    # Year boundary: Wed 3 Dec 2025 + 30 = Fri 2 Jan 2026 (off), Sat 3 rest, Sun 4 worked: ends 4 Jan
    (D(2025, 12, 3), 30, D(2026, 1, 4)),
]


@pytest.mark.parametrize("start,n,expected", CALENDAR_DAY_PERIODS)
def test_it_counts_a_calendar_day_period_and_moves_a_rest_day_end_to_the_next_working_day(cal, start, n, expected):
    assert cal.add_calendar_days(start, n) == expected
    assert cal.add(start, n, "cd") == expected


MONTH_PERIODS = [
    # (start, length, unit, expected): reasoning
    (D(2026, 1, 31), 1, "month", D(2026, 2, 28)),  # no 31 Feb: the month's last day, Sat 28, a make-up working day
    (D(2026, 1, 15), 1, "month", D(2026, 2, 24)),  # Sun 15 Feb, first day of the Spring Festival: ends Tue 24
    (D(2026, 3, 31), 1, "month", D(2026, 4, 30)),  # no 31 Apr: Thu 30 Apr, a working day
    (D(2026, 4, 5), 1, "month", D(2026, 5, 6)),  # Tue 5 May, last day of Labour Day (1-5 May): ends Wed 6
    (D(2025, 12, 2), 1, "month", D(2026, 1, 4)),  # Fri 2 Jan 2026 off, Sat 3 rest, Sun 4 worked
    (D(2025, 2, 17), 1, "year", D(2026, 2, 24)),  # Tue 17 Feb 2026, inside the Spring Festival: ends Tue 24
    (D(2024, 2, 29), 1, "year", D(2025, 2, 28)),  # no 29 Feb 2025: Fri 28 Feb, a working day
]


@pytest.mark.parametrize("start,n,unit,expected", MONTH_PERIODS)
def test_it_ends_a_month_period_on_the_same_day_or_the_months_last_and_rolls_past_rest_days(cal, start, n, unit, expected):
    assert cal.add(start, n, unit) == expected


USED = [
    # (start, today, unit, used): reasoning
    (D(2026, 2, 12), D(2026, 2, 24), "wd", 3),  # Fri 13, Sat 14 (make-up), Tue 24; 15-23 off
    (D(2026, 9, 30), D(2026, 10, 10), "wd", 3),  # Thu 8, Fri 9, Sat 10 (make-up); 1-7 Oct off
    (D(2025, 12, 31), D(2026, 1, 5), "wd", 2),  # Sun 4 (make-up), Mon 5; 1-3 Jan off
    (D(2026, 3, 2), D(2026, 3, 2), "wd", 0),  # the trigger day itself uses nothing
    (D(2026, 2, 10), D(2026, 2, 25), "cd", 15),  # holidays inside a calendar-day period are counted
]


@pytest.mark.parametrize("start,today,unit,expected", USED)
def test_it_tells_how_much_of_a_period_has_been_used(cal, start, today, unit, expected):
    assert cal.used(start, today, unit) == expected


def test_it_refuses_to_measure_use_of_a_month_period(cal):
    # A month period cannot be paused: there is no "months used" the law counts.
    with pytest.raises(ValueError):
        cal.used(D(2026, 1, 1), D(2026, 2, 1), "month")


SUBTRACT = [
    # (end, working days back, expected): reasoning
    (D(2026, 2, 24), 3, D(2026, 2, 12)),  # 15-23 off; Sat 14 (make-up) = 1, Fri 13 = 2, Thu 12 = 3
    (D(2026, 10, 12), 2, D(2026, 10, 9)),  # Sun 11 rest; Sat 10 (make-up) = 1, Fri 9 = 2
    (D(2026, 10, 8), 1, D(2026, 9, 30)),  # 1-7 Oct off; Wed 30 Sep = 1
    (D(2026, 1, 5), 3, D(2025, 12, 30)),  # Sun 4 Jan (make-up) = 1, 1-3 Jan off, Wed 31 Dec = 2, Tue 30 = 3
]


@pytest.mark.parametrize("end,n,expected", SUBTRACT)
def test_it_counts_working_days_back_for_reminders(cal, end, n, expected):
    assert cal.subtract_working_days(end, n) == expected


MISSING = [
    # (what, year): every one needs a day of a year whose official notice has not been entered
    (lambda c: c.add_working_days(D(2026, 12, 29), 5), 2027),  # Wed 30 = 1, Thu 31 = 2, then 1 Jan 2027
    (lambda c: c.add(D(2026, 12, 30), 3, "wd"), 2027),
    (lambda c: c.add_calendar_days(D(2026, 12, 20), 15), 2027),  # Sun 20 Dec + 15 = Mon 4 Jan 2027
    (lambda c: c.add(D(2026, 12, 15), 1, "month"), 2027),  # 15 Jan 2027
    (lambda c: c.used(D(2026, 12, 30), D(2027, 1, 4), "wd"), 2027),
    (lambda c: c.is_working_day(D(2027, 6, 1)), 2027),
    (lambda c: c.subtract_working_days(D(2024, 1, 2), 2), 2023),  # 1 Jan 2024 off, then 31 Dec 2023
]


@pytest.mark.parametrize("compute,year", MISSING)
def test_it_refuses_to_guess_a_year_without_an_official_calendar(cal, compute, year):
    with pytest.raises(CalendarMissing) as exc:
        compute(cal)
    assert exc.value.year == year


def test_it_computes_a_period_that_stays_inside_the_last_entered_year(cal):
    # The guard is about the days actually counted, not the year ahead: these end on Thu 31 Dec 2026.
    assert cal.add_working_days(D(2026, 12, 29), 2) == D(2026, 12, 31)
    assert cal.add_calendar_days(D(2026, 12, 20), 11) == D(2026, 12, 31)


def test_the_frozen_2024_to_2026_calendar_matches_the_holidays_package_day_by_day(cal):
    # Data integrity of migration 0002: every day of the three years, not a sample.
    assert {2024, 2025, 2026} <= cal.years
    reference = holidays.China(years=range(2024, 2027))
    day, mismatches = D(2024, 1, 1), []
    while day <= D(2026, 12, 31):
        if cal.is_working_day(day) != reference.is_working_day(day):
            mismatches.append(day)
        day += datetime.timedelta(days=1)
    assert mismatches == []


def test_the_2026_make_up_working_days_are_exactly_those_of_the_notice(cal):
    weekend_workdays = {d for d, kind in cal.exceptions.items() if d.year == 2026 and kind == "workday"}
    assert weekend_workdays == {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)}
