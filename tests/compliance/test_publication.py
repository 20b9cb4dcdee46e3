"""The publication of major violations (MOHRSS Order 29) from real decided cases: assembled for the quarter in
the body's jurisdiction, reviewed, approved, published on the public page, as PDF and Excel, and entered in the
employer's compliance file; never a worker's name, ID number or phone."""

import datetime
import io
import random
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from rest_framework.test import APIClient

from compliance import publication as pub
from compliance import publication_views
from compliance.publication_models import EntryDecision, Publication, PublicationEntry, PublicationState
from compliance.selectors import compliance_file
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.identifiers import make_id_number
from core.models import Role
from inspection.services import (
    compliance_record,
    correction_order_issue,
    employer_statement_record,
    penalty_decide,
    penalty_propose,
    statement_record,
)
from tests.conftest import make_staff
from tests.inspection.conftest import _penalty_rules, at, filed, fresh, offer_to_inspection, team  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
WORKER_ID = make_id_number(random.Random(29))
WORKER_PHONE = "13912345678"
WITNESS = "张三丰"
OTHER_ID = make_id_number(random.Random(30))


def v(case):
    return fresh(case).version


@pytest.fixture
def decided(filed, team):
    """Q2 2026 at the Weicheng team: a penalty after an order not complied with (case A, whose texts name the
    worker, a witness, ID numbers and phones) and an order complied with (case B); an order of Q3 (case C)."""
    a = filed(worker_name="王小明", id_number=WORKER_ID, worker_phone=WORKER_PHONE, employer_name="潍坊速达配送有限公司")
    b = filed(worker_name="赵小红", id_number=OTHER_ID, employer_name="潍坊安居家政服务有限公司", seed=2,
              employer_industry="domestic_services")
    c = filed(worker_name="钱小军", employer_name="潍坊九月物流有限公司", seed=3)
    lead, head = team["lead"], team["head"]
    with at("2026-06-03"):
        statement_record(case_id=a.pk, actor=lead, version=v(a), who="witness", name=WITNESS,
                         taken_on=D(2026, 6, 3), summary="证实欠薪")
        order = correction_order_issue(
            case_id=a.pk, actor=lead, version=v(a), due_on=D(2026, 6, 12),
            findings=f"拖欠王小明（身份证{WORKER_ID}，电话{WORKER_PHONE}）等3名骑手4-5月工资，证人{WITNESS}证实。",
            items=[{"kind": "wages", "amount": "25800.00", "workers": 3}])
        correction_order_issue(case_id=b.pk, actor=lead, version=v(b), due_on=D(2026, 6, 20),
                               findings="未为赵小红缴纳社会保险费（联系电话0536-8881234）。",
                               items=[{"kind": "social_insurance", "amount": "4200.00", "workers": 1}])
    with at("2026-06-15"):
        compliance_record(case_id=a.pk, actor=lead, version=v(a), amounts_paid={order.items.get().pk: "8600.00"},
                          workers_paid=1, complied=False)
        penalty_propose(case_id=a.pk, actor=lead, version=v(a), article="26", workers=2, amount="12900.00",
                        facts=f"逾期未支付17200元，王小明多次讨薪（{WORKER_PHONE}）")
        employer_statement_record(case_id=a.pk, actor=lead, version=v(a), kind="statement", summary="资金困难")
        penalty_decide(case_id=a.pk, actor=head, version=v(a))
    with at("2026-07-02"):
        correction_order_issue(case_id=c.pk, actor=lead, version=v(c), due_on=D(2026, 7, 20), findings="拖欠工资。",
                               items=[{"kind": "wages", "amount": "3000.00", "workers": 1}])
    return fresh(a), fresh(b), fresh(c)


def _assemble(team, **kw):
    with at("2026-07-10"):
        return pub.publication_assemble(actor=team["head"], year=2026, quarter=2, **kw)


def _review(entry, team, publication=None, **kw):
    version = Publication.objects.get(pk=entry.publication_id).version
    fields = {"employer_name": entry.employer_name, "address": entry.address, "facts": entry.facts,
              "handling": entry.handling, "legal_representative": "李某某",
              "category_id": entry.category_id, **kw}
    return pub.publication_entry_review(entry_id=entry.pk, actor=team["head"], version=version, **fields)


