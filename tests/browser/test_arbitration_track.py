"""The arbitration track in a real browser: from the window's referral to the award, every document served.

The clock is moved, for server and test alike, to Monday 1 June 2026, 09:00 Beijing time and runs from there;
the hearing is on Monday 8 June, after the 5-day notice period (LDMAL art 35), and the clock jumps to the end
of it before the hearing is recorded as held.
"""

import datetime
import shutil
import subprocess

import pytest
import time_machine
from django.utils import translation

from arbitration.models import ArbitrationDocumentKind as DocumentKind
from arbitration.models import Award
from arbitration.services import ensure_default_patterns
from disputes.choices import CaseState
from disputes.models import Case
from hearings.models import Hearing, HearingState, Room
from intake.services import complaint_register
from tests.conftest import complaint_input

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
AFTER_HEARING = START.replace(day=8, hour=11, minute=30)
FINDINGS = "申请人于2025年3月入职被申请人处从事外卖配送工作，被申请人未支付其2026年4月至5月工资8600元。"
REASONING = "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。"
LEGAL_BASIS = "《中华人民共和国劳动合同法》第三十条、第八十七条"


def zh(label) -> str:
    with translation.override("zh-hans"):
        return str(label)


def submit(page, form: str):
    """Press the form's submit button and wait for the page the redirect lands on."""
    with page.expect_navigation():
        page.click(f"#form-{form} button[type=submit]")


