"""Two bookings at once for the same room or the same arbitrator: the database lets exactly one through.

PostgreSQL only (exclusion constraints of hearings migration 0002); SQLite serialises writers, and the
sequential refusals are tested in test_scheduling.py on both databases.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import Conflict
from hearings import services
from hearings.models import Hearing, HearingArbitrator
from hearings.services import hearing_schedule
from tests.conftest import skip_unless_real
from tests.concurrency import race

from .conftest import slot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("exclusion constraints are tested on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")


def booking(case, actor, room, tribunal, when):
    return lambda: hearing_schedule(case_id=case.pk, actor=actor, version=case.version, room_id=room.pk,
                                    arbitrators=tribunal, **when)


def outcome(results):
    booked = [r for r in results if isinstance(r, Hearing)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(booked) == 1 and len(conflicts) == 1, results
    return booked[0], conflicts[0]


def race_sharing(shared, arbitration_case, people, rooms, arbitrators, second_starts):
    """Two bookings of two cases at once, overlapping in time and sharing the room or the chief arbitrator
    (the first from 09:00 to 11:00, the second from second_starts to 12:00); returns the refusal."""
    first, second = arbitration_case(), arbitration_case()
    other_room = rooms["one"] if shared == "room" else rooms["two"]
    other_tribunal = [arbitrators["chief"]] if shared == "arbitrator" else [arbitrators["second"]]
    results = race(
        booking(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00")),
        booking(second, people["arbitrator"], other_room, other_tribunal, slot("2026-06-08", second_starts, "12:00")),
    )
    _, conflict = outcome(results)
    return conflict


def test_two_bookings_of_one_room_at_once_one_wins(arbitration_case, people, rooms, arbitrators):
    first, second = arbitration_case(), arbitration_case()
    results = race(
        booking(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00")),
        booking(second, people["arbitrator"], rooms["one"], [arbitrators["second"]], slot("2026-06-08", "10:00", "12:00")),
    )
    winner, conflict = outcome(results)
    assert conflict.code == "room_booked"
    assert Hearing.objects.filter(room=rooms["one"]).count() == 1
    loser = second if winner.case_id == first.pk else first
    loser.refresh_from_db()
    assert loser.status == "arbitration"  # the refused booking changed nothing


def test_two_bookings_of_one_arbitrator_in_two_rooms_at_once_one_wins(arbitration_case, people, rooms, arbitrators):
    first, second = arbitration_case(), arbitration_case()
    results = race(
        booking(first, people["arbitrator"], rooms["one"], [arbitrators["chief"]], slot("2026-06-08", "09:00", "11:00")),
        booking(second, people["arbitrator"], rooms["two"], [arbitrators["chief"]], slot("2026-06-08", "10:00", "12:00")),
    )
    _, conflict = outcome(results)
    assert conflict.code == "arbitrator_booked"
    assert Hearing.objects.count() == 1
    assert HearingArbitrator.objects.filter(arbitrator=arbitrators["chief"]).count() == 1


@pytest.mark.parametrize("shared, code", [("room", "room_booked"), ("arbitrator", "arbitrator_booked")])
def test_without_the_application_check_the_database_still_refuses(
    monkeypatch, arbitration_case, people, rooms, arbitrators, shared, code
):
    # Both transactions pass a check that sees nothing: only the exclusion constraint stands in the way.
    monkeypatch.setattr(services, "_check_free", lambda **kwargs: None)
    conflict = race_sharing(shared, arbitration_case, people, rooms, arbitrators, second_starts="10:59")
    assert conflict.code == code
    assert Hearing.objects.count() == 1


def test_the_database_refuses_an_overlap_written_around_the_services(arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    hearing = booking(case, people["arbitrator"], rooms["one"], [arbitrators["chief"]],
                      slot("2026-06-08", "09:00", "11:00"))()
    when = slot("2026-06-08", "10:00", "10:30")
    with pytest.raises(IntegrityError), transaction.atomic():
        Hearing.objects.create(case=hearing.case, room=rooms["one"], created_by=people["arbitrator"], **when)
    # A seat whose period is not its hearing's cannot exist: the copy is kept by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        HearingArbitrator.objects.create(hearing=hearing, arbitrator=arbitrators["second"], **when)
    # Changing the hearing's state changes its seats' copy.
    Hearing.objects.filter(pk=hearing.pk).update(state="cancelled")
    assert set(HearingArbitrator.objects.filter(hearing=hearing).values_list("state", flat=True)) == {"cancelled"}
    # Back to back is not an overlap.
    Hearing.objects.filter(pk=hearing.pk).update(state="scheduled")
    Hearing.objects.create(case=hearing.case, room=rooms["one"], created_by=people["arbitrator"],
                           **slot("2026-06-08", "11:00", "12:00"))


@pytest.mark.parametrize("shared, code", [("room", "room_booked"), ("arbitrator", "arbitrator_booked")])
def test_bookings_sharing_a_room_or_an_arbitrator_take_turns_and_the_later_names_the_clash(
    monkeypatch, arbitration_case, people, rooms, arbitrators, shared, code
):
    """Both checks pass together if nothing makes the bookings take turns: then each INSERT waited for the
    other's row in the exclusion check and PostgreSQL failed one with "deadlock detected" (a 500). The check
    is slowed down here so that the two always overlap unless one waits for the other."""
    import time

    check = services._check_free

    def slow_check(**kwargs):
        check(**kwargs)
        time.sleep(0.5)

    refused_by_database = []
    exclusion = services._exclusion_constraint

    def spy(exc):
        refused_by_database.append(exc)
        return exclusion(exc)

    monkeypatch.setattr(services, "_check_free", slow_check)
    monkeypatch.setattr(services, "_exclusion_constraint", spy)
    conflict = race_sharing(shared, arbitration_case, people, rooms, arbitrators, second_starts="10:00")
    assert conflict.code == code
    # Named by the application's check, which saw the other booking: the database never had to refuse one.
    assert refused_by_database == []
    assert Hearing.objects.count() == 1
