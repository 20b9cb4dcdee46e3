"""A worker under 16 (the minimum working age, a statutory parameter) is child labour, for labour inspection:
the window warns and registers on confirmation, never refuses, and the case is marked for inspection."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from core.identifiers import make_credit_code
from core.validators import full_years, id_number_check_char
from disputes.models import Case, CaseEvent
from intake.services import complaint_register
from intake.child_labour import WorkerUnderAge
from tests.api.test_complaints import api, payload
from tests.conftest import complaint_input
from tests.intake.test_register_page import URL, form_data

pytestmark = pytest.mark.django_db


def born(day: datetime.date) -> str:
    body = f"370702{day:%Y%m%d}{random.randint(0, 999):03d}"
    return body + id_number_check_char(body)


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


def recently():
    return timezone.localdate() - datetime.timedelta(days=60)


def test_a_year_of_age_is_complete_the_day_after_the_birthday():
    birth = datetime.date(2010, 5, 20)
    assert full_years(birth, datetime.date(2026, 5, 19)) == 15
    assert full_years(birth, datetime.date(2026, 5, 20)) == 15  # on the 16th birthday: still under 16
    assert full_years(birth, datetime.date(2026, 5, 21)) == 16
    leap = datetime.date(2008, 2, 29)
    assert full_years(leap, datetime.date(2024, 2, 29)) == 15
    assert full_years(leap, datetime.date(2024, 3, 1)) == 16
    assert full_years(leap, datetime.date(2025, 3, 1)) == 16  # common year: the birthday is 1 March
    assert full_years(leap, datetime.date(2023, 3, 1)) == 14
    assert full_years(leap, datetime.date(2023, 3, 2)) == 15


def test_a_six_year_old_is_not_registered_without_the_clerk_confirming_the_id_number(people, division):
    data = complaint_input(division, id_number=born(years_ago(6)), violation_started_on=recently())
    with pytest.raises(WorkerUnderAge) as refused:
        complaint_register(actor=people["clerk"], data=data)
    assert refused.value.code == "worker_under_minimum_age"
    message = " ".join(refused.value.fields["child_labour_confirmed"])
    assert "6 周岁" in message and "不满最低就业年龄 16 周岁" in message
    assert "禁止使用童工规定第二条" in message and "劳动法第十五条" in message
    assert not Case.objects.exists()


def test_once_confirmed_the_childs_complaint_is_registered_and_marked_for_labour_inspection(people, division):
    data = complaint_input(division, id_number=born(years_ago(15, days=-1)), violation_started_on=recently(),
                           child_labour_confirmed=True)
    case = complaint_register(actor=people["clerk"], data=data).case
    flagged = CaseEvent.objects.get(case=case, action="child_labour_flagged")
    assert flagged.payload == {"minimum_age": 16, "age": 15, "on": timezone.localdate().isoformat()}
    assert flagged.is_public is False


def test_a_worker_now_adult_who_was_under_16_when_the_violation_began_is_marked_too(people, division):
    start = years_ago(1)
    data = complaint_input(division, id_number=born(years_ago(16, days=-100)), violation_started_on=start,
                           child_labour_confirmed=False)
    with pytest.raises(WorkerUnderAge) as refused:
        complaint_register(actor=people["clerk"], data=data)
    assert start.isoformat() in " ".join(refused.value.fields["child_labour_confirmed"])


def test_an_adult_is_registered_without_a_word_about_child_labour(people, division):
    data = complaint_input(division, id_number=born(years_ago(16, days=-1)), violation_started_on=timezone.localdate())
    case = complaint_register(actor=people["clerk"], data=data).case
    assert not CaseEvent.objects.filter(case=case, action="child_labour_flagged").exists()


def test_the_page_warns_keeps_everything_typed_and_registers_on_confirmation(client, people, division):
    client.force_login(people["clerk"])
    data = form_data(division, worker_id_number=born(years_ago(6)), violation_started_on=recently().isoformat(),
                     facts="童工，工资未发放")
    first = client.post(URL, data)
    html = first.content.decode()
    assert first.status_code == 400 and not Case.objects.exists()
    assert 'id="child-labour-warning"' in html and "童工线索" in html and "禁止使用童工规定" in html
    assert 'name="child_labour_confirmed"' in html
    assert data["worker_id_number"] in html and "童工，工资未发放" in html  # nothing retyped

    second = client.post(URL, {**data, "child_labour_confirmed": "on"})
    assert second.status_code == 302
    case = Case.objects.get()
    page = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert 'id="child-labour"' in page and "不满最低就业年龄 16 周岁" in page
    assert "标记为童工线索" in page  # the timeline


def test_an_adults_case_page_says_nothing_of_child_labour(client, people, division):
    client.force_login(people["clerk"])
    assert client.post(URL, form_data(division)).status_code == 302
    page = client.get(reverse("disputes:case", args=[Case.objects.get().pk])).content.decode()
    assert 'id="child-labour"' not in page


def test_the_api_asks_for_the_same_confirmation(people, division):
    client = api(people["clerk"])
    body = payload(division, worker_id_number=born(years_ago(10)), violation_started_on=recently().isoformat(),
                   employer_credit_code=make_credit_code())
    refused = client.post("/api/v1/complaints/", body, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "worker_under_minimum_age"
    assert "child_labour_confirmed" in refused.json()["error"]["fields"]
    created = client.post("/api/v1/complaints/", {**body, "child_labour_confirmed": True}, format="json")
    assert created.status_code == 201
    assert CaseEvent.objects.filter(action="child_labour_flagged").count() == 1


def test_the_minimum_age_is_marked_to_be_verified_wherever_its_source_is_shown_until_it_is(client, people, division):
    """Its source (劳动法 art 15, 禁止使用童工规定 art 2) was written from memory: 待核实 beside it, in the
    registration's warning and on the case page, until an administrator ticks it as checked."""
    from core.models import StatutoryParameter
    from core.refdata import reference_data_changed

    assert StatutoryParameter.objects.get(key="minimum_working_age").verified is False
    client.force_login(people["clerk"])
    data = form_data(division, worker_id_number=born(years_ago(6)), violation_started_on=recently().isoformat())
    warning = client.post(URL, data).content.decode()
    assert "禁止使用童工规定第二条（待核实）" in warning
    client.post(URL, {**data, "child_labour_confirmed": "on"})
    case_page = reverse("disputes:case", args=[Case.objects.get().pk])
    assert "禁止使用童工规定第二条（待核实）" in client.get(case_page).content.decode()

    StatutoryParameter.objects.filter(key="minimum_working_age").update(verified=True)
    reference_data_changed()
    page = client.get(case_page).content.decode()
    assert "禁止使用童工规定第二条" in page and "待核实" not in page


def test_the_page_gives_the_id_number_box_what_its_typing_hint_needs(client, people, division):
    """static/js/id-check.js takes the minimum age and today from the page (tests/browser/test_id_hint.py types)."""
    from core.models import StatutoryParameter
    from core.refdata import reference_data_changed

    StatutoryParameter.objects.filter(key="minimum_working_age").update(value=18)
    reference_data_changed()
    client.force_login(people["clerk"])
    html = client.get(URL).content.decode()
    assert 'data-min-age="18"' in html and f'data-today="{timezone.localdate().isoformat()}"' in html
    assert "不满最低就业年龄18周岁" in html and "js/id-check.js" in html
    collective = client.get(reverse("intake:register_collective")).content.decode()
    assert 'data-id-check="lines"' in collective and 'data-min-age="18"' in collective
