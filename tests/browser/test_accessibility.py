"""axe-core (vendored, tests/browser/vendor/axe-core) runs in Chromium on the main page of each user: the
clerk's registration form (empty and refused), queue and case page, the arbitrator's workbench, the sign-in
page, and the worker's status page on a phone. A serious or critical violation fails, named with the elements
it was found on."""

from pathlib import Path
from urllib.parse import urlencode

import pytest

from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from tests.conftest import accept_for_arbitration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
BLOCKING = ("serious", "critical")


def violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it is now, one line per rule."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in BLOCKING
    ]


def assert_accessible(page, what: str):
    found = violations(page)
    assert found == [], f"{what} ({page.url}):\n" + "\n".join(found)


@pytest.fixture
def arbitration_case(registered_case, browser_people, browser_orgs):
    case, code = registered_case
    ref = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=browser_orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=browser_people["arbitrator"])
    return accept_for_arbitration(Case.objects.get(pk=case.pk), browser_people["arbitrator"]), code


def test_the_check_finds_what_axe_calls_serious(live_server, page):
    page.goto(live_server.url + "/login/")
    page.evaluate("""() => {
        const field = document.createElement('input');  // no label
        field.type = 'text';
        const faint = document.createElement('p');
        faint.textContent = '看不清的字';
        faint.style.color = '#eeeeee';
        document.querySelector('main').append(field, faint);
    }""")
    found = " ".join(violations(page))
    assert "label (critical)" in found and "color-contrast (serious)" in found


def test_the_clerks_pages_have_no_serious_accessibility_violation(
    live_server, new_context, sign_in, browser_people, registered_case
):
    case, _code = registered_case
    page = new_context().new_page()
    page.goto(live_server.url + "/login/")
    assert_accessible(page, "the sign-in page")
    sign_in(page, browser_people["clerk"])
    assert_accessible(page, "the queue")
    page.goto(live_server.url + "/intake/register/")
    assert_accessible(page, "the registration form")
    with page.expect_navigation():
        page.click("#submit-complaint")  # empty: every field refused at once
    assert page.locator(".errorlist").count() > 5
    assert_accessible(page, "the registration form with its errors")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert_accessible(page, "the case page")
    for path, what in (("/search/?q=" + case.number, "the search"), ("/referrals/incoming/", "incoming referrals"),
                       ("/dashboard/", "the dashboard")):
        page.goto(live_server.url + path)
        assert_accessible(page, what)


def test_the_arbitrators_workbench_has_no_serious_accessibility_violation(
    live_server, new_context, sign_in, browser_people, arbitration_case
):
    case, _code = arbitration_case
    page = sign_in(new_context().new_page(), browser_people["arbitrator"])
    page.goto(f"{live_server.url}/cases/{case.pk}/arbitration/")
    assert_accessible(page, "the arbitration workbench")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert_accessible(page, "the case page in arbitration")


def test_the_workers_status_page_on_a_phone_has_no_serious_accessibility_violation(
    live_server, new_context, arbitration_case
):
    case, code = arbitration_case
    page = new_context(**PHONE).new_page()
    page.goto(live_server.url + "/status/")
    assert_accessible(page, "the status lookup on a phone")
    page.goto(f"{live_server.url}/status/?{urlencode({'n': case.number, 'c': code})}")
    assert page.locator("#stage").count() == 1
    assert_accessible(page, "the worker's status page on a phone")


def test_the_schema_opens_on_the_page_not_as_a_download(live_server, page):
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(live_server.url + "/api/schema/")
    assert "openapi: 3.0" in page.inner_text("body")
    page.goto(live_server.url + "/api/v1/")
    assert '"resources"' in page.inner_text("body")
    assert downloads == []
