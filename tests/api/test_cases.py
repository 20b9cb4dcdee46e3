"""The case file over the API: hand-offs, transitions, optimistic locking, scope and personal data."""

import random

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from arbitration.services import ensure_default_patterns
from core.identifiers import make_credit_code, make_id_number
from core.masking import mask_id_number, mask_phone
from disputes.models import Case, CaseEvent, Notification, Referral
from hearings.models import Room
from tests.hearings.conftest import at

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def register(user, division, seed=1, **overrides):
    rng = random.Random(seed)
    data = {
        "worker_name": "李四",
        "worker_id_number": make_id_number(rng),
        "worker_phone": "13912345678",
        "worker_occupation": "courier",
        "employer_name": "潍坊快运有限公司",
        "employer_credit_code": make_credit_code(rng),
        "employer_address": "潍坊市潍城区东风西街1号",
        "employer_industry": "express_delivery",
        "division": division.pk,
        "channel": "online",
        "facts": "拖欠工资三个月。",
        "violation_started_on": "2026-08-01",
        "claims": [{"type": "wages", "amount": "12000"}],
    }
    data.update(overrides)
    response = api(user).post("/api/v1/complaints/", data, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["case"]


def detail(user, case_id):
    response = api(user).get(f"/api/v1/cases/{case_id}/")
    assert response.status_code == 200, response.json()
    return response.json()


def act(user, case_id, action, version, **extra):
    return api(user).post(
        f"/api/v1/cases/{case_id}/transitions/", {"action": action, "version": version, **extra}, format="json"
    )


def offer(user, case_id, org, purpose, version):
    return api(user).post(
        f"/api/v1/cases/{case_id}/referrals/",
        {"to_org": org.pk, "purpose": purpose, "note": "请受理", "version": version},
        format="json",
    )


def test_a_complaint_goes_from_the_window_through_arbitration_to_closed(
    people, orgs, division, django_capture_on_commit_callbacks
):
    clerk, arbitrator = people["clerk"], people["arbitrator"]
    ensure_default_patterns(orgs["arbitration"])
    room = Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)
    with at("2026-10-12"), django_capture_on_commit_callbacks(execute=True):  # a Monday
        case = register(clerk, division)
    case_id = case["id"]

    with at("2026-10-12"):
        targets = api(clerk).get("/api/v1/organizations/", {"purpose": "arbitration"}).json()
        assert [o["name"] for o in targets] == [orgs["arbitration"].name]
        offered = offer(clerk, case_id, orgs["arbitration"], "arbitration", case["version"])
        assert offered.status_code == 201, offered.json()
        assert offered.json()["state"] == "offered"

        inbox = api(arbitrator).get("/api/v1/referrals/incoming/").json()["results"]
        assert [(r["case"]["number"], r["purpose"]) for r in inbox] == [(case["number"], "arbitration")]
        before = detail(arbitrator, case_id)
        assert before["available_actions"] == []  # reading before deciding, not handling yet

        with django_capture_on_commit_callbacks(execute=True):
            accepted = api(arbitrator).post(f"/api/v1/referrals/{inbox[0]['id']}/accept/")
        assert accepted.status_code == 200, accepted.json()
        assert accepted.json()["case"]["status"] == "arbitration_review"
        assert accepted.json()["case"]["owner_org"]["id"] == orgs["arbitration"].pk
        # The first-responsible clerk is told that the hand-off was accepted.
        assert Notification.objects.filter(recipient=clerk, case_id=case_id).exists()

        # The application is decided on the arbitration track, not by a bare transition.
        file = detail(arbitrator, case_id)
        offered_actions = {a["action"] for a in file["available_actions"]}
        assert "suspend" in offered_actions and not offered_actions & {"accept_application", "reject_application"}

        steps = [
            ("cases/{}/arbitration/accept/", {}, "arbitration"),
            ("cases/{}/arbitration/tribunal/", {"arbitrators": [arbitrator.pk]}, "arbitration"),
            ("cases/{}/hearings/", {"room_id": room.pk, "arbitrators": [arbitrator.pk],
                                    "starts_at": "2026-10-19T09:00:00+08:00", "ends_at": "2026-10-19T11:00:00+08:00"},
             "hearing"),
        ]
        version = file["version"]
        for url, body, status in steps:
            response = api(arbitrator).post(f"/api/v1/{url.format(case_id)}", {**body, "version": version},
                                            format="json")
            assert response.status_code in (200, 201), response.json()
            assert response.json()["case"]["status"] == status
            assert response.json()["case"]["version"] > version
            version = response.json()["case"]["version"]
        hearing_id = response.json()["id"]
        served = api(arbitrator).post(f"/api/v1/hearings/{hearing_id}/notice-served/", {"served_on": "2026-10-12"},
                                      format="json")
        assert served.status_code == 200, served.json()

    with at("2026-10-19", "11:30"), django_capture_on_commit_callbacks(execute=True):
        held = api(arbitrator).post(f"/api/v1/hearings/{hearing_id}/held/", {"minutes_summary": "双方到庭，质证完毕。"},
                                    format="json")
        assert held.status_code == 200, held.json()
        claim = Case.objects.get(pk=case_id).claims.get()
        award = api(arbitrator).post(f"/api/v1/cases/{case_id}/arbitration/award/", {
            "version": held.json()["case"]["version"],
            "items": [{"claim_id": claim.pk, "awarded_amount": "12000.00", "decision_text": "被申请人支付工资12000元。"}],
            "findings": "被申请人拖欠申请人工资12000元。", "reasoning": "用人单位应当及时足额支付劳动报酬。",
            "legal_basis": "《中华人民共和国劳动合同法》第三十条",
        }, format="json")
        assert award.status_code == 201, award.json()

        final = detail(clerk, case_id)  # the first receiver still reads the file it handed on
    assert final["status"] == "closed" and final["outcome"] == "award"
    # The receipt and the award (裁决书) were stored as documents of the case file.
    issued = [e["payload"]["kind"] for e in final["events"] if e["action"] == "document_issued"]
    assert {"receipt", "acceptance_notice", "hearing_notice", "award"} <= set(issued)
    stage_changes = [(e["action"], e["from_state"], e["to_state"]) for e in final["events"]
                     if e["from_state"] and e["from_state"] != e["to_state"]]
    assert stage_changes == [
        ("referral_accepted", "registered", "arbitration_review"),
        ("accept_application", "arbitration_review", "arbitration"),
        ("schedule_hearing", "arbitration", "hearing"),
        ("award", "hearing", "closed"),
    ]
    last = next(e for e in reversed(final["events"]) if e["action"] == "award")
    assert last["actor"]["id"] == arbitrator.pk
    assert last["actor_org"]["name"] == orgs["arbitration"].name
    # The statutory clocks ran beside the steps: acceptance met, the 45-day award clock met by the award.
    clock_events = [(e["action"], e["payload"].get("rule")) for e in final["events"] if e["action"].startswith("clock_")]
    assert ("clock_satisfied", "arbitration_acceptance") in clock_events
    assert ("clock_satisfied", "award") in clock_events
    assert [c["type"] for c in final["claims"]] == ["wages"]  # nothing re-entered on the way
    assert api(arbitrator).get("/api/v1/cases/").json()["results"] == []


