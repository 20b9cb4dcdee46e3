"""Awards per claim item: final (终局) or not against 12 × the local monthly minimum wage; mediation statements."""

from decimal import Decimal

import pytest

from arbitration.models import Award, AwardItem, MediationStatement, MinimumWage
from arbitration.services import (
    MinimumWageMissing,
    award_issue,
    claim_is_final,
    mediation_statement_issue,
)
from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Division
from disputes.models import Case, CaseEvent, Claim
from tests.conftest import schedule_first_hearing

from .conftest import D, at, fresh

pytestmark = pytest.mark.django_db

# 潍城区 (370702) in 2026: seeded at 2,100 yuan a month, so the threshold is 25,200.00 yuan.
THRESHOLD = Decimal("25200.00")


@pytest.fixture
def wage_2026(division):
    return MinimumWage.objects.get(division=division, effective_from=D(2021, 10, 1))


@pytest.mark.parametrize(
    ("claim_type", "amount", "final"),
    [
        ("wages", THRESHOLD, True),
        ("wages", THRESHOLD + Decimal("0.01"), False),
        ("overtime", THRESHOLD, True),
        ("overtime", THRESHOLD + Decimal("0.01"), False),
        ("injury_medical", THRESHOLD, True),
        ("injury_medical", THRESHOLD + Decimal("0.01"), False),
        ("severance", THRESHOLD, True),
        ("severance", THRESHOLD + Decimal("0.01"), False),
        ("damages", THRESHOLD, True),
        ("damages", THRESHOLD + Decimal("0.01"), False),
        ("damages", Decimal("0.00"), True),
        ("working_time", Decimal("999999.00"), True),
        ("social_insurance", None, True),
        ("dismissal", Decimal("100.00"), False),
        ("employment_relationship", None, False),
        ("contract", None, False),
        ("welfare", Decimal("100.00"), False),
        ("other", Decimal("100.00"), False),
    ],
)
def test_each_claim_item_is_final_up_to_twelve_months_of_the_local_minimum_wage(case, wage_2026, claim_type, amount, final):
    assert wage_2026.monthly_amount * 12 == THRESHOLD
    claim = Claim(case=case, type=claim_type, amount=amount)
    assert claim_is_final(claim, D(2026, 11, 2)) is final


def test_the_awarded_amount_not_the_claimed_one_is_measured(case, wage_2026):
    claim = Claim(case=case, type="wages", amount=Decimal("40000.00"))
    assert claim_is_final(claim, D(2026, 11, 2)) is False
    assert claim_is_final(claim, D(2026, 11, 2), amount=Decimal("20000.00")) is True


def test_finality_is_refused_without_a_minimum_wage_in_force_for_the_division(case, wage_2026):
    claim = Claim(case=case, type="wages", amount=Decimal("100.00"))
    with pytest.raises(MinimumWageMissing) as exc:
        claim_is_final(claim, D(2021, 9, 30))  # before the 2021 notice took effect
    assert "2021-09-30" in str(exc.value.message)
    # Another division's wage is never borrowed.
    wage_2026.delete()
    with pytest.raises(MinimumWageMissing):
        claim_is_final(claim, D(2026, 11, 2))
    assert MinimumWage.objects.exclude(division=case.division).exists()


def test_the_seeded_minimum_wages_say_where_they_come_from_and_that_nobody_verified_them():
    rows = MinimumWage.objects.all()
    # One row per division with a code of its own, in force from the notice's day; zones use their division's.
    assert rows.count() == Division.objects.filter(administered_by__isnull=True).count()
    assert {w.effective_from for w in rows} == {D(2021, 10, 1)}
    assert not any(w.verified for w in rows)
    assert all("2021" in w.source and "未核实" in w.source for w in rows)


def test_the_award_keeps_the_minimum_wage_row_and_the_api_shows_its_source(heard, arb, wage_2026, client):
    with at("2026-04-10"):
        case = heard(held=True)
        award = award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                            items=items_for(case, {"wages": "8600.00"}), **TEXTS)
    item = award.items.get()
    assert item.minimum_wage == wage_2026
    client.force_login(arb.arbitrator)
    body = client.get(f"/api/v1/cases/{case.pk}/arbitration/").json()
    [shown] = body["awards"][0]["items"]
    assert shown["minimum_wage"]["source"] == wage_2026.source and shown["minimum_wage"]["verified"] is False
    assert body["awards"][0]["ground"] == "hearing_held"


CLAIMS = [
    {"type": "wages", "amount": "25200.00", "description": "拖欠工资"},
    {"type": "damages", "amount": "60000.00", "description": "违法解除赔偿金"},
    {"type": "social_insurance", "amount": None, "description": "补缴社会保险"},
]


# What every award states besides its items (LDMAL art 46); award_issue requires them.
TEXTS = {
    "findings": "申请人于2025年3月入职被申请人处从事配送工作，被申请人未足额支付2026年9月至10月工资。",
    "reasoning": "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条",
}


