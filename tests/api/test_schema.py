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


def test_the_schema_says_what_the_answers_hold(client):
    """Null where a value can be null, "" among the values of a choice that can be blank, and one error body
    for every error an operation documents."""
    schema = client.get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]
    assert components["CaseDetail"]["properties"]["related_case"]["nullable"] is True
    assert components["Document"]["properties"]["url"]["nullable"] is True
    outcome = components["CaseSummary"]["properties"]["outcome"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in outcome["oneOf"]
    decline = components["Referral"]["properties"]["decline_code"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in decline["oneOf"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {status: r for status, r in operation["responses"].items() if status.startswith("4")}
            assert errors, (method, path)
            for status, response in errors.items():
                assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, (
                    method, path, status)


def test_descriptions_are_written_for_clients_not_developers(client):
    schema = client.get("/api/schema/?format=json").json()
    texts = [op.get("description", "") for ops in schema["paths"].values() for op in ops.values()]
    texts += [c.get("description", "") for c in schema["components"]["schemas"].values()]
    internal = re.compile(r"\b(clone_field|selectors?|services?\.|intake\.|disputes\.|core\.|DRF's)\b")
    assert not [t for t in texts if internal.search(t)]
