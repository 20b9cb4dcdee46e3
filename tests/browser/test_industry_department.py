"""Measure 10 in the browser: an industry department's officer is told of a warning naming the department, reads it
(no case, no worker), acknowledges it and records the measures taken; the inspection team's supervisor finds an
overdue interview follow-up on the dashboard and closes it."""

import datetime

import pytest
from django.utils import timezone

from compliance import warnings as services
from compliance.models import EarlyWarning, EmployerInterview, IndustryDepartment
from core.identifiers import make_credit_code
from core.models import Organization, OrgKind, Role
from disputes.models import Case
from intake.services import complaint_register
from tests.compliance.test_warnings import rule
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def warned(browser_people, browser_orgs, browser_division):
    """Three complaints against one food-delivery employer: a warning naming market regulation."""
    rule()
    code = make_credit_code()
    for seed in range(3):
        complaint_register(actor=browser_people["clerk"], data=complaint_input(
            browser_division, seed=300 + seed, credit_code=code), evidence_files=(), force_new=True)
    org = Organization.objects.create(name="潍城区市场监督管理局", kind=OrgKind.INDUSTRY_DEPARTMENT,
                                      division=browser_division)
    IndustryDepartment.objects.create(organization=org, department="market_regulation")
    officer = make_staff(org, Role.DEPARTMENT_OFFICER, "market")
    assert services.warnings_sweep() >= 1
    return EarlyWarning.objects.get(department="market_regulation"), officer


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def test_the_department_reads_acknowledges_and_answers_a_warning(live_server, new_context, sign_in, warned):
    warning, officer = warned
    page = sign_in(new_context().new_page(), officer)
    assert page.locator("#nav-search").count() == 0  # no case-system navigation for a department
    page.goto(live_server.url + "/notifications/")
    notice = page.locator(".warning-notice").first
    assert warning.employer.name in notice.inner_text() and "新" in notice.inner_text()
    with page.expect_navigation():
        notice.locator("a").click()
    facts = page.locator("#warning-facts").inner_text()
    assert warning.employer.name in facts and "市场监督管理局" in facts
    worker = Case.objects.filter(employer=warning.employer).values_list("worker__name", "number").first()
    body = page.locator("main").inner_text()
    assert worker[0] not in body and worker[1] not in body
    _submit(page, "#ack-form button")
    assert page.locator("#acknowledged").is_visible()
    page.fill("#feedback-form textarea", "已约谈平台企业负责人，督促其规范骑手用工")
    _submit(page, "#feedback-form button")
    assert "已约谈平台企业负责人" in page.locator("#feedback-recorded").inner_text()
    page.screenshot(path=str(SCREENSHOT_DIR / "industry-department-warning.png"), full_page=True)
    with page.expect_navigation():
        page.click("#nav-department")
    row = page.locator(f"#warning-{warning.pk}")
    assert row.get_attribute("data-acknowledged") == "yes" and "已反馈" in row.inner_text()
    saved = EarlyWarning.objects.get(pk=warning.pk)
    assert saved.department_acknowledged_by == officer and saved.department_feedback.startswith("已约谈")


def test_the_supervisor_sees_an_overdue_follow_up_and_closes_it(live_server, new_context, sign_in, warned,
                                                                browser_orgs):
    warning, _officer = warned
    team = browser_orgs["inspection"]
    inspector = make_staff(team, Role.INSPECTOR, "inspector")
    supervisor = make_staff(team, Role.SUPERVISOR, "insp_supervisor")
    today = timezone.localdate()
    late = services.interview_record(
        employer_id=warning.employer_id, actor=inspector, kind="interview", held_on=today - datetime.timedelta(20),
        attendees="法定代表人", departments=["market_regulation"], matters="骑手集中投诉欠薪",
        commitments="十日内补发", outcome="承诺整改", rectify_by=today - datetime.timedelta(12),
        follow_up_on=today - datetime.timedelta(3), warning_id=warning.pk)
    page = sign_in(new_context().new_page(), supervisor)
    page.goto(live_server.url + "/dashboard/")
    panel = page.locator("#overdue-follow-ups")
    assert page.locator("#overdue-follow-up-count").inner_text() == "1"
    assert warning.employer.name in panel.inner_text() and "逾期 3 天" in panel.inner_text()
    with page.expect_navigation():
        page.click("#follow-ups-link")
    row = page.locator(f"#follow-up-{late.pk}")
    assert row.get_attribute("data-overdue") == "yes"
    page.screenshot(path=str(SCREENSHOT_DIR / "interview-follow-ups.png"), full_page=True)
    row.locator("select").select_option("rectified")
    row.locator("textarea").fill("复查：拖欠工资已全部补发")
    _submit(page, f"#follow-up-{late.pk} button")
    assert page.locator(f"#follow-up-{late.pk}").count() == 0
    assert "暂无待跟进事项" in page.locator("#follow-ups").inner_text()
    done = EmployerInterview.objects.get(pk=late.pk)
    assert done.follow_up_result == "rectified" and done.follow_up_closed_by == supervisor
