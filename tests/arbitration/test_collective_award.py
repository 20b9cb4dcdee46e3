"""A collective dispute of 12 riders handled as one matter: one acceptance, one tribunal, one hearing with a notice
to every party, one award with an item per rider's claim; each rider's status page shows their own amount."""

import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from arbitration.models import Award, AwardItem
from arbitration.services import application_accept, award_issue, tribunal_compose
from core.errors import TransitionRefused
from core.identifiers import make_id_number
from disputes.collective import collective_split
from disputes.models import Case, CaseEvent, Document
from disputes.services import case_transition, referral_accept, referral_offer
from hearings.models import Hearing
from intake.services import GroupWorker, collective_register
from tests.conftest import complaint_input, hold_hearing, schedule_first_hearing

from .conftest import D, at, fresh

pytestmark = pytest.mark.django_db

TEXTS = {
    "findings": "十二名骑手于2025年起为被申请人配送，被申请人未支付2026年1月至3月工资。",
    "reasoning": "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条",
}


def riders(n: int, seed: int = 7) -> list[GroupWorker]:
    rng = random.Random(seed)
    return [
        GroupWorker(name=f"骑手{i + 1}", id_number=make_id_number(rng), phone=f"1380013{i:04d}",
                    claims=[{"type": "wages", "amount": f"{1000 + 100 * i}.00", "description": "1-3月工资"}],
                    representative=i < 2)
        for i in range(n)
    ]


@pytest.fixture
def group(people, division):
    """Twelve riders registered together at the window (call it on the test's day): returns (lead, [every case,
    lead first], their query codes)."""

    def _make():
        result = collective_register(
            actor=people["clerk"], workers=riders(12),
            data=complaint_input(division, violation_started_on=D(2026, 1, 5)),
        )
        return result.lead, [r.case for r in result.results], [r.query_code for r in result.results]

    return _make


def _to_arbitration(lead, people, arb):
    ref = referral_offer(case_id=lead.pk, actor=people["clerk"], to_org_id=arb.org.pk, purpose="arbitration",
                         expected_version=fresh(lead).version)
    referral_accept(referral_id=ref.pk, actor=arb.arbitrator)
    application_accept(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version)


def test_twelve_riders_get_one_hearing_and_one_award_with_twelve_items(group, people, arb, client):
    with at("2026-04-10"):
        lead, cases, codes = group()
        _to_arbitration(lead, people, arb)
        # One acceptance moved all twelve, each with an event of its own naming the lead.
        assert {fresh(c).status for c in cases} == {"arbitration"}
        assert {fresh(c).owner_org_id for c in cases} == {arb.org.pk}
        member = cases[5]
        accepted = CaseEvent.objects.get(case=member, action="accept_application")
        assert accepted.payload["lead_number"] == lead.number
        # A collective dispute (twelve workers, the statutory ten reached) is heard by three arbitrators.
        assert all(fresh(c).is_collective for c in cases)
        tribunal_compose(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version,
                         arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
        hearing = schedule_first_hearing(lead, arb.arbitrator,
                                         arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3])
        assert Hearing.objects.count() == 1
        assert {fresh(c).status for c in cases} == {"hearing"}
        # The notice goes to every party: the respondent and the lead's worker on the lead, each member's worker
        # on their own file (each worker is told, too).
        assert Document.objects.filter(case=lead, kind="hearing_notice").count() == 2
        assert all(Document.objects.filter(case=c, kind="hearing_notice").count() == 1 for c in cases[1:])
        assert CaseEvent.objects.filter(action="group_hearing_scheduled").count() == 11
        hold_hearing(hearing, arb.arbitrator)
        items = [{"claim_id": claim.pk, "awarded_amount": claim.amount, "decision_text": "被申请人支付工资"}
                 for c in cases for claim in c.claims.all()]
        award = award_issue(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version, items=items, **TEXTS)

    assert Award.objects.count() == 1
    assert AwardItem.objects.filter(award=award).count() == 12
    assert {fresh(c).status for c in cases} == {"closed"} and {fresh(c).outcome for c in cases} == {"award"}
    assert CaseEvent.objects.filter(action="award", payload__lead=lead.pk).count() == 11

    # Rider 6's status page (the worker's phone page) shows their own amount, not another rider's.
    cache.clear()
    page = client.post(reverse("portal:lookup"), {"n": member.number, "c": codes[5]})
    body = page.content.decode()
    assert page.status_code == 200
    assert "1,500.00" in body or "1500.00" in body
    assert "1,600.00" not in body and "1600.00" not in body and "1,400.00" not in body


