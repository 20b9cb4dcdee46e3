"""Reviewing the application: one completion notice, completion restarting the clock, accept or reject."""

import pytest

from arbitration.models import ArbitrationFile
from arbitration.services import (
    application_accept,
    application_complete,
    application_reject,
    application_request_completion,
    procedure_convert_to_ordinary,
)
from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role
from deadlines.models import Clock
from disputes.models import Case, CaseEvent
from tests.conftest import make_staff

from .conftest import D, at, fresh

pytestmark = pytest.mark.django_db


def clock(case, code):
    return Clock.objects.filter(case=case, rule__code=code).order_by("-id").first()


def test_the_completion_notice_lists_everything_once_and_a_second_is_refused(in_review, arb):
    with at("2026-03-02"):
        case = in_review()
        application_request_completion(case_id=case.pk, actor=arb.clerk, version=case.version,
                                       items=["劳动合同复印件", " 工资条 ", ""])
        event = CaseEvent.objects.get(case=case, action="completion_requested")
        assert event.is_public and event.payload == {"items": ["劳动合同复印件", "工资条"]}
        file = ArbitrationFile.objects.get(case=case)
        assert (file.completion_requested_on, file.completion_items) == (D(2026, 3, 2), ["劳动合同复印件", "工资条"])
        before = fresh(case).version
        with pytest.raises(Conflict) as exc:
            application_request_completion(case_id=case.pk, actor=arb.clerk, version=before, items=["身份证"])
    assert exc.value.code == "completion_already_requested"
    assert fresh(case).version == before
    assert ArbitrationFile.objects.get(case=case).completion_items == ["劳动合同复印件", "工资条"]


def test_a_completion_notice_needs_at_least_one_item(in_review, arb):
    case = in_review()
    with pytest.raises(ValidationFailed) as exc:
        application_request_completion(case_id=case.pk, actor=arb.clerk, version=case.version, items=["  "])
    assert "items" in exc.value.fields


def test_completed_materials_restart_the_acceptance_period(in_review, arb):
    with at("2026-03-02"):  # Monday
        case = in_review()
        assert clock(case, "arbitration_acceptance").due_on == D(2026, 3, 9)
        application_request_completion(case_id=case.pk, actor=arb.clerk, version=case.version, items=["工资条"])
    with at("2026-03-11"):  # Wednesday
        application_complete(case_id=case.pk, actor=arb.clerk, version=fresh(case).version)
    acc = clock(case, "arbitration_acceptance")
    # 5 working days after Wed 11 Mar 2026: Wed 18 Mar.
    assert (acc.state, acc.started_on, acc.restarts, acc.due_on) == ("running", D(2026, 3, 11), 1, D(2026, 3, 18))
    assert CaseEvent.objects.get(case=case, action="materials_completed").is_public
    assert ArbitrationFile.objects.get(case=case).completed_on == D(2026, 3, 11)
    with pytest.raises(Conflict):
        application_complete(case_id=case.pk, actor=arb.clerk, version=fresh(case).version)


def test_materials_cannot_be_completed_without_a_notice(in_review, arb):
    case = in_review()
    with pytest.raises(TransitionRefused):
        application_complete(case_id=case.pk, actor=arb.clerk, version=case.version)
    assert not CaseEvent.objects.filter(case=case, action="materials_completed").exists()


def test_review_services_refuse_the_wrong_role_org_version_and_state(in_review, case, arb, people):
    other_commission = Organization.objects.create(name="青州市劳动人事争议仲裁委员会", kind=OrgKind.ARBITRATION)
    stranger = make_staff(other_commission, Role.ARBITRATOR, "qingzhou-arbitrator")
    review = in_review()
    calls = {
        "completion": lambda actor, c, v: application_request_completion(case_id=c.pk, actor=actor, version=v, items=["x"]),
        "accept": lambda actor, c, v: application_accept(case_id=c.pk, actor=actor, version=v),
        "reject": lambda actor, c, v: application_reject(case_id=c.pk, actor=actor, version=v,
                                                         reason_code="other", reason="理由"),
    }
    for name, call in calls.items():
        with pytest.raises(PermissionDenied):
            call(arb.mediator, review, review.version)  # wrong role in the right organisation
        with pytest.raises(PermissionDenied):
            call(stranger, review, review.version)  # right role, another commission
        with pytest.raises(Conflict):
            call(arb.arbitrator, review, review.version - 1)  # stale
        with pytest.raises(TransitionRefused):
            call(people["supervisor"], case, case.version)  # a registered case is not under review
    assert fresh(review).version == review.version and fresh(review).status == "arbitration_review"
    # Accepting and rejecting are decisions: the filing clerk may ask for materials but not decide.
    with pytest.raises(PermissionDenied):
        application_accept(case_id=review.pk, actor=arb.clerk, version=review.version)


