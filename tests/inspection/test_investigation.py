"""Visits (two inspectors, 监察条例 art 16), statements, interviews (约谈) and evidence gathered."""

import datetime

import pytest

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from disputes.models import CaseEvent
from disputes.services import case_transition
from inspection.models import GatheredEvidence, Interview, Statement, Visit
from inspection.services import evidence_gather, interview_record, statement_record, visit_record

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def visit(case, actor, inspectors, **kw):
    return visit_record(case_id=case.pk, actor=actor, version=fresh(case).version, visited_on=kw.get("on", D(2026, 6, 2)),
                        place="潍坊速达配送有限公司经营场所", inspector_ids=[u.pk for u in inspectors],
                        findings="工资表显示9名骑手9月工资未发放")


def test_it_records_a_visit_by_two_inspectors_on_the_internal_timeline(filed, team):
    case = filed()
    with at("2026-06-02"):
        v = visit(case, team["lead"], [team["lead"], team["second"]])
    assert set(v.inspectors.all()) == {team["lead"], team["second"]}
    assert fresh(case).version == case.version + 1
    event = CaseEvent.objects.get(case=case, action="inspection_visit")
    assert (event.is_public, event.payload["visited_on"]) == (False, "2026-06-02")


def test_a_visit_by_one_inspector_is_refused(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed) as exc:
        visit(case, team["lead"], [team["lead"], team["lead"]])
    assert "inspectors" in exc.value.fields
    assert not Visit.objects.exists() and fresh(case).version == case.version


def test_an_inspector_of_another_team_does_not_make_the_second(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed) as exc:
        visit(case, team["lead"], [team["lead"], team["stranger"]])
    assert "inspectors" in exc.value.fields
    assert not Visit.objects.exists()


def test_a_clerk_is_no_inspector_either(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed):
        visit(case, team["lead"], [team["lead"], team["clerk"]])


@pytest.mark.parametrize("who", ["clerk", "stranger"])
def test_only_inspectors_of_the_handling_team_record(filed, team, people, who):
    case = filed()
    with at("2026-06-02"), pytest.raises(PermissionDenied):
        visit(case, team[who], [team["lead"], team["second"]])
    assert fresh(case).version == case.version


def test_the_window_cannot_record_for_the_inspection_team(filed, team, people):
    case = filed()
    with at("2026-06-02"), pytest.raises(PermissionDenied):
        visit(case, people["supervisor"], [team["lead"], team["second"]])


def test_a_stale_version_is_a_conflict(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(Conflict):
        visit_record(case_id=case.pk, actor=team["lead"], version=case.version - 1, visited_on=D(2026, 6, 2),
                     place="x", inspector_ids=[team["lead"].pk, team["second"].pk], findings="y")
    assert not Visit.objects.exists()


def test_nothing_is_recorded_on_a_suspended_case(filed, team):
    case = filed()
    with at("2026-06-02"):
        case_transition(case_id=case.pk, action="suspend", actor=team["lead"], expected_version=case.version,
                        reason="等待工伤认定")
        with pytest.raises(TransitionRefused):
            visit(case, team["lead"], [team["lead"], team["second"]])


def test_a_visit_cannot_be_dated_in_the_future(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed) as exc:
        visit(case, team["lead"], [team["lead"], team["second"]], on=D(2026, 6, 3))
    assert "visited_on" in exc.value.fields


def test_it_records_statements_interviews_and_evidence_each_bumping_the_version(filed, team):
    case = filed()
    with at("2026-06-03"):
        s = statement_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, who="worker",
                             name="王小明", taken_on=D(2026, 6, 3), summary="9月起工资未发", taken_by_id=team["second"].pk)
        i = interview_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                             employer_representative="李经理", held_on=D(2026, 6, 3), outcome="承认欠薪，承诺月底前支付")
        e = evidence_gather(case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                            description="2026年9月工资表", source="用人单位财务部")
    assert (s.taken_by, s.who) == (team["second"], "worker")
    assert Interview.objects.get().employer_representative == "李经理" and i.held_on == D(2026, 6, 3)
    assert GatheredEvidence.objects.get() == e and e.gathered_on == D(2026, 6, 3)
    assert fresh(case).version == case.version + 3
    actions = list(CaseEvent.objects.filter(case=case, action__in=["statement_taken", "employer_interview", "evidence_gathered"])
                   .values_list("action", "is_public"))
    assert actions == [("statement_taken", False), ("employer_interview", False), ("evidence_gathered", False)]


def test_a_statement_names_who_gave_it(filed, team):
    case = filed()
    with at("2026-06-03"), pytest.raises(ValidationFailed) as exc:
        statement_record(case_id=case.pk, actor=team["lead"], version=case.version, who="neighbour", name="",
                         taken_on=D(2026, 6, 3), summary="x")
    assert set(exc.value.fields) == {"who", "name"}
    assert not Statement.objects.exists()


def test_a_statement_taken_by_an_outsider_is_refused(filed, team):
    case = filed()
    with at("2026-06-03"), pytest.raises(ValidationFailed):
        statement_record(case_id=case.pk, actor=team["lead"], version=case.version, who="employer", name="李经理",
                         taken_on=D(2026, 6, 3), summary="x", taken_by_id=team["stranger"].pk)
