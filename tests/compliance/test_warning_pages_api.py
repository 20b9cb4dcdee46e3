"""The warnings page and trends for inspection staff, and the API of warnings, interviews and revocations (each
answer checked against the schema)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from compliance import warnings as services
from compliance.models import BlacklistListing, EarlyWarning, EmployerInterview, WarningState
from tests.compliance.test_listing_procedure import _notify, _v, listing, people  # noqa: F401
from tests.compliance.test_warnings import complaints, rule

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def raised(register):
    rule()
    complaints(register, 3, seed=100)
    services.warnings_sweep()
    return EarlyWarning.objects.get()


def test_the_warnings_page_lists_the_teams_warnings_with_their_department(client, raised, people):  # noqa: F811
    client.force_login(people["inspector"])
    page = client.get("/compliance/warnings/").content.decode()
    assert f'id="warning-{raised.pk}"' in page and "市场监督管理局" in page and raised.employer.name in page
    assert 'id="nav-warnings"' in page
    # Filtered by another department: not listed.
    assert f'id="warning-{raised.pk}"' not in client.get("/compliance/warnings/?department=postal").content.decode()
    client.force_login(people["clerk"])
    assert client.get("/compliance/warnings/").status_code == 403


def test_acknowledging_and_closing_from_the_page(client, raised, people):  # noqa: F811
    client.force_login(people["inspector"])
    r = client.post(f"/compliance/warnings/{raised.pk}/acknowledge/", {"version": 1, "note": ""})
    assert r.status_code == 302 and EarlyWarning.objects.get().state == WarningState.ACKNOWLEDGED
    r = client.post(f"/compliance/warnings/{raised.pk}/close/", {"version": 1, "note": "已约谈"})  # stale
    assert EarlyWarning.objects.get().state == WarningState.ACKNOWLEDGED
    r = client.post(f"/compliance/warnings/{raised.pk}/close/", {"version": 2, "note": "已约谈"})
    assert EarlyWarning.objects.get().state == WarningState.CLOSED


def test_the_warnings_page_costs_the_same_queries_for_one_warning_or_many(client, register, people):  # noqa: F811
    rule()
    complaints(register, 3, seed=100)
    services.warnings_sweep()
    client.force_login(people["inspector"])
    client.get("/compliance/warnings/")
    with CaptureQueriesContext(connection) as one:
        client.get("/compliance/warnings/")
    EarlyWarning.objects.all().delete()
    for i in range(2, 6):
        complaints(register, 3, seed=100 * i)
    services.warnings_sweep()
    with CaptureQueriesContext(connection) as many:
        page = client.get("/compliance/warnings/").content.decode()
    assert page.count('class="warning"') == 5
    assert len(many) == len(one)


def test_the_trends_page_counts_complaints_per_month(client, register, people):  # noqa: F811
    cases = complaints(register, 3, seed=100)
    client.force_login(people["inspector"])
    page = client.get("/compliance/warnings/trends/?by=industry").content.decode()
    assert 'data-key="food_delivery"' in page
    page = client.get("/compliance/warnings/trends/?by=employer").content.decode()
    assert cases[0].employer.name in page


def test_warnings_through_the_api(raised, people, orgs):  # noqa: F811
    api = _api(people["inspector"])
    r = api.get("/api/v1/warnings/")
    assert r.status_code == 200 and [w["id"] for w in r.json()] == [raised.pk]
    assert r.json()[0]["department"] == "market_regulation"
    r = api.post(f"/api/v1/warnings/{raised.pk}/acknowledge/", {"version": 1}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "acknowledged"
    r = api.post(f"/api/v1/warnings/{raised.pk}/close/", {"version": 1, "note": "x"}, format="json")
    assert r.status_code == 409
    r = api.post(f"/api/v1/warnings/{raised.pk}/close/", {"version": 2}, format="json")
    assert r.status_code == 400 and "note" in r.json()["error"]["fields"]
    r = api.post(f"/api/v1/warnings/{raised.pk}/close/", {"version": 2, "note": "已检查"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "closed"
    # Another organisation: 404, as for a warning that does not exist.
    assert _api(people["arbitrator"]).post(f"/api/v1/warnings/{raised.pk}/acknowledge/", {"version": 3},
                                           format="json").status_code == 404


def test_an_interview_through_the_api(raised, people):  # noqa: F811
    r = _api(people["inspector"]).post(f"/api/v1/employers/{raised.employer_id}/interviews/", {
        "kind": "interview", "held_on": timezone.localdate().isoformat(), "attendees": "法定代表人张某",
        "departments": ["market_regulation"], "matters": "投诉集中", "outcome": "承诺整改",
        "follow_up_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(), "warning_id": raised.pk,
    }, format="json")
    assert r.status_code == 201, r.json()
    assert EmployerInterview.objects.get().warning_id == raised.pk
    r = _api(people["clerk"]).post(f"/api/v1/employers/{raised.employer_id}/interviews/", {
        "kind": "interview", "held_on": timezone.localdate().isoformat(), "attendees": "x", "matters": "x",
        "outcome": "x"}, format="json")
    assert r.status_code == 404  # only an inspection team acts on an employer: for anyone else it is not there


def test_revocations_through_the_api(listing, people):  # noqa: F811
    listing = _notify(listing, people)
    BlacklistListing.objects.filter(pk=listing.pk).update(
        objection_due_on=timezone.localdate() - datetime.timedelta(days=1))
    from compliance import services as listing_services

    listing = listing_services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                              listed=True)
    api = _api(people["supervisor"])
    r = api.post(f"/api/v1/listings/{listing.pk}/removal-revocation/", {"reason": "虚假", "version": _v(listing)},
                 format="json")
    assert r.status_code == 409 and r.json()["error"]["code"] == "listing_state"
    r = api.post(f"/api/v1/listings/{listing.pk}/revocation/", {"reason": "限期支付决定已被撤销", "version": _v(listing)},
                 format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["state"] == "removed" and r.json()["removal_reason"] == "revoked"


def test_the_schema_documents_the_new_endpoints(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    assert "get" in paths["/api/v1/warnings/"]
    for path in ("/api/v1/warnings/{id}/acknowledge/", "/api/v1/warnings/{id}/close/",
                 "/api/v1/employers/{id}/interviews/", "/api/v1/listings/{id}/revocation/",
                 "/api/v1/listings/{id}/removal-revocation/"):
        assert "post" in paths[path], path