def test_accepting_moves_the_case_into_arbitration_and_starts_the_award_period(in_review, arb):
    with at("2026-03-02"):
        case = in_review()
        file = application_accept(case_id=case.pk, actor=arb.arbitrator, version=case.version)
    assert file.case.status == "arbitration" and file.case.version == fresh(case).version
    assert (file.accepted_on, file.procedure, file.summary_grounds) == (D(2026, 3, 2), "ordinary", [])
    assert clock(case, "award").due_on == D(2026, 4, 16)
    with pytest.raises(TransitionRefused):
        application_accept(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version)


def test_summary_procedure_needs_one_of_its_conditions(in_review, arb):
    over = in_review(claims=[{"type": "wages", "amount": "130000.00", "description": "两年工资"}])
    with pytest.raises(ValidationFailed) as exc:
        application_accept(case_id=over.pk, actor=arb.arbitrator, version=over.version, procedure="summary")
    assert "procedure" in exc.value.fields and fresh(over).status == "arbitration_review"
    file = application_accept(case_id=over.pk, actor=arb.arbitrator, version=over.version, procedure="summary",
                              parties_agree=True)
    assert (file.procedure, file.summary_grounds) == ("summary", ["parties_agree"])
    small = in_review()  # 8,600 yuan: below the province's average annual wage parameter
    file = application_accept(case_id=small.pk, actor=arb.arbitrator, version=small.version, procedure="summary",
                              facts_clear=True)
    assert file.summary_grounds == ["facts_clear", "amount_within_limit"]


def test_summary_procedure_is_refused_for_a_collective_dispute(in_review, arb):
    case = in_review()
    Case.objects.filter(pk=case.pk).update(is_collective=True)
    with pytest.raises(ValidationFailed):
        application_accept(case_id=case.pk, actor=arb.arbitrator, version=case.version, procedure="summary",
                           facts_clear=True, parties_agree=True)
    assert fresh(case).status == "arbitration_review"


def test_rejecting_records_the_coded_reason_and_a_rejection_number(in_review, arb):
    with at("2026-03-03"):
        case = in_review()
        with pytest.raises(ValidationFailed) as exc:
            application_reject(case_id=case.pk, actor=arb.arbitrator, version=case.version, reason_code="nonsense",
                               reason="")
        assert set(exc.value.fields) == {"reason_code", "reason"}
        file = application_reject(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                                  reason_code="not_labour_dispute", reason="双方系承揽关系")
    assert file.case.status == "not_accepted"
    assert (file.rejection_number, file.rejected_on, file.rejection_reason_code) == (
        "潍城劳人仲案不字〔2026〕第1号", D(2026, 3, 3), "not_labour_dispute")
    event = CaseEvent.objects.get(case=case, action="reject_application")
    assert (event.reason_code, event.reason) == ("not_labour_dispute", "双方系承揽关系")


def test_converting_to_ordinary_keeps_the_original_award_period(accepted, arb):
    with at("2026-03-02"):
        case = accepted(procedure="summary")
    due = clock(case, "award").due_on
    with at("2026-03-20"):
        with pytest.raises(ValidationFailed):
            procedure_convert_to_ordinary(case_id=case.pk, actor=arb.arbitrator, version=case.version, reason=" ")
        file = procedure_convert_to_ordinary(case_id=case.pk, actor=arb.arbitrator, version=case.version,
                                             reason="被申请人提出反申请，案情复杂")
    assert (file.procedure, file.converted_to_ordinary_on) == ("ordinary", D(2026, 3, 20))
    award = clock(case, "award")
    assert (award.due_on, award.started_on, award.restarts) == (due, D(2026, 3, 2), 0)
    with pytest.raises(TransitionRefused):
        procedure_convert_to_ordinary(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                                      reason="再次转换")
