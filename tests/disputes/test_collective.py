"""Collective disputes as one matter (disputes.collective): a lead case with member cases, formed at the window
from one list of workers or by linking open cases; the lead's steps apply to every member; members split off."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.errors import TransitionRefused, ValidationFailed
from core.identifiers import make_credit_code, make_id_number
from disputes.collective import collective_link, collective_representatives_set, group_of
from disputes.models import Case, CaseEvent, Representative
from disputes.presentation import event_label
from disputes.services import case_transition, referral_offer
from intake.services import GroupWorker, collective_register
from tests.conftest import complaint_input

pytestmark = pytest.mark.django_db
EMPLOYER = make_credit_code(random.Random(99))


def fresh(case):
    return Case.objects.get(pk=case.pk)


def login(client, user):
    client.force_login(user)
    return client


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def same_employer(register):
    """n open cases of different workers against one employer, registered at the window by the clerk."""

    def _make(n, start=0):
        return [register(seed=1000 + i, credit_code=EMPLOYER, worker_name=f"工人{i}").case for i in range(start, start + n)]

    return _make


def link(lead, members, actor):
    return collective_link(case_id=lead.pk, actor=actor, member_ids=[m.pk for m in members], version=fresh(lead).version)


def test_linking_makes_a_lead_whose_steps_apply_to_every_member_with_an_event_each(same_employer, people):
    lead, *members = same_employer(3)
    link(lead, members, people["clerk"])
    assert all(fresh(m).lead_id == lead.pk for m in members)
    case_transition(case_id=lead.pk, action="suspend", actor=people["clerk"], expected_version=fresh(lead).version,
                    reason="等待劳动关系确认")
    assert {fresh(c).status for c in (lead, *members)} == {"suspended"}
    followed = CaseEvent.objects.get(case=members[0], action="suspend")
    assert followed.payload["lead"] == lead.pk and followed.reason == "等待劳动关系确认"
    assert lead.number in event_label(followed)
    assert CaseEvent.objects.filter(case=lead, action="suspend").count() == 1


def test_a_member_that_cannot_take_the_step_refuses_it_for_the_whole_group(same_employer, people):
    lead, *members = same_employer(3)
    link(lead, members, people["clerk"])
    # Made impossible behind the service's back: the group's step must then change nothing at all.
    Case.objects.filter(pk=members[1].pk).update(status="closed")
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case_id=lead.pk, action="suspend", actor=people["clerk"],
                        expected_version=fresh(lead).version, reason="暂停")
    assert refused.value.code == "group_member_refuses"
    assert fresh(lead).status == "registered" and fresh(members[0]).status == "registered"


def test_the_lead_referral_moves_the_members_with_it(same_employer, people, orgs):
    from disputes.services import referral_accept

    lead, *members = same_employer(3)
    link(lead, members, people["clerk"])
    with pytest.raises(TransitionRefused):  # a member is not referred alone
        referral_offer(case_id=members[0].pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                       purpose="arbitration", expected_version=fresh(members[0]).version)
    ref = referral_offer(case_id=lead.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=fresh(lead).version)
    referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
    for case in (lead, *members):
        assert fresh(case).status == "arbitration_review" and fresh(case).owner_org_id == orgs["arbitration"].pk
    assert CaseEvent.objects.filter(case=members[1], action="referral_accepted", payload__lead=lead.pk).exists()


def test_only_open_cases_of_the_same_employer_organisation_and_stage_join(same_employer, register, people):
    lead, member, later = same_employer(3)
    stranger = register(seed=5).case  # another employer
    outsiders = register(actor=people["outsider"], seed=6, credit_code=EMPLOYER).case
    for bad in (stranger, outsiders):
        with pytest.raises(ValidationFailed):
            link(lead, [bad], people["clerk"])
    link(lead, [member], people["clerk"])
    with pytest.raises(ValidationFailed):  # a lead is no member, a member not twice
        link(later, [lead], people["clerk"])
    with pytest.raises(ValidationFailed):
        link(later, [member], people["clerk"])
    with pytest.raises(TransitionRefused):  # a member leads no group
        link(member, [later], people["clerk"])
    assert fresh(later).lead_id is None and fresh(stranger).lead_id is None


def test_a_group_of_the_statutory_size_is_flagged_collective(same_employer, people):
    lead, *members = same_employer(10)
    # Cases brought in unflagged (intake flags ten open complaints against one employer as they are registered).
    Case.objects.update(is_collective=False)
    link(lead, members[:8], people["clerk"])
    assert not any(c.is_collective for c in Case.objects.all())
    flagged = CaseEvent.objects.filter(action="collective_flagged").count()
    link(lead, members[8:], people["clerk"])
    assert all(fresh(c).is_collective for c in (lead, *members))
    assert CaseEvent.objects.filter(action="collective_flagged").count() == flagged + 10


def test_representatives_are_workers_of_the_group(same_employer, people, register):
    lead, *members = same_employer(3)
    with pytest.raises(TransitionRefused):
        collective_representatives_set(case_id=lead.pk, actor=people["clerk"], workers=[lead.worker_id])
    link(lead, members, people["clerk"])
    other = register(seed=77).case
    with pytest.raises(ValidationFailed):
        collective_representatives_set(case_id=lead.pk, actor=people["clerk"], workers=[other.worker_id])
    collective_representatives_set(case_id=lead.pk, actor=people["clerk"], workers=[members[1].worker_id])
    assert [r.is_representative for r in group_of(fresh(lead)).members] == [False, False, True]
    event = CaseEvent.objects.get(case=lead, action="representatives_set")
    assert event.payload["names"] == [fresh(members[1]).worker.name]


def test_the_window_registers_a_group_from_one_list_all_or_nothing(people, division):
    rng = random.Random(3)
    workers = [GroupWorker(name=f"骑手{i}", id_number=make_id_number(rng), phone="13800138000",
                           claims=[{"type": "wages", "amount": f"{2000 + i}.00"}], representative=i == 1)
               for i in range(4)]
    bad = [*workers[:2], GroupWorker(name="骑手X", id_number="37070219900101", phone="138",
                                     claims=[{"type": "wages", "amount": "1.234"}])]
    with pytest.raises(ValidationFailed) as refused:
        collective_register(actor=people["clerk"], data=complaint_input(division, credit_code=EMPLOYER), workers=bad)
    assert {"workers.2.id_number", "workers.2.phone", "workers.2.claims"} <= set(refused.value.fields)
    assert not Case.objects.exists()

    result = collective_register(actor=people["clerk"], data=complaint_input(division, credit_code=EMPLOYER), workers=workers)
    cases = [r.case for r in result.results]
    assert result.lead.pk == cases[0].pk
    assert all(fresh(c).lead_id == cases[0].pk for c in cases[1:])
    # Each worker has a case, claims and a query code of their own.
    assert len({r.query_code for r in result.results}) == 4
    assert [str(fresh(c).claims.get().amount) for c in cases] == ["2000.00", "2001.00", "2002.00", "2003.00"]
    assert list(Representative.objects.values_list("worker_id", flat=True)) == [cases[1].worker_id]

    # A worker already complaining against the employer is refused (add that case from the lead's page).
    again = [GroupWorker(name="新人", id_number=make_id_number(rng), phone="13800138000",
                         claims=[{"type": "wages", "amount": "10.00"}]), workers[2]]
    with pytest.raises(ValidationFailed) as refused:
        collective_register(actor=people["clerk"], data=complaint_input(division, credit_code=EMPLOYER), workers=again)
    assert cases[2].number in refused.value.fields["workers.1.id_number"][0]


# --- pages ---------------------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_lead_page_lists_members_total_and_representatives_at_a_constant_cost(client, same_employer, people):
    lead, *members = same_employer(9)
    link(lead, members[:2], people["clerk"])
    collective_representatives_set(case_id=lead.pk, actor=people["clerk"], workers=[members[0].worker_id])
    login(client, people["clerk"])
    url = reverse("disputes:case", args=[lead.pk])
    few = _queries(client, url)
    body = client.get(url).content.decode()
    assert 'id="group-members"' in body and members[1].number in body
    assert "3 名劳动者" in body or "3 workers" in body
    assert "25800.00" in body.split('id="group-summary"')[1].split("</p>")[0]  # 3 × 8,600.00
    assert "工人1" in body.split('id="group-representatives"')[1].split("</p>")[0]
    link(lead, members[2:], people["clerk"])
    assert _queries(client, url) == few


def test_a_member_page_links_to_its_lead_and_can_split_off(client, same_employer, people):
    lead, member = same_employer(2)
    link(lead, [member], people["clerk"])
    login(client, people["clerk"])
    body = client.get(reverse("disputes:case", args=[member.pk])).content.decode()
    assert reverse("disputes:case", args=[lead.pk]) in body.split('id="group-lead"')[1].split("</p>")[0]
    assert 'id="case-actions"' not in body or 'data-action="suspend"' not in body
    resp = client.post(reverse("disputes:group", args=[member.pk]),
                       {"op": "split", "reason": "单独处理", "version": fresh(member).version})
    assert resp.status_code == 302 and fresh(member).lead_id is None


def test_the_queue_marks_members_with_a_link_to_their_lead(client, same_employer, people):
    lead, member = same_employer(2)
    link(lead, [member], people["clerk"])
    body = login(client, people["clerk"]).get(reverse("disputes:queue")).content.decode()
    assert body.count('class="badge group-member"') == 1
    assert f'href="{reverse("disputes:case", args=[lead.pk])}" title=' in body


def test_the_collective_registration_page_registers_every_line(client, people, division):
    rng = random.Random(11)
    lines = "\n".join(f"骑手{i}, {make_id_number(rng)}, 1380013800{i}, {3000 + i}.00{', 代表' if i == 0 else ''}"
                      for i in range(3))
    data = {
        "worker_occupation": "delivery_rider", "worker_platform": "美团", "worker_notices": "on",
        "claim_types": ["wages"], "workers": lines, "employer_name": "潍坊速达配送有限公司",
        "employer_credit_code": EMPLOYER, "employer_address": "潍坊市潍城区胜利西街100号",
        "employer_industry": "food_delivery", "division": division.pk, "channel": "window",
        "facts": "2026年9月至10月工资未发放。", "violation_started_on": "2026-09-01",
    }
    login(client, people["clerk"])
    wrong = client.post(reverse("intake:register_collective"), {**data, "workers": lines + "\n骑手X, 123, 1"})
    assert wrong.status_code == 400 and 'id="line-errors"' in wrong.content.decode()
    assert not Case.objects.exists()
    resp = client.post(reverse("intake:register_collective"), data)
    assert resp.status_code == 302
    lead = Case.objects.get(lead__isnull=True)
    assert Case.objects.filter(lead=lead).count() == 2
    page = client.get(resp["Location"]).content.decode()
    assert page.count('class="code">') >= 6  # three numbers and three query codes
    assert Representative.objects.get().worker_id == lead.worker_id


# --- API -------------------------------------------------------------------------------------------------


def test_the_api_links_shows_and_splits_a_group(same_employer, people):
    lead, *members = same_employer(3)
    client = api(people["clerk"])
    resp = client.post(f"/api/v1/cases/{lead.pk}/group/members/",
                       {"members": [m.pk for m in members], "version": fresh(lead).version}, format="json")
    assert resp.status_code == 200, resp.json()
    assert resp.json()["group"]["member_count"] == 2 and resp.json()["group"]["total_claimed"] == "25800.00"
    resp = client.post(f"/api/v1/cases/{lead.pk}/group/representatives/",
                       {"workers": [members[0].worker_id]}, format="json")
    assert resp.status_code == 200
    detail = client.get(f"/api/v1/cases/{members[0].pk}/").json()
    assert detail["lead"] == lead.pk and detail["group"]["lead"]["number"] == lead.number
    assert detail["available_actions"] == []
    detail = client.get(f"/api/v1/cases/{lead.pk}/").json()
    assert [m["is_representative"] for m in detail["group"]["members"]] == [False, True, False]
    refused = client.post(f"/api/v1/cases/{members[0].pk}/transitions/",
                          {"action": "suspend", "version": fresh(members[0]).version, "reason": "x"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "group_member"
    resp = client.post(f"/api/v1/cases/{members[0].pk}/group/split/", {"reason": "单独处理"}, format="json")
    assert resp.status_code == 200 and resp.json()["case"]["lead"] is None
    assert api(people["outsider"]).post(f"/api/v1/cases/{members[1].pk}/group/split/", {"reason": "x"},
                                        format="json").status_code == 404


def test_the_api_registers_a_group_from_one_list(people, division):
    rng = random.Random(5)
    body = {
        "worker_occupation": "delivery_rider", "employer_name": "潍坊速达配送有限公司",
        "employer_credit_code": EMPLOYER, "employer_address": "潍坊市潍城区胜利西街100号",
        "employer_industry": "food_delivery", "division": division.pk, "channel": "hotline_12333",
        "facts": "2026年9月至10月工资未发放。", "violation_started_on": "2026-09-01",
        "workers": [{"name": f"骑手{i}", "id_number": make_id_number(rng), "phone": "13800138000",
                     "claims": [{"type": "wages", "amount": f"{100 + i}.00"}], "representative": i == 0}
                    for i in range(3)],
    }
    client = api(people["clerk"])
    bad = client.post("/api/v1/complaints/collective/",
                      {**body, "workers": [*body["workers"], {**body["workers"][0], "id_number": "1"}]}, format="json")
    assert bad.status_code == 400 and "workers.3.id_number" in bad.json()["error"]["fields"]
    resp = client.post("/api/v1/complaints/collective/", body, format="json")
    assert resp.status_code == 201, resp.json()
    cases = resp.json()["cases"]
    assert len(cases) == 3 and all(c["query_code"] for c in cases)
    assert [c["case"]["lead"] for c in cases] == [None, resp.json()["lead"]["id"], resp.json()["lead"]["id"]]


def test_the_api_case_file_of_a_lead_costs_the_same_queries_for_any_group(same_employer, people):
    lead, *members = same_employer(7)
    link(lead, members[:2], people["clerk"])
    client = api(people["clerk"])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/cases/{lead.pk}/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    link(lead, members[2:], people["clerk"])
    assert queries() == few
