"""Union and court mediation over the API: the court entrusts, the room accepts, schedules and holds a session,
records the agreement; the court rules; a failure goes on to arbitration; bad input, roles and versions."""

import pytest
from rest_framework.test import APIClient

from core.models import Role
from disputes.models import Case, Document
from tests.conftest import make_staff
from tests.mediation.test_court import COURT_NUMBER, at, court_case, room, travel  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday():
    with travel("2026-11-02"):
        yield


def post(user, url, data):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/{url}", data, format="json")


def get(user, url):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/v1/{url}")


def version(case) -> int:
    return Case.objects.get(pk=case.pk).version


def entrusted(court_case, people, room):
    case = court_case()
    response = post(people["judge"], f"cases/{case.pk}/mediation/", {
        "body": room.body.pk, "court_case_number": COURT_NUMBER, "mode": "pre_filing", "version": case.version})
    assert response.status_code == 201, response.json()
    return case, response.json()


def mediating(court_case, people, room):
    case, file = entrusted(court_case, people, room)
    response = post(room.mediator, f"mediation-files/{file['id']}/accept/", {})
    assert response.status_code == 200, response.json()
    return case, response.json()


def test_entrust_accept_schedule_hold_and_agree(court_case, people, room):
    case, file = entrusted(court_case, people, room)
    assert (file["state"], file["court_case_number"], file["mode"], file["case"]["status"]) == (
        "offered", COURT_NUMBER, "pre_filing", "registered")
    accepted = post(room.mediator, f"mediation-files/{file['id']}/accept/", {}).json()
    assert (accepted["state"], accepted["case"]["status"], accepted["mediator"]["id"]) == (
        "mediating", "mediation", room.mediator.pk)

    scheduled = post(room.mediator, f"mediation-files/{file['id']}/sessions/", {
        "room": room.one.pk, "starts_at": "2026-11-03T09:00:00+08:00", "ends_at": "2026-11-03T11:00:00+08:00",
        "version": version(case)})
    assert scheduled.status_code == 201, scheduled.json()
    session = scheduled.json()["sessions"][0]
    assert (session["room"], session["state"]) == ("第一调解室", "scheduled")
    with travel("2026-11-03", "11:00"):
        held = post(room.mediator, f"mediation-sessions/{session['id']}/held/", {
            "worker_present": True, "employer_present": True, "proposal": "分两期支付", "version": version(case)})
        assert held.status_code == 200, held.json()
        claims = list(case.claims.order_by("id"))
        body = {"agreed_on": "2026-11-03", "worker_signed_on": "2026-11-03", "employer_signed_on": "2026-11-03",
                "items": [{"claim_id": claims[0].pk, "amount": 8000.5, "due_on": "2026-11-20"}],
                "version": version(case)}
        refused = post(room.mediator, f"mediation-files/{file['id']}/agreement/", body)
        assert refused.status_code == 400 and "amount" in str(refused.json()["error"]["fields"])
        body["items"][0]["amount"] = "8000.00"
        agreed = post(room.mediator, f"mediation-files/{file['id']}/agreement/", body)
    assert agreed.status_code == 200, agreed.json()
    data = agreed.json()
    assert (data["state"], data["case"]["status"], data["agreement"]["total"]) == ("agreed", "confirmation", "8000.00")
    assert Document.objects.get(pk=data["agreement"]["document"]).kind == "mediation_agreement"
    listed = get(people["judge"], f"cases/{case.pk}/mediation/").json()
    assert listed[0]["agreement"]["items"][0]["due_on"] == "2026-11-20"


def test_a_stale_version_is_a_conflict_and_an_outsider_sees_nothing(court_case, people, room):
    case, file = mediating(court_case, people, room)
    stale = post(room.mediator, f"mediation-files/{file['id']}/sessions/", {
        "room": room.one.pk, "starts_at": "2026-11-03T09:00:00+08:00", "ends_at": "2026-11-03T11:00:00+08:00",
        "version": 1})
    assert stale.status_code == 409
    assert get(people["outsider"], f"cases/{case.pk}/mediation/").status_code == 404
    assert post(people["outsider"], f"mediation-files/{file['id']}/failure/", {
        "code": "no_agreement", "record": "x", "next_step": "court", "version": version(case)}).status_code == 404


def test_a_failure_goes_back_to_the_court_by_a_referral(court_case, people, room, orgs):
    case, file = mediating(court_case, people, room)
    failed = post(room.mediator, f"mediation-files/{file['id']}/failure/", {
        "code": "employer_refused", "record": "用人单位拒绝调解", "next_step": "court", "version": version(case)})
    assert failed.status_code == 200, failed.json()
    assert failed.json()["state"] == "failed" and failed.json()["next_step"] == "court"
    referral = Case.objects.get(pk=case.pk).referrals.get(purpose="litigation")
    assert referral.to_org == orgs["court"] and referral.state == "offered"


