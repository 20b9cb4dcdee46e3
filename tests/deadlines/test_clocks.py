"""Each rule's clock is started, paused, restarted, extended and satisfied by the real transitions.

Time is frozen on ordinary working days of 2026 so the expected dates can be counted by hand from the 2026
State Council notice (make-up working days 4 Jan, 14 Feb, 28 Feb, 9 May, 20 Sep, 10 Oct).
"""

import datetime

import pytest
import time_machine

from arbitration.services import award_issue, tribunal_compose
from core.errors import Conflict, PermissionDenied
from core.models import Role
from deadlines.models import Clock
from deadlines.services import clock_extend
from disputes.models import Case, CaseEvent
from disputes.services import case_transition, event_append, referral_accept, referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.services import (
    compliance_record,
    correction_order_issue,
    employer_statement_record,
    penalty_decide,
    penalty_propose,
)
from legal_aid.services import aid_decide
from tests.conftest import (
    accept_for_arbitration, agree_by_mediation, file_for_inspection, hold_hearing, make_staff, schedule_first_hearing,
)

pytestmark = pytest.mark.django_db
D = datetime.date
AWARD_TEXTS = {
    "findings": "被申请人未支付申请人2026年9月至10月工资。",
    "reasoning": "用人单位应当及时足额支付劳动报酬。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条",
}


