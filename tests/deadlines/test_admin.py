"""The administrator's side of the calendar and the rules: entering a year, correcting a rule, looking at clocks."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse

from deadlines.models import CalendarDay, CalendarYear, Clock, DeadlineRule
from tests.deadlines.test_import_calendar import SOURCE, offer_recorded_on

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="calendar-admin", password="pw-calendar-admin")
    client.force_login(user)
    # English messages: the assertions read what the administrator is told.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def waiting_clock(register, people, orgs):
    # Offered Wed 30 Dec 2026, 3 working days: Thu 31 Dec is day 1, the rest falls in 2027.
    return offer_recorded_on(register().case, people["clerk"], orgs["mediation"], D(2026, 12, 30))


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def add_day(client, date, kind, name=""):
    return client.post(
        reverse("admin:deadlines_calendarday_add"), {"date": date, "kind": kind, "name": name}, follow=True,
    )


def test_saving_a_year_in_the_admin_gives_waiting_clocks_their_due_dates(admin_client, waiting_clock):
    add_day(admin_client, "2027-01-01", "holiday", "元旦")
    waiting_clock.refresh_from_db()
    assert waiting_clock.missing_year == 2027  # the days alone do not make a year count

    response = admin_client.post(
        reverse("admin:deadlines_calendaryear_add"), {"year": "2027", "source": SOURCE}, follow=True,
    )

    assert CalendarYear.objects.get(year=2027).source == SOURCE
    assert "1 clock of the 2027 calendar now has its due date." in messages_of(response)
    waiting_clock.refresh_from_db()
    # Thu 31 Dec = 1; Fri 1 Jan off; weekend; Mon 4 = 2; Tue 5 = 3.
    assert (waiting_clock.due_on, waiting_clock.missing_year) == (D(2027, 1, 5), None)


def test_the_admin_refuses_a_year_whose_days_are_not_entered_yet(admin_client, waiting_clock):
    response = admin_client.post(reverse("admin:deadlines_calendaryear_add"), {"year": "2027", "source": SOURCE})

    assert response.status_code == 200
    assert "before the year itself" in str(response.context["adminform"].form.non_field_errors())
    assert not CalendarYear.objects.filter(year=2027).exists()
    waiting_clock.refresh_from_db()
    assert waiting_clock.due_on is None and waiting_clock.missing_year == 2027


def test_saving_a_day_of_an_entered_year_updates_the_clocks_still_waiting_for_it(admin_client, waiting_clock):
    # The year was entered outside the admin (no recomputation ran): the clock still waits.
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦")
    CalendarYear.objects.create(year=2027, source=SOURCE)

    response = add_day(admin_client, "2027-02-20", "workday", "春节调休")

    assert CalendarDay.objects.filter(date=D(2027, 2, 20), kind="workday").exists()
    assert "1 clock of the 2027 calendar now has its due date." in messages_of(response)
    waiting_clock.refresh_from_db()
    assert (waiting_clock.due_on, waiting_clock.missing_year) == (D(2027, 1, 5), None)


def test_a_day_of_a_year_not_yet_entered_recomputes_nothing(admin_client, waiting_clock):
    response = add_day(admin_client, "2027-01-01", "holiday", "元旦")

    assert not any("clock" in m for m in messages_of(response))
    waiting_clock.refresh_from_db()
    assert waiting_clock.missing_year == 2027


def test_a_corrected_holiday_re_dates_the_running_clocks_of_the_year(admin_client, register, people, orgs):
    # Offered Mon 2 Mar 2026: due Thu 5 Mar 2026 (3 working days), computed on the entered 2026 calendar.
    offer_recorded_on(register().case, people["clerk"], orgs["mediation"], D(2026, 3, 2))
    clock = Clock.objects.get(rule__code="referral_acceptance")
    assert clock.due_on == D(2026, 3, 5)

    response = add_day(admin_client, "2026-03-04", "holiday", "a late correction")

    assert "1 clock of the 2026 calendar now has its due date." in messages_of(response)
    clock.refresh_from_db()
    assert clock.due_on == D(2026, 3, 6)  # Wed 4 Mar is now a day off: Tue 3, Thu 5, Fri 6 Mar


@pytest.mark.parametrize("date,kind", [("2027-01-04", "workday"), ("2027-01-02", "holiday")])
def test_the_admin_refuses_a_day_that_is_not_an_exception(admin_client, date, kind):
    # Mon 4 Jan is already a working day; Sat 2 Jan is already a rest day.
    response = add_day(admin_client, date, kind)

    assert response.context["adminform"].form.errors["kind"]
    assert not CalendarDay.objects.filter(date=date).exists()


def test_the_calendar_days_can_be_listed_by_year(admin_client):
    url = reverse("admin:deadlines_calendarday_changelist")

    by_filter = admin_client.get(url, {"year": "2026"})
    by_hierarchy = admin_client.get(url, {"date__year": "2025"})

    dates = [day.date for day in by_filter.context["cl"].result_list]
    assert dates and {d.year for d in dates} == {2026}
    assert D(2026, 2, 14) in dates
    assert {day.date.year for day in by_hierarchy.context["cl"].result_list} == {2025}


def test_the_year_list_shows_each_years_source_and_number_of_days(admin_client):
    response = admin_client.get(reverse("admin:deadlines_calendaryear_changelist"))

    rows = {y.year: y for y in response.context["cl"].result_list}
    assert {2024, 2025, 2026} <= set(rows)
    assert rows[2026].day_count == CalendarDay.objects.filter(date__year=2026).count() > 0
    assert "国办发明电〔2024〕12号" in response.content.decode()


def test_an_administrator_corrects_a_deadline_rule(admin_client):
    rule = DeadlineRule.objects.get(code="referral_acceptance")
    listing = admin_client.get(reverse("admin:deadlines_deadlinerule_changelist")).content.decode()
    assert "referral_acceptance" in listing and "保障农民工工资支付条例 art 10" in listing

    data = {
        "code": rule.code, "name": rule.name, "track": rule.track, "is_active": "on",
        "length": "5", "unit": "wd", "extension_length": "0", "extension_role": "", "remind_before": "2",
        "start_on": json.dumps(rule.start_on), "satisfy_on": json.dumps(rule.satisfy_on),
        "pause_on": "[]", "resume_on": "[]", "restart_on": "[]",
        "source": rule.source, "confidence": "M", "notes": "Local service level raised to 5 working days.",
    }
    response = admin_client.post(reverse("admin:deadlines_deadlinerule_change", args=[rule.pk]), data, follow=True)

    assert response.status_code == 200
    rule.refresh_from_db()
    assert (rule.length, rule.remind_before, rule.is_active) == (5, 2, True)
    assert rule.start_on == ["referral_offered:mediation", "referral_offered:litigation", "referral_offered:judicial_confirmation"]


def test_clocks_are_shown_to_administrators_but_not_editable(admin_client, waiting_clock):
    listing = admin_client.get(reverse("admin:deadlines_clock_changelist"))
    assert [c.pk for c in listing.context["cl"].result_list] == [waiting_clock.pk]
    assert listing.context["cl"].result_list[0].missing_year == 2027

    assert admin_client.get(reverse("admin:deadlines_clock_add")).status_code == 403
    change_url = reverse("admin:deadlines_clock_change", args=[waiting_clock.pk])
    assert admin_client.get(change_url).status_code == 200  # view only
    admin_client.post(change_url, {"state": "cancelled", "due_on": "2027-01-01"})
    waiting_clock.refresh_from_db()
    assert (waiting_clock.state, waiting_clock.due_on) == ("running", None)


def test_the_calendar_admin_is_closed_to_non_staff(client, people):
    client.force_login(people["clerk"])
    response = client.get(reverse("admin:deadlines_calendaryear_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
