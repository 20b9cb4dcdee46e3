"""A supervisor gives a collective dispute to a colleague from the assignment page: ticking the lead moves every
member with it; a member offers no box of its own."""

import random

import pytest

from core.identifiers import make_credit_code
from core.models import Role
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_supervisor_assigns_the_lead_and_every_member_moves(
    live_server, page, sign_in, browser_people, browser_orgs, browser_division
):
    from disputes.collective import collective_link
    from disputes.models import Case
    from intake.services import complaint_register

    clerk = browser_people["clerk"]
    colleague = make_staff(browser_orgs["window"], Role.CLERK, "clerk2")
    colleague.last_name = "李红"
    colleague.save(update_fields=["last_name"])
    supervisor = make_staff(browser_orgs["window"], Role.SUPERVISOR, "supervisor")
    employer = make_credit_code(random.Random(21))
    cases = [complaint_register(actor=clerk, evidence_files=(), data=complaint_input(
        browser_division, seed=2100 + i, credit_code=employer, worker_name=f"骑手{i + 1}")).case for i in range(4)]
    lead, *members = cases
    collective_link(case_id=lead.pk, actor=clerk, member_ids=[m.pk for m in members],
                    version=Case.objects.get(pk=lead.pk).version)

    sign_in(page, supervisor)
    page.goto(f"{live_server.url}/assign/?handler=all")
    # The lead says what comes with it; a member has no box of its own.
    assert "及其 3 件成员案件" in page.inner_text(f"#group-size-{lead.pk}")
    for member in members:
        assert page.locator(f"#case-{member.pk}").count() == 0
    page.check(f"#case-{lead.pk}")
    page.select_option("#to_user", str(colleague.pk))
    page.fill("#reason", "骑手集体欠薪案交由李红统一办理")
    submit(page, "#assign-form")
    assert "4" in page.inner_text(".messages")
    page.screenshot(path=str(SCREENSHOT_DIR / "collective-assignment.png"), full_page=True)

    # Every member now shows the colleague as its handler, with the lead named on its timeline.
    for member in members:
        page.goto(f"{live_server.url}/cases/{member.pk}/")
        assert "李红" in page.inner_text("#owner-org")
        assert f"随集体争议主案 {lead.number}" in page.content()
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("owner_user_id", flat=True)) == {colleague.pk}
