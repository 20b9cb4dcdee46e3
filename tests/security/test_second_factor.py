"""The TOTP second factor (django-otp): required for supervisors and administrators, optional for others."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def code_for(device, *, later=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - later * device.step, digits=device.digits):06d}"


def forget_failures(device):
    """django-otp makes the next try wait after a wrong code (1 s, doubling); tests do not wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()


def sign_in(user, address="10.0.1.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/login/", {"username": user.username, "password": "pw-" + user.username})
    assert response.status_code == 302
    return client


@pytest.fixture
def supervisor(orgs):
    return make_staff(orgs["window"], Role.SUPERVISOR, "boss")


@pytest.fixture
def clerk(orgs):
    return make_staff(orgs["window"], Role.CLERK, "desk")


def test_a_supervisor_without_a_device_is_sent_to_enrol_before_anything_else(supervisor, case):
    client = sign_in(supervisor)
    for url in ("/", f"/cases/{case.pk}/", "/dashboard/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/second-factor/"), url
    api = client.get("/api/v1/cases/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"

    page = client.get("/account/second-factor/")
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and "设置双重验证" in body
    assert "http://" not in body.split('id="qr"')[1].split("</div>")[0].replace("http://www.w3.org", "")

    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert client.post("/account/second-factor/", {"token": "000000" if code_for(device) != "000000" else "111111"}).status_code == 200
    forget_failures(device)
    done = client.post("/account/second-factor/", {"token": code_for(device), "next": "/dashboard/"})
    assert done.status_code == 302 and done["Location"] == "/dashboard/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_an_enrolled_supervisor_must_give_the_code_at_sign_in(supervisor):
    device = TOTPDevice.objects.create(user=supervisor, name="app", confirmed=True)
    client = sign_in(supervisor)
    assert client.get("/")["Location"].startswith("/login/code/")
    # The enrolment page cannot be used to add a second device with the password alone.
    assert client.get("/account/second-factor/")["Location"].startswith("/login/code/")

    wrong = client.post("/login/code/", {"token": "12345x"})
    assert wrong.status_code == 200 and "验证码错误或已过期" in wrong.content.decode()
    forget_failures(device)

    right = client.post("/login/code/", {"token": code_for(device), "next": "/"})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_clerk_needs_no_second_factor_but_may_choose_one(clerk):
    client = sign_in(clerk)
    assert client.get("/").status_code == 200
    client.get("/account/second-factor/")
    device = TOTPDevice.objects.get(user=clerk)
    assert client.post("/account/second-factor/", {"token": code_for(device)}).status_code == 302

    again = sign_in(clerk)
    assert again.get("/")["Location"].startswith("/login/code/")


def test_a_superuser_must_enrol_too(orgs):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="pw-root")
    client = sign_in(root)
    assert client.get("/admin/")["Location"].startswith("/account/second-factor/")


def test_demo_settings_may_require_it_of_nobody(supervisor, settings):
    settings.OTP_REQUIRED_ROLES = []
    assert sign_in(supervisor).get("/").status_code == 200
