"""Every answer the API gives in a test is checked against the published schema (/api/schema/): the status is
one the operation documents, the content type one it documents for that status, and a JSON body matches the
documented schema (OpenAPI 3.0: nullable, enums, required properties). tests/conftest.py applies it to every
APIClient request under /api/v1/, so the suite's real requests, made as the roles that may make them, are the
check; the operations that answered with a success are counted for the run's summary."""

from __future__ import annotations

import json
import re
from functools import cache

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30ReadValidator

API_PREFIX = "/api/v1/"
# Operations that answered 2xx (validated) in this run, as "METHOD /path/{id}/".
succeeded: set[str] = set()


@cache
def published_schema() -> dict:
    """The schema as /api/schema/ serves it, as plain JSON."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


@cache
def _components() -> dict:
    return _null_beside_composition(published_schema()["components"])


def _null_beside_composition(node):
    """`nullable` next to allOf/oneOf (how drf-spectacular marks a nullable reference) allows null, as
    schemathesis and generated clients read it; a strict OpenAPI 3.0 validator would test null against the
    referenced schema only."""
    if isinstance(node, list):
        return [_null_beside_composition(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _null_beside_composition(value) for key, value in node.items()}
    if node.get("nullable") and ({"allOf", "oneOf", "anyOf", "$ref"} & set(node)):
        rest = {key: value for key, value in node.items() if key != "nullable"}
        return {"anyOf": [{"enum": [None]}, rest]}
    return node


@cache
def _routes() -> list[tuple[re.Pattern, str]]:
    routes = []
    # Literal paths before templated ones: /cases/search/ is its own operation, not /cases/{id}/.
    for template in sorted(published_schema()["paths"], key=lambda t: (t.count("{"), t)):
        pattern = re.escape(template)
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", pattern)
        routes.append((re.compile(f"^{pattern}$"), template))
    return routes


def operations() -> set[str]:
    return {f"{m.upper()} {p}" for p, ops in published_schema()["paths"].items() for m in ops}


def check(method: str, path: str, response) -> None:
    """Fail (AssertionError) when the answer is not what the schema documents for the operation."""
    if not path.startswith(API_PREFIX):
        return
    template = next((t for pattern, t in _routes() if pattern.match(path)), None)
    operation = published_schema()["paths"].get(template, {}).get(method.lower()) if template else None
    if operation is None:
        return  # not an operation of the API (a method it does not offer, a path it does not have)
    name = f"{method.upper()} {template}"
    status = str(response.status_code)
    documented = operation["responses"].get(status) or operation["responses"].get("default")
    assert documented is not None, f"{name} answered {status}, which its schema does not document"
    content = documented.get("content", {})
    media_type = (response.get("Content-Type") or "").split(";")[0].strip()
    if not content:
        assert not _body(response), f"{name} {status}: a body where the schema documents none"
        return
    assert media_type in content, f"{name} {status}: {media_type!r} is not among {sorted(content)}"
    if media_type == "application/json":
        body_schema = dict(_null_beside_composition(content[media_type].get("schema", {})))
        body_schema["components"] = _components()
        try:
            OAS30ReadValidator(body_schema).validate(json.loads(_body(response)))
        except ValidationError as exc:
            where = "/".join(str(p) for p in exc.absolute_path)
            raise AssertionError(f"{name} {status}: the body breaks its schema at {where!r}: {exc.message}") from None
    if 200 <= response.status_code < 300:
        succeeded.add(name)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        # Read it for the check and give the test the same bytes back.
        data = b"".join(response.streaming_content)
        response.streaming_content = [data]
        return data
    return response.content