def test_a_stale_version_is_a_conflict_and_changes_nothing(people, orgs, division):
    clerk = people["clerk"]
    case = register(clerk, division)
    stale = case["version"]
    note = api(people["clerk2"]).post(
        f"/api/v1/cases/{case['id']}/notes/", {"text": "工人来电补充材料", "version": stale}, format="json"
    )
    assert note.status_code == 201
    events_before = CaseEvent.objects.filter(case_id=case["id"]).count()

    for response in (
        act(clerk, case["id"], "suspend", stale, reason="等待工伤认定"),
        offer(clerk, case["id"], orgs["inspection"], "inspection", stale),
        api(clerk).post(f"/api/v1/cases/{case['id']}/notes/", {"text": "again", "version": stale}, format="json"),
    ):
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "conflict"
        assert response.json()["error"]["fields"]["version"] == stale + 1

    fresh = Case.objects.get(pk=case["id"])
    assert (fresh.status, fresh.version) == ("registered", stale + 1)
    assert CaseEvent.objects.filter(case_id=case["id"]).count() == events_before
    assert not Referral.objects.exists()


def test_an_outsider_can_neither_read_nor_change_the_case(people, orgs, division):
    case = register(people["clerk"], division)
    outsider = people["outsider"]

    assert api(outsider).get(f"/api/v1/cases/{case['id']}/").status_code == 404
    assert api(outsider).get("/api/v1/cases/").json()["results"] == []
    # As for a missing case (docs/security.md): a 403 would tell the outsider the case exists.
    response = act(outsider, case["id"], "suspend", case["version"], reason="x")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert offer(outsider, case["id"], orgs["inspection"], "inspection", case["version"]).status_code == 404
    assert Case.objects.get(pk=case["id"]).version == case["version"]


