"""The station's path through the API: the same services and inputs as the desk, described in the schema."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from disputes.models import Document
from tests.api.test_arbitration_api import api, post

pytestmark = pytest.mark.django_db


def test_a_station_decides_assigns_records_and_closes_through_the_api(aid_referral, people, firm):
    officer, ref = people["legal_aid"], aid_referral.pk
    read = api(officer).get(f"/api/v1/referrals/{ref}/legal-aid/")
    assert read.status_code == 200 and read.json()["state"] == "review"
    version = read.json()["version"]

    granted = post(officer, f"referrals/{ref}/legal-aid/decision/",
                   {"grant": True, "category": "migrant_pay", "version": version})
    assert granted.status_code == 200, granted.json()
    assert granted.json()["state"] == "granted" and granted.json()["rule"] == "migrant_pay_or_injury"
    stale = post(officer, f"referrals/{ref}/lawyer/", {"partner_id": firm.pk, "version": version})
    assert stale.status_code == 409
    assigned = post(officer, f"referrals/{ref}/lawyer/", {"partner_id": firm.pk})
    assert assigned.status_code == 201 and assigned.json()["lawyer_name"] == "赵明"
    assert post(officer, f"referrals/{ref}/legal-aid/agreement/", {}).status_code == 200
    work = post(officer, f"referrals/{ref}/legal-aid/work/",
                {"kind": "consultation", "done_on": str(timezone.localdate()), "note": "核对工资流水"})
    assert work.status_code == 201, work.json()
    floating = post(officer, f"referrals/{ref}/legal-aid/outcome/", {"outcome": "won", "amount_recovered": 8600.5})
    assert floating.status_code == 400  # a float is not a sum of money
    assert post(officer, f"referrals/{ref}/legal-aid/outcome/",
                {"outcome": "won", "amount_recovered": "8600.00"}).status_code == 200
    closed = post(officer, f"referrals/{ref}/legal-aid/close/", {"checklist": [
        "application", "eligibility", "decision", "agreement", "work", "outcome", "report"]})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    whole = api(officer).get(f"/api/v1/referrals/{ref}/legal-aid/").json()
    assert [w["kind"] for w in whole["work"]] == ["consultation"] and whole["lawyers"][0]["name"] == "赵明"
    kinds = set(Document.objects.filter(case=aid_referral.case_id).values_list("kind", flat=True))
    assert {"legal_aid_decision", "legal_aid_agreement"} <= kinds


def test_outside_the_station_the_aid_file_is_a_404_or_a_403(aid_referral, people, other_station):
    ref = aid_referral.pk
    assert api(people["outsider"]).get(f"/api/v1/referrals/{ref}/legal-aid/").status_code == 404
    assert post(people["outsider"], f"referrals/{ref}/legal-aid/decision/",
                {"grant": True, "category": "migrant_pay"}).status_code == 404
    assert post(people["clerk"], f"referrals/{ref}/legal-aid/decision/",
                {"grant": True, "category": "migrant_pay"}).status_code == 403


def test_the_worker_s_personal_data_in_the_api_is_full_for_the_granting_station_only(aid_referral, people):
    case_url = f"/api/v1/cases/{aid_referral.case_id}/"
    phone = aid_referral.case.worker.phone
    assert api(people["legal_aid"]).get(case_url).json()["worker"]["phone"] != phone
    post(people["legal_aid"], f"referrals/{aid_referral.pk}/legal-aid/decision/",
         {"grant": True, "category": "migrant_pay"})
    assert api(people["legal_aid"]).get(case_url).json()["worker"]["phone"] == phone


def test_the_legal_aid_operations_are_in_the_schema():
    client = APIClient()
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/referrals/{id}/legal-aid/decision/", "/api/v1/referrals/{id}/legal-aid/close/",
                 "/api/v1/referrals/{id}/lawyer/replace/", "/api/v1/legal-aid/stations/"):
        assert path in paths, path


def test_the_case_file_in_the_api_names_the_lawyer_the_firm_and_the_station_s_phone(aid_referral, people, firm,
                                                                                   orgs):
    """What the case page and the worker's page show: the window reads it in the case API too."""
    case_url = f"/api/v1/cases/{aid_referral.case_id}/"
    before = api(people["clerk"]).get(case_url).json()["tracks"]["legal_aid"]
    assert before == [{"station": orgs["legal_aid"].name, "station_phone": "0536-1234567", "state": "review",
                       "decision_number": "", "lawyer": None, "lawyer_phone": None, "law_firm": None}]
    post(people["legal_aid"], f"referrals/{aid_referral.pk}/legal-aid/decision/",
         {"grant": True, "category": "migrant_pay"})
    post(people["legal_aid"], f"referrals/{aid_referral.pk}/lawyer/", {"partner_id": firm.pk})
    [aid] = api(people["clerk"]).get(case_url).json()["tracks"]["legal_aid"]
    year = timezone.localdate().year
    assert (aid["state"], aid["decision_number"]) == ("granted", f"潍城工法援决字〔{year}〕第1号")
    assert (aid["lawyer"], aid["lawyer_phone"], aid["law_firm"]) == ("赵明", "13700000001", "山东潍城律师事务所")


def test_materials_asked_and_supplied_a_lawyer_replaced_and_the_station_s_figures(aid_referral, people, firm):
    """The station's other operations, each answer checked against the schema (tests/openapi_check.py)."""
    officer, ref = people["legal_aid"], aid_referral.pk
    asked = post(officer, f"referrals/{ref}/legal-aid/materials/", {"note": "请补充收入证明"})
    assert asked.status_code == 200 and asked.json()["state"] == "materials"
    supplied = post(officer, f"referrals/{ref}/legal-aid/materials-received/", {})
    assert supplied.status_code == 200 and supplied.json()["state"] == "review"
    assert post(officer, f"referrals/{ref}/legal-aid/decision/",
                {"grant": True, "category": "migrant_pay"}).status_code == 200
    assert post(officer, f"referrals/{ref}/lawyer/", {"lawyer_name": "张律师", "lawyer_phone": "13700000000"}
                ).status_code == 201
    replaced = post(officer, f"referrals/{ref}/lawyer/replace/", {"partner_id": firm.pk, "reason": "原律师回避"})
    assert replaced.status_code == 201, replaced.json()
    assert replaced.json()["lawyer_name"] == "赵明"
    figures = api(officer).get("/api/v1/legal-aid/stations/")
    assert figures.status_code == 200, figures.json()
