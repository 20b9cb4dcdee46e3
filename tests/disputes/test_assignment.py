"""Assigning cases within the handling organisation (disputes.assignment): the supervisor gives and moves them,
one or many, with a reason on each timeline; a colleague takes an unassigned one; accountability stays put."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Role
from disputes import assignment
from disputes.models import Case, CaseEvent
from disputes.presentation import event_label
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def on_leave(register, people):
    """Five open cases of clerk2, who is on leave."""
    return [register(seed=300 + i, actor=people["clerk2"]).case for i in range(5)]


def test_a_supervisor_moves_five_cases_of_a_clerk_on_leave_in_one_action(on_leave, people):
    moved = assignment.cases_assign(case_ids=[c.pk for c in on_leave], actor=people["supervisor"],
                                    to_user_id=people["clerk"].pk, reason="王某休假，案件转交")
    assert len(moved) == 5
    for case in Case.objects.filter(pk__in=[c.pk for c in on_leave]):
        assert case.owner_user == people["clerk"]
        # First-asked responsibility does not move with the work.
        assert case.first_handler == people["clerk2"] and case.first_handler_released_at is None
        event = CaseEvent.objects.filter(case=case).latest("id")
        assert (event.action, event.reason, event.actor) == ("case_reassigned", "王某休假，案件转交", people["supervisor"])
        assert event_label(event) == "由 clerk2 改派给 clerk"


def test_a_reason_is_required_and_only_a_supervisor_assigns(on_leave, people):
    ids = [on_leave[0].pk]
    with pytest.raises(ValidationFailed) as refused:
        assignment.cases_assign(case_ids=ids, actor=people["supervisor"], to_user_id=people["clerk"].pk, reason=" ")
    assert "reason" in refused.value.fields
    with pytest.raises(PermissionDenied):
        assignment.cases_assign(case_ids=ids, actor=people["clerk"], to_user_id=people["clerk"].pk, reason="x")


def test_cases_and_colleagues_of_another_organisation_are_refused(on_leave, register, people):
    elsewhere = register(seed=400, actor=people["outsider"]).case
    with pytest.raises(NotFound):
        assignment.cases_assign(case_ids=[on_leave[0].pk, elsewhere.pk], actor=people["supervisor"],
                                to_user_id=people["clerk"].pk, reason="x")
    with pytest.raises(ValidationFailed) as refused:
        assignment.cases_assign(case_ids=[on_leave[0].pk], actor=people["supervisor"],
                                to_user_id=people["outsider"].pk, reason="x")
    assert "to_user" in refused.value.fields
    # All or none: the refused batch moved nothing.
    assert Case.objects.get(pk=on_leave[0].pk).owner_user == people["clerk2"]


def test_an_ended_case_or_a_stale_version_refuses_the_whole_batch(on_leave, people):
    Case.objects.filter(pk=on_leave[1].pk).update(status="closed")
    with pytest.raises(TransitionRefused):
        assignment.cases_assign(case_ids=[c.pk for c in on_leave], actor=people["supervisor"],
                                to_user_id=people["clerk"].pk, reason="x")
    with pytest.raises(Conflict):
        assignment.cases_assign(case_ids=[on_leave[0].pk], actor=people["supervisor"], to_user_id=people["clerk"].pk,
                                reason="x", versions={on_leave[0].pk: on_leave[0].version - 1})
    assert not Case.objects.filter(pk__in=[c.pk for c in on_leave], owner_user=people["clerk"]).exists()


def test_a_colleague_takes_an_unassigned_case_once(register, people):
    case = register(seed=500).case
    Case.objects.filter(pk=case.pk).update(owner_user=None)
    taken = assignment.case_take(case_id=case.pk, actor=people["clerk2"], version=case.version)
    assert taken.owner_user == people["clerk2"]
    assert CaseEvent.objects.filter(case=case).latest("id").action == "case_taken"
    with pytest.raises(Conflict):
        assignment.case_take(case_id=case.pk, actor=people["clerk"])
    with pytest.raises(NotFound):
        assignment.case_take(case_id=case.pk, actor=people["outsider"])


def test_workload_counts_open_cases_per_colleague_and_the_unassigned(on_leave, register, people):
    register(seed=600)
    Case.objects.filter(pk=on_leave[0].pk).update(owner_user=None)
    Case.objects.filter(pk=on_leave[1].pk).update(status="closed")
    rows, unassigned = assignment.workload(people["supervisor"])
    counts = {w.user.username: w.open_cases for w in rows}
    assert counts["clerk2"] == 3 and counts["clerk"] == 1 and counts["supervisor"] == 0
    assert unassigned == 1
    with pytest.raises(PermissionDenied):
        assignment.workload(people["clerk"])


def test_bulk_assignment_costs_the_same_statements_for_two_cases_or_six(register, people):
    def statements(n, seed):
        cases = [register(seed=seed + i, actor=people["clerk2"]).case for i in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            assignment.cases_assign(case_ids=[c.pk for c in cases], actor=people["supervisor"],
                                    to_user_id=people["clerk"].pk, reason="x")
        return len(ctx.captured_queries)

    assert statements(2, 700) == statements(6, 710)


def test_the_assignment_page_shows_workload_and_moves_checked_cases(on_leave, client, people):
    client.force_login(people["supervisor"])
    page = client.get(reverse("disputes:assign"), {"handler": people["clerk2"].pk}).content.decode()
    assert "工作量" in page and on_leave[0].number in page
    response = client.post(f"{reverse('disputes:assign')}?handler={people['clerk2'].pk}", {
        "cases": [on_leave[0].pk, on_leave[1].pk], "to_user": people["clerk"].pk, "reason": "休假",
    })
    assert response.status_code == 302
    assert Case.objects.filter(owner_user=people["clerk"], pk__in=[on_leave[0].pk, on_leave[1].pk]).count() == 2
    client.force_login(people["clerk"])
    assert client.get(reverse("disputes:assign")).status_code == 404


def test_the_api_assigns_takes_and_reports_workload(on_leave, register, people):
    body = api(people["supervisor"]).post("/api/v1/cases/assign/", {
        "cases": [on_leave[0].pk], "to_user": people["clerk"].pk, "reason": "休假"}, format="json")
    assert body.status_code == 200 and body.json()[0]["id"] == on_leave[0].pk
    case = register(seed=800).case
    Case.objects.filter(pk=case.pk).update(owner_user=None)
    taken = api(people["clerk2"]).post(f"/api/v1/cases/{case.pk}/take/", {}, format="json")
    assert taken.status_code == 200
    assert api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/take/", {}, format="json").status_code == 409
    workload = api(people["supervisor"]).get("/api/v1/workload/").json()
    assert {r["user"]["id"]: r["open_cases"] for r in workload["staff"]}[people["clerk2"].pk] == 5
    assert api(people["clerk"]).get("/api/v1/workload/").status_code == 403


def test_an_inactive_colleague_is_not_offered_nor_accepted(on_leave, orgs, people):
    gone = make_staff(orgs["window"], Role.CLERK, "gone")
    gone.is_active = False
    gone.save()
    assert gone not in assignment.colleagues(people["supervisor"])
    with pytest.raises(ValidationFailed):
        assignment.cases_assign(case_ids=[on_leave[0].pk], actor=people["supervisor"], to_user_id=gone.pk, reason="x")
