"""The arbitration track over the API: acceptance, tribunal, hearing, award; roles, stale versions, bad input.

Today is Monday 1 June 2026 (frozen); the hearing is on Monday 8 June, 09:00-11:00 Beijing time.
"""

import datetime

import pytest
from rest_framework.test import APIClient

from arbitration.services import ensure_default_patterns
from core.models import Role
from disputes.models import Case, Referral
from hearings.models import Room
from tests.conftest import make_staff
from tests.hearings.conftest import at

pytestmark = pytest.mark.django_db

HEARING = {"starts_at": "2026-06-08T09:00:00+08:00", "ends_at": "2026-06-08T11:00:00+08:00"}
AWARD_TEXTS = {
    "findings": "被申请人未支付申请人2026年9月至10月工资8600元。",
    "reasoning": "用人单位应当及时足额支付劳动报酬。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条",
}


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


def case_version(case_id):
    return Case.objects.get(pk=case_id).version


def into_review(register, people, orgs) -> Case:
    """A new complaint offered to and received by the arbitration institute, through the API."""
    ensure_default_patterns(orgs["arbitration"])
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    offered = post(people["clerk"], f"cases/{case.pk}/referrals/",
                   {"to_org": orgs["arbitration"].pk, "purpose": "arbitration", "version": case.version})
    assert offered.status_code == 201, offered.json()
    accepted = post(people["arbitrator"], f"referrals/{offered.json()['id']}/accept/", {})
    assert accepted.status_code == 200, accepted.json()
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def in_review(register, people, orgs):
    return into_review(register, people, orgs)


@pytest.fixture
def room(orgs):
    return Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)


