"""Every button that ends, suspends or cancels something asks first, naming the consequence (data-confirm, read
by static/js/confirm.js), and looks dangerous; ordinary steps do not ask."""

import re

import pytest
from django.urls import reverse

from disputes.lifecycle import CONFIRMATIONS
from disputes.models import Case
from disputes.services import referral_offer
from tests.conftest import file_for_inspection
from tests.html_forms import forms

pytestmark = pytest.mark.django_db

# The endpoints whose forms end, suspend or cancel something, by their URL path.
DESTRUCTIVE = (
    r"/referrals/\d+/(decline|withdraw)/",
    r"/reissue",
    r"/inspection/refuse/$",
    r"/inspection/close/$",
)


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def destructive(form) -> bool:
    return form.hidden.get("action") in CONFIRMATIONS or any(re.search(p, form.action) for p in DESTRUCTIVE)


def asks_in_chinese(button) -> bool:
    message = button.get("data-confirm", "")
    return bool(re.search(r"[\u4e00-\u9fff]", message)) and message.rstrip().endswith("？") and "danger" in button.get("class", "")


def check(html, expected_actions):
    """Every destructive form on the page asks before acting; the expected ones are on it; no other asks."""
    found = set()
    for form in forms(html):
        if destructive(form):
            found.add(form.hidden.get("action") or form.action)
            assert form.buttons and all(asks_in_chinese(b) for b in form.buttons), form
        else:
            assert not any(b.get("data-confirm") for b in form.buttons), form
    for expected in expected_actions:
        assert any(expected == f or re.search(expected, f) for f in found), (expected, found)


def test_the_case_page_asks_before_closing_suspending_withdrawing_or_reissuing_the_code(client, case, people, orgs):
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=case.version)
    html = html_of(client, people["clerk"], reverse("disputes:case", args=[case.pk]))

    check(html, ["close", "suspend", "withdraw", r"/referrals/\d+/withdraw/", "/reissue"])
    assert "结案后案件不能再办理，期限计时全部停止。确定结案？" in html
    assert "查询码立即失效" in html


def test_a_suspended_case_resumes_without_asking(client, case, people):
    client.force_login(people["clerk"])
    client.post(reverse("disputes:transition", args=[case.pk]), {"action": "suspend", "version": case.version, "reason": "等待材料"})
    html = html_of(client, people["clerk"], reverse("disputes:case", args=[case.pk]))

    resume = [f for f in forms(html) if f.hidden.get("action") == "resume"]
    assert resume and not resume[0].buttons[0].get("data-confirm")
    check(html, ["withdraw"])


def test_declining_a_referral_asks_on_the_case_page_and_the_incoming_list(client, case, people, orgs):
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=case.version)
    inspector = people["inspector"]

    check(html_of(client, inspector, reverse("disputes:case", args=[case.pk])), [r"/referrals/\d+/decline/"])
    check(html_of(client, inspector, reverse("disputes:incoming")), [r"/referrals/\d+/decline/"])
    check(html_of(client, inspector, reverse("inspection:workbench", args=[case.pk])), [r"/inspection/refuse/$"])


def test_closing_the_inspection_file_asks(client, case, people, orgs):
    filed = file_for_inspection(case, people, orgs)
    check(html_of(client, people["inspector"], reverse("inspection:workbench", args=[filed.pk])), [r"/inspection/close/$"])


def test_without_script_the_confirmed_step_still_acts_on_the_server(client, case, people):
    """The confirmation is in the browser only: a plain form post (no script) closes the case as before."""
    client.force_login(people["clerk"])
    client.post(reverse("disputes:transition", args=[case.pk]),
                {"action": "close", "version": case.version, "reason": "已调解", "outcome": "resolved_other"})
    assert Case.objects.get(pk=case.pk).status == "closed"
