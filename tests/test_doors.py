"""An outsider cannot tell a real id from a missing one.

Every operation of the published API (/api/schema/) and every staff page that takes an id in its path is
called by staff of organisations that take no part in anything (one per role), with real ids of every kind
of record and with missing ones, with the bodies a client would send (none, a plausible one with a stale
version, the same with the current version): the status and the body must be the same for both ids."""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Division, Organization, OrgKind, Role
from tests.conftest import ensure_reference_data, make_staff

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
}
# Values of the pages' other path parameters.
WORDS = {"decision": ["accept", "decline", "withdraw"]}
MISSING = 2**62  # in range, and no table holds that many rows
OUTSIDER_ROLES = {
    Role.CLERK: OrgKind.RIGHTS_CENTRE,
    Role.SUPERVISOR: OrgKind.RIGHTS_CENTRE,
    Role.INSPECTOR: OrgKind.INSPECTION,
    Role.ARBITRATOR: OrgKind.ARBITRATION,
    Role.MEDIATOR: OrgKind.MEDIATION,
    Role.LEGAL_AID: OrgKind.LEGAL_AID,
}


def _create_rare_records(users):
    """Rows of the kinds the demo does not make: written directly, only their ids matter to an outsider."""
    from arbitration.models import RecusalRequest, TribunalMember
    from disputes.models import Case, Evidence
    from mediation.court_models import (
        Consultation,
        ConsultationCase,
        ConsultationParticipant,
        MediationAgreement,
        PaymentOrder,
    )

    someone = users[0]
    member = TribunalMember.objects.filter(removed_at__isnull=True).first()
    if member and not RecusalRequest.objects.exists():
        RecusalRequest.objects.create(member=member, ground="party_relative", requested_by_party="applicant",
                                      recorded_by=someone)
    agreement = MediationAgreement.objects.first()
    court = Organization.objects.filter(kind=OrgKind.COURT).first()
    if agreement and not PaymentOrder.objects.exists():
        PaymentOrder.objects.create(agreement=agreement, court=court, applied_on=timezone.localdate(),
                                    amount=Decimal("100.00"), recorded_by=someone)
    case = Case.objects.first()
    if not Consultation.objects.exists():
        consultation = Consultation.objects.create(
            title="会商", agenda="议题", convened_by=someone, convener_org=someone.staff.organization,
            held_at=timezone.now(), place="会议室",
        )
        ConsultationParticipant.objects.create(consultation=consultation, user=someone,
                                               organization=someone.staff.organization)
        ConsultationCase.objects.create(consultation=consultation, case=case)
    if not Evidence.objects.exists():
        Evidence.objects.create(case=case, file="evidence/x.pdf", original_name="x.pdf", content_type="application/pdf",
                                size=1, sha256="0" * 64, uploaded_by=someone)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo's cases in every stage, every kind of record, and one outsider per role (a new organisation of
    another county that takes part in nothing). Built once for the module, rolled back after it."""
    from demo.data import seed_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            seed_demo(cases=40, seed=7)
            from django.contrib.auth import get_user_model

            _create_rare_records(list(get_user_model().objects.filter(staff__isnull=False).order_by("pk")[:1]))
            division = Division.objects.exclude(
                pk__in=Organization.objects.values("division")).filter(code__startswith="37").first()
            outsiders = {}
            for role, kind in OUTSIDER_ROLES.items():
                org = Organization.objects.create(name=f"外地{kind}{role}", kind=kind, division=division,
                                                  phone="0536-7654321")
                outsiders[role] = make_staff(org, role, f"outsider_{role}")
            yield {"outsiders": outsiders, "real": _real_ids()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _real_ids() -> dict[str, list[int]]:
    """For each kind, a few real ids, in different states where the kind has states."""
    chosen = {}
    for label in set(NAMES.values()):
        model = apps.get_model(label)
        field = next((f for f in ("status", "state", "purpose") if f in {x.name for x in model._meta.fields}), None)
        ids: list[int] = []
        if field:
            seen = set()
            for pk, value in model.objects.order_by("pk").values_list("pk", field):
                if value not in seen:
                    seen.add(value)
                    ids.append(pk)
        else:
            ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[:1])
        assert ids, f"no {label} to walk with"
        chosen[label] = ids[:4]
    return chosen


def _case_version(label: str, pk: int) -> int:
    """The version a client of the record would send: its case's."""
    obj = apps.get_model(label).objects.get(pk=pk)
    for path in ("", "case", "file__case", "agreement__file__case", "member__file__case", "cases__first__case"):
        try:
            found = obj
            for part in filter(None, path.split("__")):
                found = found.all().first() if part == "first" else getattr(found, part)
            return found.version
        except AttributeError:
            continue
    return 1


