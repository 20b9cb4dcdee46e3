"""The published OpenAPI description is valid and its documentation page works offline."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates_and_documents_the_v1_endpoints(client):
    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/complaints/", "post"),
        ("/api/v1/cases/", "get"),
        ("/api/v1/cases/{id}/", "get"),
        ("/api/v1/cases/{id}/receipt/", "get"),
        ("/api/v1/cases/{id}/transitions/", "post"),
        ("/api/v1/cases/{id}/referrals/", "post"),
        ("/api/v1/cases/{id}/notes/", "post"),
        ("/api/v1/referrals/incoming/", "get"),
        ("/api/v1/referrals/{id}/accept/", "post"),
        ("/api/v1/referrals/{id}/decline/", "post"),
        ("/api/v1/referrals/{id}/withdraw/", "post"),
        ("/api/v1/organizations/", "get"),
        ("/api/v1/dashboard/", "get"),
    ]:
        assert method in paths.get(path, {}), path
    complaint = paths["/api/v1/complaints/"]["post"]
    assert set(complaint["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"201", "400", "409"} <= set(complaint["responses"])
    assert "application/pdf" in paths["/api/v1/cases/{id}/receipt/"]["get"]["responses"]["200"]["content"]
    transition = schema["components"]["schemas"]["TransitionInputRequest"]
    assert {"action", "version"} <= set(transition["required"])


def test_the_api_docs_page_loads_only_local_assets(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"""<(?:script|link)\b[^>]*?(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert any(a.endswith(".js") for a in assets), assets
    assert not [a for a in assets if re.match(r"(https?:)?//", a)]
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    for asset in assets:  # and they are really there, so the page works on an intranet without internet
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()
