"""Closing a case asks first in the browser, naming the consequence: dismissing leaves the case as it was,
accepting closes it."""

import pytest

from disputes.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_closing_asks_first_dismissing_changes_nothing_and_accepting_closes(
    live_server, new_context, sign_in, browser_people, registered_case
):
    case, _ = registered_case
    page = sign_in(new_context().new_page(), browser_people["clerk"])
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    close = page.locator('#case-actions form:has(input[name=action][value=close])')
    close.locator("select[name=outcome]").select_option("resolved_other")
    close.locator("input[name=reason]").fill("双方已和解")
    asked, posts = [], []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    close.locator("button[type=submit]").click()
    assert asked == ["结案后案件不能再办理，期限计时全部停止。确定结案？"]
    assert Case.objects.get(pk=case.pk).status == "registered"
    assert "state-registered" in page.get_attribute("#case-status", "class")

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    with page.expect_navigation():
        close.locator("button[type=submit]").click()
    assert Case.objects.get(pk=case.pk).status == "closed"
    # One form was sent in all, the accepted one: the dismissed click sent nothing.
    assert len(posts) == 1 and len(asked) == 2
    assert "state-closed" in page.get_attribute("#case-status", "class")