def test_a_role_without_the_transition_is_refused(people, division):
    case = register(people["clerk"], division)

    # Closing by settlement is for the teams that handle a dispute; the window clerk gets 403, not a state change.
    response = act(people["clerk"], case["id"], "settle", case["version"])

    assert response.status_code == 403
    assert Case.objects.get(pk=case["id"]).status == "registered"


def test_a_track_step_posted_as_a_transition_is_refused_and_changes_nothing(people, orgs, division):
    from arbitration.models import Award
    from disputes.models import Document
    from tests.conftest import accept_for_arbitration, schedule_first_hearing

    case = Case.objects.get(pk=register(people["clerk"], division)["id"])
    referral = offer(people["clerk"], case.pk, orgs["arbitration"], "arbitration", case.version).json()
    assert api(people["arbitrator"]).post(f"/api/v1/referrals/{referral['id']}/accept/").status_code == 200
    accept_for_arbitration(case, people["arbitrator"])
    schedule_first_hearing(case, people["arbitrator"])
    file = detail(people["arbitrator"], case.pk)
    assert file["status"] == "hearing"
    assert "award" not in {a["action"] for a in file["available_actions"]}
    events = CaseEvent.objects.filter(case=case).count()

    response = act(people["arbitrator"], case.pk, "award", file["version"])

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "use_track_service"
    assert "仲裁案卷及办案台" in error["message"]  # names the page where the award is made
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.outcome, after.version) == ("hearing", "", file["version"])
    assert CaseEvent.objects.filter(case=case).count() == events
    assert not Award.objects.exists() and not Document.objects.filter(case=case, kind="award").exists()


def test_only_the_receiving_organisation_may_accept_a_referral(people, orgs, division):
    case = register(people["clerk"], division)
    referral = offer(people["clerk"], case["id"], orgs["arbitration"], "arbitration", case["version"]).json()

    # The offering window reads the case and is refused; organisations that do not see it get a 404.
    for who, status in (("clerk", 403), ("inspector", 404), ("outsider", 404)):
        response = api(people[who]).post(f"/api/v1/referrals/{referral['id']}/accept/")
        assert response.status_code == status, who
    assert Referral.objects.get(pk=referral["id"]).state == "offered"
    assert Case.objects.get(pk=case["id"]).owner_org == orgs["window"]


