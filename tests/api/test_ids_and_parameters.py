"""Ids that cannot exist are a 404 on every path (a JSON one in the API, as for a missing id); a malformed query
parameter of any list is a 400 with the one error body; every message of an error is in the language the client
asked for (docs/security.md)."""

import json
import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.schema_walk import MISSING, api_answer, api_client, fill, id_operations, page_templates, path_ids

pytestmark = pytest.mark.django_db

CANNOT_EXIST = ["abc", "-1", "1.5", "0x10", str(2**63), "99999999999999999999"]


def test_an_id_that_cannot_exist_is_the_missing_id_answer_on_every_api_operation(people):
    """Not a whole number, negative, beyond bigint: the same JSON 404 as a missing id, never Django's HTML page or a
    500 from the database refusing the number."""
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    client = api_client(people["clerk"])
    for method, template, body_schema in id_operations(schema):
        body = None if body_schema is None else {"version": 1}
        call = getattr(client, method)
        missing = api_answer(call(fill(template, {p: MISSING for p, _ in path_ids(template)}), body, format="json"))
        assert missing[0] == 404, (method, template, missing)
        for bad in CANNOT_EXIST:
            answer = api_answer(call(fill(template, {p: bad for p, _ in path_ids(template)}), body, format="json"))
            assert answer == missing, (method, template, bad, answer, missing)


def test_an_id_that_cannot_exist_is_a_404_on_every_page(people):
    client = Client(raise_request_exception=False)
    client.force_login(people["clerk"])
    for template in page_templates():
        for method in ("get", "post"):
            call = getattr(client, method)
            missing = call(fill(template, {p: MISSING for p, _ in path_ids(template)})).status_code
            for bad in CANNOT_EXIST:
                status = call(fill(template, {p: bad for p, _ in path_ids(template)})).status_code
                # A page that takes no GET may say so (405) for an id in range, as it does for any id.
                assert status == 404 or status == missing == 405, (method, template, bad, status)


def _lists(schema):
    """(path, its query parameters, a value for each required one) of every GET without an id in its path."""
    for template, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation and "{" not in template:
            query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
            yield template, {p["name"]: p.get("schema", {}) for p in query}, {
                p["name"]: "x" for p in query if p.get("required")}


MALFORMED = {"cursor": ["abc", "", "%%%", "ZD1hJmM9MiZ0PXgmaT15"], "page_size": ["abc", "0", "-3", "1.5"],
             "format": ["xml", "abc"]}


def test_every_list_answers_a_malformed_query_parameter_with_400_and_the_error_body(people):
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    lists = {path: (params, required) for path, params, required in _lists(schema)}
    assert "/api/v1/cases/" in lists and "/api/v1/referrals/incoming/" in lists
    client = api_client(people["supervisor"])
    for path, (params, required) in lists.items():
        tried = {"format": MALFORMED["format"]}
        for name, param_schema in params.items():
            if name in MALFORMED:
                tried[name] = MALFORMED[name]
            elif "enum" in json.dumps(param_schema):
                tried[name] = ["no-such-value"]
        for name, values in tried.items():
            for value in values:
                if value == "" and name == "cursor":
                    continue  # an empty cursor is the first page
                response = client.get(path, {**required, name: value})
                assert response.status_code == 400, (path, name, value, response.status_code)
                error = response.json()["error"]
                assert error["code"] == "invalid" and name in error["fields"], (path, name, value, error)


def test_a_page_size_above_the_largest_gets_the_largest_page(people, register):
    for _ in range(3):
        register()
    client = api_client(people["clerk"])
    for path in ("/api/v1/cases/", "/api/v1/referrals/incoming/"):
        assert client.get(path, {"page_size": "100000"}).status_code == 200, path


# --- the language of errors -------------------------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(body) -> list[str]:
    error = body["error"]
    found = [error["message"]]
    for messages in error.get("fields", {}).values():
        found += [m for m in (messages if isinstance(messages, list) else [messages]) if isinstance(m, str)]
    return found


def test_every_message_of_an_error_is_in_the_language_the_client_asked_for(people, case):
    """The API's own messages, the services' and DRF's alike: Chinese by default, English when asked."""
    token = api_client(people["clerk"])
    requests = [
        (token, "post", f"/api/v1/cases/{case.pk}/notes/", {}),  # a serializer's field errors
        (token, "post", f"/api/v1/cases/{case.pk}/notes/", {"text": "x", "version": 999}),  # a stale version
        (token, "post", f"/api/v1/cases/{case.pk}/transitions/", {"action": "award", "version": case.version}),
        (token, "post", f"/api/v1/cases/{MISSING}/notes/", {"text": "x", "version": 1}),  # a door
        (token, "get", "/api/v1/cases/abc/", None),  # a path that names nothing
        (token, "get", "/api/v1/cases/", {"cursor": "abc"}),
        (token, "get", "/api/v1/referrals/incoming/", {"page_size": "x"}),
        (token, "get", "/api/v1/organizations/", {"kind": "x"}),
        (token, "delete", f"/api/v1/cases/{case.pk}/", None),  # DRF's method not allowed
        (APIClient(), "get", "/api/v1/cases/", None),  # DRF's not authenticated
    ]
    for client, method, url, data in requests:
        for language, in_chinese in (("zh-hans", True), ("en", False), ("en-US,en;q=0.9", False), ("", True)):
            extra = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
            response = getattr(client, method)(url, data, **({"format": "json"} if method != "get" else {}), **extra)
            assert response.status_code >= 400, (url, response.status_code)
            for message in _messages(response.json()):
                assert bool(CJK.search(message)) == in_chinese, (url, language, message)
