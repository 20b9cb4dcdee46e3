"""The REST API of joint mediation: the whole path, refusals with their status codes, and the schema."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from disputes.models import Document
from mediation.services import joint_session_cancel

from .conftest import fresh
from .test_views import held, scheduled

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def schedule_body(case, cast, **overrides):
    body = {
        "scheduled_at": "2026-06-05T09:30:00+08:00", "place": "潍城区劳动者维权中心调解室",
        "participants": [cast.arbitrator.pk, cast.inspector.pk, cast.mediator.pk], "version": fresh(case).version,
    }
    return {**body, **overrides}


def test_schedule_hold_and_agree_through_the_api(both_tracks, cast):
    case = both_tracks()
    arbitrator, inspector = api(cast.arbitrator), api(cast.inspector)

    response = arbitrator.post(f"/api/v1/cases/{case.pk}/joint-mediation/", schedule_body(case, cast), format="json")
    assert response.status_code == 201, response.json()
    session = response.json()
    assert session["state"] == "scheduled"
    assert {(p["user"]["id"], p["role"], p["present"]) for p in session["participants"]} == {
        (cast.arbitrator.pk, "arbitrator", None), (cast.inspector.pk, "inspector", None),
        (cast.mediator.pk, "mediator", None),
    }
    assert session["case"]["version"] == fresh(case).version

    # The inspector's organisation does not handle the case but takes part: it reads and records.
    listed = inspector.get(f"/api/v1/cases/{case.pk}/joint-mediation/")
    assert listed.status_code == 200 and [s["id"] for s in listed.json()] == [session["id"]]
    response = inspector.post(f"/api/v1/joint-mediation/{session['id']}/held/", {
        "present": [cast.arbitrator.pk, cast.inspector.pk], "minutes": "调解员未到场。",
        "version": session["case"]["version"],
    }, format="json")
    assert response.status_code == 200, response.json()
    held = response.json()
    assert held["state"] == "held" and held["held_on"] == "2026-06-02"
    assert {p["user"]["id"]: p["present"] for p in held["participants"]}[cast.mediator.pk] is False

    claim = case.claims.get()
    response = arbitrator.post(f"/api/v1/joint-mediation/{session['id']}/agreement/", {
        "items": [{"claim_id": claim.pk, "amount": "8000.00", "due_on": "2026-06-30"}],
        "terms": "劳动者不再就本争议事项申请仲裁或者投诉", "version": held["case"]["version"],
    }, format="json")
    assert response.status_code == 200, response.json()
    done = response.json()
    assert done["state"] == "agreement"
    assert (done["case"]["status"], done["case"]["outcome"]) == ("closed", "mediated")
    agreement = done["agreement"]
    assert agreement["total"] == "8000.00"
    assert agreement["items"][0] == {**agreement["items"][0], "claim": claim.pk, "amount": "8000.00",
                                     "due_on": "2026-06-30"}
    assert agreement["inspection_closure"] and agreement["arbitration_file"]
    assert Document.objects.get(pk=agreement["document"]).kind == "joint_mediation_agreement"


def test_a_stale_version_is_409(in_inspection, cast):
    case = in_inspection()
    body = schedule_body(case, cast, version=case.version - 1)
    response = api(cast.inspector).post(f"/api/v1/cases/{case.pk}/joint-mediation/", body, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_refusals_have_their_status_codes(in_inspection, cast):
    case = in_inspection()
    url = f"/api/v1/cases/{case.pk}/joint-mediation/"
    assert api(cast.inspection_clerk).post(url, schedule_body(case, cast), format="json").status_code == 403
    assert api(cast.outsider).post(url, schedule_body(case, cast), format="json").status_code == 404
    response = api(cast.inspector).post(url, schedule_body(case, cast, participants=[cast.inspector.pk]), format="json")
    assert response.status_code == 400
    assert "participants" in response.json()["error"]["fields"]
    response = api(cast.inspector).post(url, schedule_body(case, cast, place=""), format="json")
    assert response.status_code == 400
    session = api(cast.inspector).post(url, schedule_body(case, cast), format="json").json()
    response = api(cast.inspector).post(f"/api/v1/joint-mediation/{session['id']}/agreement/", {
        "terms": "x", "version": session["case"]["version"]}, format="json")
    assert response.status_code == 409  # not held yet
    assert response.json()["error"]["code"] == "session_not_held"
    assert APIClient().get(url).status_code in (401, 403)


def test_the_schema_documents_the_joint_mediation_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/cases/{id}/joint-mediation/"])
    for action in ("held", "agreement", "failed", "cancel"):
        operation = paths[f"/api/v1/joint-mediation/{{id}}/{action}/"]["post"]
        assert {"200", "400", "403", "404", "409"} <= set(operation["responses"])


def test_the_agreement_answers_with_its_session_whatever_the_ids(in_inspection, cast):
    """The API's answer is the session of the URL, not a row that happens to share its id."""
    case = in_inspection()
    first = scheduled(case, cast)
    joint_session_cancel(session_id=first.pk, actor=cast.inspector, version=fresh(case).version, reason="改期")
    session = held(case, cast)  # the second session: its id is not the agreement's (the first agreement)
    client = APIClient()
    client.force_authenticate(cast.inspector)
    response = client.post(f"/api/v1/joint-mediation/{session.pk}/agreement/", {
        "items": [{"claim_id": case.claims.get().pk, "amount": "8000.00"}], "workers_covered": 1,
        "version": fresh(case).version,
    }, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == session.pk and response.json()["state"] == "agreement"


def test_a_session_called_off_and_one_that_failed_through_the_api(both_tracks, cast):
    """Each answer checked against the schema (tests/openapi_check.py)."""
    case = both_tracks()
    arbitrator = api(cast.arbitrator)
    url = f"/api/v1/cases/{case.pk}/joint-mediation/"
    first = arbitrator.post(url, schedule_body(case, cast), format="json").json()
    cancelled = arbitrator.post(f"/api/v1/joint-mediation/{first['id']}/cancel/",
                                {"reason": "当事人申请改期", "version": fresh(case).version}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled", cancelled.json()

    second = arbitrator.post(url, schedule_body(case, cast), format="json").json()
    assert arbitrator.post(f"/api/v1/joint-mediation/{second['id']}/held/", {
        "present": [cast.arbitrator.pk, cast.inspector.pk], "minutes": "双方分歧较大。", "version": fresh(case).version,
    }, format="json").status_code == 200
    failed = arbitrator.post(f"/api/v1/joint-mediation/{second['id']}/failed/",
                             {"reason": "双方未能达成一致", "version": fresh(case).version}, format="json")
    assert failed.status_code == 200, failed.json()
