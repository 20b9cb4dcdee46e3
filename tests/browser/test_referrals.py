"""A referral offered at the window and accepted by the arbitration institute, each at their own desk."""

import pytest
from django.utils import translation

from disputes.choices import CaseState

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_hands_the_case_to_arbitration_when_the_institute_accepts_the_referral(
    live_server, new_context, sign_in, browser_people, browser_orgs, registered_case
):
    case, _ = registered_case
    arbitration = browser_orgs["arbitration"]
    case_url = f"{live_server.url}/cases/{case.pk}/"

    clerk_page = sign_in(new_context().new_page(), browser_people["clerk"])
    clerk_page.goto(case_url)
    assert "state-registered" in clerk_page.get_attribute("#case-status", "class")
    clerk_page.screenshot(path=str(SCREENSHOT_DIR / "case.png"), full_page=True)
    clerk_page.select_option("#refer-form #purpose", "arbitration")
    clerk_page.select_option("#refer-form #to_org", str(arbitration.pk))
    with clerk_page.expect_navigation():
        clerk_page.click("#refer-form button[type=submit]")
    assert clerk_page.url == case_url
    # Offered, not yet handed over: the window still holds the case.
    assert browser_orgs["window"].name in clerk_page.inner_text("#owner-org")

    # The arbitrator, at another desk with their own session.
    arbitrator_page = sign_in(new_context().new_page(), browser_people["arbitrator"])
    arbitrator_page.goto(live_server.url + "/referrals/incoming/")
    row = arbitrator_page.locator(f'#incoming tbody tr:has(a[href="/cases/{case.pk}/"])')
    assert row.count() == 1
    with arbitrator_page.expect_navigation():
        row.locator('form[action$="/accept/"] button[type=submit]').click()

    assert arbitrator_page.url == case_url
    with translation.override("zh-hans"):
        review_label = str(CaseState.ARBITRATION_REVIEW.label)
    status = arbitrator_page.locator("#case-status")
    assert "state-arbitration_review" in status.get_attribute("class")
    assert status.inner_text().strip() == review_label
    assert arbitration.name in arbitrator_page.inner_text("#owner-org")
    # Nothing is left waiting in the institute's incoming list.
    arbitrator_page.goto(live_server.url + "/referrals/incoming/")
    assert arbitrator_page.locator(f'#incoming a[href="/cases/{case.pk}/"]').count() == 0

    # The window sees the hand-over too.
    clerk_page.reload()
    assert "state-arbitration_review" in clerk_page.get_attribute("#case-status", "class")
    assert arbitration.name in clerk_page.inner_text("#owner-org")
