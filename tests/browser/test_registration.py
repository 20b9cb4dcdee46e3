"""A clerk registers a complaint in a real browser: form, evidence upload, receipt download, bad input."""

import re

import pytest

from disputes.models import Case, Evidence

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_registers_a_complaint_with_evidence_and_hands_out_a_pdf_receipt(
    live_server, page, sign_in, browser_people, fill_complaint, small_pdf
):
    sign_in(page, browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    values = fill_complaint(page)
    page.set_input_files("#id_evidence", str(small_pdf))
    page.screenshot(path=str(SCREENSHOT_DIR / "register.png"), full_page=True)

    with page.expect_navigation():
        page.click("#submit-complaint")

    assert re.fullmatch(re.escape(live_server.url) + r"/intake/registered/\d+/", page.url), page.url
    case = Case.objects.get()
    assert page.inner_text("#case-number").strip() == case.number
    query_code = page.inner_text("#query-code").strip()
    assert re.fullmatch(r"[0-9A-Z]{8}", query_code), query_code
    assert case.worker.id_number == values["worker_id_number"]
    assert [(c.type, str(c.amount)) for c in case.claims.all()] == [("wages", "8600.00")]
    evidence = Evidence.objects.get(case=case)
    assert evidence.original_name == small_pdf.name

    # The clicked link opens the receipt in Chromium's PDF viewer (served inline, so no download event).
    href = page.get_attribute("#download-receipt", "href")
    with page.expect_response(live_server.url + href) as response_info:
        page.click("#download-receipt")
    response = response_info.value
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    # The viewer swaps the body for its own HTML, so fetch the bytes again with the same session.
    receipt = page.request.get(live_server.url + href)
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")

    # The receipt is the clerk's to print, not the public's: without the session there is no PDF.
    anonymous = page.context.browser.new_context()
    try:
        refused = anonymous.request.get(live_server.url + href, max_redirects=0)
        assert refused.status == 302 and not refused.body().startswith(b"%PDF")
    finally:
        anonymous.close()

    # The uploaded file is in the case file, under the name it had on the clerk's computer.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert page.locator(f'a[href="/evidence/{evidence.pk}/"]').inner_text().strip() == small_pdf.name

def test_it_refuses_a_wrong_id_number_next_to_the_field_and_registers_nothing(
    live_server, page, sign_in, browser_people, fill_complaint
):
    sign_in(page, browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    good = fill_complaint(page)["worker_id_number"]
    # Same length and date of birth, wrong check digit: only the checksum can catch it.
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    page.fill("#id_worker_id_number", wrong)

    with page.expect_navigation() as nav:
        page.click("#submit-complaint")

    assert nav.value.status == 400
    assert page.url == live_server.url + "/intake/register/"
    field_errors = page.locator(".field:has(#id_worker_id_number) .errorlist li")
    assert field_errors.count() == 1
    assert field_errors.first.inner_text().strip()
    assert page.is_visible("#form-errors")
    # Only the ID field is blamed, and what the clerk typed is still there to correct.
    assert page.locator(".field.has-error").count() == 1
    assert page.input_value("#id_worker_id_number") == wrong
    assert page.input_value("#id_worker_name") == "王小明"
    assert Case.objects.count() == 0
