"""A draw's inspections become inspection cases without a complainant: opened once, handled by the inspectors
drawn, carried through the inspection track, each ending giving the draw its published result; and every page,
answer and document of the case file that would name the worker copes with a case that has none."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role
from disputes.choices import CaseState, Channel
from disputes.collective import collective_link
from disputes.models import Case, CaseEvent, Document
from disputes.services import referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.services import correction_order_issue, inspection_close, visit_record
from intake.models import PendingReceipt
from intake.services import case_reissue_query_code
from notifications.models import WorkerMessage
from sampling import cases, services
from sampling.models import Draw, DrawnInspection, Result
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

NO_COMPLAINANT = "无投诉人（主动检查）"


@pytest.fixture
def drawn(make_plan, boss, employers, team, items, orgs):
    """A draw of three employers under a plan of two inspection items, its cases opened by the supervisor."""
    ensure_default_number_patterns(orgs["inspection"])
    plan = make_plan(item_ids=[items[0].pk, items[1].pk])
    draw = services.draw_run(actor=boss, plan_id=plan.pk)
    cases.open_inspection_cases(actor=boss, draw_id=draw.pk, version=draw.version)
    return Draw.objects.get(pk=draw.pk)


def _rows(draw):
    return list(DrawnInspection.objects.filter(draw=draw).select_related("opened_case", "employer")
                .prefetch_related("team").order_by("position"))


def _fresh(case):
    return Case.objects.get(pk=case.pk)


def test_each_drawn_employer_gets_one_case_without_a_complainant_handled_by_its_drawn_inspectors(drawn, items):
    rows = _rows(drawn)
    assert len(rows) == 3 and all(r.opened_case_id for r in rows)
    for row in rows:
        case = row.opened_case
        team = [t.inspector_id for t in sorted(row.team.all(), key=lambda t: t.position)]
        assert case.worker_id is None and case.violation_started_on is None and case.query_code_hash == ""
        assert case.channel == Channel.OWN_INITIATIVE and case.status == CaseState.INSPECTION
        assert case.employer_id == row.employer_id and row.case_id == case.pk
        assert case.owner_org_id == case.first_handler_org_id == drawn.organization_id
        assert case.owner_user_id == case.first_handler_id == team[0]
        # The plan's items and the drawn pair travel with the case.
        assert items[0].name in case.facts and items[1].name in case.facts and items[0].basis in case.facts
        opened = CaseEvent.objects.get(case=case, action="opened_own_initiative")
        assert opened.payload["drawn_inspection"] == row.pk and opened.payload["inspectors"] == team
    # No receipt, no query code, no message to anyone.
    case_ids = [r.opened_case_id for r in rows]
    assert not PendingReceipt.objects.filter(case_id__in=case_ids).exists()
    assert not WorkerMessage.objects.filter(case_id__in=case_ids).exists()


def test_opening_again_opens_nothing_and_a_stale_version_is_a_conflict(drawn, boss):
    before = Case.objects.count()
    with pytest.raises(Conflict):
        cases.open_inspection_cases(actor=boss, draw_id=drawn.pk, version=drawn.version - 1)
    with pytest.raises(TransitionRefused) as refused:
        cases.open_inspection_cases(actor=boss, draw_id=drawn.pk, version=drawn.version)
    assert refused.value.code == "cases_open"
    assert Case.objects.count() == before
    # The database holds it too: one drawn inspection per case.
    first, second = _rows(drawn)[:2]
    with pytest.raises(IntegrityError), transaction.atomic():
        DrawnInspection.objects.filter(pk=second.pk).update(opened_case=first.opened_case_id)


def test_only_the_teams_supervisor_opens_the_cases(make_plan, boss, employers, team, people):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    with pytest.raises(PermissionDenied):
        cases.open_inspection_cases(actor=team[0], draw_id=draw.pk, version=draw.version)
    with pytest.raises(PermissionDenied):
        cases.open_inspection_cases(actor=people["supervisor"], draw_id=draw.pk, version=draw.version)
    assert not DrawnInspection.objects.filter(draw=draw, opened_case__isnull=False).exists()


def test_only_an_own_initiative_case_may_lack_a_worker(drawn):
    case = _rows(drawn)[0].opened_case
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(channel=Channel.WINDOW)


def test_the_inspection_track_runs_on_it_and_its_ending_is_the_published_result(drawn, client, boss):
    first, second, third = _rows(drawn)
    lead, other = [t.inspector for t in sorted(first.team.all(), key=lambda t: t.position)]
    today = timezone.localdate()
    case = first.opened_case
    visit_record(case_id=case.pk, actor=lead, version=_fresh(case).version, visited_on=today, place="经营场所",
                 inspector_ids=[lead.pk, other.pk], findings="未按时足额支付工资")
    order = correction_order_issue(case_id=case.pk, actor=lead, version=_fresh(case).version,
                                   due_on=today + datetime.timedelta(days=10), findings="拖欠工资",
                                   items=[{"kind": "wages", "amount": "8600.00", "workers": 2}])
    # The order to correct is a document of the case, issued without a complainant.
    assert Document.objects.filter(case=case).exists() and order.number
    inspection_close(case_id=case.pk, actor=lead, version=_fresh(case).version, outcome="corrected",
                     amounts_recovered="8600.00", workers_covered=2)
    s_lead = sorted(second.team.all(), key=lambda t: t.position)[0].inspector
    inspection_close(case_id=second.opened_case_id, actor=s_lead, version=_fresh(second.opened_case).version,
                     outcome="no_violation", amounts_recovered="0.00", workers_covered=0, reason="检查未发现违法行为")

    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.result, first.checked_on, first.recorded_by_id) == (Result.CORRECTED, today, lead.pk)
    assert (second.result, third.result) == (Result.COMPLIANT, "")
    # A result with its own case is not recorded by hand.
    with pytest.raises(TransitionRefused):
        services.result_record(actor=boss, inspection_id=third.pk, version=third.version, result="compliant",
                               checked_on=today)

    public = client.get(f"/random-inspections/draw/?id={drawn.pk}").content.decode()
    assert "发现违法行为，已改正" in public and "未发现违法行为" in public and "检查中" in public
    for row in (first, second, third):
        assert row.opened_case.number not in public
    for person in (lead, other, boss):
        assert person.username not in public


def test_case_page_queue_search_and_workbench_say_there_is_no_complainant(drawn, client):
    row = _rows(drawn)[0]
    case = row.opened_case
    handler = case.owner_user
    client.force_login(handler)
    page = client.get(reverse("disputes:case", args=[case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert NO_COMPLAINANT in text and "主动检查（双随机抽查）" in text
    assert "打印最新受理回执" not in text and "重新出具受理回执" not in text  # no receipt to print or reissue
    queue = client.get(reverse("disputes:queue")).content.decode()
    assert case.number in queue and NO_COMPLAINANT in queue
    found = client.get(reverse("disputes:search"), {"q": row.employer.name}).content.decode()
    assert case.number in found and NO_COMPLAINANT in found
    bench = client.get(reverse("inspection:workbench", args=[case.pk]))
    assert bench.status_code == 200 and NO_COMPLAINANT in bench.content.decode()
    # The drawn inspector's list of inspections links the case.
    home = client.get("/random-inspections/manage/").content.decode()
    assert case.number in home


def test_the_api_case_file_and_queue_give_no_worker(drawn):
    case = _rows(drawn)[0].opened_case
    api = APIClient()
    api.force_authenticate(case.owner_user)
    body = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["worker"] is None and body["channel"] == "own_initiative" and body["violation_started_on"] is None
    listed = api.get("/api/v1/cases/").json()
    mine = next(c for c in listed["results"] if c["id"] == case.pk)
    assert mine["worker_name"] is None


def test_what_needs_a_worker_is_refused_not_broken(drawn, orgs, boss, client):
    first, second = [r.opened_case for r in _rows(drawn)[:2]]
    handler = first.owner_user
    with pytest.raises(TransitionRefused) as refused:
        referral_offer(case_id=first.pk, actor=handler, to_org_id=orgs["arbitration"].pk, purpose="arbitration",
                       expected_version=first.version)
    assert refused.value.code == "no_complainant"
    with pytest.raises(TransitionRefused):
        referral_offer(case_id=first.pk, actor=handler, to_org_id=orgs["legal_aid"].pk, purpose="legal_aid",
                       expected_version=first.version)
    with pytest.raises(TransitionRefused):
        case_reissue_query_code(case_id=first.pk, actor=boss)
    with pytest.raises(TransitionRefused):
        collective_link(case_id=first.pk, actor=boss, member_ids=[second.pk])
    # Nobody opens its status page, whatever they type.
    assert client.get("/status/", {"n": first.number, "c": ""}).status_code in (200, 404)
    assert client.get("/status/", {"n": first.number, "c": "ABCDEFGH"}).status_code == 404


def test_the_api_opens_the_cases_once_with_the_draws_version(make_plan, boss, employers, team, people):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    api = APIClient()
    api.force_authenticate(boss)
    url = f"/api/v1/random-inspections/draws/{draw.pk}/cases/"
    assert api.post(url, {}, format="json").status_code == 400
    r = api.post(url, {"version": draw.version}, format="json")
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["version"] == draw.version + 1
    assert all(row["opened_case"]["status"] == "inspection" for row in body["inspections"])
    assert Case.objects.filter(channel="own_initiative").count() == len(body["inspections"])
    stale = api.post(url, {"version": draw.version}, format="json")
    assert stale.status_code == 409
    again = api.post(url, {"version": body["version"]}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "cases_open"
    assert Case.objects.filter(channel="own_initiative").count() == len(body["inspections"])
    outsider = APIClient()
    outsider.force_authenticate(people["supervisor"])
    assert outsider.post(url, {"version": body["version"]}, format="json").status_code == 404


def test_the_supervisor_opens_them_from_the_draws_page(make_plan, boss, employers, team, client):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    client.force_login(boss)
    page = client.get(f"/random-inspections/manage/draws/{draw.pk}/").content.decode()
    assert 'id="open-cases"' in page
    r = client.post(f"/random-inspections/manage/draws/{draw.pk}/cases/", {"version": draw.version})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert 'id="open-cases"' not in page
    opened = list(Case.objects.filter(channel="own_initiative").order_by("pk"))
    assert len(opened) == 3 and all(c.number in page for c in opened)
    # A second press from the stale page opens nothing.
    client.post(f"/random-inspections/manage/draws/{draw.pk}/cases/", {"version": draw.version})
    assert Case.objects.filter(channel="own_initiative").count() == 3


def test_the_window_cannot_register_a_complaint_by_the_own_initiative_channel(register):
    with pytest.raises(ValidationFailed) as refused:
        register(channel="own_initiative")
    assert "channel" in refused.value.fields


def test_not_found_for_another_team(make_plan, boss, employers, team, orgs):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    other = Organization.objects.create(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION,
                                        division=orgs["inspection"].division)
    with pytest.raises(NotFound):
        cases.open_inspection_cases(actor=make_staff(other, Role.SUPERVISOR, "qz_boss"), draw_id=draw.pk,
                                    version=draw.version)
