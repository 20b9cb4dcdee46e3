"""Hearings over the API: booking, postponing, absence, cancelling, the rooms list; roles, versions, bad input.

Today is Monday 1 June 2026 (frozen); the hearing is on Monday 8 June, 09:00-11:00 Beijing time.
"""

import pytest
from rest_framework.test import APIClient

from core.models import Role
from disputes.models import Case
from hearings.models import Hearing, Room
from tests.conftest import make_staff
from tests.api.test_arbitration_api import into_review
from tests.hearings.conftest import at

pytestmark = pytest.mark.django_db

HEARING = {"starts_at": "2026-06-08T09:00:00+08:00", "ends_at": "2026-06-08T11:00:00+08:00"}


@pytest.fixture(autouse=True)
def frozen_today():
    with at("2026-06-01"):
        yield


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(user, url, data):
    return api(user).post(f"/api/v1/{url}", data, format="json")


@pytest.fixture
def arbitration_case(register, people, orgs):
    """A factory: a new case accepted for arbitration through the API (state "arbitration")."""

    def _make() -> Case:
        case = into_review(register, people, orgs)
        accepted = post(people["arbitrator"], f"cases/{case.pk}/arbitration/accept/", {"version": case.version})
        assert accepted.status_code == 200, accepted.json()
        return Case.objects.get(pk=case.pk)

    return _make


@pytest.fixture
def room(orgs):
    return Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)


@pytest.fixture
def scheduled(arbitration_case, people, room):
    case = arbitration_case()
    response = post(people["arbitrator"], f"cases/{case.pk}/hearings/",
                    {"room_id": room.pk, "arbitrators": [people["arbitrator"].pk], "version": case.version, **HEARING})
    assert response.status_code == 201, response.json()
    return response.json()


def test_scheduling_books_the_room_and_moves_the_case_to_the_hearing_stage(scheduled, people, room):
    assert scheduled["case"]["status"] == "hearing"
    assert scheduled["room"] == {"id": room.pk, "name": "第一仲裁庭"}
    assert [s["arbitrator"]["id"] for s in scheduled["arbitrators"]] == [people["arbitrator"].pk]
    assert scheduled["state"] == "scheduled"


def test_the_same_room_cannot_be_booked_twice_for_overlapping_times(scheduled, arbitration_case, people, room):
    other = arbitration_case()
    second = make_staff(other.owner_org, Role.ARBITRATOR, "arb-second")
    response = post(people["arbitrator"], f"cases/{other.pk}/hearings/",
                    {"room_id": room.pk, "arbitrators": [second.pk], "version": other.version, **HEARING})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "room_booked"
    assert Hearing.objects.filter(case=other).count() == 0


def test_a_clerk_may_not_schedule_a_hearing(arbitration_case, orgs, people, room):
    case = arbitration_case()
    clerk = make_staff(orgs["arbitration"], Role.CLERK, "filing-clerk")

    response = post(clerk, f"cases/{case.pk}/hearings/",
                    {"room_id": room.pk, "arbitrators": [people["arbitrator"].pk], "version": case.version, **HEARING})

    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == "arbitration"


def test_scheduling_on_a_stale_version_is_a_conflict(arbitration_case, people, room):
    case = arbitration_case()

    response = post(people["arbitrator"], f"cases/{case.pk}/hearings/",
                    {"room_id": room.pk, "arbitrators": [people["arbitrator"].pk], "version": case.version - 1,
                     **HEARING})

    assert response.status_code == 409
    assert not Hearing.objects.filter(case=case).exists()


def test_bad_input_is_refused_with_messages_per_field(arbitration_case, people, room):
    case = arbitration_case()

    missing = post(people["arbitrator"], f"cases/{case.pk}/hearings/", {"room_id": "x", "starts_at": "tomorrow"})
    assert missing.status_code == 400
    assert {"room_id", "starts_at", "ends_at", "arbitrators", "version"} <= set(missing.json()["error"]["fields"])

    # Too soon for the notice period: the service's rule, reported on the field.
    soon = post(people["arbitrator"], f"cases/{case.pk}/hearings/",
                {"room_id": room.pk, "arbitrators": [people["arbitrator"].pk], "version": case.version,
                 "starts_at": "2026-06-02T09:00:00+08:00", "ends_at": "2026-06-02T11:00:00+08:00"})
    assert soon.status_code == 400
    assert "starts_at" in soon.json()["error"]["fields"]


def test_a_postponed_hearing_is_rebooked_and_the_old_one_released(scheduled, people):
    response = post(people["arbitrator"], f"hearings/{scheduled['id']}/postpone/", {
        "requested_by": "applicant", "requested_on": "2026-06-01", "reason": "申请人需补充证据",
        "new_starts_at": "2026-06-15T14:00:00+08:00", "new_ends_at": "2026-06-15T16:00:00+08:00",
    })

    assert response.status_code == 201, response.json()
    assert response.json()["postponed_from"] == scheduled["id"]
    assert response.json()["case"]["version"] > scheduled["case"]["version"]
    listed = api(people["arbitrator"]).get(f"/api/v1/cases/{scheduled['case']['id']}/hearings/").json()
    assert [h["state"] for h in listed] == ["postponed", "scheduled"]


def test_an_absent_applicant_withdraws_the_case(scheduled, people):
    served = post(people["arbitrator"], f"hearings/{scheduled['id']}/notice-served/", {"served_on": "2026-06-01"})
    assert served.status_code == 200, served.json()

    with at("2026-06-08", "09:30"):
        response = post(people["arbitrator"], f"hearings/{scheduled['id']}/absence/", {"party": "applicant"})

    assert response.status_code == 200, response.json()
    assert response.json()["case"]["status"] == "withdrawn"
    assert response.json()["applicant_absent"] is True


def test_a_cancelled_hearing_needs_a_reason(scheduled, people):
    url = f"hearings/{scheduled['id']}/cancel/"
    refused = post(people["arbitrator"], url, {})
    assert refused.status_code == 400 and "reason" in refused.json()["error"]["fields"]

    response = post(people["arbitrator"], url, {"reason": "仲裁员临时出差"})
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "cancelled"
    assert response.json()["cancel_reason"] == "仲裁员临时出差"


def test_hearing_actions_by_an_organisation_outside_the_case_find_no_hearing(scheduled, people):
    response = post(people["outsider_supervisor"], f"hearings/{scheduled['id']}/held/", {"minutes_summary": "x"})

    assert response.status_code == 404
    assert Hearing.objects.get(pk=scheduled["id"]).state == "scheduled"


def test_the_rooms_list_shows_only_the_callers_organisation(room, orgs, people):
    Room.objects.create(organization=orgs["window"], name="接待室", capacity=5)

    response = api(people["arbitrator"]).get("/api/v1/rooms/")

    assert response.status_code == 200
    assert [r["name"] for r in response.json()] == ["第一仲裁庭"]
