"""Booking hearings: the notice period, whose room, who may book, and no double booking of rooms or people.

Time is frozen at 10:00 on Monday 1 June 2026 (tests/hearings/conftest.py), so the earliest hearing day is
Saturday 6 June (LDMAL art 35: notice at least 5 days before).
"""

import datetime

import pytest

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role
from disputes.models import Case, CaseEvent
from disputes.services import referral_accept, referral_offer
from hearings.models import Hearing, HearingArbitrator, Room
from hearings.services import hearing_cancel, hearing_postpone, hearing_schedule
from tests.conftest import make_staff

from .conftest import slot

pytestmark = pytest.mark.django_db


def schedule(case, actor, room, tribunal, when):
    return hearing_schedule(
        case_id=case.pk, actor=actor, version=Case.objects.get(pk=case.pk).version, room_id=room.pk,
        arbitrators=tribunal, **when,
    )


def test_it_books_the_room_and_tribunal_and_moves_the_case_to_hearing(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    tribunal = [arbitrators["chief"], arbitrators["second"], arbitrators["third"]]
    hearing = schedule(case, people["arbitrator"], rooms["one"], tribunal, slot("2026-06-08", "09:00", "11:30"))

    case.refresh_from_db()
    assert case.status == "hearing"
    assert (hearing.state, hearing.room, hearing.case) == ("scheduled", rooms["one"], case)
    seats = HearingArbitrator.objects.filter(hearing=hearing)
    assert {s.arbitrator for s in seats} == set(tribunal)
    assert all((s.starts_at, s.ends_at, s.state) == (hearing.starts_at, hearing.ends_at, "scheduled") for s in seats)
    actions = list(CaseEvent.objects.filter(case=case).exclude(action__startswith="clock_")
                   .exclude(action="document_issued").values_list("action", flat=True))
    assert actions[-2:] == ["schedule_hearing", "hearing_scheduled"]
    # The notice is now due: the hearing-notice clock runs to 5 days before the hearing.
    notice = case.clocks.get(rule__code="hearing_notice")
    # Five working days before Monday 8 June is Monday 1 June (the weekend between does not count).
    assert hearing.starts_at.date() == datetime.date(2026, 6, 8)
    assert notice.state == "running" and notice.due_on == datetime.date(2026, 6, 1)
    event = CaseEvent.objects.get(case=case, action="hearing_scheduled")
    assert event.is_public
    assert {k: event.payload[k] for k in ("date", "starts_at", "ends_at", "room")} == {"date": "2026-06-08", "starts_at": "09:00", "ends_at": "11:30", "room": "第一仲裁庭"}
    # The last day the notice may be served, for the hearing_notice clock.
    assert event.payload["due_on"] == "2026-06-01"


def test_a_further_hearing_of_a_case_already_in_hearing_keeps_its_stage(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))
    second = schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-09", "09:00", "11:00"))
    case.refresh_from_db()
    assert case.status == "hearing"
    assert second.state == "scheduled"
    assert CaseEvent.objects.filter(case=case, action="hearing_scheduled").count() == 2


def test_it_refuses_a_hearing_less_than_five_days_after_today(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    with pytest.raises(ValidationFailed) as refused:
        schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-05", "09:00", "11:00"))
    assert "starts_at" in refused.value.fields
    # Five working days (办案规则 art 81) after Monday 1 June: Monday 8 June; the weekend before is too soon.
    assert "2026-06-08" in refused.value.fields["starts_at"][0]
    for day in ("2026-06-06", "2026-06-07"):
        with pytest.raises(ValidationFailed):
            schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot(day, "09:00", "11:00"))
    case.refresh_from_db()
    assert case.status == "arbitration" and not Hearing.objects.exists()
    # Five working days exactly is enough.
    schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))


def test_a_hearing_in_a_year_without_an_official_calendar_is_refused_not_guessed(arbitration_case, people, rooms,
                                                                                   arbitrators):
    case = arbitration_case()
    with pytest.raises(ValidationFailed) as refused:
        schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2027-01-11", "09:00", "11:00"))
    assert refused.value.code == "calendar_missing" and "2027" in refused.value.fields["starts_at"][0]
    case.refresh_from_db()
    assert case.status == "arbitration" and not Hearing.objects.exists()


def test_it_refuses_a_hearing_that_ends_before_it_starts(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    with pytest.raises(ValidationFailed) as refused:
        schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "11:00", "09:00"))
    assert "ends_at" in refused.value.fields


def test_it_refuses_a_room_of_another_organisation_or_out_of_use(
    arbitration_case, people, rooms, arbitrators, other_commission
):
    case = arbitration_case()
    foreign = Room.objects.create(organization=other_commission, name="青州第一仲裁庭", capacity=10)
    closed = Room.objects.create(organization=rooms["one"].organization, name="旧仲裁庭", capacity=10, is_active=False)
    for room in (foreign, closed):
        with pytest.raises(ValidationFailed) as refused:
            schedule(case, people["arbitrator"], room, [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))
        assert "room_id" in refused.value.fields
    case.refresh_from_db()
    assert case.status == "arbitration" and not Hearing.objects.exists()


def test_a_room_of_the_commission_above_may_be_used(arbitration_case, people, orgs, arbitrators):
    city = Organization.objects.create(name="潍坊市劳动人事争议仲裁委员会", kind=OrgKind.ARBITRATION)
    Organization.objects.filter(pk=orgs["arbitration"].pk).update(parent=city)
    room = Room.objects.create(organization=city, name="市仲裁委第一庭", capacity=40)
    case = arbitration_case()
    hearing = schedule(case, people["arbitrator"], room, [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))
    assert hearing.room == room