def _published(decided, team):
    a, b, _c = decided
    publication = _assemble(team)
    entry_a = publication.entries.get(case=a)
    _review(entry_a, team, decision=EntryDecision.INCLUDED)
    _review(publication.entries.get(case=b), team, decision=EntryDecision.EXCLUDED,
            exclusion_reason="补缴完毕，情节不属严重。")
    publication.refresh_from_db()
    publication = pub.publication_approve(publication_id=publication.pk, actor=team["head"], version=publication.version)
    with at("2026-07-15"):
        return pub.publication_publish(publication_id=publication.pk, actor=team["head"], version=publication.version)


PRIVATE = [WORKER_ID, OTHER_ID, WORKER_PHONE, "13800138000", "0536-8881234", "王小明", "赵小红", WITNESS]


def test_the_quarters_candidates_are_the_bodys_decided_cases_prefilled_without_personal_data(decided, team):
    a, b, c = decided
    publication = _assemble(team)
    entries = {e.case_id: e for e in publication.entries.select_related("category")}
    assert set(entries) == {a.pk, b.pk}  # case C's order is of Q3
    ea, eb = entries[a.pk], entries[b.pk]
    assert (ea.category.number, eb.category.number) == (1, 2)  # wages (penalty art 26); social insurance
    assert (ea.employer_name, ea.credit_code, ea.address) == (a.employer.name, a.employer.credit_code,
                                                             a.employer.address)
    assert ea.decided_on == D(2026, 6, 15) and ea.decision == EntryDecision.PENDING
    assert "25,800.00" in ea.facts and "王某" in ea.facts and "张某" in ea.facts
    assert "12,900.00" in ea.handling
    for text in (ea.facts, ea.handling, eb.facts, eb.handling):
        assert not [p for p in PRIVATE if p in text], text


def test_a_text_naming_a_worker_or_a_phone_is_refused_and_approval_waits_for_every_entry(decided, team):
    a, _b, _c = decided
    publication = _assemble(team)
    entry = publication.entries.get(case=a)
    with pytest.raises(ValidationFailed) as refused:
        _review(entry, team, decision=EntryDecision.INCLUDED, facts="拖欠王小明工资，电话13912345678。")
    assert set(refused.value.fields) == {"facts"}
    with pytest.raises(ValidationFailed) as refused:
        _review(entry, team, decision=EntryDecision.INCLUDED, legal_representative="")
    assert "legal_representative" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        _review(entry, team, decision=EntryDecision.EXCLUDED, exclusion_reason="")
    assert "exclusion_reason" in refused.value.fields
    assert PublicationEntry.objects.get(pk=entry.pk).decision == EntryDecision.PENDING

    _review(entry, team, decision=EntryDecision.INCLUDED)
    publication.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:  # case B is not reviewed yet
        pub.publication_approve(publication_id=publication.pk, actor=team["head"], version=publication.version)
    assert refused.value.code == "entries_not_ready"
    assert Publication.objects.get(pk=publication.pk).state == PublicationState.DRAFT


def test_a_stale_version_is_a_conflict_and_only_the_bodys_supervisor_acts(decided, team):
    publication = _assemble(team)
    entry = publication.entries.first()
    with pytest.raises(Conflict):
        pub.publication_entry_review(entry_id=entry.pk, actor=team["head"], version=publication.version - 1,
                                     decision=EntryDecision.EXCLUDED, exclusion_reason="x")
    with pytest.raises(PermissionDenied):
        pub.publication_approve(publication_id=publication.pk, actor=team["lead"], version=publication.version)
    with pytest.raises(PermissionDenied):
        with at("2026-07-10"):
            pub.publication_assemble(actor=team["lead"], year=2026, quarter=2)
    stranger_head = make_staff(team["stranger_org"], Role.SUPERVISOR, "qingzhou-head")
    with pytest.raises(NotFound):
        pub.publication_approve(publication_id=publication.pk, actor=stranger_head, version=publication.version)
    with at("2026-07-10"):  # the other team's quarter has none of Weicheng's cases
        assert pub.publication_assemble(actor=stranger_head, year=2026, quarter=2).entries.count() == 0
    with pytest.raises(ValidationFailed) as refused, at("2026-07-10"):
        pub.publication_assemble(actor=team["head"], year=2026, quarter=3)
    assert refused.value.code == "quarter_not_ended"


