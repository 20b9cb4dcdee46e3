"""The registration form in Chromium: the facts box counts as the clerk types and cuts nothing."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_facts_box_counts_what_is_typed_and_lets_a_long_paste_through_whole(
    live_server, new_context, sign_in, browser_people
):
    page = sign_in(new_context().new_page(), browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    assert page.inner_text("#id_facts_counter") == "已输入 0 / 5000 字"
    assert page.input_value("#id_worker_occupation") == "" and page.input_value("#id_employer_industry") == ""
    page.fill("#id_facts", "工资未发放\n共计8600元")
    assert page.inner_text("#id_facts_counter") == "已输入 13 / 5000 字"
    page.fill("#id_facts", "欠" * 5003)  # a paste over the limit: kept whole, the counter says so
    assert len(page.input_value("#id_facts")) == 5003
    assert page.inner_text("#id_facts_counter") == "已输入 5003 / 5000 字"
    assert "over" in page.get_attribute("#id_facts_counter", "class")
    assert "id_facts_counter" in page.get_attribute("#id_facts", "aria-describedby")
