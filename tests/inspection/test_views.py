"""The inspector's workbench through the test client: what each person sees, each form, refusals and costs."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disputes.models import Case, Document, Referral
from inspection.models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionOrder,
    EmployerStatement,
    FilingDecision,
    InspectionClosure,
    PenaltyProposal,
    Statement,
    Visit,
)
from inspection.services import (
    compliance_record,
    correction_order_issue,
    penalty_propose,
    statement_record,
    visit_record,
)

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def url(name, case):
    return reverse(f"inspection:{name}", args=[case.pk])


def page(client, user, case, day="2026-06-02"):
    client.force_login(user)
    with at(day):
        resp = client.get(url("workbench", case))
    assert resp.status_code == 200
    return resp.content.decode()


def post(client, user, name, case, data, day="2026-06-02", version=None):
    """Submit a workbench form as `user` and follow the redirect back; returns the page shown."""
    client.force_login(user)
    data = {"version": fresh(case).version if version is None else version, **data}
    with at(day):
        resp = client.post(url(name, case), data, follow=True)
    assert resp.status_code == 200
    return resp.content.decode()


FORMS = ("file-form", "refuse-form", "visit-form", "statement-form", "interview-form", "evidence-form", "order-form",
         "comply-form", "propose-form", "employer-form", "decide-form", "transfer-form", "close-form")


def forms_on(body):
    return {f for f in FORMS if f'id="{f}"' in body}


@pytest.fixture
def offered(register, offer_to_inspection):
    """A complaint registered on Mon 1 Jun 2026 and offered to the inspection team: (case, referral)."""
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
    return fresh(case), referral


# --- filing or refusing an offered referral ---


def test_an_inspector_offered_a_complaint_is_led_to_file_or_refuse_it(client, offered, team):
    case, _ = offered
    client.force_login(team["lead"])
    with at("2026-06-01"):
        case_page = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert f'href="{url("workbench", case)}"' in case_page
    body = page(client, team["lead"], case, "2026-06-01")
    assert forms_on(body) == {"file-form", "refuse-form"}
    # Refusing is in writing with one of the four coded reasons of 若干规定 art 18.
    for code in ("time_barred", "employer_unidentified", "out_of_scope", "out_of_jurisdiction"):
        assert f'value="{code}"' in body


def test_the_window_sees_no_inspection_link_before_the_team_has_decided(client, offered, people):
    case, _ = offered
    client.force_login(people["clerk"])
    with at("2026-06-01"):
        body = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert url("workbench", case) not in body


def test_filing_through_the_form_gives_the_case_to_the_chosen_inspector(client, offered, team, orgs):
    case, referral = offered
    body = post(client, team["lead"], "file", case, {"referral": referral.pk, "inspector": team["second"].pk})
    case = fresh(case)
    assert (case.status, case.owner_org, case.owner_user) == ("inspection", orgs["inspection"], team["second"])
    decision = FilingDecision.objects.get(case=case)
    assert (decision.decision, decision.inspector_in_charge) == ("filed", team["second"])
    assert 'id="in-charge">inspector2<' in body
    assert "file-form" not in forms_on(body) and "visit-form" in forms_on(body)
    # After filing, everyone who reads the case finds the file from the case page.
    client.force_login(team["lead"])
    with at("2026-06-02"):
        assert url("workbench", case) in client.get(reverse("disputes:case", args=[case.pk])).content.decode()


def test_refusing_without_a_written_reason_is_refused_in_chinese_and_changes_nothing(client, offered, team):
    case, referral = offered
    body = post(client, team["lead"], "refuse", case, {"referral": referral.pk, "reason_code": "out_of_scope"})
    assert "请填写此项。" in body
    assert not FilingDecision.objects.exists()
    assert Referral.objects.get(pk=referral.pk).state == "offered"
    # What was chosen is still chosen.
    assert '<option value="out_of_scope" selected>' in body


def test_a_written_refusal_declines_the_referral_and_issues_the_notice(client, offered, team):
    case, referral = offered
    client.force_login(team["lead"])
    with at("2026-06-02"):
        resp = client.post(url("refuse", case), {"referral": referral.pk, "reason_code": "out_of_scope",
                                                 "reason": "双方系承揽关系，不属于劳动保障监察范围"})
    assert resp.status_code == 302 and resp["Location"] == reverse("disputes:incoming")
    assert Referral.objects.get(pk=referral.pk).state == "declined"
    assert fresh(case).status == "registered"
    assert Document.objects.filter(case=case, kind="filing_rejection").exists()
    # The case has gone back to the window: the team no longer reads it.
    with at("2026-06-02"):
        assert client.get(url("workbench", case)).status_code == 404


def test_a_time_barred_complaint_cannot_be_filed_and_the_team_is_told_to_refuse(
    client, register, offer_to_inspection, team
):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2023, 1, 2), violation_ended_on=D(2024, 1, 31),
                        limitation_reason="劳动者称此前一直在协商").case
        referral = offer_to_inspection(case)
    body = page(client, team["lead"], fresh(case), "2026-06-01")
    assert 'id="time-barred"' in body
    body = post(client, team["lead"], "file", case, {"referral": referral.pk, "inspector": team["lead"].pk},
                day="2026-06-01")
    assert fresh(case).status == "registered" and not FilingDecision.objects.exists()
    assert "二年" in body or "两年" in body


# --- who sees what ---


def test_an_inspection_team_that_has_nothing_to_do_with_the_case_gets_404(client, filed, team):
    case = filed()
    client.force_login(team["stranger"])
    with at("2026-06-02"):
        assert client.get(url("workbench", case)).status_code == 404
        resp = client.post(url("visit", case), {"version": fresh(case).version, "visited_on": "2026-06-02",
                                                "place": "配送站", "findings": "x"})
    assert resp.status_code == 404
    assert not Visit.objects.exists()


def test_the_window_reads_the_file_but_gets_no_forms(client, filed, people, team):
    case = filed()
    with at("2026-06-02"):
        visit_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, visited_on=D(2026, 6, 2),
                     place="配送站", inspector_ids=[team["lead"].pk, team["second"].pk], findings="工资未付")
    body = page(client, people["clerk"], case)
    assert "配送站" in body
    assert forms_on(body) == set()


def test_a_clerk_of_the_inspection_team_gets_no_forms(client, filed, team):
    body = page(client, team["clerk"], filed())
    assert forms_on(body) == set()


def test_the_forms_follow_the_stage_of_the_case(client, filed, team):
    case = filed()
    assert forms_on(page(client, team["lead"], case)) == {
        "visit-form", "statement-form", "interview-form", "evidence-form", "order-form", "propose-form",
        "transfer-form", "close-form",
    }
    with at("2026-06-03"):
        correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=team["lead"], version=fresh(case).version, due_on=D(2026, 6, 12),
                               items=[{"kind": "wages", "amount": "25800.00", "workers": 3}])
    body = page(client, team["lead"], case, "2026-06-03")
    assert forms_on(body) == {
        "visit-form", "statement-form", "interview-form", "evidence-form", "comply-form", "propose-form", "close-form",
    }
    with at("2026-06-15"):
        compliance_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                          amounts_paid={CorrectionOrder.objects.get().items.get().pk: "8600.00"}, workers_paid=1,
                          complied=False)
        penalty_propose(case_id=case.pk, actor=team["lead"], version=fresh(case).version, article="26", workers=2,
                        amount="12900.00")
    body = page(client, team["lead"], case, "2026-06-15")
    assert {"employer-form", "decide-form"} <= forms_on(body)
    # The employer has not been heard and its period runs: the page says why the decision must wait.
    assert 'id="decision-waiting"' in body and "陈述申辩" in body
    post(client, team["lead"], "close", case, {"outcome": "resolved_other", "amounts_recovered": "25800.00",
                                               "workers_covered": "3", "reason": "单位已全额支付"}, day="2026-06-16")
    assert fresh(case).status == "closed"
    assert forms_on(page(client, team["lead"], case, "2026-06-15")) == set()


# --- each form, through the client ---


def test_the_whole_inspection_through_the_workbench_forms(client, offered, team, orgs):
    case, referral = offered
    lead, second = team["lead"], team["second"]
    post(client, lead, "file", case, {"referral": referral.pk, "inspector": lead.pk})
    post(client, lead, "visit", case, {"visited_on": "2026-06-02", "place": "胜利西街配送站",
                                       "inspectors": [lead.pk, second.pk], "findings": "3名骑手4-5月工资未付"})
    post(client, lead, "statement", case, {"who": "worker", "name": "王小明", "taken_on": "2026-06-02",
                                           "taken_by": second.pk, "summary": "4月起未发工资"})
    post(client, lead, "interview", case, {"employer_representative": "李经理", "held_on": "2026-06-02",
                                           "outcome": "单位承认欠薪"})
    post(client, lead, "evidence", case, {"description": "考勤记录", "source": "配送站"})
    body = post(client, lead, "order", case, {
        "due_on": "2026-06-12", "findings": "拖欠劳动者2026年4月至5月工资", "requirements": "支付拖欠工资",
        "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0",
        "items-0-kind": "wages", "items-0-amount": "25800.00", "items-0-workers": "3", "items-0-description": "4-5月工资",
    }, day="2026-06-03")
    assert fresh(case).status == "correction_due"
    assert "责令改正指令书" in body and 'class="order-due">2026-06-12<' in body
    item = CorrectionOrder.objects.get(case=case).items.get()
    body = post(client, lead, "compliance", case, {f"paid_{item.pk}": "8600.00", "workers_paid": "1",
                                                   "complied": "no"}, day="2026-06-15")
    record = ComplianceRecord.objects.get(case=case)
    assert (record.complied, record.amount_paid) == (False, Decimal("8600.00"))
    # What is still owed, and the 50-100 % extra compensation on it (监察条例 art 26).
    assert 'id="extra-compensation"' in body and "8600.00" in body and "17200.00" in body
    body = post(client, lead, "propose", case, {"article": "26", "amount": "12900.00", "facts": "逾期未支付17200元"},
                day="2026-06-15")
    proposal = PenaltyProposal.objects.get(case=case)
    assert (proposal.basis, proposal.range_low, proposal.range_high) == (
        Decimal("17200.00"), Decimal("8600.00"), Decimal("17200.00"))
    assert "行政处罚告知书" in body
    post(client, lead, "employer_statement", case, {"kind": "statement", "summary": "单位称资金困难"}, day="2026-06-15")
    assert EmployerStatement.objects.filter(case=case).count() == 1
    body = post(client, team["head"], "decide", case, {"amount_recovered": "8600.00", "workers_covered": "1"},
                day="2026-06-15")
    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "penalty")
    assert "行政处罚决定书" in body
    decision = body[body.index('id="penalty-decision"'):]
    decision = decision[:decision.index("</p>")]
    assert "2026-06-15" in decision and "12900.00" in decision  # art 26: compensation to the workers, no fine
    closure = InspectionClosure.objects.get(case=case)
    assert (closure.amount_recovered, closure.workers_covered) == (Decimal("8600.00"), 1)
    assert 'class="closure-amount">8600.00<' in body and 'class="closure-workers">1<' in body
    # Every issued document is offered for download through the case file's document view.
    for doc in Document.objects.filter(case=case, kind__in=["correction_order", "penalty_notice", "penalty_decision"]):
        assert reverse("disputes:document", args=[doc.pk]) in body
        client.force_login(lead)
        assert client.get(reverse("disputes:document", args=[doc.pk])).status_code == 200
    assert forms_on(body) == set()


def test_the_workbench_shows_the_visits_inspectors_and_the_statements_taker(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "visit", case, {"visited_on": "2026-06-02", "place": "配送站",
                                                      "inspectors": [team["lead"].pk, team["head"].pk],
                                                      "findings": "未发工资"})
    assert "inspector、inspection-head" in body or "inspection-head、inspector" in body
    body = post(client, team["lead"], "statement", case, {"who": "witness", "name": "赵六", "taken_on": "2026-06-02",
                                                          "summary": "见到欠薪"})
    assert Statement.objects.get().taken_by == team["lead"]
    assert "赵六" in body


def test_a_transfer_to_arbitration_through_the_form(client, filed, team, orgs, people):
    case = filed()
    body = post(client, team["lead"], "transfer", case, {"to_org": orgs["arbitration"].pk, "note": "属劳动争议事项"})
    transfer = ArbitrationTransfer.objects.get(case=case)
    assert transfer.referral.to_org == orgs["arbitration"] and transfer.referral.state == "offered"
    assert transfer.limitation_interrupted_on == D(2026, 6, 1)
    assert "2026-06-01" in body and orgs["arbitration"].name in body
    # Offered once: the form is gone until the institute decides.
    assert "transfer-form" not in forms_on(body)


def test_closing_without_a_penalty_records_the_amounts_and_workers(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "close", case, {"outcome": "mediated", "amounts_recovered": "8600.00",
                                                      "workers_covered": "1"}, day="2026-06-04")
    assert (fresh(case).status, fresh(case).outcome) == ("closed", "mediated")
    assert 'class="closure-amount">8600.00<' in body


# --- refusals keep the input ---


def test_a_visit_by_one_inspector_is_refused_in_chinese_and_keeps_what_was_typed(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "visit", case, {"visited_on": "2026-06-02", "place": "胜利西街配送站",
                                                      "inspectors": [team["lead"].pk], "findings": "工资未付"})
    assert "现场检查须由两名以上劳动保障监察员进行" in body
    assert not Visit.objects.exists()
    assert 'value="胜利西街配送站"' in body and "工资未付</textarea>" in body


def test_a_penalty_outside_the_legal_range_is_refused_with_the_range(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "propose", case, {"article": "23", "workers": "2", "amount": "500.00"})
    assert "涉及 2 名劳动者时，金额应在 2000.00 元至 10000.00 元之间" in body
    assert not PenaltyProposal.objects.exists()
    assert 'value="500.00"' in body


def test_an_order_without_a_later_deadline_is_refused_and_creates_nothing(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "order", case, {
        "due_on": "2026-06-01", "findings": "拖欠工资", "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "0",
        "items-0-kind": "wages", "items-0-amount": "8600.00",
    })
    assert "请设定今天以后的期限。" in body
    assert not CorrectionOrder.objects.exists() and fresh(case).status == "inspection"
    assert 'value="8600.00"' in body


def test_a_malformed_amount_is_refused_by_the_form_in_chinese(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "close", case, {"outcome": "mediated", "amounts_recovered": "八千",
                                                      "workers_covered": "1"})
    assert "请以元为单位输入金额（可含小数）。" in body  # the one money rule of disputes.kit.inputs
    assert not InspectionClosure.objects.exists() and fresh(case).status == "inspection"


def test_a_stale_form_shows_the_conflict_and_records_nothing(client, filed, team):
    case = filed()
    stale = fresh(case).version
    with at("2026-06-02"):
        statement_record(case_id=case.pk, actor=team["second"], version=stale, who="worker", name="王小明",
                         taken_on=D(2026, 6, 2), summary="未发工资")
    body = post(client, team["lead"], "evidence", case, {"description": "工资表", "source": "单位财务"}, version=stale)
    assert "其他人已修改" in body
    assert not case.inspection_evidence.exists()
    # The typed input survives the reload the message asks for.
    assert 'value="工资表"' in body


# --- cost ---


def _queries(client, case):
    with CaptureQueriesContext(connection) as ctx, at("2026-06-15"):
        assert client.get(url("workbench", case)).status_code == 200
    return len(ctx.captured_queries)


def test_the_workbench_costs_the_same_queries_for_few_or_many_records(client, filed, team):
    case = filed()

    def add(n):
        for i in range(n):
            with at("2026-06-02"):
                visit_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version,
                             visited_on=D(2026, 6, 2), place=f"站点{i}",
                             inspector_ids=[team["lead"].pk, team["second"].pk], findings="检查")
                statement_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, who="worker",
                                 name=f"骑手{i}", taken_on=D(2026, 6, 2), summary="未发工资", taken_by_id=team["second"].pk)

    add(1)
    client.force_login(team["lead"])
    few = _queries(client, case)
    add(12)
    assert _queries(client, case) == few
    assert Visit.objects.count() == 13 and Case.objects.get(pk=case.pk).status == "inspection"
