"""Filing (立案) or refusing in writing: 若干规定 art 18."""

import datetime

import pytest

from core.errors import Conflict, PermissionDenied, ValidationFailed
from deadlines.models import Clock
from disputes.models import CaseEvent, Referral
from inspection.models import FilingDecision
from inspection.services import inspection_file, inspection_refuse

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def test_it_files_on_acceptance_with_the_date_and_the_inspector_in_charge(register, offer_to_inspection, team, orgs):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
    with at("2026-06-03"):
        decision = inspection_file(referral_id=referral.pk, actor=team["lead"])
    case = fresh(case)
    assert (case.status, case.owner_org, case.owner_user) == ("inspection", orgs["inspection"], team["lead"])
    assert (decision.decision, decision.decided_on, decision.inspector_in_charge) == ("filed", D(2026, 6, 3), team["lead"])
    assert Referral.objects.get(pk=referral.pk).state == "accepted"
    # The investigation's 60 working days run from the filing.
    assert Clock.objects.get(case=case, rule__code="investigation").started_on == D(2026, 6, 3)
    filed_event = CaseEvent.objects.get(case=case, action="inspection_filed")
    assert filed_event.payload["filed_on"] == "2026-06-03" and not filed_event.is_public


def test_it_puts_the_chosen_inspector_in_charge(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        decision = inspection_file(referral_id=offer_to_inspection(case).pk, actor=team["head"], inspector_id=team["second"].pk)
    assert decision.inspector_in_charge == team["second"]
    assert fresh(case).owner_user == team["second"]


def test_it_refuses_an_inspector_in_charge_from_another_team(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        with pytest.raises(ValidationFailed) as exc:
            inspection_file(referral_id=referral.pk, actor=team["lead"], inspector_id=team["stranger"].pk)
    assert "inspector" in exc.value.fields
    assert fresh(case).status == "registered" and not FilingDecision.objects.exists()


@pytest.mark.parametrize("who", ["clerk", "stranger"])
def test_only_an_inspector_of_the_receiving_team_may_file(register, offer_to_inspection, team, who):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        version = fresh(case).version
        with pytest.raises(PermissionDenied):
            inspection_file(referral_id=referral.pk, actor=team[who])
    assert (fresh(case).status, fresh(case).version) == ("registered", version)
    assert Referral.objects.get(pk=referral.pk).state == "offered"


def test_a_decided_referral_cannot_be_filed_again(filed, team):
    case = filed()
    referral = Referral.objects.get(case=case, purpose="inspection")
    with at("2026-06-02"), pytest.raises(Conflict):
        inspection_file(referral_id=referral.pk, actor=team["second"])
    assert FilingDecision.objects.filter(case=case).count() == 1


def _time_barred(register):
    # Ended 30 Jun 2023: the two years ran out on 30 Jun 2025, before this complaint.
    return register(violation_started_on=D(2023, 1, 2), violation_ended_on=D(2023, 6, 30),
                    limitation_reason="工人称曾多次向单位主张").case


def test_a_complaint_outside_the_two_year_limit_cannot_be_filed_but_is_refused_in_writing(register, offer_to_inspection, team, orgs):
    with at("2026-06-01"):
        case = _time_barred(register)
        referral = offer_to_inspection(case)
        with pytest.raises(ValidationFailed) as exc:
            inspection_file(referral_id=referral.pk, actor=team["lead"])
        assert "2025-06-30" in exc.value.fields["reason_code"][0]
        decision = inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code="time_barred",
                                     reason="违法行为于2023年6月30日终止，已超过两年。")
    referral.refresh_from_db()
    assert (referral.state, referral.decline_code) == ("declined", "time_barred")
    assert (decision.decision, decision.reason_code, decision.decided_on) == ("refused", "time_barred", D(2026, 6, 1))
    # The case goes back to the window that received it.
    assert (fresh(case).status, fresh(case).owner_org) == ("registered", orgs["window"])


def test_it_refuses_a_time_bar_refusal_when_the_complaint_is_within_two_years(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2025, 1, 6), violation_ended_on=D(2025, 3, 31)).case
        referral = offer_to_inspection(case)
        with pytest.raises(ValidationFailed) as exc:
            inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code="time_barred", reason="超过时效")
    assert "2027-03-31" in exc.value.fields["reason_code"][0]
    assert Referral.objects.get(pk=referral.pk).state == "offered"


@pytest.mark.parametrize(("ours", "decline_code"), [
    ("employer_unidentified", "incomplete"),
    ("out_of_scope", "out_of_scope"),
    ("out_of_jurisdiction", "out_of_jurisdiction"),
])
def test_each_written_refusal_declines_the_referral_with_the_matching_code(register, offer_to_inspection, team, ours, decline_code):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code=ours, reason="书面说明理由")
    referral.refresh_from_db()
    assert (referral.state, referral.decline_code, referral.decline_reason) == ("declined", decline_code, "书面说明理由")
    event = CaseEvent.objects.get(case=case, action="inspection_refused")
    assert (event.reason_code, event.reason) == (ours, "书面说明理由")
    # The acceptance deadline is met by the written refusal.
    assert Clock.objects.get(case=case, rule__code="inspection_acceptance").state == "satisfied"


def test_a_refusal_needs_a_coded_and_written_reason(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        with pytest.raises(ValidationFailed) as exc:
            inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code="dislike", reason="  ")
    assert set(exc.value.fields) == {"reason_code", "reason"}
    assert Referral.objects.get(pk=referral.pk).state == "offered"


def test_a_clerk_of_the_inspection_team_cannot_refuse(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        with pytest.raises(PermissionDenied):
            inspection_refuse(referral_id=referral.pk, actor=team["clerk"], reason_code="out_of_scope", reason="x")
    assert Referral.objects.get(pk=referral.pk).state == "offered"
