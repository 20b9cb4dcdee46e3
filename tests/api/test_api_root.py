"""/api/v1/ is the API's front door, not a 404; the schema opens as text in a browser instead of downloading."""

import pytest
from rest_framework.test import APIClient

from tests.schema_walk import api_client

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_the_root_lists_the_schema_the_docs_and_every_collection_without_credentials():
    response = APIClient().get("/api/v1/")

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "v1"
    assert body["schema"] == "http://testserver/api/schema/"
    assert body["docs"] == "http://testserver/api/docs/"
    resources = body["resources"]
    assert resources["case-list"] == "http://testserver/api/v1/cases/"
    assert resources["complaints"] == "http://testserver/api/v1/complaints/"
    assert {"me", "organizations", "referrals-incoming", "dashboard", "rooms"} <= set(resources)
    assert not [url for url in resources.values() if "{" in url or "<" in url]
    assert "root" not in resources


def test_every_entry_point_the_root_names_is_an_operation_of_the_api(people):
    resources = APIClient().get("/api/v1/").json()["resources"]
    client = api_client(people["clerk"])
    for name, url in resources.items():
        path = url.removeprefix("http://testserver")
        answer = client.get(path)
        # A collection answers; a write-only entry point refuses GET, and none is missing.
        assert answer.status_code in (200, 400, 403, 405), (name, answer.status_code)


def test_a_browser_reads_the_schema_as_text_on_the_page(client):
    yaml = client.get("/api/schema/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert yaml.status_code == 200
    assert yaml["Content-Type"] == "text/plain; charset=utf-8"
    assert yaml["Content-Disposition"].startswith("inline")
    assert yaml.content.decode().startswith("openapi: 3.0")

    as_json = client.get("/api/schema/?format=json", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert as_json["Content-Type"].split(";")[0] == "application/json"
    assert as_json.json()["paths"]["/api/v1/"]["get"]


def test_a_client_still_gets_the_openapi_media_types(client):
    assert client.get("/api/schema/")["Content-Type"].startswith("application/vnd.oai.openapi")
    assert client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")["Content-Type"].startswith(
        "application/vnd.oai.openapi+json")

