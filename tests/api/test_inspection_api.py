"""The labour-inspection track over the API: from the window's registration to a penalty decision or a transfer
to arbitration; scope, roles, stale versions and bad input.

The complaint is registered on Monday 1 June 2026; each step freezes the clock on its own day.
"""

import datetime
import random
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from arbitration.services import ensure_default_patterns
from core.identifiers import make_credit_code, make_id_number
from disputes.models import Case, Document
from inspection.models import (
    CorrectionOrder,
    FilingDecision,
    InspectionClosure,
    PenaltyProposal,
    Statement,
    Visit,
)
from tests.inspection.conftest import _penalty_rules, at, team  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def post(user, url, data):
    return api(user).post(f"/api/v1/{url}", data, format="json")


def get(user, url):
    return api(user).get(f"/api/v1/{url}")


def version(case_id) -> int:
    return Case.objects.get(pk=case_id).version


def complaint(division, seed=7):
    rng = random.Random(seed)
    return {
        "worker_name": "王小明", "worker_id_number": make_id_number(rng), "worker_phone": "13800138000",
        "worker_occupation": "delivery_rider", "worker_platform": "美团",
        "employer_name": "潍坊速达配送有限公司", "employer_credit_code": make_credit_code(rng),
        "employer_address": "潍坊市潍城区胜利西街100号", "employer_is_platform": False,
        "employer_industry": "food_delivery", "division": division.pk, "channel": "window",
        "facts": "3名骑手4-5月工资未发放。", "violation_started_on": "2026-03-02",
        "claims": [{"type": "wages", "amount": "25800.00", "description": "4-5月工资"}],
    }


def pdf_text(case_id, kind) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    [doc] = Document.objects.filter(case_id=case_id, kind=kind)
    with doc.file.open("rb") as f:
        data = f.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return text.replace("\n", "").replace(" ", "")


def offered_to_inspection(people, orgs, division) -> tuple[int, int]:
    """The window registers the complaint and offers it to the inspection team, all through the API."""
    registered = post(people["clerk"], "complaints/", complaint(division))
    assert registered.status_code == 201, registered.json()
    case = registered.json()["case"]
    offered = post(people["clerk"], f"cases/{case['id']}/referrals/",
                   {"to_org": orgs["inspection"].pk, "purpose": "inspection", "version": case["version"]})
    assert offered.status_code == 201, offered.json()
    return case["id"], offered.json()["id"]


@pytest.fixture
def filed_by_api(people, orgs, division, team):
    """A complaint registered and filed for inspection on 1 June 2026, through the API; returns the case id."""
    with at("2026-06-01"):
        case_id, referral_id = offered_to_inspection(people, orgs, division)
        response = post(team["lead"], f"referrals/{referral_id}/inspection-filing/", {})
    assert response.status_code == 201, response.json()
    return case_id


# --- the whole path --------------------------------------------------------------------------------------


