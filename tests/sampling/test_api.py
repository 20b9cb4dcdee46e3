"""Random inspections through the API (answers checked against the schema by the shared fixtures)."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_supervisor_plans_draws_and_reads_the_replayed_draw(boss, items, employers, team, people):
    api = _client(boss)
    year = timezone.localdate().year
    r = api.post("/api/v1/random-inspections/plans/", {
        "name": "年度抽查", "year": year, "items": [items[0].pk, items[1].pk], "share_percent": "20.00",
        "max_per_year": 1, "industries": ["food_delivery"]}, format="json")
    assert r.status_code == 201, r.json()
    plan = r.json()
    assert plan["inspectors_per_inspection"] == 2 and plan["share_percent"] == "20.00"
    assert api.get("/api/v1/random-inspections/plans/").json()[0]["id"] == plan["id"]

    r = api.post(f"/api/v1/random-inspections/plans/{plan['id']}/draws/", {}, format="json")
    assert r.status_code == 201, r.json()
    draw = r.json()
    assert len(draw["inspections"]) == 2 and len(draw["seed"]) == 64

    r = api.get(f"/api/v1/random-inspections/draws/{draw['id']}/")
    assert r.status_code == 200
    body = r.json()
    assert body["verified"] is True and all(c["ok"] for c in body["checks"])
    assert [row["employer"]["credit_code"] for row in body["inspections"]] == [x["employer"] for x in body["result"]]

    # A drawn inspector records the result.
    row = body["inspections"][0]
    member = next(u for u in team if u.pk == row["inspectors"][0]["id"])
    r = _client(member).post(f"/api/v1/random-inspections/inspections/{row['id']}/result/", {
        "result": "compliant", "checked_on": timezone.localdate().isoformat(), "version": row["version"]},
        format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["result"] == "compliant" and r.json()["version"] == row["version"] + 1
    # A stale version is a 409.
    r = _client(member).post(f"/api/v1/random-inspections/inspections/{row['id']}/result/", {
        "result": "violations_found", "checked_on": timezone.localdate().isoformat(), "version": row["version"]},
        format="json")
    assert r.status_code == 409


def test_refusals_are_structured_and_other_organisations_see_nothing(boss, items, employers, team, people):
    api = _client(boss)
    r = api.post("/api/v1/random-inspections/plans/", {
        "name": "x", "year": timezone.localdate().year, "items": [], "share_percent": "0.00"}, format="json")
    assert r.status_code == 400 and {"items", "share_percent"} <= set(r.json()["error"]["fields"])
    plan = api.post("/api/v1/random-inspections/plans/", {
        "name": "x", "year": timezone.localdate().year, "items": [items[0].pk], "share_percent": "10.00"},
        format="json").json()
    draw = api.post(f"/api/v1/random-inspections/plans/{plan['id']}/draws/", {}, format="json").json()
    outsider = _client(people["outsider_supervisor"])
    assert outsider.post(f"/api/v1/random-inspections/plans/{plan['id']}/draws/", {}, format="json").status_code == 404
    assert outsider.get(f"/api/v1/random-inspections/draws/{draw['id']}/").status_code == 404
    row = draw["inspections"][0]["id"]
    assert outsider.post(f"/api/v1/random-inspections/inspections/{row}/result/", {
        "result": "compliant", "checked_on": timezone.localdate().isoformat(), "version": 1},
        format="json").status_code == 404
    # An inspector of the team may not draw.
    assert _client(people["inspector"]).post(
        f"/api/v1/random-inspections/plans/{plan['id']}/draws/", {}, format="json").status_code == 403


def test_a_conflict_recorded_through_the_api(boss, employers, team):
    r = _client(boss).post("/api/v1/random-inspections/conflicts/", {
        "inspector": team[2].pk, "credit_code": employers[0].credit_code, "reason": "配偶在该单位任职"}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["employer"]["credit_code"] == employers[0].credit_code
    r = _client(boss).post("/api/v1/random-inspections/conflicts/", {
        "inspector": team[2].pk, "credit_code": "NOPE", "reason": "x"}, format="json")
    assert r.status_code == 400 and "credit_code" in r.json()["error"]["fields"]


def test_the_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in ("/api/v1/random-inspections/plans/", "/api/v1/random-inspections/plans/{id}/draws/",
                 "/api/v1/random-inspections/inspections/{id}/result/", "/api/v1/random-inspections/conflicts/"):
        assert "post" in paths[path], path
    assert "get" in paths["/api/v1/random-inspections/draws/{id}/"]
    assert "get" in paths["/api/v1/random-inspections/items/"]


def test_a_draw_exported_from_the_api_is_replayed_without_the_database(boss, items, employers, team, tmp_path):
    import io
    import json

    from django.core.management import CommandError, call_command

    api = _client(boss)
    plan = api.post("/api/v1/random-inspections/plans/", {
        "name": "x", "year": timezone.localdate().year, "items": [items[0].pk], "share_percent": "50.00"},
        format="json").json()
    draw = api.post(f"/api/v1/random-inspections/plans/{plan['id']}/draws/", {}, format="json").json()
    exported = api.get(f"/api/v1/random-inspections/draws/{draw['id']}/").json()
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    out = io.StringIO()
    call_command("verify_draw", file=str(path), stdout=out)
    assert out.getvalue().strip().endswith("OK")
    # Another seed does not give the published result.
    exported["seed"] = "11" * 32
    path.write_text(json.dumps(exported), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("verify_draw", file=str(path), stdout=io.StringIO())
