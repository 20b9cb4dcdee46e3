"""The wage-arrears list through the API: each step, refusals as structured errors, masked ID numbers."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from deadlines.models import CalendarYear
from disputes.models import Case
from tests.compliance.test_listing_procedure import PERSONS
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def filed(case, people, orgs):
    from core.refdata import reference_data_changed
    from documents.numbering import ensure_default_number_patterns

    ensure_default_number_patterns(orgs["inspection"])
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "test notice"})
    reference_data_changed()
    return file_for_inspection(case, people, orgs)


def _v(case_id):
    return Case.objects.get(pk=case_id).version


def test_an_inspector_proposes_notifies_and_records_an_objection_through_the_api(filed, people):
    api = _client(people["inspector"])
    today = timezone.localdate()
    r = api.post(f"/api/v1/cases/{filed.pk}/listings/", {
        "ground": "criminal_threshold", "payment_order_due_on": (today - datetime.timedelta(days=1)).isoformat(),
        "persons": PERSONS, "reason": "拖欠工资86万元。", "version": _v(filed.pk)}, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["state"] == "proposed" and body["case"]["version"] == _v(filed.pk)
    assert body["persons"][0]["id_number"] == "1101**********002X"
    assert "11010519491231002X" not in r.content.decode()
    pk = body["id"]

    r = api.post(f"/api/v1/listings/{pk}/notice/", {"notified_on": today.isoformat(), "version": _v(filed.pk)},
                 format="json")
    assert r.status_code == 200 and "失信告字" in r.json()["notice_number"]
    r = api.post(f"/api/v1/listings/{pk}/objection/", {"received_on": today.isoformat(), "statement": "已付部分",
                                                      "version": _v(filed.pk)}, format="json")
    assert r.status_code == 200 and r.json()["objection_received_on"] == today.isoformat()
    # Deciding before verifying the statement: a structured 409.
    r = api.post(f"/api/v1/listings/{pk}/decision/", {"listed": True, "version": _v(filed.pk)}, format="json")
    assert r.status_code == 409 and r.json()["error"]["code"] == "objection_not_reviewed"
    # Another organisation does not see the listing at all.
    r = _client(people["arbitrator"]).get(f"/api/v1/listings/{pk}/")
    assert r.status_code == 404


def test_the_schema_documents_the_listing_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/v1/cases/{id}/listings/", "/api/v1/listings/{id}/decision/",
                 "/api/v1/listings/{id}/removal-decision/"):
        assert "post" in schema["paths"][path], path
    assert "get" in schema["paths"]["/api/v1/listings/{id}/"]


def test_every_listing_step_through_the_api_to_early_removal(filed, people, orgs):
    from core.models import Role
    from tests.conftest import make_staff

    api, boss = _client(people["inspector"]), _client(make_staff(orgs["inspection"], Role.SUPERVISOR, "insp_boss"))
    today = timezone.localdate()
    pk = api.post(f"/api/v1/cases/{filed.pk}/listings/", {
        "ground": "mass_incident", "payment_order_due_on": (today - datetime.timedelta(days=1)).isoformat(),
        "persons": [{"name": "李某", "role": "法定代表人"}], "reason": "引发群体性事件。", "version": _v(filed.pk)},
        format="json").json()["id"]

    def step(client, name, body):
        r = client.post(f"/api/v1/listings/{pk}/{name}/", {**body, "version": _v(filed.pk)}, format="json")
        assert r.status_code == 200, (name, r.json())
        return r.json()

    assert step(boss, "extension", {"reason": "涉及多个分包单位"})["decision_extension_reason"]
    step(api, "notice", {"notified_on": today.isoformat()})
    step(api, "objection", {"received_on": today.isoformat(), "statement": "已付部分"})
    step(api, "objection-review", {"verification": "仍拖欠", "upheld": False})
    decided = step(api, "decision", {"listed": True})
    assert decided["state"] == "listed" and decided["listed_until"] == today.replace(year=today.year + 3).isoformat()
    step(api, "removal-application", {"applied_on": today.isoformat(),
                                      "wages_paid_on": (today - datetime.timedelta(days=200)).isoformat()})
    removed = step(boss, "removal-decision", {"granted": True, "promise_given": True})
    assert removed["state"] == "removed" and removed["removal_reason"] == "early"
    assert api.get(f"/api/v1/listings/{pk}/").json()["state"] == "removed"
