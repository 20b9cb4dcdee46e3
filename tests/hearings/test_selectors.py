"""A room's and an arbitrator's diary for a day or a week, in one query however many hearings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearings.selectors import arbitrator_schedule, room_schedule
from hearings.services import hearing_cancel, hearing_schedule

from .conftest import slot

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 6, 8)


@pytest.fixture
def book(arbitration_case, people, rooms, arbitrators):
    def _book(day, start, end, room="one", tribunal=("chief",)):
        case = arbitration_case()
        return hearing_schedule(case_id=case.pk, actor=people["arbitrator"], version=case.version,
                                room_id=rooms[room].pk, arbitrators=[arbitrators[a] for a in tribunal],
                                **slot(day, start, end))
    return _book


def queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


def test_a_room_schedule_lists_the_days_hearings_in_order(book, people, rooms):
    late = book("2026-06-08", "14:00", "16:00")
    early = book("2026-06-08", "09:00", "11:00")
    book("2026-06-09", "09:00", "11:00")
    book("2026-06-08", "09:00", "11:00", room="two", tribunal=("second",))
    cancelled = book("2026-06-08", "11:00", "12:00", tribunal=("third",))
    hearing_cancel(hearing_id=cancelled.pk, actor=people["arbitrator"], reason="撤回")
    day = room_schedule(user=people["arbitrator"], room_id=rooms["one"].pk, day=MONDAY)
    assert day == [early, late]
    week = room_schedule(user=people["arbitrator"], room_id=rooms["one"].pk, day=datetime.date(2026, 6, 10), span="week")
    assert [h.starts_at.date() for h in week] == [MONDAY, MONDAY, datetime.date(2026, 6, 9)]


def test_an_arbitrator_schedule_follows_the_arbitrator_across_rooms(book, people, arbitrators):
    a = book("2026-06-08", "09:00", "11:00", room="one", tribunal=("chief", "second"))
    b = book("2026-06-08", "14:00", "16:00", room="two", tribunal=("second",))
    book("2026-06-08", "14:00", "16:00", room="one", tribunal=("chief",))
    mine = arbitrator_schedule(user=arbitrators["second"], arbitrator_id=arbitrators["second"].pk, day=MONDAY)
    assert mine == [a, b]
    # A colleague of the same commission sees the same diary.
    assert arbitrator_schedule(user=people["arbitrator"], arbitrator_id=arbitrators["second"].pk, day=MONDAY) == [a, b]


def test_schedules_are_one_query_whatever_their_length(book, people, rooms, arbitrators):
    book("2026-06-08", "08:00", "09:00")
    user = people["arbitrator"]
    user.staff.organization  # the actor's profile is loaded once per request anyway

    def room():
        return [(h.case.number, h.room.name) for h in room_schedule(user=user, room_id=rooms["one"].pk, day=MONDAY)]

    def diary():
        return [(h.case.number, h.room.name)
                for h in arbitrator_schedule(user=user, arbitrator_id=arbitrators["chief"].pk, day=MONDAY)]

    short_room, n_room = queries(room)
    short_diary, n_diary = queries(diary)
    for start, end in (("09:00", "10:00"), ("10:00", "11:00"), ("11:00", "12:00")):
        book("2026-06-08", start, end)
    long_room, m_room = queries(room)
    long_diary, m_diary = queries(diary)
    assert (len(short_room), len(long_room), len(short_diary), len(long_diary)) == (1, 4, 1, 4)
    assert n_room == m_room == 1
    assert n_diary == m_diary == 1


def test_another_organisation_sees_nothing(book, people, rooms, arbitrators):
    book("2026-06-08", "09:00", "11:00")
    assert room_schedule(user=people["outsider"], room_id=rooms["one"].pk, day=MONDAY) == []
    assert arbitrator_schedule(user=people["outsider"], arbitrator_id=arbitrators["chief"].pk, day=MONDAY) == []