# --- the API ---------------------------------------------------------------------------------------------


def _sample(schema: dict, components: dict, name: str = ""):
    """A plausible value for a schema: what a client written from the schema alone would send."""
    if "$ref" in schema:
        return _sample(components[schema["$ref"].rsplit("/", 1)[1]], components, name)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            return _sample(schema[key][0], components, name)
    if "enum" in schema:
        return next((v for v in schema["enum"] if v not in ("", None)), schema["enum"][0])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {key: _sample(value, components, key) for key, value in schema.get("properties", {}).items()
                if not value.get("readOnly")}
    if kind == "array":
        return [_sample(schema.get("items", {}), components, name) for _ in range(max(1, schema.get("minItems", 1)))]
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


def _operations(schema: dict):
    """(method, path template, request body schema or None) of every operation with an id in its path."""
    for template, operations in schema["paths"].items():
        if "{" not in template:
            continue
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            yield method, template, body


def _params(template: str) -> list[tuple[str, str]]:
    """(parameter, the model it names) of a path template, from the segment before each parameter."""
    found = []
    for match in re.finditer(r"([^/]+)/\{(\w+)\}", template):
        segment, param = match.groups()
        assert segment in NAMES, f"{template}: what does the id after {segment!r} name? Add it to NAMES."
        found.append((param, NAMES[segment]))
    return found


