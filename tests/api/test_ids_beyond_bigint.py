"""An id no database column can hold (beyond bigint) names nothing: every path answers 404, on the API and
the pages alike, never a 500 from the database refusing the number."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999  # > 2**63 - 1

API_READS = [
    f"/api/v1/cases/{HUGE}/",
    f"/api/v1/cases/{HUGE}/receipt/",
    f"/api/v1/cases/{HUGE}/inspection/",
    f"/api/v1/cases/{HUGE}/arbitration/",
    f"/api/v1/cases/{HUGE}/hearings/",
]
PAGES = [
    f"/cases/{HUGE}/",
    f"/cases/{HUGE}/inspection/",
    f"/cases/{HUGE}/arbitration/",
    f"/cases/{HUGE}/joint-mediation/",
    f"/intake/registered/{HUGE}/",
    f"/intake/receipt/{HUGE}/",
    f"/documents/{HUGE}/",
    f"/evidence/{HUGE}/",
]


@pytest.mark.parametrize("user", ["clerk", "inspector", "arbitrator"])
def test_the_api_answers_404_for_an_id_beyond_bigint(people, user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=people[user])[0].key}")
    for url in API_READS:
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert response.json()["error"]["code"] == "not_found", url


@pytest.mark.parametrize("user", ["clerk", "inspector", "arbitrator"])
def test_the_pages_answer_404_for_an_id_beyond_bigint(people, user):
    client = Client(raise_request_exception=False)
    client.force_login(people[user])
    for url in PAGES:
        assert client.get(url).status_code == 404, url


def test_writes_answer_for_an_id_beyond_bigint_as_for_any_missing_id(people):
    """A write names the same nothing: the answer an unknown id in range gets (never a 500)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=people['clerk'])[0].key}")
    for url in ("/api/v1/cases/{}/transitions/", "/api/v1/cases/{}/notes/", "/api/v1/cases/{}/referrals/",
                "/api/v1/referrals/{}/accept/", "/api/v1/cases/{}/inspection/visits/"):
        for body in ({"version": 1}, {"version": 1, "action": "accept", "text": "x", "to_org": 1, "purpose": "x"}):
            missing = client.post(url.format(2**63 - 1), body, format="json")
            huge = client.post(url.format(HUGE), body, format="json")
            assert (huge.status_code, huge.json()["error"]["code"]) == (
                missing.status_code, missing.json()["error"]["code"]), url
