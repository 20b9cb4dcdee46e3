"""Staff sign-in throttling (django-axes): locked per account AND address, audited, behind the proxy."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, override_settings

from core.models import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

HOME = "10.0.0.5"
ELSEWHERE = "10.0.0.77"


def sign_in(username, password, address=HOME):
    return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})


@pytest.fixture
def clerks(orgs):
    return make_staff(orgs["window"], Role.CLERK, "clerk"), make_staff(orgs["window"], Role.CLERK, "clerk2")


def test_thirty_wrong_passwords_lock_that_account_from_that_address_only(clerks):
    clerk, other = clerks
    for _ in range(30):
        assert sign_in("clerk", "wrong-guess").status_code in (200, 429)

    refused = sign_in("clerk", "pw-clerk")
    assert refused.status_code == 429
    assert "密码错误次数过多" in refused.content.decode()
    assert "_auth_user_id" not in refused.client.session

    accepted = sign_in("clerk", "pw-clerk", address=ELSEWHERE)
    assert accepted.status_code == 302 and accepted.client.session["_auth_user_id"] == str(clerk.pk)

    colleague = sign_in("clerk2", "pw-clerk2")
    assert colleague.status_code == 302 and colleague.client.session["_auth_user_id"] == str(other.pk)


def test_the_failures_are_audited_with_account_and_address(clerks):
    for _ in range(3):
        sign_in("clerk", "wrong-guess")
    attempt = AccessAttempt.objects.get(username="clerk", ip_address=HOME)
    assert attempt.failures_since_start == 3
    assert AccessFailureLog.objects.filter(username="clerk", ip_address=HOME).count() == 3


def test_the_failures_below_the_limit_do_not_lock_and_a_success_clears_them(clerks):
    for _ in range(9):
        sign_in("clerk", "wrong-guess")
    assert sign_in("clerk", "pw-clerk").status_code == 302
    for _ in range(9):
        sign_in("clerk", "wrong-guess")
    # Nine more after the success: still below the limit, because the success started the count again.
    assert sign_in("clerk", "pw-clerk").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(clerks):
    via_proxy = lambda client_address, spoofed="": Client(  # noqa: E731
        REMOTE_ADDR="172.18.0.1", HTTP_X_FORWARDED_FOR=", ".join(filter(None, [spoofed, client_address]))
    )
    for n in range(30):
        # The guesser sends a different made-up X-Forwarded-For each time; the proxy appends the real one.
        via_proxy(HOME, spoofed=f"192.0.2.{n}").post("/login/", {"username": "clerk", "password": "wrong"})
    assert via_proxy(HOME).post("/login/", {"username": "clerk", "password": "pw-clerk"}).status_code == 429
    # Everyone else reaches the application through the same proxy address and is not locked out.
    assert via_proxy(ELSEWHERE).post("/login/", {"username": "clerk", "password": "pw-clerk"}).status_code == 302


def test_the_admin_sign_in_is_throttled_the_same_way(orgs):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password="pw-root-123")
    for _ in range(10):
        Client(REMOTE_ADDR=HOME).post("/admin/login/", {"username": "root", "password": "wrong"})
    assert Client(REMOTE_ADDR=HOME).post("/admin/login/", {"username": "root", "password": "pw-root-123"}).status_code == 429
