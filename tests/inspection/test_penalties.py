"""Penalties within the ranges of 监察条例 arts 23-30, after hearing the employer (art 19)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import StatutoryParameter
from disputes.models import CaseEvent
from inspection.models import InspectionClosure, PenaltyProposal, PenaltyRule
from inspection.services import (
    compliance_record,
    correction_order_issue,
    employer_statement_record,
    extra_compensation,
    penalty_decide,
    penalty_propose,
)

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def propose(case, actor, article, amount, workers=0, basis=None):
    return penalty_propose(case_id=case.pk, actor=actor, version=fresh(case).version, article=article,
                           workers=workers, amount=amount, basis=basis, facts="经调查核实")


def state(case, actor, kind, summary="单位称已整改"):
    return employer_statement_record(case_id=case.pk, actor=actor, version=fresh(case).version, kind=kind, summary=summary)


def decide(case, actor, **kw):
    return penalty_decide(case_id=case.pk, actor=actor, version=fresh(case).version, **kw)


@pytest.mark.parametrize(("owed", "low", "high"), [
    ("0.01", "0.01", "0.01"),      # half a fen is rounded up: never below 50%
    ("0.03", "0.02", "0.03"),
    ("100.01", "50.01", "100.01"),
    ("8600.00", "4300.00", "8600.00"),
    (Decimal("99999999.99"), "50000000.00", "99999999.99"),
])
def test_extra_compensation_is_half_to_all_of_the_amount_owed_rounded_inwards_to_the_fen(owed, low, high):
    assert extra_compensation(owed) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("owed", ["0", "-1.00", 100.0, "12.345", "abc"])
def test_extra_compensation_needs_a_positive_amount_in_yuan_and_fen(owed):
    with pytest.raises(ValidationFailed):
        extra_compensation(owed)


def test_extra_compensation_follows_the_table_not_the_code():
    PenaltyRule.objects.filter(article="26").update(low=Decimal("0.6"))
    assert extra_compensation("100.00") == (Decimal("60.00"), Decimal("100.00"))
    PenaltyRule.objects.filter(article="26").delete()
    with pytest.raises(ImproperlyConfigured):
        extra_compensation("100.00")


def test_every_range_of_the_regulations_is_seeded_with_its_source():
    rules = {r.article: r for r in PenaltyRule.objects.all()}
    assert {a: (r.kind, r.low, r.high) for a, r in rules.items()} == {
        "23": ("per_worker", Decimal("1000"), Decimal("5000")),
        "25": ("per_worker", Decimal("100"), Decimal("500")),
        "26": ("multiple", Decimal("0.5"), Decimal("1")),
        "27": ("multiple", Decimal("1"), Decimal("3")),
        "30": ("fixed", Decimal("2000"), Decimal("20000")),
    }
    assert all(r.source == f"劳动保障监察条例 art {a}" for a, r in rules.items())
    assert rules["25"].with_warning and rules["26"].payable_to_worker
    assert StatutoryParameter.objects.get(key="penalty_statement_period_wd").value == 3


@pytest.mark.parametrize(("amount", "ok"), [("3000.00", True), ("15000", True), ("2999.99", False), ("15000.01", False)])
def test_a_per_worker_range_is_multiplied_by_the_workers(filed, team, amount, ok):
    case = filed()
    with at("2026-06-05"):
        if ok:
            assert propose(case, team["lead"], "23", amount, workers=3).amount == Decimal(amount)
        else:
            with pytest.raises(ValidationFailed) as exc:
                propose(case, team["lead"], "23", amount, workers=3)
            assert "3000.00" in exc.value.fields["amount"][0] and "15000.00" in exc.value.fields["amount"][0]
            assert fresh(case).version == case.version and not PenaltyProposal.objects.exists()


def test_a_per_worker_penalty_needs_the_number_of_workers(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(ValidationFailed) as exc:
        propose(case, team["lead"], "23", "1000", workers=0)
    assert "workers" in exc.value.fields


def test_excess_overtime_may_be_a_warning_alone_but_a_fine_stays_in_range(filed, team):
    case = filed()
    with at("2026-06-05"):
        warning_only = propose(case, team["lead"], "25", "0", workers=4)
        assert (warning_only.with_warning, warning_only.amount) == (True, Decimal("0.00"))
        with pytest.raises(ValidationFailed):
            propose(case, team["lead"], "25", "399.99", workers=4)


@pytest.mark.parametrize(("amount", "ok"), [("2000", True), ("20000", True), ("1999.99", False), ("20000.01", False)])
def test_obstruction_has_a_fixed_range(filed, team, amount, ok):
    case = filed()
    with at("2026-06-05"):
        if ok:
            propose(case, team["lead"], "30", amount)
        else:
            with pytest.raises(ValidationFailed):
                propose(case, team["lead"], "30", amount)


def test_an_understated_base_is_fined_one_to_three_times_the_amount(filed, team):
    case = filed()
    with at("2026-06-05"):
        with pytest.raises(ValidationFailed) as exc:
            propose(case, team["lead"], "27", "5000")
        assert "basis" in exc.value.fields
        with pytest.raises(ValidationFailed):
            propose(case, team["lead"], "27", "15000.01", basis="5000")
        assert propose(case, team["lead"], "27", "15000.00", basis="5000").range_low == Decimal("5000.00")


def test_an_unknown_article_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(ValidationFailed) as exc:
        propose(case, team["lead"], "99", "100")
    assert "article" in exc.value.fields


def test_only_the_handling_team_proposes(filed, team, people):
    case = filed()
    with at("2026-06-05"):
        for who in (team["clerk"], team["stranger"], people["arbitrator"]):
            with pytest.raises(PermissionDenied):
                propose(case, who, "30", "2000")
        with pytest.raises(Conflict):
            penalty_propose(case_id=case.pk, actor=team["lead"], version=case.version - 1, article="30", workers=0,
                            amount="2000")


def _unpaid_after_order(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                                   due_on=D(2026, 6, 15), items=[{"kind": "wages", "amount": "8600.00", "workers": 3}])
    with at("2026-06-16"):
        compliance_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                          amounts_paid={o.items.get().pk: "2600.00"}, workers_paid=1, complied=False)
    return case


def test_extra_compensation_is_proposed_only_after_an_unpaid_order(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(ValidationFailed) as exc:
        propose(case, team["lead"], "26", "3000", basis="6000")
    assert "article" in exc.value.fields


def test_extra_compensation_is_taken_of_what_is_still_unpaid(filed, team):
    case = _unpaid_after_order(filed, team)
    with at("2026-06-17"):
        with pytest.raises(ValidationFailed) as exc:
            propose(case, team["lead"], "26", "2999.99")  # 50% of the 6,000 still unpaid is 3,000
        assert "3000.00" in exc.value.fields["amount"][0]
        with pytest.raises(ValidationFailed):
            propose(case, team["lead"], "26", "4000", basis="8600.00")  # more than is unpaid
        p = propose(case, team["lead"], "26", "6000.00", workers=3)
    assert (p.basis, p.range_low, p.range_high, p.payable_to_worker) == (Decimal("6000.00"), Decimal("3000.00"), Decimal("6000.00"), True)


def test_deciding_before_the_employer_was_heard_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"):  # Friday: 3 working days end Wed 10 Jun
        p = propose(case, team["lead"], "30", "5000")
    assert (p.notified_on, p.statement_period_ends_on) == (D(2026, 6, 5), D(2026, 6, 10))
    with at("2026-06-10"), pytest.raises(TransitionRefused) as exc:
        decide(case, team["lead"])
    assert exc.value.code == "employer_not_heard" and "2026-06-10" in str(exc.value.message)
    assert fresh(case).status == "inspection" and PenaltyProposal.objects.get().state == "proposed"


def test_the_decision_may_follow_the_statement_period_without_an_answer(filed, team):
    case = filed()
    with at("2026-06-05"):
        propose(case, team["lead"], "30", "5000")
    with at("2026-06-11"):
        decide(case, team["lead"])
    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "penalty")


def test_the_statement_period_counts_working_days_over_a_holiday(filed, team):
    case = filed()
    with at("2026-06-17"):  # Wednesday; Fri 19 Jun is the Dragon Boat holiday
        p = propose(case, team["lead"], "30", "5000")
    # Thu 18 Jun, (holiday), Mon 22, Tue 23 Jun.
    assert p.statement_period_ends_on == D(2026, 6, 23)


def test_the_employers_statement_lets_the_decision_be_taken_at_once(filed, team):
    case = filed()
    with at("2026-06-05"):
        propose(case, team["lead"], "30", "5000")
        state(case, team["lead"], "statement")
        proposals = decide(case, team["second"])
    assert [p.state for p in proposals] == ["decided"]
    assert PenaltyProposal.objects.get().decided_on == D(2026, 6, 5)
    event = CaseEvent.objects.get(case=case, action="penalty_decided")
    assert (event.payload["fines"], event.payload["articles"]) == ("5000.00", ["30"])


def test_a_requested_hearing_holds_the_decision_until_it_is_held(filed, team):
    case = filed()
    with at("2026-06-05"):
        propose(case, team["lead"], "30", "5000")
        state(case, team["lead"], "hearing_requested", summary="")
    with at("2026-06-20"), pytest.raises(TransitionRefused):
        decide(case, team["lead"])
    with at("2026-06-22"):
        state(case, team["lead"], "hearing_held", summary="听证会上单位陈述了意见")
        decide(case, team["lead"])
    assert fresh(case).status == "closed"


def test_a_new_proposal_supersedes_the_old_and_must_be_heard_again(filed, team):
    case = filed()
    with at("2026-06-05"):
        first = propose(case, team["lead"], "30", "5000")
        state(case, team["lead"], "statement")
        second = propose(case, team["lead"], "30", "3000")
    first.refresh_from_db()
    assert (first.state, second.state) == ("superseded", "proposed")
    with at("2026-06-05"), pytest.raises(TransitionRefused):
        decide(case, team["lead"])


def test_a_statement_without_a_proposal_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(TransitionRefused):
        state(case, team["lead"], "statement")


def test_nothing_to_decide_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(TransitionRefused):
        decide(case, team["lead"])


def test_the_decision_after_an_unpaid_order_records_what_was_recovered(filed, team):
    case = _unpaid_after_order(filed, team)
    with at("2026-06-17"):
        propose(case, team["lead"], "26", "4500.00")
        state(case, team["lead"], "waived", summary="")
        decide(case, team["head"])
    closure = InspectionClosure.objects.get(case=case)
    assert (closure.outcome, closure.amount_recovered, closure.workers_covered) == ("penalty", Decimal("2600.00"), 1)
    event = CaseEvent.objects.get(case=case, action="penalty_decided")
    assert (event.payload["fines"], event.payload["extra_compensation"]) == ("0.00", "4500.00")


def test_a_clerk_cannot_decide(filed, team):
    case = filed()
    with at("2026-06-05"):
        propose(case, team["lead"], "30", "5000")
        state(case, team["lead"], "statement")
        with pytest.raises(PermissionDenied):
            decide(case, team["clerk"])
