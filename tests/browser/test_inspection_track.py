"""The labour-inspection track in the browser: from the window's referral to a decided penalty, and a transfer.

The clock is moved (time_machine, in-process, so the live server sees it too): an order's non-compliance can
only be recorded after its deadline. Cookies carry Max-Age, which the browser counts on its own clock, so a
session opened on a travelled date stays valid.
"""

import datetime
import subprocess

import pytest
import time_machine
from django.utils import translation

from core.models import Role
from disputes.choices import CaseState
from disputes.models import Case
from disputes.services import referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.models import InspectionClosure, PenaltyProposal
from inspection.services import inspection_file
from intake.services import complaint_register
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


@pytest.fixture
def june():
    """Monday 1 June 2026, 10:00 in Weifang; the clock keeps running from there."""
    with time_machine.travel(datetime.datetime.fromisoformat("2026-06-01T10:00:00+08:00"), tick=True) as traveller:
        yield traveller


@pytest.fixture
def inspectors(browser_orgs):
    # The team's written decisions are numbered from its patterns (潍城人社监令字〔2026〕第N号 ...).
    ensure_default_number_patterns(browser_orgs["inspection"])
    return {
        "lead": make_staff(browser_orgs["inspection"], Role.INSPECTOR, "inspector"),
        "second": make_staff(browser_orgs["inspection"], Role.INSPECTOR, "inspector2"),
    }


@pytest.fixture
def complaint(june, browser_people, browser_division):
    """A wage complaint registered at the window today (the violation began in March and continues)."""
    return complaint_register(
        actor=browser_people["clerk"], evidence_files=(),
        data=complaint_input(browser_division, seed=26, violation_started_on=D(2026, 3, 2),
                             facts="2026年4月至5月工资未发放，同站点另有2名骑手被欠薪。"),
    ).case


def _label(state):
    with translation.override("zh-hans"):
        return str(state.label)


def _submit(page, form):
    with page.expect_navigation():
        page.click(f"#{form} button[type=submit]")
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def _status(page):
    return page.get_attribute("#case-status", "class")


