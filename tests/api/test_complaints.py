"""POST /api/v1/complaints/: what an integrating system (12333, online hall, court) sees when it registers."""

import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config.celery import app as celery_app
from core.identifiers import make_credit_code, make_id_number
from core.query_codes import query_code_matches
from core.rows import statement_text
from disputes.models import Case, CaseEvent, Document, Evidence

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64


def api(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def payload(division, seed=1, **overrides):
    rng = random.Random(seed)
    data = {
        "worker_name": "王小明",
        "worker_id_number": make_id_number(rng),
        "worker_phone": "13800138000",
        "worker_occupation": "delivery_rider",
        "worker_platform": "美团",
        "employer_name": "潍坊速达配送有限公司",
        "employer_credit_code": make_credit_code(rng),
        "employer_address": "潍坊市潍城区胜利西街100号",
        "employer_is_platform": False,
        "employer_industry": "food_delivery",
        "division": division.pk,
        "channel": "hotline_12333",
        "facts": "2026年9月至10月工资未发放。",
        "violation_started_on": "2026-09-01",
        "claims": [{"type": "wages", "amount": "8600.00", "description": "9-10月工资"}],
    }
    data.update(overrides)
    return data


def multipart(division, files, seed=1, **overrides):
    data = payload(division, seed=seed, **overrides)
    data["claims"] = json.dumps(data["claims"], ensure_ascii=False)
    data["evidence"] = files
    return data


def test_it_registers_a_json_complaint_and_returns_the_query_code_once(people, division):
    response = api(people["clerk"]).post(URL, payload(division), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    case = Case.objects.get(pk=body["case"]["id"])
    assert body["case"]["number"] == case.number
    assert body["case"]["status"] == "registered"
    assert body["case"]["version"] == case.version
    assert body["linked"] is False
    assert query_code_matches(body["query_code"], case.query_code_hash)
    assert [(c.type, str(c.amount)) for c in case.claims.all()] == [("wages", "8600.00")]
    assert case.channel == "hotline_12333"
    assert case.first_handler == people["clerk"]

    detail = api(people["clerk"]).get(f"/api/v1/cases/{case.pk}/")
    assert detail.status_code == 200
    assert body["query_code"] not in detail.content.decode()


def test_it_serves_the_receipt_pdf_it_links_to(people, division, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = api(people["clerk"]).post(URL, payload(division), format="json").json()

    assert body["receipt_url"].endswith(f"/api/v1/cases/{body['case']['id']}/receipt/")
    receipt = api(people["clerk"]).get(body["receipt_url"], HTTP_ACCEPT="application/pdf")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(case_id=body["case"]["id"], kind="receipt").count() == 1


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_receipt_is_ready_when_the_answer_comes(people, division):
    # Committed for real, so the eager task has rendered the receipt before the response is built.
    body = api(people["clerk"]).post(URL, payload(division), format="json").json()

    assert body["receipt_ready"] is True
    receipt = api(people["clerk"]).get(body["receipt_url"], HTTP_ACCEPT="application/pdf")
    assert receipt.status_code == 200
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")


def test_with_a_broker_the_answer_says_pending_without_looking_for_the_receipt(people, division, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    with CaptureQueriesContext(connection) as queries:
        body = api(people["clerk"]).post(URL, payload(division), format="json").json()

    assert body["receipt_ready"] is False and body["receipt_url"]
    assert not [q for q in map(statement_text, (q["sql"] for q in queries.captured_queries)) if "disputes_document" in q]


def test_a_receipt_not_rendered_yet_is_rendered_when_its_url_is_fetched(people, division):
    body = api(people["clerk"]).post(URL, payload(division), format="json").json()  # the worker has not run yet
    assert body["receipt_ready"] is False and body["receipt_url"]

    first = api(people["clerk"]).get(body["receipt_url"], HTTP_ACCEPT="application/pdf")
    again = api(people["clerk"]).get(body["receipt_url"], HTTP_ACCEPT="application/pdf")

    assert first.status_code == again.status_code == 200
    assert b"".join(first.streaming_content) == b"".join(again.streaming_content)
    assert first["Content-Disposition"].endswith('-receipt-v1.pdf"')


def test_a_case_without_any_receipt_says_so(people, division):
    from intake.models import PendingReceipt

    body = api(people["clerk"]).post(URL, payload(division), format="json").json()
    PendingReceipt.objects.all().delete()  # as for a case brought in from another system

    missing = api(people["clerk"]).get(body["receipt_url"], HTTP_ACCEPT="application/pdf")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_receipt"


def test_the_receipt_is_only_for_the_handling_and_first_receiving_organisations(people, division, orgs):
    body = api(people["clerk"]).post(URL, payload(division), format="json").json()
    case_id = body["case"]["id"]
    offer = api(people["clerk"]).post(
        f"/api/v1/cases/{case_id}/referrals/",
        {"to_org": orgs["legal_aid"].pk, "purpose": "legal_aid", "version": body["case"]["version"]},
        format="json",
    )
    assert offer.status_code == 201

    # Involved (may read the file) but not responsible: the receipt carries the worker's query code.
    refused = api(people["legal_aid"]).get(f"/api/v1/cases/{case_id}/receipt/", HTTP_ACCEPT="application/pdf")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"  # errors stay JSON even when a PDF was asked for
    assert api(people["outsider"]).get(f"/api/v1/cases/{case_id}/receipt/").status_code == 404


def test_it_registers_a_multipart_complaint_with_evidence(people, division):
    files = [
        SimpleUploadedFile("工资条.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("聊天记录.png", PNG, content_type="image/png"),
    ]
    response = api(people["clerk"]).post(URL, multipart(division, files), format="multipart")

    assert response.status_code == 201, response.json()
    case_id = response.json()["case"]["id"]
    detail = api(people["clerk"]).get(f"/api/v1/cases/{case_id}/").json()
    assert sorted((e["original_name"], e["content_type"]) for e in detail["evidence"]) == [
        ("工资条.pdf", "application/pdf"),
        ("聊天记录.png", "image/png"),
    ]
    assert [c["type"] for c in detail["claims"]] == ["wages"]


@pytest.mark.parametrize(
    "name, content",
    [("工资条.pdf", EXE), ("截图.pdf", PNG)],
    ids=["exe-renamed-pdf", "png-named-pdf"],
)
def test_it_refuses_a_disguised_file_and_registers_nothing(people, division, name, content):
    response = api(people["clerk"]).post(
        URL, multipart(division, [SimpleUploadedFile(name, content, content_type="application/pdf")]),
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert name in " ".join(response.json()["error"]["fields"]["evidence"])
    assert Case.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_it_refuses_an_oversized_file_and_registers_nothing(people, division, settings):
    settings.EVIDENCE_MAX_BYTES = len(PDF) - 1
    response = api(people["clerk"]).post(
        URL, multipart(division, [SimpleUploadedFile("合同.pdf", PDF)]), format="multipart"
    )

    assert response.status_code == 400
    assert "evidence" in response.json()["error"]["fields"]
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"worker_id_number": "370702199001011235"}, "worker_id_number"),  # check digit should be 4
        ({"employer_credit_code": "91370700MA3C12345X"}, "employer_credit_code"),  # check character should be 8
        ({"claims": [{"type": "wages", "amount": None}]}, "claims"),  # a wage claim needs its amount
        ({"violation_started_on": "2099-01-01"}, "violation_started_on"),
    ],
    ids=["id-number", "credit-code", "claim-amount", "future-date"],
)
def test_it_answers_invalid_fields_with_per_field_messages_and_keeps_nothing(people, division, overrides, field):
    response = api(people["clerk"]).post(URL, payload(division, **overrides), format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"][field]
    assert Case.objects.count() == 0


def test_it_lists_every_missing_field(people, division):
    data = payload(division)
    for name in ("worker_name", "employer_credit_code", "facts", "claims"):
        del data[name]
    response = api(people["clerk"]).post(URL, data, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"worker_name", "employer_credit_code", "facts", "claims"}
    assert Case.objects.count() == 0


def test_it_refuses_garbage_json_with_a_parse_error(people):
    response = api(people["clerk"]).post(URL, data='{"worker_name": "王', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert Case.objects.count() == 0


def test_it_refuses_claims_that_are_not_json_in_a_form(people, division):
    data = multipart(division, [])
    data["claims"] = "wages 8600"
    response = api(people["clerk"]).post(URL, data, format="multipart")

    assert response.status_code == 400
    assert "claims" in response.json()["error"]["fields"]
    assert Case.objects.count() == 0


def test_it_asks_for_credentials(division):
    response = api().post(URL, payload(division), format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert Case.objects.count() == 0


def test_a_role_that_may_not_register_is_refused(orgs, division):
    from tests.conftest import make_staff

    admin = make_staff(orgs["window"], "admin", "window-admin")
    response = api(admin).post(URL, payload(division), format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Case.objects.count() == 0


def test_a_second_complaint_is_a_possible_duplicate_with_the_candidates(people, division):
    first = api(people["clerk"]).post(URL, payload(division, seed=5), format="json").json()

    response = api(people["clerk2"]).post(URL, payload(division, seed=5, channel="online"), format="json")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "possible_duplicate"
    assert [(c["id"], c["number"]) for c in error["fields"]["candidates"]] == [
        (first["case"]["id"], first["case"]["number"])
    ]
    assert Case.objects.count() == 1


def test_a_duplicate_can_be_linked_to_the_open_case(people, division):
    first = api(people["clerk"]).post(URL, payload(division, seed=5), format="json").json()
    data = payload(division, seed=5, claims=[{"type": "overtime", "amount": "1200"}], link_to_case=first["case"]["id"])

    response = api(people["clerk2"]).post(URL, data, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["linked"] is True and body["query_code"] is None and body["receipt_url"] is None
    assert body["case"]["id"] == first["case"]["id"]
    assert body["case"]["version"] == first["case"]["version"] + 1
    case = Case.objects.get(pk=first["case"]["id"])
    assert sorted(case.claims.values_list("type", flat=True)) == ["overtime", "wages"]
    assert CaseEvent.objects.filter(case=case, action="complaint_linked").exists()


def test_force_new_registers_a_second_case_despite_the_duplicate(people, division):
    api(people["clerk"]).post(URL, payload(division, seed=5), format="json")

    response = api(people["clerk"]).post(URL, payload(division, seed=5, force_new=True), format="json")

    assert response.status_code == 201
    assert Case.objects.count() == 2


def test_facts_have_the_registration_forms_limit_and_a_refusal_in_the_clients_language(people, division):
    """5,000 characters, as on the registration page: the API once took 20,000. The languages alternate in one
    process: each refusal is in its own request's language, not in the first one's."""
    for seed, (language, message) in enumerate((("zh-hans", "不得超过5000个字。"),
                                                ("en", "Keep this to at most 5000 characters."),
                                                ("zh-hans", "不得超过5000个字。"))):
        response = api(people["clerk"]).post(URL, payload(division, seed=seed, facts="欠" * 5001), format="json",
                                             HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400, response.json()
        assert response.json()["error"]["code"] == "invalid"
        assert response.json()["error"]["fields"]["facts"] == [message], language
    assert not Case.objects.exists()
    response = api(people["clerk"]).post(URL, payload(division, seed=9, facts="欠" * 5000), format="json")
    assert response.status_code == 201, response.json()
    assert len(Case.objects.get().facts) == 5000


def test_the_schema_states_the_facts_limit(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    for name in ("ComplaintRequest", "CollectiveComplaintRequest", "SplitInputRequest"):
        assert components[name]["properties"]["facts"]["maxLength"] == 5000, name
