"""The case files on a real S3-compatible object store (OpenStack Swift's S3 API, tests/storage/conftest.py):
registered through the window's form, rendered and issued by the services, and downloaded only through the
application's views, byte for byte, with the SHA-256 the case file recorded."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.files import StoredFileMismatch
from disputes.models import Case, Document, Evidence
from disputes.services import referral_accept, referral_offer
from tests.conftest import accept_for_arbitration
from tests.intake.test_register_page import form_data

from .conftest import local_files

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_served_whole(response, stored: bytes, sha256: str):
    body = body_of(response)
    assert response.status_code == 200
    assert body == stored and hashlib.sha256(body).hexdigest() == sha256
    assert response["X-Content-SHA256"] == sha256 and response["ETag"] == f'"{sha256}"'
    assert int(response["Content-Length"]) == len(body)


def register_with_evidence(client, people, division, capture, evidence):
    client.force_login(people["clerk"])
    with capture(execute=True):  # the receipt is rendered after the commit, as in production
        response = client.post(reverse("intake:register"), {**form_data(division), "evidence": [evidence]})
    assert response.status_code == 302
    return Case.objects.get()


def test_evidence_receipt_and_documents_live_in_the_bucket_and_download_through_the_app(
    client, people, orgs, division, bucket, settings, django_capture_on_commit_callbacks
):
    case = register_with_evidence(client, people, division, django_capture_on_commit_callbacks,
                                  SimpleUploadedFile("工资条.pdf", PDF))
    referral_accept(referral_id=referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                                               purpose="arbitration", expected_version=Case.objects.get(pk=case.pk).version).pk,
                    actor=people["arbitrator"])
    accept_for_arbitration(case, people["arbitrator"])
    evidence = Evidence.objects.get(case=case)
    receipt = Document.objects.get(case=case, kind="receipt")
    notice = Document.objects.get(case=case, kind="acceptance_notice")

    # Each file is an object of the bucket under the name its row keeps, and nothing was written locally.
    assert {evidence.file.name, receipt.file.name, notice.file.name} <= bucket.keys()
    assert bucket.get(evidence.file.name) == PDF
    assert local_files(settings.MEDIA_ROOT) == []

    client.force_login(people["clerk"])
    assert_served_whole(client.get(reverse("disputes:evidence", args=[evidence.pk])), PDF, evidence.sha256)
    assert_served_whole(client.get(reverse("intake:receipt", args=[case.pk])), bucket.get(receipt.file.name),
                        receipt.sha256)
    client.force_login(people["arbitrator"])
    assert_served_whole(client.get(reverse("disputes:document", args=[notice.pk])), bucket.get(notice.file.name),
                        notice.sha256)
    api = client.get(f"/api/v1/documents/{notice.pk}/")
    assert body_of(api) == bucket.get(notice.file.name) and api["X-Content-SHA256"] == notice.sha256

    # The same doors as on the local disk: another county's window finds none of them.
    client.force_login(people["outsider"])
    assert client.get(reverse("disputes:evidence", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("intake:receipt", args=[case.pk])).status_code == 404
    assert client.get(reverse("disputes:document", args=[notice.pk])).status_code == 404


def test_a_large_file_is_stored_in_parts_and_streamed_in_chunks(
    client, people, division, bucket, settings, django_capture_on_commit_callbacks
):
    # Past boto3's 8 MB threshold: a multipart upload (Swift's static large objects under s3api).
    large = b"%PDF-1.4\n" + bytes(range(256)) * (9 * 4096) + b"\n%%EOF\n"
    case = register_with_evidence(client, people, division, django_capture_on_commit_callbacks,
                                  SimpleUploadedFile("银行流水.pdf", large))
    evidence = Evidence.objects.get(case=case)
    assert evidence.size == len(large) and bucket.get(evidence.file.name) == large

    response = client.get(reverse("disputes:evidence", args=[evidence.pk]))
    chunks = list(response.streaming_content)
    assert len(chunks) > 100 and max(map(len, chunks)) <= 64 * 1024
    assert b"".join(chunks) == large and response["X-Content-SHA256"] == hashlib.sha256(large).hexdigest()
    assert local_files(settings.MEDIA_ROOT) == []


def test_an_object_changed_in_the_bucket_is_never_served_whole(
    client, people, division, bucket, django_capture_on_commit_callbacks
):
    case = register_with_evidence(client, people, division, django_capture_on_commit_callbacks,
                                  SimpleUploadedFile("合同.pdf", PDF))
    evidence = Evidence.objects.get(case=case)
    bucket.put(evidence.file.name, PDF.replace(b"1.4", b"1.7"))

    response = client.get(reverse("disputes:evidence", args=[evidence.pk]))
    received = b""
    with pytest.raises(StoredFileMismatch):
        for chunk in response.streaming_content:
            received += chunk
    assert len(received) < int(response["Content-Length"])


def test_files_of_a_refused_form_wait_in_the_bucket_and_leave_it_when_registered(
    client, people, division, bucket, settings
):
    client.force_login(people["clerk"])
    data = form_data(division, facts="")
    refused = client.post(reverse("intake:register"), {**data, "evidence": [SimpleUploadedFile("合同.pdf", PDF)]})
    assert refused.status_code == 400 and "合同.pdf" in refused.content.decode()
    token = refused.context["staged"]
    assert {f"staging/{token}/0.bin", f"staging/{token}/index.json"} <= bucket.keys()

    accepted = client.post(reverse("intake:register"), {**data, "facts": "补充了事实", "staged": token})
    assert accepted.status_code == 302
    evidence = Evidence.objects.get()
    assert bucket.get(evidence.file.name) == PDF and evidence.original_name == "合同.pdf"
    assert not any(key.startswith("staging/") for key in bucket.keys())
    assert local_files(settings.MEDIA_ROOT) == []


def test_a_statistics_export_is_kept_in_the_bucket_for_its_requester_only(
    client, people, bucket, django_capture_on_commit_callbacks
):
    from reports.models import Export

    client.force_login(people["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_create"), {"period": "month", "year": 2026, "month": 6, "format": "xlsx"})
    export = Export.objects.get()
    assert export.file.name in bucket.keys() and default_storage.exists(export.file.name)
    body = body_of(client.get(reverse("reports:export_download", args=[export.pk])))
    assert body == bucket.get(export.file.name) and body.startswith(b"PK")
    client.force_login(people["outsider_supervisor"])
    assert client.get(reverse("reports:export_download", args=[export.pk])).status_code == 404


def test_ensure_bucket_creates_a_missing_bucket_once_and_proves_it_works(bucket, settings):
    import uuid

    from django.core.management import call_command

    name = f"ow-test-{uuid.uuid4().hex[:12]}"
    options = settings.STORAGES["default"]["OPTIONS"]
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"],
                                                            "OPTIONS": {**options, "bucket_name": name}}}
    try:
        out = io.StringIO()
        call_command("ensure_bucket", stdout=out)
        call_command("ensure_bucket", stdout=out)
        lines = out.getvalue().splitlines()
        assert lines.count(f"bucket {name} created") == 1
        assert lines.count(f"bucket {name}: write, read and delete work") == 2
        assert bucket.client.list_objects(Bucket=name).get("Contents", []) == []  # the probe is gone
    finally:
        bucket.client.delete_bucket(Bucket=name)