def test_a_case_goes_from_acceptance_through_a_hearing_to_a_final_award(in_review, people, room):
    arbitrator, case_id = people["arbitrator"], in_review.pk

    accepted = post(arbitrator, f"cases/{case_id}/arbitration/accept/", {"version": in_review.version})
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["case"]["status"] == "arbitration"
    assert accepted.json()["number"].startswith("潍城劳人仲案字〔2026〕第")

    tribunal = post(arbitrator, f"cases/{case_id}/arbitration/tribunal/",
                    {"arbitrators": [arbitrator.pk], "version": accepted.json()["case"]["version"]})
    assert tribunal.status_code == 200, tribunal.json()
    [member] = tribunal.json()["tribunal"]
    assert member["arbitrator"]["id"] == arbitrator.pk and member["is_presiding"] is True

    scheduled = post(arbitrator, f"cases/{case_id}/hearings/",
                     {"room_id": room.pk, "arbitrators": [arbitrator.pk], "version": tribunal.json()["case"]["version"],
                      **HEARING})
    assert scheduled.status_code == 201, scheduled.json()
    assert scheduled.json()["case"]["status"] == "hearing"
    hearing_id = scheduled.json()["id"]

    served = post(arbitrator, f"hearings/{hearing_id}/notice-served/", {"served_on": "2026-06-01"})
    assert served.status_code == 200, served.json()
    assert served.json()["notice_served_on"] == "2026-06-01"

    # Before the hearing is held no award can rest on it: 409, and the case stays in the hearing stage.
    claim = in_review.claims.get()
    early = post(arbitrator, f"cases/{case_id}/arbitration/award/", {
        "version": case_version(case_id), "hearing_id": hearing_id,
        "items": [{"claim_id": claim.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付工资"}],
        **AWARD_TEXTS,
    })
    assert early.status_code == 409, early.json()
    assert early.json()["error"]["code"] == "hearing_not_held"
    assert Case.objects.get(pk=case_id).status == "hearing"

    with at("2026-06-08", "11:30"):
        held = post(arbitrator, f"hearings/{hearing_id}/held/", {"minutes_summary": "双方到庭，质证完毕。"})
        assert held.status_code == 200, held.json()
        assert held.json()["state"] == "held"

        claim = in_review.claims.get()
        award = post(arbitrator, f"cases/{case_id}/arbitration/award/", {
            "version": held.json()["case"]["version"],
            "items": [{"claim_id": claim.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付工资8600元。"}],
            **AWARD_TEXTS,
        })
    assert award.status_code == 201, award.json()
    assert award.json()["case"]["status"] == "closed"
    [item] = award.json()["items"]
    assert item["is_final"] is True and item["awarded_amount"] == "8600.00"
    assert {k: award.json()[k] for k in AWARD_TEXTS} == AWARD_TEXTS
    assert (award.json()["ground"], award.json()["hearing"]) == ("hearing_held", hearing_id)
    assert "劳动争议调解仲裁法 arts 35" in award.json()["ground_source"]
    assert item["minimum_wage"]["effective_from"] == "2021-10-01" and item["minimum_wage"]["verified"] is False

    file = api(arbitrator).get(f"/api/v1/cases/{case_id}/arbitration/")
    assert file.status_code == 200
    assert file.json()["case"]["status"] == "closed"
    assert [i["is_final"] for a in file.json()["awards"] for i in a["items"]] == [True]
    listed = api(arbitrator).get(f"/api/v1/cases/{case_id}/hearings/").json()
    assert [(h["id"], h["state"]) for h in listed] == [(hearing_id, "held")]

    with at("2026-06-09"):
        suit = post(arbitrator, f"cases/{case_id}/arbitration/post-award/",
                    {"kind": "suit_filed", "by_party": "worker", "filed_on": "2026-06-09", "version": case_version(case_id)})
    assert suit.status_code == 201, suit.json()
    assert suit.json()["is_late"] is False


def test_completion_summary_procedure_and_a_mediation_statement_through_the_api(in_review, register, people, orgs):
    """The commission's other steps, each answer checked against the schema (tests/openapi_check.py)."""
    arbitrator, case_id = people["arbitrator"], in_review.pk
    asked = post(arbitrator, f"cases/{case_id}/arbitration/completion-request/",
                 {"items": ["申请人身份证明复印件"], "version": case_version(case_id)})
    assert asked.status_code == 200, asked.json()
    completed = post(arbitrator, f"cases/{case_id}/arbitration/completion/", {"version": case_version(case_id)})
    assert completed.status_code == 200, completed.json()
    accepted = post(arbitrator, f"cases/{case_id}/arbitration/accept/", {
        "procedure": "summary", "facts_clear": True, "parties_agree": True, "version": case_version(case_id)})
    assert accepted.status_code == 200, accepted.json()
    converted = post(arbitrator, f"cases/{case_id}/arbitration/convert-to-ordinary/",
                     {"reason": "案情复杂", "version": case_version(case_id)})
    assert converted.status_code == 200, converted.json()
    statement = post(arbitrator, f"cases/{case_id}/arbitration/mediation-statement/", {
        "terms": "被申请人于2026年6月30日前支付申请人工资8000元。", "amounts": [{"label": "工资", "amount": "8000.00"}],
        "version": case_version(case_id)})
    assert statement.status_code == 201, statement.json()
    assert Case.objects.get(pk=case_id).status == "closed"

    other = into_review(register, people, orgs)
    rejected = post(arbitrator, f"cases/{other.pk}/arbitration/reject/", {
        "reason_code": "not_labour_dispute", "reason": "不属于劳动争议受理范围", "version": other.version})
    assert rejected.status_code == 200, rejected.json()


def test_a_clerk_may_not_accept_an_application(in_review, orgs):
    clerk = make_staff(orgs["arbitration"], Role.CLERK, "filing-clerk")

    response = post(clerk, f"cases/{in_review.pk}/arbitration/accept/", {"version": in_review.version})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Case.objects.get(pk=in_review.pk).status == "arbitration_review"


def test_a_stale_version_is_a_conflict_and_changes_nothing(in_review, people):
    response = post(people["arbitrator"], f"cases/{in_review.pk}/arbitration/accept/",
                    {"version": in_review.version - 1})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert Case.objects.get(pk=in_review.pk).status == "arbitration_review"
    assert case_version(in_review.pk) == in_review.version


def test_bad_input_is_refused_with_messages_per_field(in_review, people):
    arbitrator = people["arbitrator"]

    response = post(arbitrator, f"cases/{in_review.pk}/arbitration/reject/",
                    {"reason_code": "no_such_reason", "version": "abc"})
    assert response.status_code == 400
    assert {"reason_code", "reason", "version"} <= set(response.json()["error"]["fields"])

    # A rule of the service (a second completion notice) is refused too, with a code the client can test.
    first = post(arbitrator, f"cases/{in_review.pk}/arbitration/completion-request/",
                 {"items": ["劳动合同复印件"], "version": in_review.version})
    assert first.status_code == 200, first.json()
    assert first.json()["completion_items"] == ["劳动合同复印件"]
    again = post(arbitrator, f"cases/{in_review.pk}/arbitration/completion-request/",
                 {"items": ["工资条"], "version": first.json()["case"]["version"]})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "completion_already_requested"


def test_the_arbitration_file_is_not_shown_to_an_organisation_outside_the_case(in_review, people):
    response = api(people["outsider"]).get(f"/api/v1/cases/{in_review.pk}/arbitration/")

    assert response.status_code == 404


def test_the_service_of_the_application_copy_is_recorded(in_review, people):
    accepted = post(people["arbitrator"], f"cases/{in_review.pk}/arbitration/accept/", {"version": in_review.version})
    response = post(people["arbitrator"], f"cases/{in_review.pk}/arbitration/service/",
                    {"kind": "copy_served", "on_date": "2026-06-01", "version": accepted.json()["case"]["version"]})

    assert response.status_code == 200, response.json()
    assert response.json()["version"] == accepted.json()["case"]["version"] + 1
    timeline = api(people["arbitrator"]).get(f"/api/v1/cases/{in_review.pk}/").json()["events"]
    assert "copy_served" in [e["action"] for e in timeline]


def test_the_legal_aid_station_assigns_the_lawyer_of_a_referral_it_accepted(register, people, orgs):
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    offered = post(people["clerk"], f"cases/{case.pk}/referrals/",
                   {"to_org": orgs["legal_aid"].pk, "purpose": "legal_aid", "version": case.version})
    assert offered.status_code == 201, offered.json()
    referral_id = offered.json()["id"]
    body = {"lawyer_name": "张律师", "lawyer_phone": "13700000000"}

    early = post(people["legal_aid"], f"referrals/{referral_id}/lawyer/", body)
    assert early.status_code == 409
    assert post(people["legal_aid"], f"referrals/{referral_id}/accept/", {}).status_code == 200
    assert post(people["legal_aid"], f"referrals/{referral_id}/lawyer/", body).status_code == 409  # not granted yet
    granted = post(people["legal_aid"], f"referrals/{referral_id}/legal-aid/decision/",
                   {"grant": True, "category": "migrant_pay"})
    assert granted.status_code == 200, granted.json()
    assert post(people["clerk"], f"referrals/{referral_id}/lawyer/", body).status_code == 403
    assert post(people["legal_aid"], f"referrals/{referral_id}/lawyer/", {"lawyer_name": ""}).status_code == 400

    assigned = post(people["legal_aid"], f"referrals/{referral_id}/lawyer/", body)
    assert assigned.status_code == 201, assigned.json()
    assert assigned.json()["lawyer_name"] == "张律师" and assigned.json()["referral"] == referral_id
    assert Referral.objects.get(pk=referral_id).lawyer_assignments.get().lawyer_phone == "13700000000"


def test_an_award_without_findings_reasoning_or_legal_basis_is_refused_per_field(in_review, people, room):
    arbitrator, case_id = people["arbitrator"], in_review.pk
    post(arbitrator, f"cases/{case_id}/arbitration/accept/", {"version": in_review.version})
    post(arbitrator, f"cases/{case_id}/arbitration/tribunal/",
         {"arbitrators": [arbitrator.pk], "version": case_version(case_id)})
    post(arbitrator, f"cases/{case_id}/hearings/",
         {"room_id": room.pk, "arbitrators": [arbitrator.pk], "version": case_version(case_id), **HEARING})
    claim = in_review.claims.get()
    body = {"version": case_version(case_id),
            "items": [{"claim_id": claim.pk, "awarded_amount": "8600.00", "decision_text": "支付工资。"}]}

    missing = post(arbitrator, f"cases/{case_id}/arbitration/award/", body)
    assert missing.status_code == 400
    assert {"findings", "reasoning", "legal_basis"} <= set(missing.json()["error"]["fields"])
    blank = post(arbitrator, f"cases/{case_id}/arbitration/award/",
                 {**body, **AWARD_TEXTS, "reasoning": "   ", "legal_basis": "\n"})
    assert blank.status_code == 400
    assert {"reasoning", "legal_basis"} <= set(blank.json()["error"]["fields"])
    assert Case.objects.get(pk=case_id).status == "hearing"


def test_the_file_lists_each_recusal_request_under_its_seat_until_and_after_the_decision(in_review, people, orgs):
    arbitrator, case_id = people["arbitrator"], in_review.pk
    chief = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb-chief-recusal")
    accepted = post(arbitrator, f"cases/{case_id}/arbitration/accept/", {"version": in_review.version})
    post(arbitrator, f"cases/{case_id}/arbitration/tribunal/",
         {"arbitrators": [arbitrator.pk], "version": accepted.json()["case"]["version"]})
    requested = post(arbitrator, f"cases/{case_id}/arbitration/recusals/", {
        "arbitrator": arbitrator.pk, "ground": "interest", "by_party": "respondent",
        "statement": "仲裁员与申请人系同学。", "version": case_version(case_id),
    })
    assert requested.status_code == 201, requested.json()

    [seat] = api(arbitrator).get(f"/api/v1/cases/{case_id}/arbitration/").json()["tribunal"]
    [pending] = seat["recusals"]
    assert (pending["ground"], pending["requested_by_party"], pending["granted"]) == ("interest", "respondent", None)
    assert pending["statement"] == "仲裁员与申请人系同学。"

    decided = post(chief, f"cases/{case_id}/arbitration/recusals/{pending['id']}/decide/",
                   {"granted": True, "reason": "理由成立。", "version": case_version(case_id)})
    assert decided.status_code == 200, decided.json()
    [seat] = api(arbitrator).get(f"/api/v1/cases/{case_id}/arbitration/").json()["tribunal"]
    assert seat["removed_at"] is not None
    assert [(r["granted"], r["decision_reason"]) for r in seat["recusals"]] == [(True, "理由成立。")]
