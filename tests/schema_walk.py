"""Walking the published API and the staff pages: what each path's ids name, plausible values from the schema, and
answers in a form two requests can be compared by (tests/test_doors.py, tests/api/test_ids_and_parameters.py)."""

from __future__ import annotations

import datetime
import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

# What the path segment before an id names. A path whose id follows another segment fails the walk until it is
# added here (the walk must know which table holds real ids).
NAMES = {
    "cases": "disputes.Case",
    "referrals": "disputes.Referral",
    "documents": "disputes.Document",
    "evidence": "disputes.Evidence",
    "registered": "disputes.Case",
    "reissue": "disputes.Case",
    "receipt": "disputes.Case",
    "split": "disputes.Case",
    "clocks": "deadlines.Clock",
    "recusals": "arbitration.RecusalRequest",
    "hearings": "hearings.Hearing",
    "joint-mediation": "mediation.JointMediationSession",
    "mediation-files": "mediation.MediationFile",
    "mediation-sessions": "mediation.MediationSession",
    "mediation-agreements": "mediation.MediationAgreement",
    "mediation-agreement-items": "mediation.MediationAgreementItem",
    "judicial-confirmations": "mediation.JudicialConfirmation",
    "payment-orders": "mediation.PaymentOrder",
    "consultations": "mediation.Consultation",
    "failed": "notifications.WorkerMessage",
    "exports": "reports.Export",
    "consultation-steps": "mediation.ConsultationCase",
    "steps": "mediation.ConsultationCase",
    "listings": "compliance.BlacklistListing",
    "plans": "sampling.DrawPlan",
    "draws": "sampling.Draw",
    "inspections": "sampling.DrawnInspection",
    "publications": "compliance.Publication",
    "published": "compliance.Publication",
    "publication-entries": "compliance.PublicationEntry",
    "entries": "compliance.PublicationEntry",
    "warnings": "compliance.EarlyWarning",
    "interviews": "compliance.EmployerInterview",
    "follow-ups": "compliance.EmployerInterview",
    "employers": "disputes.Employer",
}


# Values of the pages' other path parameters.
WORDS = {"decision": ["accept", "decline", "withdraw"], "credit_code": ["91370700MA3C4X0X1X"]}


MISSING = 2**62  # in range, and no table holds that many rows


def sample_value(schema: dict, components: dict, name: str = ""):
    """A plausible value for a schema: what a client written from the schema alone would send."""
    if "$ref" in schema:
        return sample_value(components[schema["$ref"].rsplit("/", 1)[1]], components, name)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            return sample_value(schema[key][0], components, name)
    if "enum" in schema:
        return next((v for v in schema["enum"] if v not in ("", None)), schema["enum"][0])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {key: sample_value(value, components, key) for key, value in schema.get("properties", {}).items()
                if not value.get("readOnly")}
    if kind == "array":
        return [sample_value(schema.get("items", {}), components, name) for _ in range(max(1, schema.get("minItems", 1)))]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date":
            return timezone.localdate().isoformat()
        if fmt == "date-time":
            return (timezone.now() + datetime.timedelta(days=10)).isoformat()
        if fmt == "decimal" or "pattern" in schema:
            return "100.00"
        return "x" * max(1, schema.get("minLength", 1))
    return "x"


def id_operations(schema: dict):
    """(method, path template, request body schema or None) of every operation with an id in its path."""
    for template, operations in schema["paths"].items():
        if "{" not in template:
            continue
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            yield method, template, body


def path_ids(template: str) -> list[tuple[str, str]]:
    """(parameter, the model it names) of a path template, from the segment before each parameter."""
    found = []
    for match in re.finditer(r"([^/]+)/\{(\w+)\}", template):
        segment, param = match.groups()
        assert segment in NAMES, f"{template}: what does the id after {segment!r} name? Add it to NAMES."
        found.append((param, NAMES[segment]))
    return found


def fill(template: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def api_answer(response) -> tuple:
    try:
        body = response.json()
    except (ValueError, TypeError):
        body = ("not json", response.get("Content-Type"))
    return response.status_code, body


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def page_routes(resolver=None, prefix=""):
    """Every staff page's route with an id in it (not the API's, not the admin's)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("api/", "admin/")):
                continue
            yield from page_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and "<" in route:
            yield route


def page_templates():
    """The routes as templates of path_ids's kind, one per value of a word parameter."""
    for route in page_routes():
        templates = [re.sub(r"<int:(\w+)>", r"{\1}", route)]
        for word, values in WORDS.items():
            if f"<str:{word}>" in route:
                templates = [t.replace(f"<str:{word}>", v) for t in templates for v in values]
        for template in templates:
            assert "<" not in template, f"{route}: give the walk values for its parameters (WORDS)"
            if "{" in template:
                yield "/" + template