def _fill(template: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def _real_combinations(params, real):
    """Real ids for the parameters: each real id of the first kind, the others' first real id."""
    (first, label), *rest = params
    for pk in real[label]:
        yield {first: pk, **{p: real[lbl][0] for p, lbl in rest}}, label, pk


def _api_answer(response) -> tuple:
    try:
        body = response.json()
    except (ValueError, TypeError):
        body = ("not json", response.get("Content-Type"))
    return response.status_code, body


def _api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def _bodies(body_schema, components, version: int, *, empty: bool):
    """What a client sends: a plausible body with a stale version and with the current one (and none at all)."""
    if body_schema is None:
        return [None]
    sample = _sample(body_schema, components)
    return [{}] * empty + [{**sample, "version": 1}, {**sample, "version": version}]


@pytest.mark.django_db
def test_no_api_operation_tells_an_outsider_a_real_id_from_a_missing_one(world):
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    operations = list(_operations(schema))
    assert len(operations) > 60  # the walk walks the API, not an empty schema
    differences = []
    for role, user in world["outsiders"].items():
        client = _api_client(user)
        for method, template, body_schema in operations:
            params = _params(template)
            missing_url = _fill(template, {p: MISSING for p, _ in params})
            # The clerk tries real ids in every state of the kind, and no body; the other roles one id.
            combos = list(_real_combinations(params, world["real"]))
            for values, label, pk in combos if role == Role.CLERK else combos[:1]:
                for body in _bodies(body_schema, components, _case_version(label, pk), empty=role == Role.CLERK):
                    call = getattr(client, method)
                    real = _api_answer(call(_fill(template, values), body, format="json"))
                    missing = _api_answer(call(missing_url, body, format="json"))
                    if real != missing:
                        differences.append((role, method.upper(), template, label, pk, body, real, missing))
    assert not differences, _report(differences)


def _report(differences) -> str:
    by_operation = defaultdict(list)
    for role, method, template, label, pk, body, real, missing in differences:
        by_operation[(method, template)].append((role, label, pk, body, real, missing))
    lines = [f"{len(by_operation)} operations answer an outsider differently for a real and a missing id:"]
    for (method, template), cases in sorted(by_operation.items()):
        role, label, pk, body, real, missing = cases[0]
        lines.append(f"  {method} {template} as {role}, {label} {pk}, body {json.dumps(body, ensure_ascii=False)[:80]}:"
                     f" real {str(real)[:160]} / missing {str(missing)[:160]}")
    return "\n".join(lines)


# --- the pages -------------------------------------------------------------------------------------------


def _page_routes(resolver=None, prefix=""):
    """Every staff page's route with an id in it (not the API's, not the admin's)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("api/", "admin/")):
                continue
            yield from _page_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and "<" in route:
            yield route


def _page_templates():
    """The routes as templates of _params's kind, one per value of a word parameter."""
    for route in _page_routes():
        templates = [re.sub(r"<int:(\w+)>", r"{\1}", route)]
        for word, values in WORDS.items():
            if f"<str:{word}>" in route:
                templates = [t.replace(f"<str:{word}>", v) for t in templates for v in values]
        for template in templates:
            assert "<" not in template, f"{route}: give the walk values for its parameters (WORDS)"
            yield "/" + template


def _page_answer(response, pk_values) -> tuple:
    location = response.get("Location", "")
    for value in pk_values:
        location = location.replace(f"/{value}/", "/{id}/")
    content = response.content if response.status_code != 302 and not response.streaming else b""
    return response.status_code, location, content


@pytest.mark.django_db
def test_no_page_tells_an_outsider_a_real_id_from_a_missing_one(world):
    templates = list(_page_templates())
    assert len(templates) > 40
    differences = []
    for role, user in world["outsiders"].items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for template in templates:
            params = _params(template)
            missing_values = {p: MISSING for p, _ in params}
            combos = list(_real_combinations(params, world["real"]))
            for values, label, pk in combos if role == Role.CLERK else combos[:1]:
                version = _case_version(label, pk)
                for method, body in (("get", None), ("post", {"version": 1}),
                                     ("post", {"version": version, "action": "close", "reason": "x"})):
                    call = getattr(client, method)
                    real = _page_answer(call(_fill(template, values), body or {}), values.values())
                    missing = _page_answer(call(_fill(template, missing_values), body or {}), missing_values.values())
                    if real != missing:
                        differences.append((role, method.upper(), template, label, pk, body,
                                            real[:2], missing[:2]))
    assert not differences, _report(differences)


# --- ids that cannot exist, and malformed query parameters ---------------------------------------------------

CANNOT_EXIST = ["abc", "-1", "1.5", "0x10", str(2**63), "99999999999999999999"]


@pytest.mark.django_db
def test_an_id_that_cannot_exist_is_the_missing_id_answer_on_every_api_operation(people):
    """Not a whole number, negative, beyond bigint: the same JSON 404 as a missing id, never Django's HTML page or a
    500 from the database refusing the number."""
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    client = _api_client(people["clerk"])
    for method, template, body_schema in _operations(schema):
        body = None if body_schema is None else {"version": 1}
        call = getattr(client, method)
        missing = _api_answer(call(_fill(template, {p: MISSING for p, _ in _params(template)}), body, format="json"))
        assert missing[0] == 404, (method, template, missing)
        for bad in CANNOT_EXIST:
            answer = _api_answer(call(_fill(template, {p: bad for p, _ in _params(template)}), body, format="json"))
            assert answer == missing, (method, template, bad, answer, missing)


@pytest.mark.django_db
def test_an_id_that_cannot_exist_is_a_404_on_every_page(people):
    client = Client(raise_request_exception=False)
    client.force_login(people["clerk"])
    for template in _page_templates():
        for method in ("get", "post"):
            call = getattr(client, method)
            missing = call(_fill(template, {p: MISSING for p, _ in _params(template)})).status_code
            for bad in CANNOT_EXIST:
                status = call(_fill(template, {p: bad for p, _ in _params(template)})).status_code
                # A page that takes no GET may say so (405) for an id in range, as it does for any id.
                assert status == 404 or status == missing == 405, (method, template, bad, status)


def _lists(schema):
    """(path, its query parameters) of every list: a GET without an id in its path that takes parameters."""
    for template, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation and "{" not in template:
            yield template, {p["name"]: p.get("schema", {}) for p in operation.get("parameters", []) if p["in"] == "query"}


MALFORMED = {"cursor": ["abc", "", "%%%", "ZD1hJmM9MiZ0PXgmaT15"], "page_size": ["abc", "0", "-3", "1.5"],
             "format": ["xml", "abc"]}


@pytest.mark.django_db
def test_every_list_answers_a_malformed_query_parameter_with_400_and_the_error_body(people):
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    lists = dict(_lists(schema))
    assert "/api/v1/cases/" in lists and "/api/v1/referrals/incoming/" in lists
    client = _api_client(people["supervisor"])
    for path, params in lists.items():
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
                response = client.get(path, {name: value})
                assert response.status_code == 400, (path, name, value, response.status_code)
                error = response.json()["error"]
                assert error["code"] == "invalid" and name in error["fields"], (path, name, value, error)


@pytest.mark.django_db
def test_a_page_size_above_the_largest_gets_the_largest_page(people, register):
    for _ in range(3):
        register()
    client = _api_client(people["clerk"])
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


@pytest.mark.django_db
def test_every_message_of_an_error_is_in_the_language_the_client_asked_for(people, case):
    """The API's own messages, the services' and DRF's alike: Chinese by default, English when asked."""
    token = _api_client(people["clerk"])
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