def test_only_arbitrators_and_supervisors_of_the_handling_organisation_may_schedule(
    arbitration_case, people, orgs, rooms, arbitrators, other_commission
):
    case = arbitration_case()
    clerk_here = make_staff(orgs["arbitration"], Role.CLERK, "arb-clerk")
    arbitrator_elsewhere = make_staff(other_commission, Role.ARBITRATOR, "qz-arbitrator")
    when = slot("2026-06-08", "09:00", "11:00")
    for actor in (clerk_here, arbitrator_elsewhere, people["clerk"], people["supervisor"]):
        with pytest.raises(PermissionDenied):
            schedule(case, actor, rooms["one"], [arbitrators["chief"]], when)
    assert not Hearing.objects.exists()
    head = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb-head")
    assert schedule(case, head, rooms["one"], [arbitrators["chief"]], when).state == "scheduled"


def test_only_arbitrators_of_the_commission_can_sit(arbitration_case, people, orgs, rooms, other_commission):
    case = arbitration_case()
    outsider = make_staff(other_commission, Role.ARBITRATOR, "qz-arbitrator")
    for tribunal in ([people["clerk"]], [outsider], []):
        with pytest.raises(ValidationFailed) as refused:
            schedule(case, people["arbitrator"], rooms["one"], tribunal, slot("2026-06-08", "09:00", "11:00"))
        assert "arbitrators" in refused.value.fields
    assert not Hearing.objects.exists()


def test_a_case_not_yet_accepted_cannot_have_a_hearing(register, people, orgs, rooms, arbitrators):
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=people["arbitrator"])  # under review, not accepted
    with pytest.raises(TransitionRefused):
        schedule(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))
    assert Case.objects.get(pk=case.pk).status == "arbitration_review"


def test_a_stale_version_is_refused(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    with pytest.raises(Conflict):
        hearing_schedule(case_id=case.pk, actor=people["arbitrator"], version=case.version - 1, room_id=rooms["one"].pk,
                         arbitrators=[arbitrators["chief"]], **slot("2026-06-08", "09:00", "11:00"))


def test_a_room_is_not_booked_twice_for_overlapping_times(arbitration_case, people, rooms, arbitrators):
    first, second = arbitration_case(), arbitration_case()
    schedule(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00"))
    with pytest.raises(Conflict) as refused:
        schedule(second, people["arbitrator"], rooms["one"], [arbitrators["second"]], slot("2026-06-08", "10:30", "12:00"))
    assert refused.value.code == "room_booked"
    assert "第一仲裁庭" in str(refused.value.message) and "2026-06-08 09:00" in str(refused.value.message)
    second.refresh_from_db()
    assert second.status == "arbitration"
    assert Hearing.objects.filter(room=rooms["one"]).count() == 1


def test_an_arbitrator_is_not_booked_twice_for_overlapping_times(arbitration_case, people, rooms, arbitrators):
    first, second = arbitration_case(), arbitration_case()
    schedule(first, people["arbitrator"], rooms["one"], [arbitrators["chief"], arbitrators["second"]],
             slot("2026-06-08", "09:00", "11:00"))
    with pytest.raises(Conflict) as refused:
        schedule(second, people["arbitrator"], rooms["two"], [arbitrators["third"], arbitrators["second"]],
                 slot("2026-06-08", "08:00", "09:30"))
    assert refused.value.code == "arbitrator_booked"
    assert "arb-second" in str(refused.value.message)
    assert HearingArbitrator.objects.filter(arbitrator=arbitrators["second"]).count() == 1
    assert not Hearing.objects.filter(case=second).exists()


def test_back_to_back_hearings_share_a_room_and_an_arbitrator(arbitration_case, people, rooms, arbitrators):
    first, second = arbitration_case(), arbitration_case()
    schedule(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "08:30", "10:00"))
    after = schedule(second, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "10:00", "11:30"))
    assert after.state == "scheduled"
    assert Hearing.objects.filter(room=rooms["one"], state="scheduled").count() == 2


def test_a_postponed_or_cancelled_hearing_frees_its_slot(arbitration_case, people, rooms, arbitrators):
    first, second, third = arbitration_case(), arbitration_case(), arbitration_case()
    when = slot("2026-06-08", "09:00", "11:00")
    moved = schedule(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], when)
    hearing_postpone(hearing_id=moved.pk, actor=people["arbitrator"], requested_by="respondent",
                     requested_on=datetime.date(2026, 6, 1), reason="被申请人代理人住院",
                     new_starts_at=slot("2026-06-15", "09:00", "11:00")["starts_at"],
                     new_ends_at=slot("2026-06-15", "09:00", "11:00")["ends_at"])
    taken = schedule(second, people["arbitrator"], rooms["one"], [arbitrators["chief"]], when)
    hearing_cancel(hearing_id=taken.pk, actor=people["arbitrator"], reason="双方已和解，撤销开庭")
    again = schedule(third, people["arbitrator"], rooms["one"], [arbitrators["chief"]], when)
    assert again.state == "scheduled"
    assert set(HearingArbitrator.objects.filter(hearing__in=[moved, taken]).values_list("state", flat=True)) == {
        "postponed", "cancelled"
    }
