"""On PostgreSQL the database itself refuses a second booking of a mediation room or a mediator for an
overlapping time (mediation migration 0003), even when the service's own check is skipped (a writer racing it)."""

import pytest
from django.db import connection

from core.errors import Conflict
from mediation import court
from tests.conftest import skip_unless_real
from tests.mediation.test_court import at, court_case, fresh, mediating, room, travel  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("exclusion constraints are tested on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")


@pytest.fixture(autouse=True)
def _monday():
    with travel("2026-11-02"):
        yield


@pytest.mark.parametrize("shared, code", [("room", "room_booked"), ("mediator", "mediator_booked")])
def test_the_database_refuses_an_overlapping_booking(court_case, people, room, monkeypatch, shared, code):
    a = mediating(court_case(), people, room)
    b = mediating(court_case(seed=2), people, room)
    court.mediation_session_schedule(file_id=a.pk, actor=room.mediator, version=fresh(a.case).version,
                                     room_id=room.one.pk, starts_at=at("2026-11-04", "09:00"),
                                     ends_at=at("2026-11-04", "11:00"))
    monkeypatch.setattr(court, "_check_free", lambda *args, **kwargs: None)
    with pytest.raises(Conflict) as exc:
        court.mediation_session_schedule(
            file_id=b.pk, actor=room.mediator, version=fresh(b.case).version,
            room_id=(room.one if shared == "room" else room.two).pk,
            mediator_id=(room.mediator2 if shared == "room" else room.mediator).pk,
            starts_at=at("2026-11-04", "10:00"), ends_at=at("2026-11-04", "12:00"))
    assert exc.value.code == code
    assert b.sessions.count() == 0  # the refused booking left nothing behind
