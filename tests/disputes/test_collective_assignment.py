"""A collective dispute has one handler and one place in the green channel: assigning, reassigning or taking its
lead moves every member with it (one event each, naming the lead, in statements that do not grow with the group);
marking or clearing the lead's priority does the same on the members; a member is not moved or marked alone."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.errors import Conflict, TransitionRefused
from core.identifiers import make_credit_code
from disputes import assignment
from disputes.collective import collective_link
from disputes.models import Case, CaseEvent
from disputes.presentation import event_label
from disputes.priority import case_clear_priority, case_mark_priority

pytestmark = pytest.mark.django_db
EMPLOYER = make_credit_code(random.Random(2121))


def fresh(case):
    return Case.objects.get(pk=case.pk)


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def group(register, people):
    """A lead with n members, every case registered (and so held) by clerk2, against one employer."""

    def _make(n, seed=0):
        cases = [register(seed=3000 + seed + i, credit_code=EMPLOYER, worker_name=f"骑手{i}", actor=people["clerk2"]).case
                 for i in range(n + 1)]
        lead, *members = cases
        collective_link(case_id=lead.pk, actor=people["clerk2"], member_ids=[m.pk for m in members],
                        version=fresh(lead).version)
        return fresh(lead), [fresh(m) for m in members]

    return _make


def test_assigning_the_lead_moves_every_member_with_an_event_naming_the_lead(group, people):
    lead, members = group(3)
    moved = assignment.cases_assign(case_ids=[lead.pk], actor=people["supervisor"], to_user_id=people["clerk"].pk,
                                    reason="骑手集体欠薪案交由专人办理")
    assert {c.pk for c in moved} == {lead.pk, *(m.pk for m in members)}
    assert {fresh(c).owner_user_id for c in (lead, *members)} == {people["clerk"].pk}
    event = CaseEvent.objects.filter(case=members[1]).latest("id")
    assert (event.action, event.reason, event.payload["lead"]) == ("case_reassigned", "骑手集体欠薪案交由专人办理", lead.pk)
    assert event_label(event) == f"由 clerk2 改派给 clerk（随集体争议主案 {lead.number}）"
    assert "lead" not in CaseEvent.objects.filter(case=lead).latest("id").payload


def test_a_member_is_not_assigned_alone_but_may_be_chosen_with_its_lead(group, register, people):
    lead, members = group(2)
    single = register(seed=3900, actor=people["clerk2"]).case
    with pytest.raises(TransitionRefused) as refused:
        assignment.cases_assign(case_ids=[single.pk, members[0].pk], actor=people["supervisor"],
                                to_user_id=people["clerk"].pk, reason="调整")
    assert refused.value.code == "group_member" and members[0].number in str(refused.value)
    # All or none: the plain case chosen beside the member stayed where it was.
    assert fresh(single).owner_user == people["clerk2"]
    # Chosen with its lead (a supervisor ticking every case of the group), the member moves once, with it.
    moved = assignment.cases_assign(case_ids=[members[0].pk, lead.pk, single.pk], actor=people["supervisor"],
                                    to_user_id=people["clerk"].pk, reason="调整")
    assert sorted(c.pk for c in moved) == sorted([lead.pk, single.pk, *(m.pk for m in members)])
    assert CaseEvent.objects.filter(case=members[0], action="case_reassigned").count() == 1


def test_assigning_a_lead_of_twelve_costs_the_statements_of_a_lead_of_two(group, people):
    def statements(n, seed):
        lead, _members = group(n, seed=seed)
        with CaptureQueriesContext(connection) as ctx:
            assignment.cases_assign(case_ids=[lead.pk], actor=people["supervisor"], to_user_id=people["clerk"].pk,
                                    reason="x")
        return len(ctx.captured_queries)

    assert statements(2, 0) == statements(12, 100)


def test_a_stale_lead_refuses_the_assignment_and_the_group_stays(group, people):
    lead, members = group(2)
    with pytest.raises(Conflict):
        assignment.cases_assign(case_ids=[lead.pk], actor=people["supervisor"], to_user_id=people["clerk"].pk,
                                reason="x", versions={lead.pk: lead.version - 1})
    resp = api(people["supervisor"]).post("/api/v1/cases/assign/", {
        "cases": [lead.pk], "to_user": people["clerk"].pk, "reason": "x", "versions": {str(lead.pk): lead.version - 1},
    }, format="json")
    assert resp.status_code == 409
    assert resp.json()["error"]["code"] == "conflict"
    resp = api(people["supervisor"]).post("/api/v1/cases/assign/", {
        "cases": [members[0].pk], "to_user": people["clerk"].pk, "reason": "x"}, format="json")
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "group_member"
    assert {fresh(c).owner_user_id for c in (lead, *members)} == {people["clerk2"].pk}


def test_taking_the_lead_takes_the_group_and_a_member_is_not_taken_alone(group, people):
    lead, members = group(2)
    Case.objects.filter(pk=lead.pk).update(owner_user=None)
    with pytest.raises(TransitionRefused) as refused:
        assignment.case_take(case_id=members[0].pk, actor=people["clerk"], version=fresh(members[0]).version)
    assert refused.value.code == "group_member"
    with pytest.raises(Conflict):
        assignment.case_take(case_id=lead.pk, actor=people["clerk"], version=fresh(lead).version - 1)
    assignment.case_take(case_id=lead.pk, actor=people["clerk"], version=fresh(lead).version)
    assert {fresh(c).owner_user_id for c in (lead, *members)} == {people["clerk"].pk}
    taken = CaseEvent.objects.get(case=members[1], action="case_taken")
    assert taken.payload["lead"] == lead.pk and taken.payload["from_user"] == people["clerk2"].pk


def test_taking_a_lead_of_twelve_costs_the_statements_of_a_lead_of_two(group, people):
    def statements(n, seed):
        lead, _members = group(n, seed=seed)
        Case.objects.filter(pk=lead.pk).update(owner_user=None)
        version = fresh(lead).version
        with CaptureQueriesContext(connection) as ctx:
            assignment.case_take(case_id=lead.pk, actor=people["clerk"], version=version)
        return len(ctx.captured_queries)

    assert statements(2, 200) == statements(12, 300)


def test_a_case_joining_a_held_lead_goes_to_the_leads_handler(group, register, people):
    lead, _members = group(1)
    newcomer = register(seed=3950, credit_code=EMPLOYER, worker_name="新骑手").case  # the clerk's
    collective_link(case_id=lead.pk, actor=people["clerk2"], member_ids=[newcomer.pk], version=fresh(lead).version)
    assert fresh(newcomer).owner_user == people["clerk2"]
    joined = CaseEvent.objects.get(case=newcomer, action="collective_joined")
    assert joined.payload["from_user"] == people["clerk"].pk and joined.payload["to_user"] == people["clerk2"].pk


def test_the_green_channel_on_the_lead_is_every_members(group, people):
    lead, members = group(3)
    with pytest.raises(TransitionRefused) as refused:
        case_mark_priority(case_id=members[0].pk, actor=people["clerk2"], ground="collective", note="集体欠薪",
                           version=members[0].version)
    assert refused.value.code == "group_member"
    case_mark_priority(case_id=lead.pk, actor=people["clerk2"], ground="collective", note="三十名骑手集体欠薪",
                       version=lead.version)
    for case in (lead, *members):
        case = fresh(case)
        assert (case.is_priority, case.priority_ground, case.priority_note) == (True, "collective", "三十名骑手集体欠薪")
    marked = CaseEvent.objects.get(case=members[2], action="priority_marked")
    assert marked.payload["lead"] == lead.pk and marked.is_public
    # Changing the ground changes it everywhere; clearing clears everywhere.
    case_mark_priority(case_id=lead.pk, actor=people["clerk2"], ground="flexible_wages", note="欠薪三个月",
                       version=fresh(lead).version)
    assert {fresh(m).priority_ground for m in members} == {"flexible_wages"}
    assert CaseEvent.objects.filter(action="priority_changed", payload__lead=lead.pk).count() == 3
    with pytest.raises(Conflict):
        case_clear_priority(case_id=lead.pk, actor=people["clerk2"], reason="已支付", version=fresh(lead).version - 1)
    case_clear_priority(case_id=lead.pk, actor=people["clerk2"], reason="已支付", version=fresh(lead).version)
    assert not any(fresh(c).is_priority for c in (lead, *members))
    assert CaseEvent.objects.filter(action="priority_cleared", payload__lead=lead.pk).count() == 3
    resp = api(people["clerk2"]).post(f"/api/v1/cases/{members[0].pk}/priority/", {
        "ground": "collective", "note": "x", "version": fresh(members[0]).version}, format="json")
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "group_member"


def test_the_pages_offer_the_group_to_the_lead_only(group, people, client):
    lead, members = group(2)
    client.force_login(people["supervisor"])
    page = client.get(reverse("disputes:assign") + "?handler=all").content.decode()
    assert f'id="case-{lead.pk}"' in page and f'id="case-{members[0].pk}"' not in page
    assert "及其 2 件成员案件" in page and "随主案移交" in page
    client.force_login(people["clerk2"])
    lead_page = client.get(reverse("disputes:case", args=[lead.pk])).content.decode()
    assert 'id="green-channel-group"' in lead_page and '<option value="collective" selected>' in lead_page
    member_page = client.get(reverse("disputes:case", args=[members[0].pk])).content.decode()
    assert 'id="green-channel"' not in member_page