def test_the_follow_up_of_an_agreement_and_a_consultation_through_the_api(court_case, people, room, orgs):
    """The rest of the track over the API, each answer checked against the schema (tests/openapi_check.py): a
    session called off, the period extended, the agreement, a sum paid, confirmation applied for and ruled on,
    a payment order applied for and recorded; a second entrustment declined; a consultation convened and
    concluded."""
    case, file = mediating(court_case, people, room)
    url = f"mediation-files/{file['id']}/"
    session = {"room": room.one.pk, "starts_at": "2026-11-03T09:00:00+08:00", "ends_at": "2026-11-03T11:00:00+08:00"}
    called_off = post(room.mediator, url + "sessions/", {**session, "version": version(case)}).json()["sessions"][0]
    cancelled = post(room.mediator, f"mediation-sessions/{called_off['id']}/cancel/",
                     {"reason": "调解员临时公出", "version": version(case)})
    assert cancelled.status_code == 200, cancelled.json()
    extended = post(room.mediator, url + "extension/",
                    {"agreed_on": "2026-11-02", "record": "双方当事人书面同意延长调解期限十五日", "version": version(case)})
    assert extended.status_code == 200, extended.json()
    held = post(room.mediator, url + "sessions/", {**session, "version": version(case)}).json()["sessions"]
    with travel("2026-11-03", "11:00"):
        assert post(room.mediator, f"mediation-sessions/{held[-1]['id']}/held/", {
            "worker_present": True, "employer_present": True, "version": version(case)}).status_code == 200
        claim = case.claims.order_by("id").first()
        agreed = post(room.mediator, url + "agreement/", {
            "agreed_on": "2026-11-03", "worker_signed_on": "2026-11-03", "employer_signed_on": "2026-11-03",
            "items": [{"claim_id": claim.pk, "amount": "8000.00", "due_on": "2026-11-05"}], "version": version(case)})
    assert agreed.status_code == 200, agreed.json()
    agreement = agreed.json()["agreement"]

    with travel("2026-11-06"):
        applied = post(room.mediator, f"mediation-agreements/{agreement['id']}/confirmation/",
                       {"court": orgs["court"].pk, "applied_on": "2026-11-06", "version": version(case)})
        assert applied.status_code == 200, applied.json()
        order = post(people["judge"], f"mediation-agreements/{agreement['id']}/payment-orders/",
                     {"court": orgs["court"].pk, "applied_on": "2026-11-06", "amount": "8000.00",
                      "version": version(case)})
        assert order.status_code == 201, order.json()
        recorded = post(people["judge"], f"payment-orders/{order.json()['agreement']['payment_orders'][0]['id']}/",
                        {"order_number": "（2026）鲁0702民督3号", "issued_on": "2026-11-06", "version": version(case)})
        assert recorded.status_code == 200, recorded.json()
        paid = post(room.mediator, f"mediation-agreement-items/{agreement['items'][0]['id']}/paid/",
                    {"paid_on": "2026-11-06", "version": version(case)})
        assert paid.status_code == 200, paid.json()
        confirmation = applied.json()["agreement"]["confirmations"][0]
        ruled = post(people["judge"], f"judicial-confirmations/{confirmation['id']}/ruling/", {
            "ruling": "confirmed", "ruled_on": "2026-11-06", "court_case_number": "（2026）鲁0702民特5号",
            "version": version(case)})
        assert ruled.status_code == 200, ruled.json()

    other, offered = entrusted(lambda: court_case(seed=7), people, room)
    declined = post(room.mediator, f"mediation-files/{offered['id']}/decline/", {"code": "out_of_scope"})
    assert declined.status_code == 200, declined.json()

    court_head = make_staff(orgs["court"], Role.SUPERVISOR, "courthead")
    convened = post(court_head, "consultations/", {
        "title": "欠薪联合会商", "agenda": "研究欠薪处置", "held_at": "2026-11-06T15:00:00+08:00", "place": "第一会议室",
        "participants": [court_head.pk, room.mediator.pk], "cases": [other.pk]})
    assert convened.status_code == 201, convened.json()
    concluded = post(court_head, f"consultations/{convened.json()['id']}/conclusion/",
                     {"minutes": "各方通报情况。", "conclusions": "由法院继续调解。"})
    assert concluded.status_code == 200, concluded.json()


def test_a_mediation_organisation_opens_the_file_of_a_case_referred_to_it(court_case, people, room):
    from disputes.services import referral_accept, referral_offer

    case = court_case()
    referral = referral_offer(case_id=case.pk, actor=people["judge"], to_org_id=room.org.pk, purpose="mediation",
                              expected_version=version(case))
    referral_accept(referral_id=referral.pk, actor=room.mediator)
    opened = post(room.mediator, f"cases/{case.pk}/mediation/open/", {"version": version(case)})
    assert opened.status_code == 201, opened.json()
    assert opened.json()["state"] == "mediating"