def test_a_wage_complaint_goes_from_the_window_to_a_numbered_penalty_decision(people, orgs, division, team):
    lead, second, head = team["lead"], team["second"], team["head"]
    with at("2026-06-01"):
        case_id, referral_id = offered_to_inspection(people, orgs, division)
        filing = post(lead, f"referrals/{referral_id}/inspection-filing/", {"inspector": second.pk})
    assert filing.status_code == 201, filing.json()
    assert filing.json()["decision"] == "filed" and filing.json()["number"] == ""
    assert filing.json()["inspector_in_charge"]["id"] == second.pk
    assert (filing.json()["case"]["status"], filing.json()["case"]["owner_org"]["id"]) == (
        "inspection", orgs["inspection"].pk)
    v = filing.json()["case"]["version"]

    with at("2026-06-02"):
        visit = post(lead, f"cases/{case_id}/inspection/visits/", {
            "visited_on": "2026-06-02", "place": "配送站", "inspectors": [lead.pk, second.pk],
            "findings": "3名骑手4-5月工资未付", "version": v})
        assert visit.status_code == 201, visit.json()
        assert {p["id"] for p in visit.json()["inspectors"]} == {lead.pk, second.pk}
        statement = post(second, f"cases/{case_id}/inspection/statements/", {
            "who": "worker", "name": "王小明", "taken_on": "2026-06-02", "summary": "4月起未发工资",
            "version": visit.json()["case"]["version"]})
        assert statement.status_code == 201, statement.json()
        evidence = post(second, f"cases/{case_id}/inspection/evidence/", {
            "description": "考勤记录", "source": "配送站", "version": statement.json()["case"]["version"]})
        assert evidence.status_code == 201, evidence.json()
        assert evidence.json()["gathered_on"] == "2026-06-02"
    with at("2026-06-03"):
        interview = post(lead, f"cases/{case_id}/inspection/interviews/", {
            "employer_representative": "李经理", "held_on": "2026-06-03", "outcome": "单位承认欠薪",
            "version": evidence.json()["case"]["version"]})
        assert interview.status_code == 201, interview.json()
        order = post(lead, f"cases/{case_id}/inspection/correction-orders/", {
            "due_on": "2026-06-12", "items": [{"kind": "wages", "amount": "25800.00", "workers": 3}],
            "findings": "拖欠3名劳动者2026年4月至5月工资共计25,800.00元",
            "version": interview.json()["case"]["version"]})
    assert order.status_code == 201, order.json()
    assert order.json()["number"] == "潍城人社监令字〔2026〕第1号"
    assert (order.json()["total"], order.json()["case"]["status"]) == ("25800.00", "correction_due")
    [item] = order.json()["items"]

    with at("2026-06-15"):  # the deadline passed with a third paid
        compliance = post(lead, f"cases/{case_id}/inspection/compliance/", {
            "amounts_paid": {str(item["id"]): "8600.00"}, "workers_paid": 1, "complied": False,
            "version": order.json()["case"]["version"]})
        assert compliance.status_code == 201, compliance.json()
        assert compliance.json()["paid_by_item"] == {str(item["id"]): "8600.00"}
        proposal = post(lead, f"cases/{case_id}/inspection/penalty-proposals/", {
            "article": "26", "workers": 2, "amount": "12900.00", "facts": "逾期未支付17200元",
            "version": compliance.json()["case"]["version"]})
        assert proposal.status_code == 201, proposal.json()
        assert (proposal.json()["basis"], proposal.json()["range_low"], proposal.json()["range_high"]) == (
            "17200.00", "8600.00", "17200.00")
        assert proposal.json()["notice_number"] == "潍城人社罚告字〔2026〕第1号"
        heard = post(lead, f"cases/{case_id}/inspection/employer-statements/", {
            "kind": "statement", "summary": "单位称资金困难", "version": proposal.json()["case"]["version"]})
        assert heard.status_code == 201, heard.json()
        assert heard.json()["proposals"] == [proposal.json()["id"]]
        decided = post(head, f"cases/{case_id}/inspection/penalty-decisions/", {
            "version": heard.json()["case"]["version"]})
    assert decided.status_code == 201, decided.json()
    assert (decided.json()["case"]["status"], decided.json()["case"]["outcome"]) == ("closed", "penalty")
    [decided_proposal] = decided.json()["proposals"]
    assert decided_proposal["state"] == "decided"
    assert decided_proposal["decision_number"] == "潍城人社罚决字〔2026〕第1号"

    file = get(lead, f"cases/{case_id}/inspection/")
    assert file.status_code == 200
    body = file.json()
    assert [f["decision"] for f in body["filing_decisions"]] == ["filed"]
    assert [len(body[k]) for k in ("visits", "statements", "interviews", "evidence")] == [1, 1, 1, 1]
    assert body["visits"][0]["findings"] == "3名骑手4-5月工资未付"
    assert [o["number"] for o in body["correction_orders"]] == ["潍城人社监令字〔2026〕第1号"]
    assert body["compliance_records"][0]["amount_paid"] == "8600.00"
    assert body["penalty_proposals"][0]["amount"] == "12900.00"
    assert body["penalty_proposals"][0]["employer_statements"] == [heard.json()["id"]]
    assert body["penalty_proposals"][0]["legal_source"]
    assert [(c["outcome"], c["amount_recovered"], c["workers_covered"]) for c in body["closures"]] == [
        ("penalty", "8600.00", 1)]
    assert body["case"]["version"] == version(case_id)
    # The numbers are what the served documents say.
    assert "潍城人社监令字〔2026〕第1号" in pdf_text(case_id, "correction_order")
    assert "潍城人社罚告字〔2026〕第1号" in pdf_text(case_id, "penalty_notice")
    assert "潍城人社罚决字〔2026〕第1号" in pdf_text(case_id, "penalty_decision")


