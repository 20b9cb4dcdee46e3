"""A clerk opens a case; the supervisor signs in with password and authenticator code and sees who read it."""

import pytest

from core.models import Role
from tests.conftest import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_supervisor_signs_in_with_a_code_and_sees_who_opened_the_case(
    live_server, new_context, sign_in, registered_case, browser_people, browser_orgs
):
    case, _code = registered_case
    clerk_page = sign_in(new_context().new_page(), browser_people["clerk"])
    clerk_page.goto(f"{live_server.url}/cases/{case.pk}/")
    clerk_page.close()

    supervisor = make_staff(browser_orgs["window"], Role.SUPERVISOR, "supervisor")
    page = sign_in(new_context().new_page(), supervisor)
    page.click("#nav-read-audit")
    rows = page.inner_text("#read-audit")
    assert case.number in rows and "clerk" in rows and "案件页面" in rows