def test_a_member_takes_no_step_of_its_own_until_split_off(group, people, arb):
    with at("2026-04-10"):
        lead, cases, _codes = group()
        _to_arbitration(lead, people, arb)
        member = fresh(cases[3])
        with pytest.raises(TransitionRefused) as refused:
            case_transition(case_id=member.pk, action="suspend", actor=arb.arbitrator,
                            expected_version=member.version, reason="等待工伤认定")
        assert refused.value.code == "group_member"
        collective_split(case_id=member.pk, actor=arb.arbitrator, reason="该骑手另有工伤争议，单独处理",
                         version=member.version)
        case_transition(case_id=member.pk, action="suspend", actor=arb.arbitrator,
                        expected_version=fresh(member).version, reason="等待工伤认定")
        # The split-off case went its own way; the group stayed where it was.
        assert fresh(member).status == "suspended" and fresh(member).lead_id is None
        assert {fresh(c).status for c in cases if c.pk != member.pk} == {"arbitration"}
        assert CaseEvent.objects.get(case=member, action="collective_split_off").reason == "该骑手另有工伤争议，单独处理"
        assert CaseEvent.objects.filter(case=lead, action="collective_member_split_off",
                                        payload__number=member.number).exists()


def test_the_award_must_decide_every_members_claims(group, people, arb):
    from core.errors import ValidationFailed

    with at("2026-04-10"):
        lead, cases, _codes = group()
        _to_arbitration(lead, people, arb)
        tribunal_compose(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version,
                         arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
        hold_hearing(schedule_first_hearing(lead, arb.arbitrator,
                                            arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3]),
                     arb.arbitrator)
        lead_only = [{"claim_id": c.pk, "awarded_amount": c.amount, "decision_text": "支付"} for c in lead.claims.all()]
        with pytest.raises(ValidationFailed):
            award_issue(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version, items=lead_only, **TEXTS)
    assert not Award.objects.exists()
    assert sum((c.claims.get().amount for c in cases), Decimal("0")) == Decimal("18600.00")


def test_a_partial_award_on_the_lead_is_on_each_members_timeline_and_page_with_its_own_items(group, people, arb,
                                                                                             client):
    with at("2026-04-10"):
        lead, cases, codes = group()
        _to_arbitration(lead, people, arb)
        tribunal_compose(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version,
                         arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
        hold_hearing(schedule_first_hearing(lead, arb.arbitrator,
                                            arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3]),
                     arb.arbitrator)
        # The tribunal and the hearing held are the group's steps: each member's timeline has them, naming the lead.
        assert CaseEvent.objects.filter(action="tribunal_composed", payload__lead=lead.pk).count() == 11
        assert CaseEvent.objects.filter(action="hearing_held", payload__lead=lead.pk).count() == 11
        # Riders 1-6 have their wages decided first (LDMAL art 43); the others wait for the final award.
        first = [{"claim_id": claim.pk, "awarded_amount": claim.amount, "decision_text": "被申请人先行支付工资"}
                 for c in cases[:6] for claim in c.claims.all()]
        version = fresh(cases[5]).version
        award_issue(case_id=lead.pk, actor=arb.arbitrator, version=fresh(lead).version, items=first, partial=True,
                    **TEXTS)

    member, waiting = cases[5], cases[8]
    event = CaseEvent.objects.get(case=member, action="partial_award_issued")
    assert event.payload["lead"] == lead.pk and event.is_public
    assert [i["case"] for i in event.payload["items"]] == [member.pk]  # its own item, no colleague's
    assert CaseEvent.objects.get(case=waiting, action="partial_award_issued").payload["items"] == []
    assert CaseEvent.objects.filter(action="partial_award_issued").count() == 12
    assert fresh(member).version == version + 1 and fresh(member).status == "hearing"

    cache.clear()
    body = client.post(reverse("portal:lookup"), {"n": member.number, "c": codes[5]}).content.decode()
    assert "1,500.00" in body or "1500.00" in body
    assert "1,600.00" not in body and "1600.00" not in body and "1,400.00" not in body
    body = client.post(reverse("portal:lookup"), {"n": waiting.number, "c": codes[8]}).content.decode()
    assert "1,800.00" not in body and "1800.00" not in body and "1,500.00" not in body
