"""Every official document of a case downloads through the API for whoever may see it, with its SHA-256."""

import base64
import hashlib

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from disputes.models import Case, Document
from disputes.services import referral_offer
from documents.issue import document_issue
from tests.conftest import accept_for_arbitration

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def offer(case, actor, org, purpose):
    return referral_offer(case_id=case.pk, actor=actor, to_org_id=org.pk, purpose=purpose,
                          expected_version=Case.objects.get(pk=case.pk).version)


def documents_of(user, case):
    response = api(user).get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    return {d["kind"]: d for d in response.json()["documents"]}


@pytest.fixture
def case(register, django_capture_on_commit_callbacks):
    """A registered case whose receipt was rendered (after commit, as in production)."""
    with django_capture_on_commit_callbacks(execute=True):
        registered = register().case
    assert Document.objects.filter(case=registered, kind="receipt").exists()
    return registered


def download(user, url):
    response = api(user).get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_every_document_of_a_case_downloads_with_the_hash_the_case_file_states(case, people, orgs):
    from disputes.services import referral_accept

    referral_accept(referral_id=offer(case, people["clerk"], orgs["arbitration"], "arbitration").pk,
                    actor=people["arbitrator"])
    accept_for_arbitration(case, people["arbitrator"])

    listed = documents_of(people["arbitrator"], case)
    assert {"receipt", "acceptance_notice"} <= set(listed)
    for kind, entry in listed.items():
        response, body = download(people["arbitrator"], entry["url"])
        assert response.status_code == 200, kind
        assert response["Content-Type"] == "application/pdf" and body.startswith(b"%PDF-")
        assert hashlib.sha256(body).hexdigest() == entry["sha256"], kind
        assert response["X-Content-SHA256"] == entry["sha256"]
        assert response["ETag"] == f'"{entry["sha256"]}"'
        assert response["Repr-Digest"] == "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    # The first-receiving window reads the same documents.
    assert documents_of(people["clerk"], case)["acceptance_notice"]["url"] == listed["acceptance_notice"]["url"]


def test_the_receipt_is_neither_offered_nor_served_to_an_organisation_that_only_reads_the_case(case, people, orgs):
    offer(case, people["clerk"], orgs["inspection"], "inspection")
    receipt = Document.objects.get(case=case, kind="receipt")

    listed = documents_of(people["inspector"], case)
    assert listed["receipt"]["url"] is None and listed["receipt"]["sha256"] == receipt.sha256
    refused, _ = download(people["inspector"], f"/api/v1/documents/{receipt.pk}/")
    missing, _ = download(people["inspector"], f"/api/v1/documents/{2**62}/")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    assert download(people["clerk"], f"/api/v1/documents/{receipt.pk}/")[0].status_code == 200


def test_a_document_with_personal_data_goes_only_to_those_who_read_it_in_full(case, people, orgs):
    offer(case, people["clerk"], orgs["inspection"], "inspection")
    with transaction.atomic():
        agreement = document_issue(case=case, kind="legal_aid_agreement", pdf_bytes=b"%PDF-1.4 agreement",
                                   actor=people["clerk"])

    assert documents_of(people["inspector"], case)["legal_aid_agreement"]["url"] is None
    assert download(people["inspector"], f"/api/v1/documents/{agreement.pk}/")[0].status_code == 404
    response, body = download(people["clerk"], documents_of(people["clerk"], case)["legal_aid_agreement"]["url"])
    assert response.status_code == 200 and body == b"%PDF-1.4 agreement"


def test_an_organisation_outside_the_case_gets_the_answer_of_a_missing_id(case, people):
    receipt = Document.objects.get(case=case, kind="receipt")
    hidden, _ = download(people["outsider"], f"/api/v1/documents/{receipt.pk}/")
    missing, _ = download(people["outsider"], f"/api/v1/documents/{2**62}/")
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
