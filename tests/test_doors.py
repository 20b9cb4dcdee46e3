"""An outsider cannot tell a real id from a missing one.

Every operation of the published API (/api/schema/) and every staff page that takes an id in its path is
called by staff of organisations that take no part in anything (one per role), with real ids of every kind
of record and with missing ones, with the bodies a client would send (none, a plausible one with a stale
version, the same with the current version): the status and the body must be the same for both ids."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.utils import timezone

from core.models import Division, Organization, OrgKind, Role
from tests.conftest import ensure_reference_data, make_staff
from tests.schema_walk import (
    MISSING,
    NAMES,
    api_answer,
    api_client,
    fill,
    id_operations,
    page_templates,
    path_ids,
    sample_value,
)

OUTSIDER_ROLES = {
    Role.CLERK: OrgKind.RIGHTS_CENTRE,
    Role.SUPERVISOR: OrgKind.RIGHTS_CENTRE,
    Role.INSPECTOR: OrgKind.INSPECTION,
    Role.ARBITRATOR: OrgKind.ARBITRATION,
    Role.MEDIATOR: OrgKind.MEDIATION,
    Role.LEGAL_AID: OrgKind.LEGAL_AID,
    # Another county's market-regulation bureau (compliance.departments).
    Role.DEPARTMENT_OFFICER: OrgKind.INDUSTRY_DEPARTMENT,
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
        RecusalRequest.objects.create(member=member, ground="close_relative", requested_by_party="applicant",
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
    from notifications.models import WorkerMessage

    if not WorkerMessage.objects.exists():
        WorkerMessage.objects.create(case=case, event=case.events.first(), channel="sms", recipient="13800138000",
                                     template_key="registered", state="failed", next_attempt_at=timezone.now())
    from reports.models import Export

    if not Export.objects.exists():
        Export.objects.create(requested_by=someone, label="2026", format="xlsx")
    from compliance.models import BlacklistListing

    if not BlacklistListing.objects.exists():
        BlacklistListing.objects.create(case=case, employer=case.employer, ground="criminal_threshold",
                                        payment_order_due_on=timezone.localdate(), reason="x", proposed_by=someone)
    from sampling.models import Draw, DrawnInspection, DrawPlan

    if not DrawnInspection.objects.exists():  # the demo may have drawn none
        team = Organization.objects.filter(kind=OrgKind.INSPECTION).first()
        plan = DrawPlan.objects.create(organization=team, name="抽查", year=2026, share_percent=Decimal("5.00"),
                                       policy_source="x", created_by=someone)
        draw = Draw.objects.create(plan=plan, organization=team, drawn_on=timezone.localdate(), drawn_by=someone,
                                   algorithm="owdraw-1", seed="0" * 64, record={}, record_digest="0" * 64, result=[],
                                   result_digest="0" * 64)
        DrawnInspection.objects.create(draw=draw, position=1, employer=case.employer)
    from compliance.models import Publication, PublicationEntry

    if not PublicationEntry.objects.exists():  # a list being reviewed: not public, its body's only
        inspection = Organization.objects.filter(kind=OrgKind.INSPECTION).first()
        # The demo's own draft (the last ended quarter) has no entry: another quarter's list.
        publication, _ = Publication.objects.get_or_create(organization=inspection, year=2025, quarter=1,
                                                           defaults={"assembled_by": someone})
        PublicationEntry.objects.create(publication=publication, case=case, employer=case.employer,
                                        decided_on=timezone.localdate(), employer_name="x", credit_code="x",
                                        address="x", facts="x", handling="x")
    from compliance.models import EarlyWarning, WarningRule

    if not EarlyWarning.objects.exists():
        team = Organization.objects.filter(kind=OrgKind.INSPECTION, division__isnull=False).first()
        EarlyWarning.objects.create(rule=WarningRule.objects.first(), subject="employer", employer=case.employer,
                                    subject_key=f"employer:{case.employer_id}", organization=team,
                                    division=team.division, period_start=timezone.localdate().replace(day=1),
                                    complaints=3)
    from compliance.models import EmployerInterview

    if not EmployerInterview.objects.exists():
        EmployerInterview.objects.create(
            employer=case.employer, organization=Organization.objects.filter(kind=OrgKind.INSPECTION).first(),
            kind="interview", held_on=timezone.localdate(), attendees="x", matters="x", outcome="x",
            follow_up_on=timezone.localdate(), recorded_by=someone)
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
            # Organisations without a division are left out of the NOT IN: one NULL there matches no division at all.
            division = Division.objects.exclude(
                pk__in=Organization.objects.filter(division__isnull=False).values("division")
            ).filter(code__startswith="37").first()
            assert division is not None
            outsiders = {}
            for role, kind in OUTSIDER_ROLES.items():
                # A department's jurisdiction is its division (none: the whole city, where it would rightly read
                # the city's warnings): 临朐县, where the demo has no organisation and no complaint.
                where = Division.objects.get(code="370724") if kind == OrgKind.INDUSTRY_DEPARTMENT else division
                org = Organization.objects.create(name=f"外地{kind}{role}", kind=kind, division=where,
                                                  phone="0536-7654321")
                outsiders[role] = make_staff(org, role, f"outsider_{role}")
                if kind == OrgKind.INDUSTRY_DEPARTMENT:
                    from compliance.models import IndustryDepartment

                    IndustryDepartment.objects.create(organization=org, department="market_regulation")
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
        chosen[label] = ids[:3]
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


def _real_combinations(params, real):
    """Real ids for the parameters: each real id of the first kind, the others' first real id."""
    (first, label), *rest = params
    for pk in real[label]:
        yield {first: pk, **{p: real[lbl][0] for p, lbl in rest}}, label, pk


