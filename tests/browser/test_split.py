"""A clerk splits a complaint at the window in a real browser: two claims registered together, the social-insurance
claim leaves for a new case with its own query code and receipt, and both case pages name the other."""

import re

import pytest

from disputes.models import Case, Claim
from intake.models import SplitProceeding

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPLIT_FACTS = "2026年1月起用人单位未为劳动者缴纳社会保险费，请求责令补缴。"


def _register_two_claims(live_server, page, fill_complaint):
    """Register a complaint with unpaid wages and a social-insurance claim; the page lands on its case file."""
    page.goto(live_server.url + "/intake/register/")
    fill_complaint(page)
    page.select_option("#id_claims-1-type", "social_insurance")
    page.fill("#id_claims-1-description", "2026年1月起未缴社保")
    with page.expect_navigation():
        page.click("#submit-complaint")
    assert re.fullmatch(re.escape(live_server.url) + r"/intake/registered/\d+/", page.url), page.url
    case = Case.objects.get()
    assert sorted(case.claims.values_list("type", flat=True)) == ["social_insurance", "wages"]
    return case, page.inner_text("#query-code").strip()


def test_a_clerk_splits_the_social_insurance_claim_into_a_new_case_linked_both_ways(
    live_server, page, sign_in, browser_people, fill_complaint
):
    sign_in(page, browser_people["clerk"])
    original, original_code = _register_two_claims(live_server, page, fill_complaint)

    page.goto(f"{live_server.url}/cases/{original.pk}/")
    panel = page.locator("#split-proceedings")
    assert "拆分案件" in panel.inner_text()
    with page.expect_navigation():
        page.click("#split-link")
    assert page.url == f"{live_server.url}/intake/split/{original.pk}/"

    social = Claim.objects.get(case=original, type="social_insurance")
    page.check(f'#split-form input[name="claims"][value="{social.pk}"]')
    page.fill("#id_facts", SPLIT_FACTS)
    page.screenshot(path=str(SCREENSHOT_DIR / "split.png"), full_page=True)
    with page.expect_navigation():
        page.click('#split-form button[type="submit"]')

    new = Case.objects.exclude(pk=original.pk).get()
    assert page.url == f"{live_server.url}/intake/registered/{new.pk}/"
    assert page.inner_text("#case-number").strip() == new.number
    new_code = page.inner_text("#query-code").strip()
    assert re.fullmatch(r"[0-9A-Z]{8}", new_code), new_code
    assert new_code != original_code
    assert page.get_attribute("#download-receipt", "href") == f"/intake/receipt/{new.pk}/"
    receipt = page.request.get(live_server.url + f"/intake/receipt/{new.pk}/")
    assert receipt.ok and receipt.body().startswith(b"%PDF")

    # The claim moved (not copied) and the facts typed are the new case's.
    assert list(new.claims.values_list("type", flat=True)) == ["social_insurance"]
    assert list(original.claims.values_list("type", flat=True)) == ["wages"]
    new.refresh_from_db()
    assert new.facts == SPLIT_FACTS
    assert SplitProceeding.objects.get(case=new).split_from_id == original.pk

    # Each case file names the other, with a link that opens it.
    page.goto(f"{live_server.url}/cases/{new.pk}/")
    split_from = page.locator("#split-from")
    assert f"由 {original.number} 案拆分" in split_from.inner_text()
    assert split_from.locator("a").get_attribute("href") == f"/cases/{original.pk}/"
    page.goto(f"{live_server.url}/cases/{original.pk}/")
    split_into = page.locator("#split-into")
    assert f"拆分出 {new.number} 案" in split_into.inner_text()
    with page.expect_navigation():
        split_into.locator("a").click()
    assert page.url == f"{live_server.url}/cases/{new.pk}/"


def test_a_split_with_no_claim_ticked_is_refused_in_chinese_and_keeps_the_facts(
    live_server, page, sign_in, browser_people, fill_complaint
):
    sign_in(page, browser_people["clerk"])
    original, _code = _register_two_claims(live_server, page, fill_complaint)

    page.goto(f"{live_server.url}/intake/split/{original.pk}/")
    page.fill("#id_facts", SPLIT_FACTS)
    with page.expect_navigation() as nav:
        page.click('#split-form button[type="submit"]')

    assert nav.value.status == 400
    assert page.url == f"{live_server.url}/intake/split/{original.pk}/"
    errors = page.locator(".field:has(#id_claims) .errorlist li, .field.has-error .errorlist li")
    assert "请至少选择一项转入新案件的请求事项。" in [t.strip() for t in errors.all_inner_texts()]
    assert page.input_value("#id_facts") == SPLIT_FACTS
    assert Case.objects.count() == 1
    assert original.claims.count() == 2