def test_a_settlement_during_the_investigation_is_closed_through_the_api(filed_by_api, team):
    with at("2026-06-04"):
        closed = post(team["lead"], f"cases/{filed_by_api}/inspection/close/", {
            "outcome": "mediated", "amounts_recovered": "8600.00", "workers_covered": 1,
            "version": version(filed_by_api)})
    assert closed.status_code == 201, closed.json()
    assert (closed.json()["case"]["status"], closed.json()["case"]["outcome"]) == ("closed", "mediated")
    assert (closed.json()["amount_recovered"], closed.json()["closed_on"]) == ("8600.00", "2026-06-04")


def test_a_refusal_to_file_is_numbered_and_the_window_reads_it(people, orgs, division, team):
    with at("2026-06-01"):
        case_id, referral_id = offered_to_inspection(people, orgs, division)
        refused = post(team["lead"], f"referrals/{referral_id}/inspection-refusal/",
                       {"reason_code": "out_of_scope", "reason": "你投诉的事项属于劳动争议"})
    assert refused.status_code == 201, refused.json()
    assert refused.json()["number"] == "潍城人社监不立字〔2026〕第1号"
    assert refused.json()["case"]["owner_org"]["id"] == orgs["window"].pk
    seen = get(people["clerk"], f"cases/{case_id}/inspection/").json()
    assert [(f["decision"], f["reason_code"], f["number"]) for f in seen["filing_decisions"]] == [
        ("refused", "out_of_scope", "潍城人社监不立字〔2026〕第1号")]
    assert "潍城人社监不立字〔2026〕第1号" in pdf_text(case_id, "filing_rejection")


def test_a_dispute_matter_goes_to_arbitration_and_the_institute_reads_the_inspection_facts(
    filed_by_api, team, people, orgs
):
    case_id, lead = filed_by_api, team["lead"]
    with at("2026-06-03"):
        visit = post(lead, f"cases/{case_id}/inspection/visits/", {
            "visited_on": "2026-06-03", "place": "单位办公室", "inspectors": [lead.pk, team["second"].pk],
            "findings": "双方对解除合同有争议", "version": version(case_id)})
        assert visit.status_code == 201, visit.json()
        statement = post(lead, f"cases/{case_id}/inspection/statements/", {
            "who": "employer", "name": "李经理", "taken_on": "2026-06-03", "summary": "主张系劳务关系",
            "version": visit.json()["case"]["version"]})
        assert statement.status_code == 201, statement.json()
    with at("2026-06-10"):
        transfer = post(lead, f"cases/{case_id}/inspection/transfer/", {
            "to_org": orgs["arbitration"].pk, "note": "属劳动争议，移送仲裁",
            "version": statement.json()["case"]["version"]})
    assert transfer.status_code == 201, transfer.json()
    assert (transfer.json()["limitation_interrupted_on"], transfer.json()["referral_state"]) == (
        "2026-06-01", "offered")
    assert transfer.json()["to_org"]["id"] == orgs["arbitration"].pk

    arbitrator = people["arbitrator"]
    ensure_default_patterns(orgs["arbitration"])
    with at("2026-06-11"):
        received = post(arbitrator, f"referrals/{transfer.json()['referral']}/accept/", {})
        assert received.status_code == 200, received.json()
        accepted = post(arbitrator, f"cases/{case_id}/arbitration/accept/", {"version": version(case_id)})
    assert accepted.status_code == 200, accepted.json()

    arbitration = get(arbitrator, f"cases/{case_id}/arbitration/")
    assert arbitration.status_code == 200
    assert arbitration.json()["number"].startswith("潍城劳人仲案字〔2026〕第")
    assert arbitration.json()["case"]["status"] == "arbitration"
    # The same case: the claims and facts the window registered, nothing re-entered.
    detail = get(arbitrator, f"cases/{case_id}/").json()
    assert [(c["type"], c["amount"]) for c in detail["claims"]] == [("wages", "25800.00")]
    assert detail["facts"] == "3名骑手4-5月工资未发放。"
    inspection = get(arbitrator, f"cases/{case_id}/inspection/").json()
    assert [v["findings"] for v in inspection["visits"]] == ["双方对解除合同有争议"]
    assert [s["summary"] for s in inspection["statements"]] == ["主张系劳务关系"]
    assert [(t["limitation_interrupted_on"], t["referral_state"]) for t in inspection["transfers"]] == [
        ("2026-06-01", "accepted")]


