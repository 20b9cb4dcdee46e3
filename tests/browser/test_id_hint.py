"""The ID number box warns as the number is typed (static/js/id-check.js): a wrong check digit, and a worker under
the minimum working age today, that age taken from the page's statutory parameter. The hint blocks nothing: the
form is sent and the server decides (intake.child_labour)."""

import datetime
import random

import pytest
from django.utils import timezone

from core.identifiers import make_id_number
from core.models import StatutoryParameter
from core.refdata import reference_data_changed
from core.validators import id_number_check_char

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HINT = "#id_worker_id_number_id_hint"


def born(day: datetime.date) -> str:
    body = f"370702{day:%Y%m%d}{random.randint(0, 999):03d}"
    return body + id_number_check_char(body)


def aged(years: int) -> str:
    """Someone who turned `years` a month ago."""
    today = timezone.localdate()
    return born(today.replace(year=today.year - years, day=1) - datetime.timedelta(days=31))


def typed(page, number: str) -> str:
    page.fill("#id_worker_id_number", "")
    page.type("#id_worker_id_number", number)
    return page.inner_text(HINT)


def test_the_id_number_box_warns_of_a_wrong_check_digit_and_of_a_child_as_it_is_typed(
    live_server, new_context, sign_in, browser_people, fill_complaint
):
    page = sign_in(new_context().new_page(), browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    adult = make_id_number(random.Random(3), birth_year=1990)
    wrong = adult[:17] + ("0" if adult[17] != "0" else "1")

    assert typed(page, wrong[:17]) == ""  # not all typed yet: nothing said
    page.type("#id_worker_id_number", wrong[17])
    assert page.inner_text(HINT) == "该居民身份证号码的校验码有误，请与身份证核对。"
    assert HINT[1:] in page.get_attribute("#id_worker_id_number", "aria-describedby")
    assert typed(page, adult) == ""

    child = aged(15)
    assert typed(page, child) == ("按该居民身份证号码中的出生日期，劳动者今天15周岁，不满最低就业年龄16周岁，可能是童工。"
                                  "请与身份证核对。")
    assert typed(page, aged(16)) == ""

    # Only a hint: the form goes, and the server asks the clerk to confirm.
    fill_complaint(page, worker_id_number=child)
    with page.expect_navigation():
        page.click("#submit-complaint")
    assert page.locator("#child-labour-warning").count() == 1
    assert "15周岁" in page.inner_text(HINT)  # the number kept as typed, and its hint with it


def test_the_minimum_age_is_the_pages_statutory_parameter(live_server, new_context, sign_in, browser_people):
    StatutoryParameter.objects.filter(key="minimum_working_age").update(value=18)
    reference_data_changed()
    page = sign_in(new_context().new_page(), browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    assert "不满最低就业年龄18周岁" in typed(page, aged(17))
    assert typed(page, aged(18)) == ""


def test_the_collective_list_warns_by_line(live_server, new_context, sign_in, browser_people):
    page = sign_in(new_context().new_page(), browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/collective/")
    adult = make_id_number(random.Random(4), birth_year=1985)
    page.fill("#id_workers", f"王一,{adult},13800138000\n李二,{aged(14)},13800138001\n")
    assert page.inner_text("#id_workers_id_hint").startswith("第2行：按该居民身份证号码中的出生日期，劳动者今天14周岁")
