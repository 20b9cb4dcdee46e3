"""From the window to closed through the inspection services, and the closing outcomes."""

import datetime
from decimal import Decimal

import pytest

from core.errors import PermissionDenied, TransitionRefused, ValidationFailed
from deadlines.models import Clock
from disputes.models import CaseEvent
from inspection.models import InspectionClosure
from inspection.selectors import inspection_file, inspection_statistics
from inspection.services import (
    compliance_record,
    correction_order_issue,
    employer_statement_record,
    evidence_gather,
    inspection_close,
    inspection_file as file_complaint,
    interview_record,
    penalty_decide,
    penalty_propose,
    statement_record,
    visit_record,
)

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def v(case):
    return fresh(case).version


def test_a_wage_complaint_from_the_window_to_a_penalty(register, offer_to_inspection, team, people, orgs):
    with at("2026-06-01"):  # Monday
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
    with at("2026-06-02"):
        file_complaint(referral_id=referral.pk, actor=team["lead"])
        visit_record(case_id=case.pk, actor=team["lead"], version=v(case), visited_on=D(2026, 6, 2), place="配送站",
                     inspector_ids=[team["lead"].pk, team["second"].pk], findings="3名骑手4-5月工资未付")
        statement_record(case_id=case.pk, actor=team["second"], version=v(case), who="worker", name="王小明",
                         taken_on=D(2026, 6, 2), summary="4月起未发工资")
        evidence_gather(case_id=case.pk, actor=team["second"], version=v(case), description="考勤记录", source="配送站")
    with at("2026-06-03"):
        interview_record(case_id=case.pk, actor=team["lead"], version=v(case), employer_representative="李经理",
                         held_on=D(2026, 6, 3), outcome="单位承认欠薪")
        order = correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=team["lead"], version=v(case), due_on=D(2026, 6, 12),
                                       items=[{"kind": "wages", "amount": "25800.00", "workers": 3}])
    with at("2026-06-15"):
        compliance_record(case_id=case.pk, actor=team["lead"], version=v(case),
                          amounts_paid={order.items.get().pk: "8600.00"}, workers_paid=1, complied=False)
        penalty_propose(case_id=case.pk, actor=team["lead"], version=v(case), article="26", workers=2,
                        amount="12900.00", facts="逾期未支付17200元")
        employer_statement_record(case_id=case.pk, actor=team["lead"], version=v(case), kind="statement",
                                  summary="单位称资金困难")
        penalty_decide(case_id=case.pk, actor=team["head"], version=v(case))
    case = fresh(case)
    assert (case.status, case.outcome, case.owner_org) == ("closed", "penalty", orgs["inspection"])
    seen = inspection_file(user=team["lead"], case_id=case.pk)
    assert (len(seen.visits), len(seen.statements), len(seen.interviews), len(seen.evidence)) == (1, 1, 1, 1)
    assert [p.basis for p in seen.penalty_proposals] == [Decimal("17200.00")]
    assert {c.rule.code: c.state for c in Clock.objects.filter(case=case)}["investigation"] == "satisfied"
    with at("2026-06-15"):
        stats = inspection_statistics(user=team["head"], date_from=D(2026, 1, 1))
    assert stats["by_outcome"]["penalty"] == {"cases": 1, "amount": Decimal("8600.00"), "workers": 1}
    # The worker's timeline shows the stage changes, never the internal records.
    public = set(CaseEvent.objects.filter(case=case, is_public=True).values_list("action", flat=True))
    assert {"referral_accepted", "order_correction", "decide_penalty"} <= public
    assert not public & {"inspection_visit", "statement_taken", "penalty_proposed", "employer_statement"}


def test_a_settlement_during_the_investigation_closes_as_mediated(filed, team):
    case = filed()
    with at("2026-06-04"):
        closure = inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="mediated",
                                   amounts_recovered="8600.00", workers_covered=1)
    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "mediated")
    assert CaseEvent.objects.filter(case=case, action="settle").exists()
    assert (closure.amount_recovered, closure.workers_covered, closure.closed_on) == (Decimal("8600.00"), 1, D(2026, 6, 4))


def test_a_case_with_no_violation_closes_with_a_written_reason(filed, team):
    case = filed()
    with at("2026-06-04"):
        with pytest.raises(ValidationFailed) as exc:
            inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="no_violation",
                             amounts_recovered="0", workers_covered=0)
        assert "reason" in exc.value.fields
        assert not InspectionClosure.objects.exists()
        inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="no_violation",
                         amounts_recovered="0", workers_covered=0, reason="工资已按时足额支付")
    assert (fresh(case).status, fresh(case).outcome) == ("closed", "no_violation")


def test_an_order_met_without_a_compliance_entry_closes_as_corrected(filed, team):
    case = filed()
    with at("2026-06-04"):
        correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=team["lead"], version=v(case), due_on=D(2026, 6, 12),
                               items=[{"kind": "wages", "amount": "8600.00"}])
        inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="corrected",
                         amounts_recovered="8600.00", workers_covered=1)
    assert CaseEvent.objects.filter(case=case, action="confirm_correction").exists()
    assert fresh(case).outcome == "corrected"


@pytest.mark.parametrize("outcome", ["penalty", "award", "judgment", ""])
def test_outcomes_of_other_procedures_are_refused(filed, team, outcome):
    case = filed()
    with at("2026-06-04"), pytest.raises(ValidationFailed) as exc:
        inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome=outcome,
                         amounts_recovered="0", workers_covered=0, reason="x")
    assert "outcome" in exc.value.fields
    assert fresh(case).status == "inspection"


def test_only_the_handling_team_closes_an_open_inspection(filed, team, people):
    case = filed()
    with at("2026-06-04"):
        with pytest.raises(PermissionDenied):
            inspection_close(case_id=case.pk, actor=team["stranger"], version=v(case), outcome="mediated",
                             amounts_recovered="0", workers_covered=0)
        inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="mediated",
                         amounts_recovered="0", workers_covered=0)
        with pytest.raises(TransitionRefused):
            inspection_close(case_id=case.pk, actor=team["lead"], version=v(case), outcome="mediated",
                             amounts_recovered="0", workers_covered=0)
    assert InspectionClosure.objects.filter(case=case).count() == 1