# --- scope, roles, versions, input --------------------------------------------------------------------


def test_an_organisation_outside_the_case_gets_404_for_reads_and_writes(filed_by_api, team, people):
    visit = {"visited_on": "2026-06-02", "place": "配送站", "inspectors": [team["lead"].pk, team["second"].pk],
             "findings": "x", "version": version(filed_by_api)}
    with at("2026-06-02"):
        for outsider in (people["outsider"], team["stranger"]):
            assert get(outsider, f"cases/{filed_by_api}/inspection/").status_code == 404
            response = post(outsider, f"cases/{filed_by_api}/inspection/visits/", visit)
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "not_found"
    assert get(team["lead"], "cases/999999/inspection/").status_code == 404
    assert not Visit.objects.exists()


def test_a_referral_of_another_organisation_is_404_and_a_clerk_may_not_file(people, orgs, division, team):
    with at("2026-06-01"):
        case_id, referral_id = offered_to_inspection(people, orgs, division)
        assert post(team["stranger"], f"referrals/{referral_id}/inspection-filing/", {}).status_code == 404
        clerk = post(team["clerk"], f"referrals/{referral_id}/inspection-filing/", {})
        assert clerk.status_code == 403 and clerk.json()["error"]["code"] == "forbidden"
        assert post(team["lead"], "referrals/999999/inspection-refusal/",
                    {"reason_code": "out_of_scope", "reason": "x"}).status_code == 404
    assert not FilingDecision.objects.exists()
    assert Case.objects.get(pk=case_id).status != "inspection"


def test_roles_and_organisations_that_see_the_case_but_do_not_handle_it_are_refused(filed_by_api, team, people):
    order = {"due_on": "2026-06-12", "items": [{"kind": "wages", "amount": "100.00"}], "findings": "拖欠工资"}
    with at("2026-06-02"):
        for user in (team["clerk"], people["clerk"]):  # the team's clerk; the window that referred the case
            response = post(user, f"cases/{filed_by_api}/inspection/correction-orders/",
                            {**order, "version": version(filed_by_api)})
            assert response.status_code == 403, response.json()
    assert not CorrectionOrder.objects.exists()
    assert Case.objects.get(pk=filed_by_api).status == "inspection"


def test_a_stale_version_is_a_conflict_and_changes_nothing(filed_by_api, team):
    current = version(filed_by_api)
    with at("2026-06-02"):
        response = post(team["lead"], f"cases/{filed_by_api}/inspection/statements/", {
            "who": "worker", "name": "王小明", "taken_on": "2026-06-02", "summary": "4月起未发工资",
            "version": current - 1})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["fields"]["version"] == current
    assert not Statement.objects.exists() and version(filed_by_api) == current