def at(day: str):
    """Freeze the clock at 10:00 Beijing time on the given day."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def refer(case, actor, org, purpose):
    return referral_offer(case_id=case.pk, actor=actor, to_org_id=org.pk, purpose=purpose,
                          expected_version=Case.objects.get(pk=case.pk).version)


def act(case, actor, action, **kw):
    return case_transition(case_id=case.pk, action=action, actor=actor,
                           expected_version=Case.objects.get(pk=case.pk).version, **kw)


def clock(case, code):
    return Clock.objects.filter(case=case, rule__code=code).order_by("-id").first()


def version(case):
    return Case.objects.get(pk=case.pk).version


def order_correction(case, inspector, due_on):
    ensure_default_number_patterns(Case.objects.get(pk=case.pk).owner_org)
    return correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=inspector, version=version(case), due_on=due_on,
                                  items=[{"kind": "wages", "amount": "8600.00"}])


def decide_penalty(case, inspector):
    """Propose a penalty, record that the employer waived its statement, decide (inspection.services)."""
    ensure_default_number_patterns(Case.objects.get(pk=case.pk).owner_org)
    penalty_propose(case_id=case.pk, actor=inspector, version=version(case), article="30", workers=0,
                    amount="2000", facts="拒绝提供工资台账")
    employer_statement_record(case_id=case.pk, actor=inspector, version=version(case), kind="waived")
    return penalty_decide(case_id=case.pk, actor=inspector, version=version(case))


def test_arbitration_acceptance_and_award_clocks(register, people, orgs):
    with at("2026-09-28"):  # Monday
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["arbitration"], "arbitration")
        acc = clock(case, "arbitration_acceptance")
        # 5 working days after Mon 28 Sep: Tue 29, Wed 30 Sep, then the 1-7 Oct holiday, Thu 8, Fri 9 and the
        # make-up Saturday 10 Oct.
        assert (acc.state, acc.due_on) == ("running", D(2026, 10, 10))
        assert acc.owner_org == orgs["arbitration"]
    with at("2026-09-29"):
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        assert clock(case, "arbitration_acceptance").state == "running"  # moving to review is not a decision
        accept_for_arbitration(case, people["arbitrator"])
    acc.refresh_from_db()
    assert acc.state == "satisfied"
    award = clock(case, "award")
    # 45 calendar days after Tue 29 Sep 2026 is Fri 13 Nov 2026, a working day.
    assert (award.state, award.due_on, award.started_on) == ("running", D(2026, 11, 13), D(2026, 9, 29))
    with at("2026-10-12"):
        tribunal_compose(case_id=case.pk, actor=people["arbitrator"], version=version(case),
                         arbitrators=[people["arbitrator"]])
        hearing = schedule_first_hearing(case, people["arbitrator"])  # Thu 22 Oct
    with at("2026-10-26"):
        hold_hearing(hearing, people["arbitrator"])
        award_issue(case_id=case.pk, actor=people["arbitrator"], version=version(case), **AWARD_TEXTS,
                    items=[{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "支付工资"}
                           for c in case.claims.all()])
    award.refresh_from_db()
    assert award.state == "satisfied"
    rules = set(CaseEvent.objects.filter(case=case, action="clock_satisfied").values_list("payload__rule", flat=True))
    assert {"arbitration_acceptance", "award"} <= rules


def test_suspension_pauses_the_award_clock_and_resumption_counts_only_what_was_left(register, people, orgs):
    with at("2026-03-02"):  # Monday
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["arbitration"], "arbitration")
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    assert clock(case, "award").due_on == D(2026, 4, 16)  # 2 Mar + 45 days = Thu 16 Apr
    with at("2026-03-12"):  # 10 days used
        act(case, people["arbitrator"], "suspend", reason="等待工伤认定结论")
    paused = clock(case, "award")
    assert (paused.state, paused.consumed, paused.due_on) == ("paused", 10, None)
    with at("2026-05-11"):
        act(case, people["arbitrator"], "resume")
    resumed = clock(case, "award")
    # 35 days left from Mon 11 May 2026: Mon 15 Jun 2026.
    assert (resumed.state, resumed.due_on) == ("running", D(2026, 6, 15))


def test_completed_materials_restart_the_award_clock(register, people, orgs):
    with at("2026-03-02"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["arbitration"], "arbitration")
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    with at("2026-03-20"):
        event_append(case=Case.objects.get(pk=case.pk), actor=people["arbitrator"], profile=people["arbitrator"].staff,
                     action="materials_completed", notify=False)
    restarted = clock(case, "award")
    # 办案规则 art 46: the 45 days run again in full from Fri 20 Mar: 4 May is a holiday (Labour Day
    # moved), 5 May too (moved from Sat 9 May): the period ends on Wed 6 May.
    assert (restarted.started_on, restarted.restarts, restarted.due_on) == (D(2026, 3, 20), 1, D(2026, 5, 6))


def test_investigation_is_extended_once_by_a_supervisor(register, people, orgs):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["inspection"], "inspection")
        assert clock(case, "inspection_acceptance").due_on == D(2026, 6, 8)  # 5 WD after Mon 1 Jun: Mon 8 Jun
        file_for_inspection(case, people, orgs, referral=ref)
    assert clock(case, "inspection_acceptance").state == "satisfied"
    inv = clock(case, "investigation")
    # 60 working days after Mon 1 Jun 2026: June 2-30 has 20 (Fri 19 Jun is the Dragon Boat holiday),
    # July 23 (43), August 3-21 has 15 (58), Mon 24 (59), Tue 25 Aug (60).
    assert inv.due_on == D(2026, 8, 25)
    with pytest.raises(PermissionDenied):
        clock_extend(clock_id=inv.pk, actor=people["inspector"], reason="案情复杂")
    boss = make_staff(orgs["inspection"], Role.SUPERVISOR, "inspection-head")
    with at("2026-08-10"):
        clock_extend(clock_id=inv.pk, actor=boss, reason="经部门负责人批准延长30个工作日")
    inv.refresh_from_db()
    # 30 more: 26 Aug-18 Sep has 18 (78), Sun 20 Sep make-up (79), 21-24 Sep (83), Fri 25 Sep Mid-Autumn off,
    # 28-30 Sep (86), 1-7 Oct holiday, Thu 8, Fri 9, Sat 10 Oct make-up (89), Mon 12 Oct (90).
    assert inv.due_on == D(2026, 10, 12) and inv.extended_by == boss
    with pytest.raises(Conflict):
        clock_extend(clock_id=inv.pk, actor=boss, reason="再次延长")


def test_an_order_to_correct_runs_to_the_date_it_sets(register, people, orgs):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        file_for_inspection(case, people, orgs)
        item = order_correction(case, people["inspector"], due_on=D(2026, 6, 30)).items.get()
    assert clock(case, "investigation").state == "satisfied"
    order = clock(case, "correction_order")
    assert (order.state, order.due_on) == ("running", D(2026, 6, 30))
    with at("2026-06-25"):  # paid in full: the correction is confirmed
        compliance_record(case_id=case.pk, actor=people["inspector"], version=version(case),
                          amounts_paid={item.pk: "8600.00"}, workers_paid=1, complied=True)
    assert Case.objects.get(pk=case.pk).outcome == "corrected"
    assert clock(case, "correction_order").state == "satisfied"


def test_mediation_then_judicial_confirmation(register, people, orgs):
    with at("2026-04-01"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        referral_accept(referral_id=refer(case, people["clerk"], orgs["mediation"], "mediation").pk,
                        actor=people["mediator"])
    med = clock(case, "mediation")
    assert med.due_on == D(2026, 4, 16)  # 1 Apr + 15 days, a Thursday
    with at("2026-04-10"):
        agree_by_mediation(case, people["mediator"])
    assert clock(case, "mediation").state == "satisfied"
    # 30 days after Fri 10 Apr is Sun 10 May: the next working day is Mon 11 May.
    assert clock(case, "judicial_confirmation").due_on == D(2026, 5, 11)


def test_legal_aid_review_runs_beside_the_case_and_its_station_may_extend_it(register, people, orgs):
    with at("2026-02-09"):  # Monday before the Spring Festival
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["legal_aid"], "legal_aid")
    review = clock(case, "legal_aid_review")
    # 7 WD after Mon 9 Feb: 10, 11, 12, 13, Sat 14 (make-up), then 15-23 holiday, 24, 25 Feb.
    assert (review.due_on, review.owner_org) == (D(2026, 2, 25), orgs["legal_aid"])
    head = make_staff(orgs["legal_aid"], Role.SUPERVISOR, "station-head")
    with at("2026-02-24"):
        clock_extend(clock_id=review.pk, actor=head, reason="补充经济困难证明")
    review.refresh_from_db()
    assert review.due_on == D(2026, 2, 28)  # +3 WD: 26, 27, Sat 28 Feb (make-up working day)
    with at("2026-02-26"):
        referral_accept(referral_id=ref.pk, actor=people["legal_aid"])
    assert clock(case, "legal_aid_review").state == "running"  # accepted for review, not yet decided
    with at("2026-02-27"):
        aid_decide(referral_id=ref.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    assert clock(case, "legal_aid_review").state == "satisfied"


def test_a_petition_must_be_forwarded_within_15_days(register, people, orgs):
    with at("2026-07-01"):
        case = register(channel="petition", violation_started_on=D(2026, 1, 5)).case
    fwd = clock(case, "petition_forwarding")
    assert fwd.due_on == D(2026, 7, 16)
    with at("2026-07-02"):
        refer(case, people["clerk"], orgs["inspection"], "inspection")
    assert clock(case, "petition_forwarding").state == "satisfied"


def test_withdrawal_cancels_every_running_clock(register, people, orgs):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        file_for_inspection(case, people, orgs)
        act(case, people["inspector"], "withdraw", reason="劳动者撤回投诉")
    assert set(Clock.objects.filter(case=case).values_list("state", flat=True)) <= {"satisfied", "cancelled"}
    assert clock(case, "investigation").state == "cancelled"


def test_a_deadline_in_a_year_without_calendar_is_not_guessed(register, people, orgs):
    with at("2026-12-10"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["arbitration"], "arbitration")
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    award = clock(case, "award")
    assert (award.due_on, award.missing_year) == (None, 2027)
    event = CaseEvent.objects.filter(case=case, action="clock_started", payload__rule="award").get()
    assert event.payload["missing_year"] == 2027


def test_an_inactive_rule_starts_nothing(register, people, orgs):
    from deadlines.models import DeadlineRule

    DeadlineRule.objects.filter(code="service_of_copy").update(is_active=False)
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 1, 5)).case
        referral_accept(referral_id=refer(case, people["clerk"], orgs["arbitration"], "arbitration").pk,
                        actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    assert not Clock.objects.filter(case=case, rule__code="service_of_copy").exists()
    assert Clock.objects.get(case=case, rule__code="tribunal_notice").due_on == D(2026, 6, 8)


def test_service_of_the_copy_then_the_defence_period(register, people, orgs):
    from arbitration.services import service_record

    with at("2026-06-01"):  # Monday
        case = register(violation_started_on=D(2026, 1, 5)).case
        referral_accept(referral_id=refer(case, people["clerk"], orgs["arbitration"], "arbitration").pk,
                        actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    assert clock(case, "service_of_copy").due_on == D(2026, 6, 8)  # 5 WD after Mon 1 Jun
    with at("2026-06-04"):
        service_record(case_id=case.pk, actor=people["arbitrator"], version=Case.objects.get(pk=case.pk).version,
                       kind="copy_served", on_date=D(2026, 6, 4))
    assert clock(case, "service_of_copy").state == "satisfied"
    # 10 working days after Thu 4 Jun: Fri 5 (1), 8-12 Jun (6), 15-18 Jun (10): Thu 18 Jun, the day before
    # the Dragon Boat holiday.
    assert clock(case, "defence").due_on == D(2026, 6, 18)
    with at("2026-06-10"):
        service_record(case_id=case.pk, actor=people["arbitrator"], version=Case.objects.get(pk=case.pk).version,
                       kind="defence_received", on_date=D(2026, 6, 10))
    assert clock(case, "defence").state == "satisfied"


def test_the_legal_aid_review_pauses_for_materials_and_the_lawyer_is_assigned_within_three_days_of_granting(
        register, people, orgs):
    from legal_aid.services import aid_materials_receive, aid_materials_request, lawyer_assign

    with at("2026-03-02"):  # Monday
        case = register(violation_started_on=D(2026, 1, 5)).case
        ref = refer(case, people["clerk"], orgs["legal_aid"], "legal_aid")
        referral_accept(referral_id=ref.pk, actor=people["legal_aid"])
    review = clock(case, "legal_aid_review")
    assert (review.state, review.due_on, review.owner_org_id) == ("running", D(2026, 3, 11), orgs["legal_aid"].pk)
    assert clock(case, "legal_aid_assignment") is None  # accepting is receiving the application, not granting it
    with at("2026-03-04"):  # 2 working days used
        aid_materials_request(referral_id=ref.pk, actor=people["legal_aid"], note="收入证明")
    assert clock(case, "legal_aid_review").state == "paused"
    with at("2026-03-16"):  # the applicant's time does not count: 5 working days left from Mon 16 Mar
        aid_materials_receive(referral_id=ref.pk, actor=people["legal_aid"])
    assert clock(case, "legal_aid_review").due_on == D(2026, 3, 23)  # 2 of 7 used: 17, 18, 19, 20, 23 Mar
    with at("2026-03-17"):
        aid_decide(referral_id=ref.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    assert clock(case, "legal_aid_review").state == "satisfied"
    assignment = clock(case, "legal_aid_assignment")
    assert (assignment.state, assignment.due_on) == ("running", D(2026, 3, 20))  # 17 Mar + 3 days
    assert assignment.owner_org_id == orgs["legal_aid"].pk  # the station answers for it
    with pytest.raises(PermissionDenied):
        lawyer_assign(referral_id=ref.pk, actor=people["clerk"], lawyer_name="赵律师", lawyer_phone="13700000000")
    with at("2026-03-19"):
        lawyer_assign(referral_id=ref.pk, actor=people["legal_aid"], lawyer_name="赵律师", lawyer_phone="13700000000")
    assert clock(case, "legal_aid_assignment").state == "satisfied"
    assert clock(case, "legal_aid_agreement").due_on == D(2026, 3, 24)
    with pytest.raises(Conflict):
        lawyer_assign(referral_id=ref.pk, actor=people["legal_aid"], lawyer_name="钱律师", lawyer_phone="13700000001")


def test_a_petition_is_handled_within_60_days_and_met_by_a_decision(register, people, orgs):
    with at("2026-07-01"):
        case = register(channel="petition", violation_started_on=D(2026, 1, 5)).case
    handling = clock(case, "petition_handling")
    assert handling.due_on == D(2026, 8, 31)  # 1 Jul + 60 days = Sun 30 Aug: Mon 31 Aug
    with at("2026-07-20"):
        file_for_inspection(case, people, orgs)
        decide_penalty(case, people["inspector"])
    assert clock(case, "petition_handling").state == "satisfied"
