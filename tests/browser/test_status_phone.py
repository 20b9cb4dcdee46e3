"""The worker checks the case on a phone: through the receipt's QR link and by typing the codes."""

from urllib.parse import urlencode

import pytest
from django.utils import translation

from disputes.choices import CaseState

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _assert_shows_the_case(page, case, window_name):
    with translation.override("zh-hans"):
        registered = str(CaseState.REGISTERED.label)
    assert page.inner_text("#stage").strip() == registered
    handler = page.inner_text("#handler")
    assert window_name in handler
    assert "0536-1234567" in handler
    assert _fits_the_screen(page), "the status page scrolls sideways on a 375px-wide phone"


def test_it_shows_a_worker_on_a_phone_the_stage_and_handler_without_sideways_scrolling(
    live_server, new_context, registered_case, browser_orgs
):
    case, query_code = registered_case
    window_name = browser_orgs["window"].name
    page = new_context(**PHONE).new_page()

    # The QR code on the receipt opens this link.
    page.goto(f"{live_server.url}/status/?{urlencode({'n': case.number, 'c': query_code})}")
    _assert_shows_the_case(page, case, window_name)

    # Typing both from the paper receipt gives the same answer (lower case, as a phone keyboard might).
    page.goto(live_server.url + "/status/")
    assert _fits_the_screen(page)
    page.fill("#n", case.number)
    page.fill("#c", query_code.lower())
    with page.expect_navigation():
        page.click("#lookup")
    _assert_shows_the_case(page, case, window_name)
    assert page.locator("#public-timeline li").count() >= 1
    page.screenshot(path=str(SCREENSHOT_DIR / "status-phone.png"), full_page=True)


def test_it_tells_a_worker_on_a_phone_when_the_code_does_not_match(live_server, new_context, registered_case):
    case, query_code = registered_case
    wrong = ("A" if query_code[0] != "A" else "B") + query_code[1:]
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + "/status/")
    page.fill("#n", case.number)
    page.fill("#c", wrong)
    with page.expect_navigation():
        page.click("#lookup")
    assert page.is_visible("#lookup-error")
    assert page.locator("#stage").count() == 0
    assert _fits_the_screen(page)


PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}


def test_a_worker_with_a_hearing_booked_sees_what_when_where_and_whom_to_call_in_one_screen(
    live_server, new_context, registered_case, browser_people, browser_orgs
):
    from django.utils import timezone

    from disputes.models import Case
    from disputes.services import referral_accept, referral_offer
    from tests.conftest import accept_for_arbitration, schedule_first_hearing

    case, query_code = registered_case
    arbitration = browser_orgs["arbitration"]
    arbitration.address = "潍坊市潍城区胜利东街1号"
    arbitration.save()
    ref = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=arbitration.pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=browser_people["arbitrator"])
    case = accept_for_arbitration(Case.objects.get(pk=case.pk), browser_people["arbitrator"])
    hearing = schedule_first_hearing(case, browser_people["arbitrator"])
    start = timezone.localtime(hearing.starts_at)

    page = new_context(**PHONE_390).new_page()
    page.goto(f"{live_server.url}/status/?{urlencode({'n': case.number, 'c': query_code})}")

    assert page.inner_text("#next-what").strip() == "参加仲裁开庭"
    assert f"{start:%Y-%m-%d}" in page.inner_text("#next-when") and f"{start:%H:%M}" in page.inner_text("#next-when")
    assert "第一仲裁庭" in page.inner_text("#next-where")
    assert "身份证" in page.inner_text("#next-bring")
    assert "0536-1234567" in page.inner_text("#next-who")
    # What, when, where and whom to call, all on the first screen of a 390 x 844 phone, without scrolling.
    for selector in ("#next-what", "#next-when", "#next-where", "#next-who"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, f"{selector} is below the first screen"
    assert page.locator('#next-who a[href^="tel:"]').count() == 1
    assert _fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "status-phone-390-hearing.png"))