def test_bad_input_gets_messages_per_field_and_creates_nothing(filed_by_api, team):
    url, current = f"cases/{filed_by_api}/inspection/visits/", version(filed_by_api)
    with at("2026-06-02"):
        types = post(team["lead"], url, {"visited_on": "yesterday", "inspectors": "lead", "version": "abc"})
        # Types pass; the service's rules: a date in the future, one inspector only (监察条例 art 16).
        rules = post(team["lead"], url, {"visited_on": "2026-06-09", "place": "配送站", "inspectors": [team["lead"].pk],
                                         "findings": "x", "version": current})
        not_ours = post(team["lead"], url, {"visited_on": "2026-06-02", "place": "配送站",
                                            "inspectors": [team["lead"].pk, team["stranger"].pk],
                                            "findings": "x", "version": current})
        penalty = post(team["lead"], f"cases/{filed_by_api}/inspection/penalty-proposals/",
                       {"article": "25", "workers": 2, "amount": "99999.00", "version": current})
        close = post(team["lead"], f"cases/{filed_by_api}/inspection/close/",
                     {"outcome": "no_violation", "amounts_recovered": "0", "workers_covered": 0, "version": current})
    assert types.status_code == 400
    assert {"visited_on", "place", "inspectors", "findings", "version"} <= set(types.json()["error"]["fields"])
    assert rules.status_code == 400 and rules.json()["error"]["code"] == "invalid"
    assert {"visited_on", "inspectors"} <= set(rules.json()["error"]["fields"])
    assert not_ours.status_code == 400 and set(not_ours.json()["error"]["fields"]) == {"inspectors"}
    assert penalty.status_code == 400 and "amount" in penalty.json()["error"]["fields"]
    assert close.status_code == 400 and "reason" in close.json()["error"]["fields"]
    assert not Visit.objects.exists() and not PenaltyProposal.objects.exists()
    assert not InspectionClosure.objects.exists()
    assert version(filed_by_api) == current


def test_a_decision_before_the_employer_was_heard_is_refused_with_a_code(filed_by_api, team):
    with at("2026-06-05"):
        proposed = post(team["lead"], f"cases/{filed_by_api}/inspection/penalty-proposals/", {
            "article": "25", "workers": 2, "amount": "600", "facts": "每月延长工作时间超过三十六小时",
            "version": version(filed_by_api)})
        assert proposed.status_code == 201, proposed.json()
        early = post(team["lead"], f"cases/{filed_by_api}/inspection/penalty-decisions/",
                     {"version": proposed.json()["case"]["version"]})
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "employer_not_heard"
    assert PenaltyProposal.objects.get().decision_number == ""


def test_the_file_is_404_while_inspection_has_recorded_nothing(people, orgs, division, team):
    with at("2026-06-01"):
        case_id, _referral_id = offered_to_inspection(people, orgs, division)
        response = get(team["lead"], f"cases/{case_id}/inspection/")
    assert response.status_code == 404


def test_the_schema_documents_every_inspection_endpoint(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    base = "/api/v1/cases/{id}/inspection/"
    assert "get" in paths[base]
    for tail in ["visits/", "statements/", "interviews/", "evidence/", "correction-orders/", "compliance/",
                 "penalty-proposals/", "employer-statements/", "penalty-decisions/", "transfer/", "close/"]:
        operation = paths[base + tail]["post"]
        assert {"201", "400", "403", "404", "409"} <= set(operation["responses"]), tail
    for path in ["/api/v1/referrals/{id}/inspection-filing/", "/api/v1/referrals/{id}/inspection-refusal/"]:
        assert "post" in paths[path]


def test_reading_the_file_takes_the_same_queries_however_much_was_recorded(filed_by_api, team):
    lead, case_id = team["lead"], filed_by_api
    counts = []
    for day in ("2026-06-04", "2026-06-05"):
        with at(day):
            for url, data in [
                ("visits/", {"visited_on": day, "place": "配送站", "inspectors": [lead.pk, team["second"].pk],
                             "findings": "工资未付"}),
                ("statements/", {"who": "worker", "name": "王小明", "taken_on": day, "summary": "未发工资"}),
                ("penalty-proposals/", {"article": "25", "workers": 1, "amount": "300", "facts": "超时加班"}),
                ("employer-statements/", {"kind": "statement", "summary": "单位解释"}),
            ]:
                response = post(lead, f"cases/{case_id}/inspection/{url}", {**data, "version": version(case_id)})
                assert response.status_code == 201, response.json()
        with CaptureQueriesContext(connection) as queries:
            body = get(lead, f"cases/{case_id}/inspection/").json()
        counts.append(len(queries))
    assert [p["state"] for p in body["penalty_proposals"]] == ["superseded", "proposed"]
    assert [len(s["proposals"]) for s in body["employer_statements"]] == [1, 1]
    assert counts[0] == counts[1]