def test_an_inspection_referral_is_filed_not_accepted(people, orgs, division):
    case = register(people["clerk"], division)
    referral = offer(people["clerk"], case["id"], orgs["inspection"], "inspection", case["version"]).json()

    response = api(people["inspector"]).post(f"/api/v1/referrals/{referral['id']}/accept/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "inspection_needs_filing"
    assert Referral.objects.get(pk=referral["id"]).state == "offered"
    assert detail(people["clerk"], case["id"])["status"] == "registered"


def test_a_declined_referral_returns_the_case_to_the_first_handler_with_the_reason(people, orgs, division):
    case = register(people["clerk"], division)
    referral = offer(people["clerk"], case["id"], orgs["inspection"], "inspection", case["version"]).json()

    missing = api(people["inspector"]).post(f"/api/v1/referrals/{referral['id']}/decline/", {"code": "other"}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["error"]["fields"]
    declined = api(people["inspector"]).post(
        f"/api/v1/referrals/{referral['id']}/decline/", {"code": "out_of_jurisdiction"}, format="json"
    )

    assert declined.status_code == 200, declined.json()
    assert declined.json()["state"] == "declined"
    assert declined.json()["case"]["status"] == "registered"
    queue = api(people["clerk"]).get("/api/v1/cases/").json()["results"]
    assert [c["id"] for c in queue] == [case["id"]]
    file = detail(people["clerk"], case["id"])
    assert [(r["state"], r["decline_code"]) for r in file["referrals"]] == [("declined", "out_of_jurisdiction")]
    assert [e for e in file["events"] if not e["action"].startswith("clock_")][-1]["action"] == "referral_declined"


def test_a_withdrawn_offer_leaves_the_receivers_inbox_and_view(people, orgs, division):
    case = register(people["clerk"], division)
    referral = offer(people["clerk"], case["id"], orgs["arbitration"], "arbitration", case["version"]).json()
    assert api(people["arbitrator"]).get(f"/api/v1/cases/{case['id']}/").status_code == 200

    withdrawn = api(people["clerk2"]).post(f"/api/v1/referrals/{referral['id']}/withdraw/", {"reason": "工人撤回"}, format="json")

    assert withdrawn.status_code == 200, withdrawn.json()
    assert api(people["arbitrator"]).get("/api/v1/referrals/incoming/").json()["results"] == []
    assert api(people["arbitrator"]).get(f"/api/v1/cases/{case['id']}/").status_code == 404
    again = api(people["clerk"]).post(f"/api/v1/referrals/{referral['id']}/withdraw/", {}, format="json")
    assert again.status_code == 409


def test_transition_input_errors_name_the_field(people, division):
    case = register(people["clerk"], division)

    no_reason = act(people["clerk"], case["id"], "suspend", case["version"])
    routing = act(people["clerk"], case["id"], "route_to_arbitration", case["version"])
    no_version = api(people["clerk"]).post(f"/api/v1/cases/{case['id']}/transitions/", {"action": "suspend"}, format="json")

    assert no_reason.status_code == 400 and list(no_reason.json()["error"]["fields"]) == ["reason"]
    assert routing.status_code == 400 and list(routing.json()["error"]["fields"]) == ["action"]
    assert no_version.status_code == 400 and "version" in no_version.json()["error"]["fields"]
    assert Case.objects.get(pk=case["id"]).version == case["version"]


def test_a_note_goes_on_the_timeline_and_bumps_the_version(people, division):
    case = register(people["clerk"], division)

    response = api(people["clerk"]).post(
        f"/api/v1/cases/{case['id']}/notes/", {"text": "工人要求电话联系", "version": case["version"]}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["case"]["version"] == case["version"] + 1
    last = [e for e in detail(people["clerk"], case["id"])["events"] if not e["action"].startswith("clock_")][-1]
    assert (last["action"], last["reason"], last["is_public"]) == ("note", "工人要求电话联系", False)


def test_personal_data_is_masked_for_organisations_not_responsible_for_the_case(people, orgs, division):
    case = register(people["clerk"], division, seed=9)
    worker = Case.objects.select_related("worker").get(pk=case["id"]).worker
    referral = offer(people["clerk"], case["id"], orgs["legal_aid"], "legal_aid", case["version"]).json()
    api(people["legal_aid"]).post(f"/api/v1/referrals/{referral['id']}/accept/")

    own = detail(people["clerk"], case["id"])
    aid = detail(people["legal_aid"], case["id"])

    assert (own["worker"]["id_number"], own["worker"]["phone"]) == (worker.id_number, worker.phone)
    assert own["personal_data_masked"] is False
    assert aid["worker"]["id_number"] == mask_id_number(worker.id_number) != worker.id_number
    assert aid["worker"]["phone"] == mask_phone(worker.phone) != worker.phone
    assert aid["personal_data_masked"] is True
    assert worker.id_number not in str(aid)


def test_the_receiver_sees_personal_data_once_it_has_taken_the_case(people, orgs, division):
    case = register(people["clerk"], division, seed=11)
    worker = Case.objects.select_related("worker").get(pk=case["id"]).worker
    referral = offer(people["clerk"], case["id"], orgs["inspection"], "inspection", case["version"]).json()

    assert detail(people["inspector"], case["id"])["worker"]["id_number"] != worker.id_number
    # For inspection, taking the case is filing it (若干规定 art 18).
    filed = api(people["inspector"]).post(f"/api/v1/referrals/{referral['id']}/inspection-filing/", {}, format="json")
    assert filed.status_code == 201, filed.json()
    assert detail(people["inspector"], case["id"])["worker"]["id_number"] == worker.id_number


def test_the_queue_filters_by_status_and_search(people, division):
    first = register(people["clerk"], division, seed=1, employer_name="潍坊甲公司")
    second = register(people["clerk"], division, seed=2, employer_name="潍坊乙公司")
    act(people["clerk"], second["id"], "suspend", second["version"], reason="等待材料")

    def ids(**params):
        response = api(people["clerk"]).get("/api/v1/cases/", params)
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert ids() == [second["id"], first["id"]]
    assert ids(status="suspended") == [second["id"]]
    assert ids(q="甲公司") == [first["id"]]
    assert ids(q=first["number"]) == [first["id"]]
    assert api(people["clerk"]).get("/api/v1/cases/", {"status": "nonsense"}).status_code == 400
    # Another clerk's cases wait for them, not for me; the supervisor's organisation view has both.
    assert api(people["clerk2"]).get("/api/v1/cases/").json()["results"] == []
    assert len(api(people["supervisor"]).get("/api/v1/cases/", {"scope": "org"}).json()["results"]) == 2


def test_the_queue_pages_with_a_cursor(people, division):
    for seed in range(3):
        register(people["clerk"], division, seed=seed)

    page = api(people["clerk"]).get("/api/v1/cases/", {"page_size": 2}).json()
    rest = api(people["clerk"]).get(page["next"]).json()

    assert len(page["results"]) == 2 and len(rest["results"]) == 1
    assert rest["next"] is None


def test_organizations_lists_only_active_ones(people, orgs):
    orgs["court"].is_active = False
    orgs["court"].save()

    names = [o["name"] for o in api(people["clerk"]).get("/api/v1/organizations/").json()]

    assert orgs["court"].name not in names
    assert orgs["window"].name in names


def test_the_dashboard_counts_my_organisations_cases(people, division):
    register(people["clerk"], division, seed=1)
    register(people["clerk"], division, seed=2)
    register(people["outsider"], division, seed=3)

    body = api(people["supervisor"]).get("/api/v1/dashboard/").json()

    assert body["totals"] == {"year": 2, "month": 2}
    assert body["by_stage"] == {"registered": {"year": 2, "month": 2}}
    assert body["by_claim_type"]["wages"]["year"] == 2


def test_reads_need_credentials_and_a_staff_profile(people):
    nobody = get_user_model().objects.create_user(username="integration-without-profile", password="x")

    unauthenticated = api().get("/api/v1/cases/")
    no_profile = api(nobody).get("/api/v1/cases/")

    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["error"]["code"] == "not_authenticated"
    assert no_profile.status_code == 403


def test_a_cursor_that_cannot_be_read_is_a_400_on_every_list(people):
    for url in ("/api/v1/cases/?cursor=abc", "/api/v1/referrals/incoming/?cursor=abc"):
        response = api(people["clerk"]).get(url)
        assert response.status_code == 400, url
        assert list(response.json()["error"]["fields"]) == ["cursor"], url
