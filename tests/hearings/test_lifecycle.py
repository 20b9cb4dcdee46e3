"""After booking: the notice, postponement, a party's absence, the sitting, cancelling.

Today is Monday 1 June 2026 (frozen); the hearing in these tests is on Monday 8 June, 09:00-11:00.
"""

import datetime

import pytest

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from disputes.models import Case, CaseEvent
from hearings.models import Hearing
from hearings.services import (
    hearing_cancel,
    hearing_notice_served,
    hearing_postpone,
    hearing_record_absence,
    hearing_record_held,
    hearing_schedule,
)

from .conftest import at, slot

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def hearing(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    return hearing_schedule(
        case_id=case.pk, actor=people["arbitrator"], version=case.version, room_id=rooms["one"].pk,
        arbitrators=[arbitrators["chief"], arbitrators["second"]], **slot("2026-06-08", "09:00", "11:00"),
    )


def events(hearing, action):
    return list(CaseEvent.objects.filter(case_id=hearing.case_id, action=action))


def postpone(hearing, actor, *, by="applicant", on=D(2026, 6, 1), day="2026-06-15", **kw):
    when = slot(day, "14:00", "16:00")
    return hearing_postpone(hearing_id=hearing.pk, actor=actor, requested_by=by, requested_on=on,
                            reason="申请人需补充证据", new_starts_at=when["starts_at"], new_ends_at=when["ends_at"], **kw)


def test_serving_the_notice_is_recorded_once(hearing, people):
    assert hearing.case.clocks.get(rule__code="hearing_notice").state == "running"
    hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))
    # Serving the notice meets the hearing-notice deadline (LDMAL art 35).
    assert hearing.case.clocks.get(rule__code="hearing_notice").state == "satisfied"
    hearing.refresh_from_db()
    assert hearing.notice_served_on == D(2026, 6, 1)
    [event] = events(hearing, "hearing_notice_served")
    assert event.is_public and event.payload["served_on"] == "2026-06-01" and event.payload["late"] is False
    with pytest.raises(Conflict):
        hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))


def test_a_notice_served_in_the_future_or_by_an_outsider_is_refused(hearing, people):
    with pytest.raises(ValidationFailed):
        hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 2))
    with pytest.raises(PermissionDenied):
        hearing_notice_served(hearing_id=hearing.pk, actor=people["clerk"], served_on=D(2026, 6, 1))
    assert Hearing.objects.get(pk=hearing.pk).notice_served_on is None


def test_a_late_notice_is_recorded_as_late(hearing, people):
    with at("2026-06-04"):
        hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 4))
    assert events(hearing, "hearing_notice_served")[0].payload["late"] is True


def test_postponement_releases_the_old_booking_and_books_the_new_date(hearing, people, arbitrators):
    new = postpone(hearing, people["arbitrator"])
    hearing.refresh_from_db()
    assert hearing.state == "postponed"
    assert (hearing.postponement_requested_by, hearing.postponement_requested_on) == ("applicant", D(2026, 6, 1))
    assert new.postponed_from == hearing and new.state == "scheduled" and new.room == hearing.room
    assert {s.arbitrator for s in new.seats.all()} == {arbitrators["chief"], arbitrators["second"]}
    [postponed] = events(hearing, "hearing_postponed")
    assert postponed.is_public and postponed.reason == "申请人需补充证据"
    assert events(hearing, "hearing_scheduled")[-1].payload["date"] == "2026-06-15"


def test_a_party_asking_less_than_three_days_before_the_hearing_is_refused(hearing, people):
    # The 3 days are working days (办案规则 art 81): Friday 5 June is three calendar days before Monday 8 June
    # but only one working day (Monday itself).
    with at("2026-06-06"):
        for day in (D(2026, 6, 6), D(2026, 6, 5), D(2026, 6, 4)):
            with pytest.raises(ValidationFailed) as refused:
                postpone(hearing, people["arbitrator"], by="respondent", on=day)
            assert "requested_on" in refused.value.fields
    hearing.refresh_from_db()
    assert hearing.state == "scheduled" and not Hearing.objects.filter(postponed_from=hearing).exists()
    with at("2026-06-06"):  # a request that came on Wednesday 3 June, three working days before, is in time
        assert postpone(hearing, people["arbitrator"], by="respondent", on=D(2026, 6, 3)).state == "scheduled"


def test_the_tribunal_may_postpone_of_its_own_motion_later(hearing, people):
    with at("2026-06-07"):
        assert postpone(hearing, people["arbitrator"], by="tribunal", on=D(2026, 6, 7)).state == "scheduled"


def test_the_new_date_needs_five_days_notice_too(hearing, people):
    with pytest.raises(ValidationFailed) as refused:
        postpone(hearing, people["arbitrator"], day="2026-06-05")
    assert "new_starts_at" in refused.value.fields
    assert Hearing.objects.get(pk=hearing.pk).state == "scheduled"