def _bodies(body_schema, components, version: int, *, empty: bool):
    """What a client sends: a plausible body with the current version (the answer may depend on the role), and,
    once (`empty`), no body and the same with a stale version (a version is compared before the role)."""
    if body_schema is None:
        return [None]
    sample = sample_value(body_schema, components)
    return [{}, {**sample, "version": 1}] * empty + [{**sample, "version": version}]


@pytest.mark.django_db
def test_no_api_operation_tells_an_outsider_a_real_id_from_a_missing_one(world):
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    operations = list(id_operations(schema))
    assert len(operations) > 60  # the walk walks the API, not an empty schema
    differences = []
    for role, user in world["outsiders"].items():
        client = api_client(user)
        for method, template, body_schema in operations:
            params = path_ids(template)
            missing_url = fill(template, {p: MISSING for p, _ in params})
            # The clerk tries real ids in several states of the kind and every body; the other roles one id.
            combos = list(_real_combinations(params, world["real"]))
            for values, label, pk in combos if role == Role.CLERK else combos[:1]:
                for body in _bodies(body_schema, components, _case_version(label, pk), empty=role == Role.CLERK):
                    call = getattr(client, method)
                    real = api_answer(call(fill(template, values), body, format="json"))
                    missing = api_answer(call(missing_url, body, format="json"))
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


# A form a page's write would read: the common fields filled, so that a service is reached, not refused first.
FORM = {"action": "close", "reason": "x", "text": "x", "note": "x", "code": "out_of_scope", "purpose": "inspection",
        "to_org": "1", "outcome": "resolved_other", "minutes_summary": "x"}


def _page_answer(response, pk_values) -> tuple:
    location = response.get("Location", "")
    for value in pk_values:
        location = location.replace(f"/{value}/", "/{id}/")
    content = response.content if response.status_code != 302 and not response.streaming else b""
    return response.status_code, location, content


@pytest.mark.django_db
def test_no_page_tells_an_outsider_a_real_id_from_a_missing_one(world):
    templates = list(page_templates())
    assert len(templates) > 40
    differences = []
    for role, user in world["outsiders"].items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for template in templates:
            params = path_ids(template)
            missing_values = {p: MISSING for p, _ in params}
            combos = list(_real_combinations(params, world["real"]))
            for values, label, pk in combos if role == Role.CLERK else combos[:1]:
                current = ("post", {**FORM, "version": _case_version(label, pk)})
                requests = [("get", None), ("post", {}), ("post", {**FORM, "version": 1}), current] if role == Role.CLERK \
                    else [current]
                for method, body in requests:
                    call = getattr(client, method)
                    real = _page_answer(call(fill(template, values), body or {}), values.values())
                    missing = _page_answer(call(fill(template, missing_values), body or {}), missing_values.values())
                    if real != missing:
                        differences.append((role, method.upper(), template, label, pk, body,
                                            real[:2], missing[:2]))
    assert not differences, _report(differences)
