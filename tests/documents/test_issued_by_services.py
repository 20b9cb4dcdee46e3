"""The track services issue their official documents in the same transaction as the decision they record."""

import datetime
import shutil
import subprocess

import pytest
import time_machine

from arbitration.models import ArbitrationFile
from arbitration.services import (
    application_accept,
    application_reject,
    application_request_completion,
    award_issue,
    mediation_statement_issue,
    tribunal_compose,
)
from core.errors import Conflict, ValidationFailed
from disputes.models import Case, CaseEvent, Document
from hearings.models import Room
from hearings.services import hearing_postpone, hearing_schedule
from inspection.services import (
    correction_order_issue,
    inspection_refuse,
    penalty_decide,
    penalty_propose,
)
from tests.arbitration.conftest import _arbitration_reference_data, accepted, arb, heard, in_review  # noqa: F401
from tests.inspection.conftest import _penalty_rules, filed, offer_to_inspection, team  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date
WORKER, EMPLOYER = "王小明", "潍坊速达配送有限公司"
# What the tribunal writes into an award (LDMAL art 46); two paragraphs of findings, one line each.
AWARD_TEXTS = {
    "findings": "申请人于2025年3月入职被申请人处从事外卖配送工作。\n被申请人未支付申请人2026年9月至10月工资共计8600元。",
    "reasoning": "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬，被申请人拖欠工资无正当理由。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条、《中华人民共和国劳动争议调解仲裁法》第四十七条",
}


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def document(case, kind) -> Document:
    docs = list(Document.objects.filter(case=case, kind=kind))
    assert len(docs) == 1, f"expected one {kind}, found {len(docs)}"
    return docs[0]


def pdf_text(doc: Document) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    with doc.file.open("rb") as f:
        data = f.read()
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def assert_issued(case, kind, number, parties=(WORKER, EMPLOYER)):
    doc = document(case, kind)
    assert doc.version == 1
    text = pdf_text(doc).replace("\n", "").replace(" ", "")
    assert number in text
    assert all(name in text for name in parties)
    return text


def official_number(case) -> str:
    return ArbitrationFile.objects.get(case=case).official_number


# --- arbitration ---------------------------------------------------------------------------------------


def test_accepting_an_application_issues_the_acceptance_and_respond_notices_with_the_official_number(accepted):
    with at("2026-04-01"):
        case = accepted()
    number = official_number(case)
    assert number
    assert_issued(case, "acceptance_notice", number)
    text = assert_issued(case, "respond_notice", number)
    assert "应诉通知书" in text
    assert CaseEvent.objects.filter(case=case, action="document_issued").count() == 2


def test_rejecting_an_application_issues_the_rejection_notice_with_its_own_number(in_review, arb):
    with at("2026-04-01"):
        case = in_review()
        file = application_reject(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                                  reason_code="not_labour_dispute", reason="申请人与被申请人之间不存在劳动关系")
    text = assert_issued(case, "rejection_notice", file.rejection_number)
    assert "不存在劳动关系" in text


def test_asking_for_completion_issues_one_notice_and_a_second_request_leaves_it_untouched(in_review, arb):
    with at("2026-04-01"):
        case = in_review()
        application_request_completion(case_id=case.pk, actor=arb.arbitrator, items=["劳动合同复印件"],
                                       version=case.version)
        first = document(case, "completion_notice")
        with pytest.raises(Conflict):
            application_request_completion(case_id=case.pk, actor=arb.arbitrator, items=["工资条"],
                                           version=fresh(case).version)
    text = assert_issued(case, "completion_notice", case.number)
    assert "劳动合同复印件" in text
    assert document(case, "completion_notice").sha256 == first.sha256


def test_composing_the_tribunal_issues_the_tribunal_notice_naming_the_arbitrators(accepted, arb):
    with at("2026-04-01"):
        case = accepted()
        tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                         arbitrators=[arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator2)
    text = assert_issued(case, "tribunal_notice", official_number(case))
    assert "arbitrator2担任首席仲裁员" in text


