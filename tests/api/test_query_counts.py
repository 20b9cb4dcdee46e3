"""The queue and the case file cost a fixed number of queries, however many cases or events there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from disputes.models import Case
from disputes.services import case_add_note, referral_offer

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.json()
    return len(ctx), response.json()


def test_the_queue_costs_the_same_for_3_and_30_cases(register, people):
    client = api(people["clerk"])
    for seed in range(3):
        register(seed=seed)
    few, page = queries(client, "/api/v1/cases/")
    assert len(page["results"]) == 3

    for seed in range(3, 30):
        register(seed=seed)
    many, page = queries(client, "/api/v1/cases/")

    assert len(page["results"]) == 20  # a full page, and a cursor to the next
    assert page["next"]
    assert many == few


def test_a_page_of_100_costs_the_queries_of_a_page_of_20(register, people):
    client = api(people["clerk"])
    for seed in range(101):
        register(seed=seed)

    twenty, small = queries(client, "/api/v1/cases/?page_size=20")
    hundred, large = queries(client, "/api/v1/cases/?page_size=100")

    assert (len(small["results"]), len(large["results"])) == (20, 100)
    assert large["next"]  # the 101st is on the next page
    assert all(c["worker_name"] and c["employer_name"] for c in large["results"])  # related rows came along
    assert hundred == twenty


def test_the_case_file_costs_the_same_for_2_and_300_events(case, people, orgs):
    client = api(people["clerk"])
    # A referral and an evidence-free note give events with other actors and payloads to render.
    referral_offer(
        case_id=case.pk, actor=people["clerk"], to_org_id=orgs["legal_aid"].pk, purpose="legal_aid",
        expected_version=Case.objects.get(pk=case.pk).version,
    )
    few, file = queries(client, f"/api/v1/cases/{case.pk}/")
    assert len(file["events"]) == 3  # registered, referral offered, the legal-aid review clock started

    for i in range(297):
        actor = people["clerk"] if i % 2 else people["clerk2"]
        case_add_note(case_id=case.pk, actor=actor, text=f"note {i}")
    many, file = queries(client, f"/api/v1/cases/{case.pk}/")

    assert len(file["events"]) == 300
    assert {e["actor"]["name"] for e in file["events"]} == {"clerk", "clerk2"}
    assert many == few
