"""A wage-arrears listing (MOHRSS Order 45) in the browser: the inspector finds the queue in the navigation,
proposes the listing from the case page, notifies the employer, records and verifies its statement, and decides;
the supervisor of the team then finds the listed employer in the queue."""

import datetime
import re

import pytest
from django.utils import timezone

from compliance.models import BlacklistListing, ListingState
from core.models import Role
from core.refdata import reference_data_changed
from deadlines.models import CalendarYear
from disputes.models import Case, Document
from disputes.services import referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.services import inspection_file
from tests.conftest import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filed_case(registered_case, browser_people, browser_orgs):
    """The registered case, filed by the inspection team (accepting the window's referral is filing)."""
    case, _code = registered_case
    team = browser_orgs["inspection"]
    ensure_default_number_patterns(team)
    inspector = make_staff(team, Role.INSPECTOR, "inspector")
    supervisor = make_staff(team, Role.SUPERVISOR, "insp_supervisor")
    # The decision period may run into next year: its holiday calendar is entered, as an administrator would.
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "test notice"})
    reference_data_changed()
    referral = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=team.pk,
                              purpose="inspection", expected_version=Case.objects.get(pk=case.pk).version)
    inspection_file(referral_id=referral.pk, actor=inspector)
    return Case.objects.get(pk=case.pk), inspector, supervisor


def _submit(page, form):
    with page.expect_navigation():
        page.click(f"#{form} button[type=submit]")
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def test_an_inspector_walks_a_listing_from_proposal_to_decision(live_server, new_context, sign_in, filed_case):
    case, inspector, supervisor = filed_case
    today = timezone.localdate()
    page = sign_in(new_context().new_page(), inspector)

    # The queue is in the navigation of the inspection team's staff.
    with page.expect_navigation():
        page.click("#nav-listings")
    assert page.url.endswith("/compliance/listings/")

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    with page.expect_navigation():
        page.click("#propose-listing")
    page.select_option("#id_propose_ground", "criminal_threshold")
    page.fill("#id_propose_payment_order_number", "潍城人社监令字〔2026〕第3号")
    page.fill("#id_propose_payment_order_due_on", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("#id_propose_persons", "法定代表人，李某，11010519491231002X")
    page.fill("#id_propose_reason", "拖欠42名农民工工资共计86万元，逾期未支付。")
    _submit(page, "propose-form")
    assert re.search(r"/compliance/listings/\d+/$", page.url)
    listing = BlacklistListing.objects.get(case=case)
    assert page.get_attribute("#listing-state", "data-state") == ListingState.PROPOSED
    assert "1101**********002X" in page.inner_text("#listed-persons")

    page.fill("#id_notice_notified_on", today.isoformat())
    _submit(page, "notice-form")
    assert page.get_attribute("#listing-state", "data-state") == ListingState.NOTIFIED

    page.fill("#id_objection_received_on", today.isoformat())
    page.fill("#id_objection_statement", "已支付部分工资，请求不予列入。")
    _submit(page, "objection-form")
    page.fill("#id_review_verification", "经核实仅支付3万元，仍拖欠83万元。")
    page.select_option("#id_review_upheld", "no")
    _submit(page, "review-form")

    page.select_option("#id_decide_listed", "yes")
    _submit(page, "decide-form")
    assert page.get_attribute("#listing-state", "data-state") == ListingState.LISTED
    listing.refresh_from_db()
    assert listing.state == ListingState.LISTED and "失信决字" in listing.decision_number
    assert listing.decision_number in page.inner_text("#listing-steps")
    kinds = page.eval_on_selector_all("#listing-documents a", "links => links.map(a => a.dataset.kind)")
    assert {"listing_notice", "listing_decision"} <= set(kinds)
    assert Document.objects.filter(case=case, kind="listing_decision").exists()

    # The team's supervisor reaches the queue from the navigation and sees the employer listed.
    boss = sign_in(new_context().new_page(), supervisor)
    with boss.expect_navigation():
        boss.click("#nav-listings")
    row = boss.locator("#listings tr.listing")
    assert row.count() == 1 and row.get_attribute("data-state") == ListingState.LISTED
    assert case.employer.name in row.inner_text()