def test_postponing_onto_a_booked_room_changes_nothing(hearing, people, arbitration_case, rooms, arbitrators):
    other = arbitration_case()
    hearing_schedule(case_id=other.pk, actor=people["arbitrator"], version=other.version, room_id=rooms["one"].pk,
                     arbitrators=[arbitrators["third"]], **slot("2026-06-15", "15:00", "17:00"))
    with pytest.raises(Conflict) as refused:
        postpone(hearing, people["arbitrator"])  # 14:00-16:00 on 15 June
    assert refused.value.code == "room_booked"
    hearing.refresh_from_db()
    assert hearing.state == "scheduled" and hearing.seats.filter(state="scheduled").count() == 2


def test_an_absent_applicant_is_treated_as_withdrawing(hearing, people, rooms, arbitrators):
    later = hearing_schedule(case_id=hearing.case_id, actor=people["arbitrator"],
                             version=Case.objects.get(pk=hearing.case_id).version, room_id=rooms["two"].pk,
                             arbitrators=[arbitrators["chief"]], **slot("2026-06-20", "09:00", "11:00"))
    hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))
    with at("2026-06-08", "09:30"):
        hearing_record_absence(hearing_id=hearing.pk, actor=people["arbitrator"], party="applicant")
    case = Case.objects.get(pk=hearing.case_id)
    assert case.status == "withdrawn"
    [withdrawal] = events(hearing, "withdraw")
    assert withdrawal.reason_code == "applicant_absent" and withdrawal.reason
    hearing.refresh_from_db()
    later.refresh_from_db()
    assert (hearing.state, hearing.applicant_absent) == ("held", True)
    assert later.state == "cancelled"  # its room and arbitrators are free again
    assert later.seats.get().state == "cancelled"


def test_an_absent_respondent_does_not_stop_the_hearing(hearing, people):
    hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))
    with at("2026-06-08", "09:30"):
        hearing_record_absence(hearing_id=hearing.pk, actor=people["arbitrator"], party="respondent")
        with pytest.raises(Conflict):
            hearing_record_absence(hearing_id=hearing.pk, actor=people["arbitrator"], party="respondent")
    hearing.refresh_from_db()
    assert (hearing.state, hearing.respondent_absent) == ("scheduled", True)
    assert Case.objects.get(pk=hearing.case_id).status == "hearing"
    [absent] = events(hearing, "respondent_absent")
    assert absent.is_public and absent.payload["default_award_possible"] is True
    with at("2026-06-08", "11:05"):
        hearing_record_held(hearing_id=hearing.pk, actor=people["arbitrator"], minutes_summary="被申请人缺席，申请人陈述")
    hearing.refresh_from_db()
    assert hearing.state == "held"
    assert events(hearing, "hearing_held")[0].payload["respondent_absent"] is True


def test_an_absence_needs_a_served_notice_and_a_hearing_that_has_begun(hearing, people):
    with at("2026-06-08", "09:30"), pytest.raises(ValidationFailed):
        hearing_record_absence(hearing_id=hearing.pk, actor=people["arbitrator"], party="applicant")
    hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))
    with at("2026-06-08", "08:50"), pytest.raises(ValidationFailed):
        hearing_record_absence(hearing_id=hearing.pk, actor=people["arbitrator"], party="applicant")
    assert Case.objects.get(pk=hearing.case_id).status == "hearing"


def test_the_hearing_is_recorded_as_held_with_its_minutes(hearing, people):
    with pytest.raises(ValidationFailed):  # not begun yet
        hearing_record_held(hearing_id=hearing.pk, actor=people["arbitrator"], minutes_summary="双方到庭")
    with at("2026-06-08", "11:00"):
        with pytest.raises(ValidationFailed):
            hearing_record_held(hearing_id=hearing.pk, actor=people["arbitrator"], minutes_summary="  ")
        hearing_record_held(hearing_id=hearing.pk, actor=people["arbitrator"], minutes_summary="双方到庭，质证完毕")
        with pytest.raises(TransitionRefused):
            hearing_cancel(hearing_id=hearing.pk, actor=people["arbitrator"], reason="误操作")
    hearing.refresh_from_db()
    assert (hearing.state, hearing.minutes_summary) == ("held", "双方到庭，质证完毕")
    assert set(hearing.seats.values_list("state", flat=True)) == {"held"}
    assert events(hearing, "hearing_held")[0].is_public


def test_cancelling_needs_a_reason_and_is_on_the_timeline(hearing, people):
    with pytest.raises(ValidationFailed):
        hearing_cancel(hearing_id=hearing.pk, actor=people["arbitrator"], reason="")
    hearing_cancel(hearing_id=hearing.pk, actor=people["arbitrator"], reason="双方达成和解")
    hearing.refresh_from_db()
    assert (hearing.state, hearing.cancel_reason) == ("cancelled", "双方达成和解")
    assert events(hearing, "hearing_cancelled")[0].reason == "双方达成和解"


def test_each_write_bumps_the_case_version_once(hearing, people):
    before = Case.objects.get(pk=hearing.case_id).version
    hearing_notice_served(hearing_id=hearing.pk, actor=people["arbitrator"], served_on=D(2026, 6, 1))
    assert Case.objects.get(pk=hearing.case_id).version == before + 1
