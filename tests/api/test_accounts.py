"""API clients: a token from a staff login (rate-limited), its revocation, me, the organisation's staff, the
divisions."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clerk(people):
    user = people["clerk"]
    user.set_password("s3cret-pass")
    user.save()
    return user


def test_a_staff_login_gets_a_token_that_works_until_revoked(clerk):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "clerk", "password": "s3cret-pass"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=clerk).key == token
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert (me["username"], me["role"], me["organization"]["name"]) == ("clerk", "clerk", "潍城区劳动者维权中心")
    assert me["organization"]["division"]["code"] == "370702"
    assert client.post("/api/v1/auth/token/revoke/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_a_wrong_password_an_unknown_name_and_a_non_staff_account_get_the_same_answer(clerk, django_user_model):
    django_user_model.objects.create_user("visitor", password="s3cret-pass")
    client = APIClient()
    answers = [
        client.post("/api/v1/auth/token/", {"username": name, "password": password}, format="json")
        for name, password in (("clerk", "wrong"), ("nobody", "s3cret-pass"), ("visitor", "s3cret-pass"))
    ]
    assert {r.status_code for r in answers} == {400}
    assert {r.json()["error"]["code"] for r in answers} == {"invalid_credentials"}
    assert not Token.objects.exists()


def test_login_attempts_are_limited_per_client(clerk):
    client = APIClient()
    codes = [client.post("/api/v1/auth/token/", {"username": "clerk", "password": "wrong"}, format="json").status_code
             for _ in range(11)]
    assert codes[:10] == [400] * 10 and codes[10] == 429
    right = client.post("/api/v1/auth/token/", {"username": "clerk", "password": "s3cret-pass"}, format="json")
    assert right.status_code == 429


def test_the_staff_list_is_the_callers_organisation_with_roles(people, orgs):
    gone = make_staff(orgs["window"], Role.CLERK, "gone")
    gone.is_active = False
    gone.save()
    client = APIClient()
    client.force_authenticate(people["supervisor"])
    staff = client.get("/api/v1/staff/").json()
    assert {(s["username"], s["role"]) for s in staff} == {("clerk", "clerk"), ("clerk2", "clerk"),
                                                          ("supervisor", "supervisor")}
    assert {s["role_display"] for s in staff} == {str(Role.CLERK.label), str(Role.SUPERVISOR.label)}
    divisions = client.get("/api/v1/divisions/").json()
    assert any(d["code"] == "370702" for d in divisions)


def test_the_operations_are_in_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/auth/token/", "/api/v1/auth/token/revoke/", "/api/v1/me/", "/api/v1/staff/",
                 "/api/v1/divisions/", "/api/v1/cases/search/", "/api/v1/cases/assign/", "/api/v1/workload/",
                 "/api/v1/cases/{id}/priority/"):
        assert path in schema["paths"], path
