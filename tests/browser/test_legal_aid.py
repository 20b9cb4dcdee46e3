"""Union legal aid as a new user finds it: a clerk refers a delivery rider's wage claim to the station, which
grants aid without a means test, assigns a lawyer on a page (the worker's phone shows them), records the work and
the award won, closes the aid, and the union's page of stations counts it."""

from urllib.parse import urlencode

import pytest

from core.models import Organization, OrgKind, Role
from documents.numbering import ensure_default_number_patterns
from legal_aid.models import LawFirm, PartnerLawyer, StationProfile
from tests.conftest import make_staff

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture
def station(browser_division):
    org = Organization.objects.create(name="潍城区仲裁院工会法律援助工作站", kind=OrgKind.LEGAL_AID,
                                      division=browser_division, phone="0536-8123456")
    ensure_default_number_patterns(org)
    StationProfile.objects.create(station=org, place_kind="arbitration", site="仲裁院一楼", area_covered="潍城区")
    firm = LawFirm.objects.create(name="山东潍城律师事务所")
    firm.stations.add(org)
    lawyer = PartnerLawyer.objects.create(firm=firm, name="赵明", phone="13700000001")
    return {"org": org, "officer": make_staff(org, Role.LEGAL_AID, "station-officer"), "lawyer": lawyer}


def test_a_station_takes_a_referred_wage_claim_from_its_queue_to_closing(
    live_server, new_context, sign_in, browser_people, registered_case, station
):
    case, query_code = registered_case
    case_url = f"{live_server.url}/cases/{case.pk}/"

    clerk = sign_in(new_context().new_page(), browser_people["clerk"])
    clerk.goto(case_url)
    clerk.select_option("#refer-form #purpose", "legal_aid")
    clerk.select_option("#refer-form #to_org", str(station["org"].pk))
    with clerk.expect_navigation():
        clerk.click("#refer-form button[type=submit]")

    officer = sign_in(new_context().new_page(), station["officer"])
    officer.goto(live_server.url + "/legal-aid/")
    assert officer.locator(f'#aid-offered tr[data-case="{case.number}"]').count() == 1
    officer.goto(case_url)
    assert "****" in officer.inner_text("body")  # before granting, the worker's phone is masked
    with officer.expect_navigation():
        officer.click('#decide-referral form[action$="/accept/"] button[type=submit]')
    officer.goto(live_server.url + "/legal-aid/")
    with officer.expect_navigation():
        officer.click(f'#aid-review tr[data-case="{case.number}"] a.desk-link')

    officer.select_option("#decide-category", "migrant_pay")
    officer.select_option("#decide-grant", "1")
    with officer.expect_navigation():
        officer.click("#decide-submit")
    assert officer.locator("#decision-text").count() == 1
    assert officer.locator('a.aid-document[data-kind="legal_aid_decision"]').count() == 1
    assert case.worker.phone in officer.inner_text("#worker-phone")  # granted: the lawyer can call the client

    officer.select_option("#assign-lawyer", f"partner:{station['lawyer'].pk}")
    with officer.expect_navigation():
        officer.click("#assign-submit")
    assert "赵明" in officer.inner_text("#current-lawyer")
    officer.screenshot(path=str(SCREENSHOT_DIR / "legal-aid-desk.png"), full_page=True)

    worker = new_context(**PHONE).new_page()
    worker.goto(f"{live_server.url}/status/?{urlencode({'n': case.number, 'c': query_code})}")
    lawyer_text = worker.inner_text("#aid-lawyer")
    assert "赵明" in lawyer_text and "13700000001" in lawyer_text and "0536-8123456" in lawyer_text

    officer.select_option("#work-kind", "consultation")
    officer.fill("#work-note", "核对工资流水，准备仲裁申请书")
    with officer.expect_navigation():
        officer.click("#work-submit")
    assert officer.locator("#work-entries tr").count() == 1
    officer.select_option("#outcome-outcome", "won")
    officer.fill("#outcome-amount_recovered", "8600.00")
    with officer.expect_navigation():
        officer.click("#outcome-submit")
    for box in officer.locator('#close-form input[type="checkbox"]').all():
        box.check()
    # Closing asks first, naming what it ends; the officer agrees.
    asked = []
    officer.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with officer.expect_navigation():
        officer.click("#close-submit")
    assert asked == ["结案后本站的法律援助案件不能再办理。确定结束援助？"]
    assert officer.locator("#closed-text").count() == 1

    union = Organization.objects.create(name="潍坊市总工会", kind=OrgKind.UNION)
    head = sign_in(new_context().new_page(), make_staff(union, Role.SUPERVISOR, "union-head"))
    head.goto(live_server.url + "/legal-aid/stations/")
    row = head.locator(f'tr.station[data-station="{station["org"].name}"]')
    assert row.locator(".closed").inner_text() == "1" and row.locator(".recovered").inner_text() == "8600.00"