def test_a_final_award_issues_the_award_and_a_second_award_is_refused_without_a_new_version(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        items = [{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付申请人工资"}
                 for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **AWARD_TEXTS)
        with pytest.raises(Exception):  # the case is closed: no second award
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, items=items, **AWARD_TEXTS)
    text = assert_issued(case, "award", official_number(case))
    assert "8,600.00" in text and "终局裁决" in text


def test_the_award_on_a_held_hearing_states_its_day_and_who_attended(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        items = [{"claim_id": c.pk, "awarded_amount": "17366.06", "decision_text": "被申请人于本裁决生效之日起十日内支付申请人工资"}
                 for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **AWARD_TEXTS)
    text = assert_issued(case, "award", official_number(case))
    worker, employer = case.worker.name, case.employer.name
    # Held the day before the award (hold_hearing), both parties there; not a day still to come.
    assert "于二〇二六年四月九日公开开庭进行了审理" in text
    assert f"申请人{worker}、被申请人{employer}到庭参加了庭审" in text
    assert "缺席" not in text
    # The item reads as a 裁决书 item: the decision and its sum in one sentence.
    assert "一、被申请人于本裁决生效之日起十日内支付申请人工资人民币17,366.06元。" in text
    assert "本裁决为终局裁决" in text


def test_the_award_in_the_respondents_absence_says_so_and_when_the_notice_was_served(heard, arb):
    with at("2026-04-10"):
        case = heard(respondent_absent=True)
        items = [{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付申请人工资"}
                 for c in case.claims.all()]
        award = award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **AWARD_TEXTS)
    assert award.ground == "default_after_notice"
    text = assert_issued(case, "award", official_number(case))
    worker, employer = case.worker.name, case.employer.name
    assert "于二〇二六年四月九日公开开庭进行了审理" in text
    assert (f"申请人{worker}到庭参加了庭审，被申请人{employer}经本委于二〇二六年三月三十一日书面通知，无正当理由未到庭参加庭审"
            in text)
    assert "第三十六条的规定缺席审理，依法缺席裁决" in text
    assert "双方当事人到庭" not in text and f"被申请人{employer}到庭" not in text


def test_the_award_prints_the_findings_reasoning_and_legal_basis_the_tribunal_entered(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        items = [{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付申请人工资"}
                 for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **AWARD_TEXTS)
    text = assert_issued(case, "award", official_number(case))
    findings = text[text.index("本委查明"):text.index("本委认为")]
    assert "入职被申请人处从事外卖配送工作" in findings and "工资共计8600元" in findings
    reasoning = text[text.index("本委认为"):text.index("裁决如下")]
    assert "被申请人拖欠工资无正当理由" in reasoning
    assert ("根据《中华人民共和国劳动合同法》第三十条、《中华人民共和国劳动争议调解仲裁法》第四十七条的规定，裁决如下"
            in text)
    # The placeholder sentence of earlier versions is gone.
    assert "逐项作出裁决" not in text


def test_the_legal_basis_is_not_framed_twice_when_the_tribunal_writes_the_frame_itself(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        items = [{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "被申请人支付申请人工资"}
                 for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items,
                    **{**AWARD_TEXTS, "legal_basis": "根据《中华人民共和国劳动合同法》第三十条的规定。"})
    text = assert_issued(case, "award", official_number(case))
    assert "根据《中华人民共和国劳动合同法》第三十条的规定，裁决如下" in text
    assert "根据根据" not in text and "的规定的规定" not in text


def test_a_partial_award_issues_no_award_document(heard, arb):
    with at("2026-04-10"):
        case = heard(held=True)
        claim = case.claims.first()
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, partial=True,
                    items=[{"claim_id": claim.pk, "awarded_amount": "100.00", "decision_text": "先行支付"}], **AWARD_TEXTS)
    assert not Document.objects.filter(case=case, kind="award").exists()


def test_a_mediation_statement_is_issued_with_the_agreed_sums(accepted, arb):
    with at("2026-04-01"):
        case = accepted()
        mediation_statement_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                                  terms="被申请人于2026年5月31日前支付", amounts=[{"label": "工资", "amount": "6000"}])
    text = assert_issued(case, "mediation_statement", official_number(case))
    assert "6,000.00" in text


# --- hearings ------------------------------------------------------------------------------------------


def _slot(day, start, end):
    tz = datetime.timezone(datetime.timedelta(hours=8))
    return {"starts_at": datetime.datetime.fromisoformat(f"{day}T{start}:00").replace(tzinfo=tz),
            "ends_at": datetime.datetime.fromisoformat(f"{day}T{end}:00").replace(tzinfo=tz)}


def test_scheduling_and_postponing_a_hearing_issue_a_notice_for_each_date(accepted, arb, orgs):
    room = Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)
    with at("2026-06-01"):
        case = accepted()
        hearing = hearing_schedule(case_id=case.pk, actor=arb.arbitrator, version=case.version, room_id=room.pk,
                                   arbitrators=[arb.arbitrator], **_slot("2026-06-15", "14:30", "16:30"))
        text = assert_issued(case, "hearing_notice", official_number(case))
        assert "第一仲裁庭" in text and "下午二时三十分" in text
        hearing_postpone(hearing_id=hearing.pk, actor=arb.arbitrator, requested_by="tribunal",
                         requested_on=D(2026, 6, 1), reason="仲裁员出差",
                         new_starts_at=_slot("2026-06-22", "09:00", "11:00")["starts_at"],
                         new_ends_at=_slot("2026-06-22", "09:00", "11:00")["ends_at"])
    versions = list(Document.objects.filter(case=case, kind="hearing_notice").order_by("version"))
    assert [d.version for d in versions] == [1, 2]
    assert versions[0].sha256 != versions[1].sha256


# --- inspection ----------------------------------------------------------------------------------------


def test_refusing_to_file_issues_the_written_refusal_to_the_complainant(register, offer_to_inspection, team):
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        decision = inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code="out_of_scope",
                                     reason="你投诉的事项属于劳动争议")
    assert decision.number == "潍城人社监不立字〔2026〕第1号"
    text = assert_issued(case, "filing_rejection", decision.number)
    assert "劳动人事争议仲裁委员会" in text


def test_ordering_correction_issues_the_order_with_the_sums_and_deadline(filed, team):
    case = filed()
    with at("2026-06-02"):
        order = correction_order_issue(findings="拖欠劳动者工资",
            case_id=case.pk, actor=team["lead"], version=case.version, due_on=D(2026, 6, 16),
            items=[{"kind": "wages", "amount": "8600.00", "workers": 1, "description": "支付王小明工资"}])
    assert order.number == "潍城人社监令字〔2026〕第1号"
    text = assert_issued(case, "correction_order", order.number)
    assert "8,600.00" in text and "二〇二六年六月十六日" in text


def test_the_order_to_correct_states_the_findings_once_and_what_to_correct_apart(filed, team):
    case = filed()
    findings = "拖欠劳动者王小明2026年4月至5月工资8,600.00元；未与劳动者订立书面劳动合同"
    with at("2026-06-02"):
        order = correction_order_issue(
            case_id=case.pk, actor=team["lead"], version=case.version, due_on=D(2026, 6, 16), findings=findings,
            requirements="依法与劳动者补订书面劳动合同",
            items=[{"kind": "wages", "amount": "8600.00", "workers": 1, "description": "支付王小明2026年4月至5月工资"}])
    assert (order.findings, order.requirements) == (findings, "依法与劳动者补订书面劳动合同")
    text = assert_issued(case, "correction_order", order.number)
    assert f"经调查，你单位存在下列违反劳动保障法律、法规或者规章的行为：{findings}。" in text
    assert text.count(findings) == 1 and text.count("依法与劳动者补订书面劳动合同") == 1
    assert "支付王小明2026年4月至5月工资8,600.00" in text
    assert "一、依法与劳动者补订书面劳动合同。" in text
    # The county's team acts for the county's 人社局: reviewed by that county's government, sued in its court.
    assert "六十日内向潍城区人民政府申请行政复议" in text and "六个月内向潍城区人民法院提起行政诉讼" in text
    assert "奎文区" not in text


def test_an_order_without_the_violations_found_is_refused(filed, team):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed) as refused:
        correction_order_issue(case_id=case.pk, actor=team["lead"], version=case.version, due_on=D(2026, 6, 16),
                               requirements="依法与劳动者补订书面劳动合同", items=[])
    assert "findings" in refused.value.fields


def test_proposing_and_deciding_a_penalty_issue_the_notice_and_the_decision(filed, team):
    case = filed()
    with at("2026-06-05"):
        proposal = penalty_propose(case_id=case.pk, actor=team["lead"], version=fresh(case).version, article="25",
                                   workers=2, amount="600", facts="安排劳动者每月延长工作时间超过三十六小时")
    # Penalty documents are served on (and may be published about) the employer: no worker is named.
    notice = assert_issued(case, "penalty_notice", "潍城人社罚告字〔2026〕第1号", parties=(EMPLOYER,))
    assert proposal.notice_number == "潍城人社罚告字〔2026〕第1号"
    assert "行政处罚告知书" in notice and "600.00" in notice
    with at("2026-06-11"):
        [decided] = penalty_decide(case_id=case.pk, actor=team["lead"], version=fresh(case).version)
    assert decided.decision_number == "潍城人社罚决字〔2026〕第1号"
    decision = assert_issued(case, "penalty_decision", decided.decision_number, parties=(EMPLOYER,))
    assert "行政处罚决定书" in decision and "二〇二六年六月五日" in decision
