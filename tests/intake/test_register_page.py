"""The registration page: a clerk's mistakes get Chinese errors and lose nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.identifiers import make_credit_code, make_id_number
from core.query_codes import query_code_matches
from disputes.models import Case, Document, Evidence
from intake.models import PendingReceipt
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db
URL = reverse("intake:register")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(division, **overrides):
    data = {
        "worker_name": "李四", "worker_id_number": make_id_number(), "worker_phone": "13912345678",
        "worker_occupation": "courier", "worker_platform": "", "employer_name": "潍坊快递网点",
        "employer_credit_code": make_credit_code(), "employer_address": "潍坊市奎文区1号",
        "employer_industry": "express_delivery", "division": division.pk, "channel": "window",
        "facts": "拖欠工资", "violation_started_on": "2026-08-01", "violation_ended_on": "",
        "claims-TOTAL_FORMS": "3", "claims-INITIAL_FORMS": "0", "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "30",
        "claims-0-type": "wages", "claims-0-amount": "5000", "claims-0-description": "",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_and_gets_the_query_code_and_receipt(client, people, division, django_capture_on_commit_callbacks):
    client.force_login(people["clerk"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(URL, {**form_data(division), "evidence": [SimpleUploadedFile("工资条.pdf", PDF)]})
    assert resp.status_code == 302
    case = Case.objects.get()
    page = client.get(resp["Location"]).content.decode()
    assert case.number in page and 'id="query-code"' in page and 'id="download-receipt"' in page
    pdf = client.get(reverse("intake:receipt", args=[case.pk]))
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(case=case, kind="receipt").count() == 1
    assert Evidence.objects.filter(case=case).count() == 1


def test_the_clerk_prints_the_receipt_without_waiting_for_the_background_worker(client, people, division):
    """With a broker the worker renders receipts in the background; the clerk's print does not wait for it."""
    client.force_login(people["clerk"])
    resp = client.post(URL, form_data(division))  # on-commit work not run: the worker has not got to it yet
    case = Case.objects.get()
    page = client.get(resp["Location"]).content.decode()
    assert 'id="query-code"' in page and 'id="download-receipt"' in page
    assert not Document.objects.filter(case=case, kind="receipt").exists()

    first = client.get(reverse("intake:receipt", args=[case.pk]))
    again = client.get(reverse("intake:receipt", args=[case.pk]))

    assert first.status_code == again.status_code == 200
    assert b"".join(first.streaming_content) == b"".join(again.streaming_content)  # rendered once, then served
    assert Document.objects.filter(case=case, kind="receipt").count() == 1
    assert not PendingReceipt.objects.filter(case=case).exists()


def test_after_a_reissue_the_receipt_printed_carries_the_new_code(
    client, people, division, django_capture_on_commit_callbacks
):
    client.force_login(people["clerk"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(division))
    case = Case.objects.get()
    client.post(reverse("intake:reissue", args=[case.pk]))  # its background rendering has not run yet
    new_code = client.session["last_query_code"]["code"]

    page = client.get(reverse("intake:registered", args=[case.pk])).content.decode()
    assert new_code in page
    client.get(reverse("intake:receipt", args=[case.pk]))

    latest = Document.objects.filter(case=case, kind="receipt").order_by("-version").first()
    assert latest.version == 2
    assert query_code_matches(new_code, Case.objects.get(pk=case.pk).query_code_hash)
    assert _printed(latest, new_code)


def _printed(document, code) -> bool:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=stored_bytes(document.file), check=True,
                         capture_output=True)
    return code in out.stdout.decode()


def test_the_receipt_is_not_given_to_another_organisation(client, people, register, orgs):
    from tests.conftest import make_staff

    case = register().case
    client.force_login(make_staff(orgs["inspection"], "inspector", "insp_other"))
    assert client.get(reverse("intake:receipt", args=[case.pk])).status_code == 404
    assert PendingReceipt.objects.filter(case=case).exists()  # nothing rendered for a refused caller


def test_an_invalid_id_number_is_shown_in_chinese_next_to_the_field(client, people, division):
    client.force_login(people["clerk"])
    resp = client.post(URL, form_data(division, worker_id_number="370702199001011235"))
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "校验" in body  # the check-digit message, in Chinese
    assert 'value="李四"' in body  # what the clerk typed is still there
    assert Case.objects.count() == 0


def test_files_survive_a_refused_submission(client, people, division):
    client.force_login(people["clerk"])
    data = form_data(division, facts="")
    resp = client.post(URL, {**data, "evidence": [SimpleUploadedFile("合同.pdf", PDF)]})
    assert resp.status_code == 400 and "合同.pdf" in resp.content.decode()
    staged = resp.context["staged"]
    resp = client.post(URL, {**data, "facts": "补充了事实", "staged": staged})
    assert resp.status_code == 302
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["合同.pdf"]


def test_someone_elses_staged_files_cannot_be_claimed(client, people, division):
    client.force_login(people["clerk"])
    resp = client.post(URL, {**form_data(division, facts=""), "evidence": [SimpleUploadedFile("合同.pdf", PDF)]})
    staged = resp.context["staged"]
    client.force_login(people["clerk2"])
    resp = client.post(URL, {**form_data(division), "staged": staged})
    assert resp.status_code == 302
    assert Evidence.objects.count() == 0


def test_a_duplicate_is_offered_for_linking(client, people, division):
    client.force_login(people["clerk"])
    data = form_data(division)
    client.post(URL, data)
    resp = client.post(URL, {**data, "claims-0-type": "overtime"})
    assert resp.status_code == 200 and 'id="duplicates"' in resp.content.decode()
    first = Case.objects.get()
    resp = client.post(URL, {**data, "claims-0-type": "overtime", "link_to_case": first.pk})
    assert resp.status_code == 302 and Case.objects.count() == 1
    assert sorted(first.claims.values_list("type", flat=True)) == ["overtime", "wages"]


def test_an_inspector_of_another_org_cannot_download_the_receipt(client, people, division, register):
    from intake.receipt import receipt_store

    result = register()
    doc = receipt_store(case=result.case, query_code=result.query_code, actor=people["clerk"])
    client.force_login(people["outsider"])
    assert client.get(reverse("disputes:document", args=[doc.pk])).status_code == 404