def no_error(page):
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def test_an_arbitrator_takes_a_case_from_the_referral_to_the_award_in_the_browser(
    live_server, new_context, sign_in, browser_people, browser_orgs, browser_division
):
    with time_machine.travel(START, tick=True) as clock:
        arbitration = browser_orgs["arbitration"]
        ensure_default_patterns(arbitration)
        room = Room.objects.create(organization=arbitration, name="第一仲裁庭", capacity=20)
        case = complaint_register(
            actor=browser_people["clerk"], evidence_files=(),
            data=complaint_input(
                browser_division, seed=11, violation_started_on=datetime.date(2026, 4, 1),
                claims=[
                    {"type": "wages", "amount": "8600.00", "description": "2026年4月至5月工资"},
                    {"type": "damages", "amount": "60000.00", "description": "违法解除劳动合同赔偿金"},
                ],
            ),
        ).case
        case_url = f"{live_server.url}/cases/{case.pk}/"
        workbench_url = f"{case_url}arbitration/"

        # The window refers the case to the arbitration institute.
        clerk = sign_in(new_context().new_page(), browser_people["clerk"])
        clerk.goto(case_url)
        assert clerk.locator("#track-arbitration").count() == 0
        clerk.select_option("#refer-form #purpose", "arbitration")
        clerk.select_option("#refer-form #to_org", str(arbitration.pk))
        with clerk.expect_navigation():
            clerk.click("#refer-form button[type=submit]")

        # The institute accepts the referral from its incoming list and opens the arbitration workbench.
        page = sign_in(new_context().new_page(), browser_people["arbitrator"])
        page.goto(live_server.url + "/referrals/incoming/")
        with page.expect_navigation():
            page.locator(f'#incoming tbody tr:has(a[href="/cases/{case.pk}/"]) form[action$="/accept/"] button').click()
        assert page.url == case_url
        with page.expect_navigation():
            page.click("#track-arbitration")
        assert page.url == workbench_url
        assert "state-arbitration_review" in page.get_attribute("#case-status", "class")

        # The application is accepted: the case is numbered and the notice of acceptance appears.
        page.select_option("#id_accept_procedure", "ordinary")
        submit(page, "accept")
        no_error(page)
        number = page.inner_text("#arbitration-number").strip()
        assert number.startswith("潍城劳人仲案字〔2026〕第"), number
        assert "受理通知书" in page.inner_text("#documents")
        assert page.locator(".document-acceptance_notice a").count() == 1

        # The tribunal: the arbitrator sits alone.
        page.check(f"#form-tribunal input[name=arbitrators][value='{browser_people['arbitrator'].pk}']")
        submit(page, "tribunal")
        no_error(page)
        assert browser_people["arbitrator"].username in page.inner_text("#tribunal-members")

        # The hearing: a room and the sitting tribunal (already ticked), a week ahead.
        page.select_option("#id_schedule_room_id", str(room.pk))
        page.fill("#id_schedule_starts_at", "2026-06-08T09:00")
        page.fill("#id_schedule_ends_at", "2026-06-08T11:00")
        assert page.is_checked(f"#form-schedule input[name=arbitrators][value='{browser_people['arbitrator'].pk}']")
        submit(page, "schedule")
        no_error(page)
        hearing = Hearing.objects.get(case=case)
        row = page.locator(f"#hearing-{hearing.pk}")
        assert "2026-06-08 09:00" in row.inner_text() and "第一仲裁庭" in row.inner_text()
        assert "state-hearing" in page.get_attribute("#case-status", "class")

        # The written notice reaches the parties today.
        page.fill(f"#id_notice-{hearing.pk}_served_on", "2026-06-01")
        submit(page, f"notice-{hearing.pk}")
        no_error(page)
        assert page.inner_text(f"#hearing-{hearing.pk} .notice-served").strip() == "2026-06-01"
        # Not yet begun: it cannot be recorded as held.
        assert page.locator(f"#form-held-{hearing.pk}").count() == 0

        # A week later the hearing has taken place.
        clock.move_to(AFTER_HEARING)
        page.reload()
        page.fill(f"#id_held-{hearing.pk}_minutes_summary", "双方到庭，举证质证完毕，调解不成。")
        submit(page, f"held-{hearing.pk}")
        no_error(page)
        assert page.inner_text(f"#hearing-{hearing.pk} .hearing-state").strip() == zh(HearingState.HELD.label)

        # The award: wages within 12 months' minimum wage (final), damages above it (not final).
        wages, damages = case.claims.order_by("id")
        assert page.input_value(f"#id_award_amount_{wages.pk}") == "8600.00"
        page.fill(f"#id_award_decision_{wages.pk}", "被申请人于本裁决生效之日起十日内支付申请人2026年4月至5月工资")
        page.fill(f"#id_award_amount_{damages.pk}", "30000.00")
        page.fill(f"#id_award_decision_{damages.pk}", "被申请人于本裁决生效之日起十日内支付申请人违法解除劳动合同赔偿金")
        page.fill("#id_award_findings", FINDINGS)
        page.fill("#id_award_reasoning", REASONING)
        page.fill("#id_award_legal_basis", LEGAL_BASIS)
        page.screenshot(path=str(SCREENSHOT_DIR / "arbitration-award-form.png"), full_page=True)
        submit(page, "award")
        no_error(page)

        assert Case.objects.get(pk=case.pk).status == CaseState.CLOSED
        assert "state-closed" in page.get_attribute("#case-status", "class")
        award = Award.objects.get(file__case=case)
        items = page.locator(f"#award-{award.pk} tr.award-item")
        assert items.count() == 2
        assert items.nth(0).get_attribute("class") == "award-item final"
        assert items.nth(1).get_attribute("class") == "award-item not-final"
        assert "8600.00" in items.nth(0).inner_text() and "30000.00" in items.nth(1).inner_text()
        assert page.locator("#form-award").count() == 0 and page.locator("#form-post_award").count() == 1

        # Every document on the way is listed under its kind, and each one downloads as a PDF.
        kinds = [
            DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.RESPOND_NOTICE, DocumentKind.TRIBUNAL_NOTICE,
            DocumentKind.HEARING_NOTICE, DocumentKind.AWARD,
        ]
        listed = page.locator("#document-list li")
        assert [c.split()[-1] for c in listed.evaluate_all("els => els.map(e => e.className)")] == [
            f"document-{k}" for k in kinds
        ]
        for kind in kinds:
            link = page.locator(f".document-{kind} a")
            assert link.inner_text().strip() == f"{zh(kind.label)} v1"
            response = page.request.get(live_server.url + link.get_attribute("href"))
            assert response.ok and response.body().startswith(b"%PDF"), kind
        page.screenshot(path=str(SCREENSHOT_DIR / "arbitration-workbench.png"), full_page=True)

        # The award says what the tribunal wrote.
        if shutil.which("pdftotext"):
            pdf = page.request.get(live_server.url + page.get_attribute(".document-award a", "href")).body()
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
            text = text.replace("\n", "").replace(" ", "")
            assert number in text and FINDINGS in text and REASONING in text
            assert f"根据{LEGAL_BASIS}的规定，裁决如下" in text
            assert "本裁决第一项为终局裁决" in text