def test_an_inspector_takes_a_wage_complaint_from_the_window_to_a_penalty_decision(
    live_server, new_context, sign_in, june, browser_people, browser_orgs, inspectors, complaint, tmp_path
):
    case = complaint
    lead, second = inspectors["lead"], inspectors["second"]
    case_url = f"{live_server.url}/cases/{case.pk}/"
    workbench_url = f"{case_url}inspection/"

    # The window refers the complaint to the inspection team.
    clerk = sign_in(new_context().new_page(), browser_people["clerk"])
    clerk.goto(case_url)
    clerk.select_option("#refer-form #purpose", "inspection")
    clerk.select_option("#refer-form #to_org", str(browser_orgs["inspection"].pk))
    with clerk.expect_navigation():
        clerk.click("#refer-form button[type=submit]")

    # The inspector finds it on the case page and is led to file or refuse, not to a plain accept.
    page = sign_in(new_context().new_page(), lead)
    page.goto(case_url)
    with page.expect_navigation():
        page.click("#inspection-link")
    assert page.url == workbench_url
    assert page.locator("#refuse-form select[name=reason_code] option").count() == 5  # blank + the four reasons
    page.select_option("#file-form select[name=inspector]", str(lead.pk))
    _submit(page, "file-form")
    assert "state-inspection" in _status(page)
    assert page.inner_text("#case-status").strip() == _label(CaseState.INSPECTION)
    assert page.inner_text("#in-charge").strip() == "inspector"

    # An on-site inspection by two inspectors.
    page.fill("#visit-visited_on", "2026-06-01")
    page.fill("#visit-place", "胜利西街配送站")
    page.check(f'#visit-form input[name=inspectors][value="{second.pk}"]')
    page.fill("#visit-findings", "3名骑手4-5月工资未发放，考勤记录齐全")
    _submit(page, "visit-form")
    visit_row = page.inner_text("#visits")
    assert "胜利西街配送站" in visit_row
    assert sorted(page.inner_text("#visits .visit-inspectors").split("、")) == ["inspector", "inspector2"]

    # The worker's statement.
    page.select_option("#statement-who", "worker")
    page.fill("#statement-name", "王小明")
    page.fill("#statement-taken_on", "2026-06-01")
    page.fill("#statement-summary", "4月起未发工资，每月4300元")
    _submit(page, "statement-form")
    assert "王小明" in page.inner_text("#statements")

    # The order to correct: 25,800 yuan for three workers by Monday 8 June.
    page.fill("#order-due_on", "2026-06-08")
    page.select_option("#order-items-0-kind", "wages")
    page.fill("#order-items-0-amount", "25800.00")
    page.fill("#order-items-0-workers", "3")
    page.fill("#order-findings", "拖欠劳动者4-5月工资")
    page.fill("#order-requirements", "支付拖欠的4-5月工资")
    _submit(page, "order-form")
    assert "state-correction_due" in _status(page)
    assert page.inner_text(".order-due").strip() == "2026-06-08"
    assert "25800.00" in page.inner_text(".order-total")
    assert "责令改正指令书" in page.inner_text("#documents")

    # The deadline passes with one worker paid.
    june.move_to(datetime.datetime.fromisoformat("2026-06-09T10:00:00+08:00"))
    page.goto(workbench_url)
    page.locator("#comply-form input[name^=paid_]").fill("8600.00")
    page.fill("#comply-workers_paid", "1")
    page.check('#comply-form input[name=complied][value="no"]')
    _submit(page, "comply-form")
    extra = page.inner_text("#extra-compensation")
    assert "17200.00" in extra and "8600.00" in extra  # 50 %-100 % of the 17,200 still owed

    # A penalty within the legal range: extra compensation of 75 % on what is still owed (监察条例 art 26).
    page.select_option("#propose-article", "26")
    page.fill("#propose-amount", "12900.00")
    page.fill("#propose-facts", "逾期未支付2名劳动者工资17200元")
    _submit(page, "propose-form")
    assert "8600.00 – 17200.00" in page.inner_text("#proposals .proposal-range")
    assert "行政处罚告知书" in page.inner_text("#documents")
    assert "decision-waiting" in page.content()  # the employer has not been heard yet

    # The employer is heard first.
    page.select_option("#employer-kind", "statement")
    page.fill("#employer-summary", "单位称资金周转困难，请求从轻处理")
    _submit(page, "employer-form")
    assert "资金周转困难" in page.inner_text("#employer-statements")
    assert page.locator("#decision-waiting").count() == 0

    # The decision closes the case with what was recovered and for how many workers.
    page.fill("#decide-amount_recovered", "8600.00")
    page.fill("#decide-workers_covered", "1")
    _submit(page, "decide-form")
    assert "state-closed" in _status(page)
    documents = page.inner_text("#documents")
    assert "行政处罚决定书" in documents
    assert page.inner_text(".closure-amount").strip() == "8600.00"
    assert page.inner_text(".closure-workers").strip() == "1"
    page.screenshot(path=str(SCREENSHOT_DIR / "inspection-workbench.png"), full_page=True)
    assert page.locator("main form").count() == 0  # closed: nothing left to record

    # The decision is served as the PDF it names.
    link = page.locator("#documents a.document-link", has_text="行政处罚决定书")
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    (tmp_path / "decision.pdf").write_bytes(pdf.body())
    text = subprocess.run(["pdftotext", str(tmp_path / "decision.pdf"), "-"], capture_output=True, text=True).stdout
    assert "行政处罚决定书" in text.replace(" ", "")

    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.outcome) == ("closed", "penalty")
    assert PenaltyProposal.objects.get(case=case).state == "decided"
    closure = InspectionClosure.objects.get(case=case)
    assert (str(closure.amount_recovered), closure.workers_covered) == ("8600.00", 1)


def test_an_inspector_transfers_a_dispute_matter_to_arbitration(
    live_server, new_context, sign_in, june, browser_people, browser_orgs, inspectors, complaint
):
    case = complaint
    referral = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=browser_orgs["inspection"].pk,
                              purpose="inspection", expected_version=case.version)
    inspection_file(referral_id=referral.pk, actor=inspectors["lead"])
    arbitration = browser_orgs["arbitration"]

    page = sign_in(new_context().new_page(), inspectors["lead"])
    page.goto(f"{live_server.url}/cases/{case.pk}/inspection/")
    page.select_option("#transfer-to_org", str(arbitration.pk))
    page.fill("#transfer-note", "双方对劳动关系存在争议，属劳动争议事项")
    _submit(page, "transfer-form")
    transfer = page.inner_text("#transfer")
    assert arbitration.name in transfer and "2026-06-01" in transfer  # the complaint interrupted the limitation
    assert page.locator("#transfer-form").count() == 0

    # The institute finds the case in its incoming referrals.
    arbitrator = sign_in(new_context().new_page(), browser_people["arbitrator"])
    arbitrator.goto(live_server.url + "/referrals/incoming/")
    assert arbitrator.locator(f'#incoming a[href="/cases/{case.pk}/"]').count() == 1