def items_for(case, amounts):
    return [{"claim_id": c.pk, "awarded_amount": amounts.get(c.type), "decision_text": f"裁决：{c.description}"}
            for c in case.claims.order_by("id")]


def test_a_final_award_marks_each_item_and_closes_the_case(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True, claims=CLAIMS)
        award = award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                            items=items_for(case, {"wages": "25200.00", "damages": "25200.01"}), **TEXTS)
    items = {i.claim.type: i for i in AwardItem.objects.filter(award=award).select_related("claim")}
    assert {t: i.is_final for t, i in items.items()} == {"wages": True, "damages": False, "social_insurance": True}
    assert items["damages"].awarded_amount == Decimal("25200.01")
    assert items["wages"].final_threshold == THRESHOLD and items["social_insurance"].final_threshold is None
    after = fresh(case)
    assert (after.status, after.outcome) == ("closed", "award")
    assert award.issued_on == D(2026, 4, 10) and not award.is_partial
    assert CaseEvent.objects.filter(case=case, action="award").exists()


def test_a_final_award_must_decide_every_claim_and_needs_amounts_for_money_claims(heard, arb):
    case = heard(held=True, claims=CLAIMS)
    some = items_for(case, {"wages": "100.00", "damages": "100.00"})[:2]
    with pytest.raises(ValidationFailed):
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=some, **TEXTS)
    no_amount = items_for(case, {"damages": "100.00"})
    with pytest.raises(ValidationFailed):
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=no_amount, **TEXTS)
    with pytest.raises(ValidationFailed):
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                    items=items_for(case, {"wages": "-1", "damages": "100.00"}), **TEXTS)
    assert not Award.objects.exists() and fresh(case).status == "hearing"


@pytest.mark.parametrize("field", ["findings", "reasoning", "legal_basis"])
def test_an_award_states_its_findings_reasons_and_legal_basis_or_is_refused(heard, arb, field):
    case = heard(held=True)
    with pytest.raises(ValidationFailed) as exc:
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                    items=items_for(case, {"wages": "8600.00"}), **{**TEXTS, field: "  \n "})
    assert set(exc.value.fields) == {field}
    with pytest.raises(ValidationFailed) as exc:
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                    items=items_for(case, {"wages": "8600.00"}), **{**TEXTS, field: "条" * 20001})
    assert set(exc.value.fields) == {field}
    after = fresh(case)
    assert (after.status, after.version) == ("hearing", case.version) and not Award.objects.exists()


def test_the_award_keeps_what_the_tribunal_wrote(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        award = award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                            items=items_for(case, {"wages": "8600.00"}),
                            **{**TEXTS, "findings": "  第一段。\n第二段。  "})
    award.refresh_from_db()
    assert (award.findings, award.reasoning, award.legal_basis) == (
        "第一段。\n第二段。", TEXTS["reasoning"], TEXTS["legal_basis"])


def test_a_partial_award_decides_some_claims_and_leaves_the_case_open(heard, arb):
    with at("2026-04-01"):
        case = heard(held=True, claims=CLAIMS)
        wages = case.claims.get(type="wages")
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, partial=True,
                    items=[{"claim_id": wages.pk, "awarded_amount": "20000", "decision_text": "先行裁决支付工资"}], **TEXTS)
        assert fresh(case).status == "hearing"
        assert CaseEvent.objects.get(case=case, action="partial_award_issued").is_public
        with pytest.raises(ValidationFailed):  # decided already
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, partial=True,
                        items=[{"claim_id": wages.pk, "awarded_amount": "1", "decision_text": "再次裁决"}], **TEXTS)
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                    items=items_for(case, {"damages": "1000"})[1:], **TEXTS)
    assert fresh(case).status == "closed"
    assert AwardItem.objects.filter(award__file__case=case).count() == 3


def test_an_award_is_refused_without_a_minimum_wage_and_nothing_changes(heard, arb, division):
    case = heard(held=True)
    MinimumWage.objects.filter(division=division).delete()
    with at("2026-04-10"), pytest.raises(MinimumWageMissing):
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                    items=items_for(case, {"wages": "8600.00"}), **TEXTS)
    after = fresh(case)
    assert (after.status, after.version) == ("hearing", case.version)
    assert not Award.objects.exists() and not AwardItem.objects.exists()


def test_an_award_needs_a_composed_tribunal_and_the_right_actor(accepted, heard, arb, people):
    case = heard(held=True)
    items = items_for(case, {"wages": "8600.00"})
    with pytest.raises(PermissionDenied):
        award_issue(case_id=case.pk, actor=arb.clerk, version=case.version, items=items, **TEXTS)
    with pytest.raises(PermissionDenied):
        award_issue(case_id=case.pk, actor=people["inspector"], version=case.version, items=items, **TEXTS)
    with pytest.raises(Conflict):
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version - 1, items=items, **TEXTS)
    no_tribunal = accepted()
    schedule_first_hearing(no_tribunal, arb.arbitrator)  # a hearing booked, but no tribunal composed
    with pytest.raises(TransitionRefused) as exc:
        award_issue(case_id=no_tribunal.pk, actor=arb.arbitrator, version=fresh(no_tribunal).version,
                    items=items_for(no_tribunal, {"wages": "8600.00"}), **TEXTS)
    assert exc.value.code == "tribunal_incomplete"


