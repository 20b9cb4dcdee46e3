"""One rule decides who reads a worker's ID number and phone in full (disputes.selectors.sees_personal_data):
the case page, the API and the receipt agree for every kind of reader."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.masking import mask_id_number, mask_phone
from disputes.models import Case
from disputes.services import referral_offer
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db


def _page(user, case):
    client = Client()
    client.force_login(user)
    return client.get(reverse("disputes:case", args=[case.pk]))


def _api(user, case, suffix=""):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client.get(f"/api/v1/cases/{case.pk}/{suffix}")


def _reads(user, case):
    """What the page and the API show this reader: 'full', 'masked' or 'nothing', and whether each offers
    the receipt (it prints the worker's particulars and query code)."""
    worker = Case.objects.select_related("worker").get(pk=case.pk).worker
    full, masked = (worker.id_number, worker.phone), (mask_id_number(worker.id_number), mask_phone(worker.phone))
    page, data = _page(user, case), _api(user, case)
    if page.status_code == 404 and data.status_code == 404:
        return {"page": "nothing", "api": "nothing", "page_receipt": False, "api_receipt": False}
    assert page.status_code == 200 and data.status_code == 200, (page.status_code, data.status_code)
    body, shown = page.content.decode(), data.json()["worker"]

    def seen_on_page():
        if all(value in body for value in full):
            return "full"
        assert all(value in body for value in masked) and worker.id_number not in body, "neither full nor masked"
        return "masked"

    api_seen = {full: "full", masked: "masked"}[(shown["id_number"], shown["phone"])]
    assert data.json()["personal_data_masked"] is (api_seen == "masked")
    receipt = _api(user, case, "receipt/")
    return {"page": seen_on_page(), "api": api_seen,
            "page_receipt": 'id="print-receipt"' in body, "api_receipt": receipt.status_code != 403}


def test_page_and_api_agree_for_every_kind_of_reader(register, people, orgs):
    offered = register(seed=1).case  # offered to inspection, not yet taken
    referral_offer(case_id=offered.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk,
                   purpose="inspection", expected_version=Case.objects.get(pk=offered.pk).version)
    # Handled by inspection now, received first by the window.
    taken = file_for_inspection(register(seed=2).case, people, orgs)

    readers = {
        "handler": (people["inspector"], taken),
        "first responsible": (people["clerk"], taken),
        "referral recipient": (people["inspector"], offered),
        "outsider": (people["outsider"], offered),
    }
    seen = {name: _reads(user, case) for name, (user, case) in readers.items()}

    expected = {"handler": "full", "first responsible": "full", "referral recipient": "masked", "outsider": "nothing"}
    for name, what in expected.items():
        assert seen[name]["page"] == seen[name]["api"] == what, (name, seen[name])
        assert seen[name]["page_receipt"] == seen[name]["api_receipt"] == (what == "full"), (name, seen[name])