def test_published_entries_reach_the_public_page_pdf_excel_and_compliance_file_without_personal_data(
        client, decided, team):
    a, b, _c = decided
    publication = _published(decided, team)
    assert publication.state == PublicationState.PUBLISHED and publication.published_on == D(2026, 7, 15)

    index = client.get("/compliance/published/").content.decode()
    assert f"/compliance/published/{publication.pk}/" in index
    page = client.get(f"/compliance/published/{publication.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and a.employer.name in html and a.employer.credit_code in html
    assert "李某某" in html and b.employer.name not in html
    assert not [p for p in PRIVATE if p in html]

    pdf = client.get(f"/compliance/published/{publication.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert a.employer.credit_code in text and "潍坊速达配送" in text and b.employer.name not in text
    assert not [p for p in PRIVATE if p in text]
    assert b"FontFile2" in pdf.content  # the CJK font is embedded

    xlsx = client.get(f"/compliance/published/{publication.pk}/xlsx/")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    cells = " ".join(str(c) for row in rows for c in row if c is not None)
    assert rows[3][1] == a.employer.name and rows[3][2] == a.employer.credit_code and len(rows) == 4
    assert not [p for p in PRIVATE if p in cells]

    with at("2026-07-16"):
        found = compliance_file(a.employer.credit_code, today=D(2026, 7, 16))
    published = [r for r in found.records if r.kind == "published"]
    assert len(published) == 1 and published[0].on == D(2026, 7, 15) and published[0].case_id == a.pk
    assert not [r for r in compliance_file(b.employer.credit_code, today=D(2026, 7, 16)).records
                if r.kind == "published"]


def test_a_list_not_published_is_not_public_and_frozen_once_approved(client, decided, team):
    publication = _assemble(team)
    assert client.get(f"/compliance/published/{publication.pk}/").status_code == 404
    assert client.get(f"/compliance/published/{publication.pk}/pdf/").status_code == 404
    for entry in publication.entries.all():
        _review(entry, team, decision=EntryDecision.EXCLUDED, exclusion_reason="情节不属严重。")
    publication.refresh_from_db()
    approved = pub.publication_approve(publication_id=publication.pk, actor=team["head"], version=publication.version)
    with pytest.raises(Conflict):
        _review(publication.entries.first(), team, decision=EntryDecision.INCLUDED)
    with pytest.raises(Conflict) as refused, at("2026-07-11"):
        pub.publication_assemble(actor=team["head"], year=2026, quarter=2)
    assert refused.value.code == "publication_frozen"
    assert client.get(f"/compliance/published/{approved.pk}/").status_code == 404


def test_the_public_page_costs_the_same_queries_for_one_entry_or_two_and_is_limited(client, decided, team,
                                                                                     monkeypatch):
    publication = _published(decided, team)
    url = f"/compliance/published/{publication.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    PublicationEntry.objects.filter(publication=publication).update(decision=EntryDecision.INCLUDED)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).content.decode().count('class="card public-entry"') == 2
    assert len(two) == len(one)

    monkeypatch.setattr(publication_views, "PUBLIC_RATE", "2/m")
    client.get("/compliance/published/")
    answers = [client.get("/compliance/published/").status_code for _ in range(3)]
    assert answers[-1] == 429


def test_the_supervisor_reviews_approves_and_publishes_on_the_pages(client, decided, team):
    a, b, _c = decided
    client.force_login(team["head"])
    with at("2026-07-10"):
        r = client.post("/compliance/publications/", {"year": 2026, "quarter": 2})
    publication = Publication.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/compliance/publications/{publication.pk}/"
    page = client.get(r["Location"]).content.decode()
    entry_a, entry_b = publication.entries.get(case=a), publication.entries.get(case=b)
    assert f'id="entry{entry_a.pk}-form"' in page and "approve-form" in page

    # Refused (a phone in the facts): what was typed comes back with the error.
    form = {"version": publication.version, "decision": "included", "category": entry_a.category_id,
            "employer_name": entry_a.employer_name, "address": entry_a.address, "legal_representative": "李某某",
            "facts": "欠薪，联系13912345678", "handling": entry_a.handling}
    page = client.post(f"/compliance/publications/entries/{entry_a.pk}/", form, follow=True).content.decode()
    assert "欠薪，联系13912345678" in page
    assert PublicationEntry.objects.get(pk=entry_a.pk).decision == EntryDecision.PENDING
    client.post(f"/compliance/publications/entries/{entry_a.pk}/", {**form, "facts": entry_a.facts})
    client.post(f"/compliance/publications/entries/{entry_b.pk}/", {
        "version": Publication.objects.get().version, "decision": "excluded", "exclusion_reason": "已补缴。"})
    assert set(publication.entries.values_list("decision", flat=True)) == {"included", "excluded"}
    client.post(f"/compliance/publications/{publication.pk}/approve/", {"version": Publication.objects.get().version})
    assert Publication.objects.get().state == PublicationState.APPROVED
    client.post(f"/compliance/publications/{publication.pk}/publish/", {"version": Publication.objects.get().version})
    assert Publication.objects.get().state == PublicationState.PUBLISHED
    listing_page = client.get("/compliance/publications/").content.decode()
    assert 'id="nav-publications"' in listing_page and 'id="nav-listings"' in listing_page

    client.force_login(team["clerk"])  # a clerk of the team has no use for it, nor a link to it
    assert client.get("/compliance/publications/").status_code == 403
    queue = client.get("/").content.decode()
    assert 'id="nav-listings"' not in queue and 'id="nav-publications"' not in queue
    client.force_login(team["stranger"])  # another body's inspector: not its list
    assert client.get(f"/compliance/publications/{publication.pk}/").status_code == 404


def test_the_api_walks_a_list_from_assembly_to_publication(decided, team):
    a, b, _c = decided
    api = APIClient()
    api.force_authenticate(team["head"])
    with at("2026-07-10"):
        r = api.post("/api/v1/publications/", {"year": 2026, "quarter": 2}, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    pk, version = body["id"], body["version"]
    entries = {e["case"]: e for e in body["entries"]}
    assert set(entries) == {a.pk, b.pk} and not [p for p in PRIVATE if p in r.content.decode()]

    r = api.post(f"/api/v1/publication-entries/{entries[a.pk]['id']}/review/", {
        "decision": "included", "category": entries[a.pk]["category"]["id"], "employer_name": a.employer.name,
        "address": a.employer.address, "legal_representative": "李某某", "facts": entries[a.pk]["facts"],
        "handling": entries[a.pk]["handling"], "version": version}, format="json")
    assert r.status_code == 200, r.json()
    version = r.json()["version"]
    r = api.post(f"/api/v1/publication-entries/{entries[b.pk]['id']}/review/",
                 {"decision": "excluded", "exclusion_reason": "已补缴。", "version": version - 1}, format="json")
    assert r.status_code == 409
    r = api.post(f"/api/v1/publication-entries/{entries[b.pk]['id']}/review/",
                 {"decision": "excluded", "exclusion_reason": "已补缴。", "version": version}, format="json")
    version = r.json()["version"]
    r = api.post(f"/api/v1/publications/{pk}/approve/", {"version": version}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "approved"
    r = api.post(f"/api/v1/publications/{pk}/publish/", {"version": r.json()["version"]}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "published"
    assert api.get("/api/v1/publications/").json()[0]["state"] == "published"
    assert api.get(f"/api/v1/publications/{pk}/").status_code == 200

    stranger = APIClient()
    stranger.force_authenticate(team["stranger"])
    assert stranger.get(f"/api/v1/publications/{pk}/").status_code == 404
    assert stranger.post(f"/api/v1/publications/{pk}/approve/", {"version": 1}, format="json").status_code == 404


def test_the_review_page_costs_the_same_queries_for_one_entry_or_two(client, decided, team):
    publication = _assemble(team)
    client.force_login(team["head"])
    url = f"/compliance/publications/{publication.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).content.decode().count('class="card entry"') == 2
    publication.entries.filter(case=decided[1]).delete()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).content.decode().count('class="card entry"') == 1
    assert len(one) == len(two)
