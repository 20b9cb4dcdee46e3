"""Twelve riders registered together at the window by pasting their list; one hearing and one award on the lead
case; on a phone, each rider sees their own amount."""

import random
from urllib.parse import urlencode

import pytest

from core.identifiers import make_credit_code, make_id_number
from core.models import Role
from tests.conftest import make_staff

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def test_twelve_riders_pasted_at_the_window_each_see_their_own_award_on_a_phone(
    live_server, page, new_context, sign_in, browser_people, browser_orgs, browser_division
):
    from arbitration.services import award_issue, ensure_default_patterns, tribunal_compose
    from disputes.models import Case
    from disputes.services import referral_accept, referral_offer
    from tests.conftest import accept_for_arbitration, hold_hearing, schedule_first_hearing

    rng = random.Random(12)
    lines = [f"骑手{i + 1}\t{make_id_number(rng)}\t1380013{i:04d}\t{1000 + 100 * i}.00" + ("\t代表" if i < 2 else "")
             for i in range(12)]
    sign_in(page, browser_people["clerk"])
    page.goto(live_server.url + "/intake/register/")
    with page.expect_navigation():
        page.click("#collective-link")
    page.select_option("#id_worker_occupation", "delivery_rider")
    page.check('input[name="claim_types"][value="wages"]')
    page.fill("#id_workers", "\n".join(lines))
    page.fill("#id_employer_name", "潍坊速达配送有限公司")
    page.fill("#id_employer_credit_code", make_credit_code(rng))
    page.fill("#id_employer_address", "潍坊市潍城区胜利西街100号")
    page.select_option("#id_employer_industry", "food_delivery")
    page.select_option("#id_division", str(browser_division.pk))
    page.fill("#id_facts", "十二名骑手2026年9月至10月工资未发放。")
    page.fill("#id_violation_started_on", "2026-09-01")
    with page.expect_navigation():
        page.click("#submit-collective")
    rows = page.locator("#group-cases tbody tr")
    assert rows.count() == 12
    codes = {rows.nth(i).locator("td").nth(1).inner_text(): rows.nth(i).locator("td.code").nth(1).inner_text()
             for i in range(12)}
    assert all(len(code) == 8 for code in codes.values())

    # The lead's page: twelve workers, the total, the two representatives.
    with page.expect_navigation():
        page.click("#open-lead")
    assert page.locator("#group-members tbody tr").count() == 12
    assert "18600.00" in page.inner_text("#group-summary")
    assert "骑手1、骑手2" in page.inner_text("#group-representatives")

    # One acceptance, one tribunal of three, one hearing, one award with twelve items, on the lead.
    arbitration = browser_orgs["arbitration"]
    ensure_default_patterns(arbitration)
    panel = [browser_people["arbitrator"], make_staff(arbitration, Role.ARBITRATOR, "arb2"),
             make_staff(arbitration, Role.ARBITRATOR, "arb3")]
    lead = Case.objects.get(lead__isnull=True)
    ref = referral_offer(case_id=lead.pk, actor=browser_people["clerk"], to_org_id=arbitration.pk,
                         purpose="arbitration", expected_version=lead.version)
    referral_accept(referral_id=ref.pk, actor=panel[0])
    lead = accept_for_arbitration(lead, panel[0])
    tribunal_compose(case_id=lead.pk, actor=panel[0], version=lead.version, arbitrators=panel, presiding=panel[0])
    hold_hearing(schedule_first_hearing(lead, panel[0], arbitrators=panel), panel[0])
    items = [{"claim_id": claim.pk, "awarded_amount": claim.amount, "decision_text": "被申请人支付工资"}
             for case in Case.objects.filter(pk=lead.pk) | Case.objects.filter(lead=lead)
             for claim in case.claims.all()]
    award_issue(case_id=lead.pk, actor=panel[0], version=Case.objects.get(pk=lead.pk).version, items=items,
                findings="被申请人未支付十二名骑手2026年9月至10月工资。", reasoning="用人单位应当及时足额支付劳动报酬。",
                legal_basis="《中华人民共和国劳动合同法》第三十条")
    assert len(items) == 12

    # Rider 6 on a phone: their own 1,500.00, not a colleague's.
    rider = Case.objects.get(worker__name="骑手6")
    phone = new_context(**PHONE).new_page()
    phone.goto(f"{live_server.url}/status/?{urlencode({'n': rider.number, 'c': codes['骑手6']})}")
    amounts = phone.inner_text("#worker-amounts")
    assert "1500.00" in amounts and "1600.00" not in amounts and "1400.00" not in amounts
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(SCREENSHOT_DIR / "collective-rider-phone.png"), full_page=True)