def test_a_mediation_statement_closes_the_case_by_settlement(accepted, arb, in_review):
    case = accepted()
    with pytest.raises(ValidationFailed):
        mediation_statement_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, terms="",
                                  amounts=[])
    with pytest.raises(ValidationFailed):
        mediation_statement_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, terms="分期支付",
                                  amounts=[{"label": "工资", "amount": "abc"}])
    statement = mediation_statement_issue(
        case_id=case.pk, actor=arb.arbitrator, version=case.version, terms="被申请人于2026年5月31日前支付",
        amounts=[{"label": "工资", "amount": "6000"}, {"label": "经济补偿", "amount": Decimal("1500.50")}],
    )
    assert statement.total == Decimal("7500.50")
    assert statement.amounts == [{"label": "工资", "amount": "6000.00"}, {"label": "经济补偿", "amount": "1500.50"}]
    after = fresh(case)
    assert (after.status, after.outcome) == ("closed", "mediated")
    review = in_review()
    with pytest.raises(TransitionRefused):
        mediation_statement_issue(case_id=review.pk, actor=arb.arbitrator, version=review.version, terms="x",
                                  amounts=[])
    assert MediationStatement.objects.count() == 1
    assert Case.objects.get(pk=review.pk).status == "arbitration_review"


# --- the award's lawful ground (LDMAL arts 35-36) -------------------------------------------------------------


def test_an_award_is_refused_on_a_hearing_not_yet_held_and_nothing_changes(heard, arb):
    from arbitration.services import AwardGroundMissing
    from hearings.models import Hearing

    with at("2026-04-10"):
        case = heard(claims=CLAIMS)
        hearing = Hearing.objects.get(case=case)
        items = items_for(case, {"wages": "8600.00", "damages": "1000.00"})
        with pytest.raises(AwardGroundMissing) as exc:
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **TEXTS)
        assert (exc.value.code, exc.value.status_code) == ("award_ground_missing", 409)
        with pytest.raises(AwardGroundMissing) as exc:
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **TEXTS,
                        hearing_id=hearing.pk)
        assert exc.value.code == "hearing_not_held" and "hearing_id" in exc.value.fields
        with pytest.raises(AwardGroundMissing):
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **TEXTS,
                        partial=True)
    after = fresh(case)
    assert (after.status, after.version) == ("hearing", case.version) and not Award.objects.exists()
    assert Hearing.objects.get(pk=hearing.pk).state == "scheduled"


def test_the_award_keeps_its_ground_and_the_hearing_it_rests_on(heard, arb):
    from hearings.models import Hearing

    with at("2026-04-10"):
        case = heard(respondent_absent=True)
        award = award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                            items=items_for(case, {"wages": "8600.00"}), **TEXTS)
    held = Hearing.objects.get(case=case)
    assert (award.ground, award.hearing_id, held.state, held.respondent_absent) == (
        "default_after_notice", held.pk, "held", True)
    assert "art 36" in award.ground_source
    assert CaseEvent.objects.get(case=case, action="award_items_recorded").payload["ground"] == "default_after_notice"


def test_closing_the_case_by_award_cancels_its_future_hearings_and_frees_room_and_arbitrator(heard, arb):
    from hearings.models import Hearing, HearingArbitrator

    with at("2026-04-10"):
        case = heard(held=True)
        later = schedule_first_hearing(case, arb.arbitrator)  # another sitting booked ten days ahead
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                    items=items_for(case, {"wages": "8600.00"}), **TEXTS)
        later.refresh_from_db()
        assert later.state == "cancelled" and later.cancel_reason
        assert set(HearingArbitrator.objects.filter(hearing=later).values_list("state", flat=True)) == {"cancelled"}
        event = CaseEvent.objects.get(case=case, action="hearing_cancelled")
        assert event.reason == later.cancel_reason and event.payload["hearing"] == later.pk
        # The room and the arbitrator are free again at that time: another case can have them.
        other = heard()
        moved = Hearing.objects.filter(case=other).get()
        from hearings.services import _check_free
        _check_free(room=later.room, arbitrator_ids=[arb.arbitrator.pk], starts_at=later.starts_at,
                    ends_at=later.ends_at)
        assert moved.state == "scheduled"


def test_withdrawing_the_case_cancels_its_scheduled_hearing_with_the_reason(heard, arb):
    from disputes.services import case_transition
    from hearings.models import Hearing

    with at("2026-04-10"):
        case = heard()
        case_transition(case_id=case.pk, action="withdraw", actor=arb.arbitrator, expected_version=case.version,
                        reason="申请人撤回仲裁申请")
    hearing = Hearing.objects.get(case=case)
    assert hearing.state == "cancelled"
    assert CaseEvent.objects.filter(case=case, action="hearing_cancelled", reason=hearing.cancel_reason).exists()
