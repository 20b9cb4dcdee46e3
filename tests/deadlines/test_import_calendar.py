"""`manage.py import_calendar`: a year's notice is checked whole, then entered at once, and waiting clocks get dates."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from deadlines.models import CalendarDay, CalendarYear, Clock
from deadlines.services import clocks_on_event
from disputes.models import CaseEvent, Referral

pytestmark = pytest.mark.django_db

D = datetime.date
SOURCE = "国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕N号)"
# A test file in the notice's shape, not the official 2027 notice. 2027-01-01 is a Friday.
VALID_2027 = """\
# 2027 test calendar
2027-01-01 holiday 元旦

2027-02-05 holiday 春节
2027-02-08 holiday 春节
2027-02-20 workday 春节调休
"""


def offer_recorded_on(case, actor, to_org, today, purpose="mediation"):
    """A referral offer as disputes.services.referral_offer records it, with the day pinned to `today`.

    Clocks start on the wall-clock date inside referral_offer; a test about a year boundary needs a fixed
    day, so the recorded event is passed to clocks_on_event directly.
    """
    profile = actor.staff
    referral = Referral.objects.create(
        case=case, from_org=profile.organization, to_org=to_org, purpose=purpose, offered_by=actor,
    )
    event = CaseEvent.objects.create(
        case=case, actor=actor, actor_org=profile.organization, actor_role=profile.role, action="referral_offered",
        payload={"referral": referral.pk, "to_org": to_org.pk, "to_org_name": to_org.name, "purpose": purpose},
    )
    clocks_on_event(case=case, event=event, today=today)
    return Clock.objects.get(case=case, subject=f"referral:{referral.pk}")


@pytest.fixture
def waiting_clock(register, people, orgs):
    """A referral offered on Wed 30 Dec 2026 to be accepted within 3 working days: Thu 31 Dec is day 1, then 2027."""
    case = register().case
    return offer_recorded_on(case, people["clerk"], orgs["mediation"], D(2026, 12, 30))


@pytest.fixture
def calendar_file(tmp_path):
    def _write(text):
        path = tmp_path / "calendar.txt"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


def run(path, *args, year=2027, source=SOURCE):
    # English messages: the assertions read the line numbers the administrator is told.
    with translation.override("en"):
        call_command("import_calendar", path, "--year", str(year), "--source", source, *args)


def test_a_clock_falling_in_a_year_without_a_calendar_shows_the_missing_year(waiting_clock):
    assert waiting_clock.due_on is None
    assert waiting_clock.missing_year == 2027
    assert CaseEvent.objects.filter(case=waiting_clock.case, action="clock_started", payload__missing_year=2027).exists()


def test_it_imports_the_year_and_gives_waiting_clocks_their_due_dates(waiting_clock, calendar_file, capsys):
    run(calendar_file(VALID_2027))

    year = CalendarYear.objects.get(year=2027)
    assert year.source == SOURCE
    days = dict(CalendarDay.objects.filter(date__year=2027).values_list("date", "kind"))
    assert days == {D(2027, 1, 1): "holiday", D(2027, 2, 5): "holiday", D(2027, 2, 8): "holiday", D(2027, 2, 20): "workday"}
    assert CalendarDay.objects.get(date=D(2027, 2, 20)).name == "春节调休"
    waiting_clock.refresh_from_db()
    # Thu 31 Dec = 1; Fri 1 Jan is off in the file; Sat 2, Sun 3 rest; Mon 4 = 2; Tue 5 = 3.
    assert waiting_clock.due_on == D(2027, 1, 5)
    assert waiting_clock.missing_year is None
    # Reminder 3 working days before: Mon 4 Jan, Thu 31 Dec, Wed 30 Dec.
    assert waiting_clock.remind_on == D(2026, 12, 30)
    out = capsys.readouterr().out
    assert "4 dates imported" in out and "1 clocks of the year (re)dated" in out


def test_it_replaces_the_years_days_and_leaves_other_years_alone(calendar_file):
    CalendarDay.objects.create(date=D(2027, 5, 3), kind="holiday", name="entered by hand, not in the notice")
    days_2026 = list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))
    run(calendar_file(VALID_2027))
    run(calendar_file("2027-01-01 holiday 元旦\n"), source="corrected notice")

    assert list(CalendarDay.objects.filter(date__year=2027).values_list("date", flat=True)) == [D(2027, 1, 1)]
    assert CalendarYear.objects.get(year=2027).source == "corrected notice"
    assert list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind")) == days_2026


def test_a_dry_run_checks_the_file_and_writes_nothing(waiting_clock, calendar_file, capsys):
    run(calendar_file(VALID_2027), "--dry-run")

    assert "nothing written" in capsys.readouterr().out
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    waiting_clock.refresh_from_db()
    assert waiting_clock.due_on is None and waiting_clock.missing_year == 2027


INVALID = [
    # (file, what the error names)
    ("2027-01-01 holiday 元旦\n2026-12-31 holiday 元旦\n", ["line 2", "2026-12-31", "not in 2027"]),
    ("2027-01-01 festival 元旦\n", ["line 1", "festival"]),
    ("# Mon 4 Jan\n2027-01-04 workday 调休\n", ["line 2", "2027-01-04", "weekday"]),
    ("2027-01-02 holiday 元旦\n", ["line 1", "2027-01-02", "Saturday or Sunday"]),  # Sat: already a rest day
    ("2027-01-01 holiday 元旦\n\n2027-01-01 holiday 元旦\n", ["line 3", "already on line 1"]),
    ("2027-02-30 holiday 春节\n", ["line 1", "2027-02-30", "not a date"]),
    ("2027-01-01\n", ["line 1", "DATE KIND"]),
    ("# nothing but a comment\n\n", ["no dates"]),
]


@pytest.mark.parametrize("text,expected", INVALID)
def test_it_refuses_an_invalid_file_and_writes_nothing(waiting_clock, calendar_file, text, expected):
    # Valid lines beside the bad one are not written either, and the day entered earlier is not removed.
    CalendarDay.objects.create(date=D(2027, 5, 3), kind="holiday", name="entered earlier")

    with pytest.raises(CommandError) as exc:
        run(calendar_file(text))

    for words in expected:
        assert words in str(exc.value)
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("name", flat=True)) == ["entered earlier"]
    waiting_clock.refresh_from_db()
    assert waiting_clock.due_on is None and waiting_clock.missing_year == 2027


def test_it_reports_every_bad_line_at_once(calendar_file):
    with pytest.raises(CommandError) as exc:
        run(calendar_file("2027-01-04 workday x\n2027-01-01 holiday 元旦\n2027-01-09 holiday y\n"))
    assert "line 1" in str(exc.value) and "line 3" in str(exc.value) and "line 2" not in str(exc.value)


def test_it_refuses_a_missing_file_or_an_empty_source(calendar_file):
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/calendar.txt")
    with pytest.raises(CommandError, match="--source"):
        run(calendar_file(VALID_2027), source="  ")
    assert not CalendarYear.objects.filter(year=2027).exists()
