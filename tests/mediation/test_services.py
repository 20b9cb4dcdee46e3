"""Joint mediation: an arbitrator and an inspector mediate one session; an agreement closes both tracks."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest

from arbitration.models import ArbitrationFile
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from deadlines.models import Clock
from disputes.models import CaseEvent, Document, Notification
from inspection.models import InspectionClosure
from mediation.models import JointMediationSession
from mediation.services import (
    joint_session_agree,
    joint_session_cancel,
    joint_session_fail,
    joint_session_hold,
    joint_session_schedule,
)

from .conftest import D, at_ten, fresh

pytestmark = pytest.mark.django_db
WORKER, EMPLOYER = "王小明", "潍坊速达配送有限公司"


def schedule(case, actor, participants, *, version=None, day=D(2026, 6, 5)):
    return joint_session_schedule(
        case_id=case.pk, actor=actor, version=fresh(case).version if version is None else version,
        scheduled_at=at_ten(day), place="潍城区劳动者维权中心调解室", participant_ids=[p.pk for p in participants],
    )


def hold(session, actor, present, **kw):
    return joint_session_hold(
        session_id=session.pk, actor=actor, version=fresh(session.case).version, present_ids=[p.pk for p in present],
        **kw,
    )


def agree(session, actor, **kw):
    case = fresh(session.case)
    if "items" not in kw:
        kw["items"] = [{"claim_id": case.claims.get().pk, "amount": "8000.00", "due_on": D(2026, 6, 30)}]
    return joint_session_agree(session_id=session.pk, actor=actor, version=case.version, **kw)


def pdf_text(doc: Document) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    with doc.file.open("rb") as f:
        data = f.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    # Lines wrap anywhere in Chinese: compare without the breaks.
    return "".join(text.split())


def clock(case, code) -> Clock:
    return Clock.objects.get(case=case, rule__code=code)


# --- the whole path ---


def test_an_agreement_closes_the_inspection_track_the_arbitration_track_and_the_case(both_tracks, cast, orgs):
    case = both_tracks()
    assert case.status == "arbitration" and case.owner_org == orgs["arbitration"]
    session = schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector, cast.mediator])
    hold(session, cast.inspector, [cast.arbitrator, cast.inspector, cast.mediator], minutes="双方同意分期支付。")

    agreement = agree(session, cast.arbitrator, terms="劳动者不再就本争议事项申请仲裁或者投诉",
                      summary="双方达成协议，用人单位支付工资8000元")

    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "mediated")
    assert case.closed_at is not None
    assert JointMediationSession.objects.get(pk=session.pk).state == "agreement"
    closure = InspectionClosure.objects.get(case=case)
    assert (closure.outcome, closure.amount_recovered, closure.workers_covered) == ("mediated", Decimal("8000.00"), 1)
    assert closure.organization == orgs["inspection"]
    assert agreement.inspection_closure == closure
    assert agreement.arbitration_file == ArbitrationFile.objects.get(case=case)
    assert agreement.total == Decimal("8000.00")
    assert [(i.amount, i.due_on) for i in agreement.items.all()] == [(Decimal("8000.00"), D(2026, 6, 30))]
    close = CaseEvent.objects.get(case=case, action="close")
    assert (close.from_state, close.to_state, close.payload["outcome"]) == ("arbitration", "closed", "mediated")
    assert close.reason == "双方达成协议，用人单位支付工资8000元"
    assert CaseEvent.objects.filter(case=case, action="inspection_closed", payload__outcome="mediated").exists()
    # The award deadline (45 days) is met by the closing, not left running.
    assert clock(case, "award").state == "satisfied"


def test_the_agreement_is_issued_naming_the_parties_the_mediators_and_the_amounts(both_tracks, cast):
    case = both_tracks()
    session = schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector])
    hold(session, cast.arbitrator, [cast.arbitrator, cast.inspector])
    agreement = agree(session, cast.arbitrator, terms="劳动者不再就本争议事项申请仲裁或者投诉")

    doc = Document.objects.get(case=case, kind="joint_mediation_agreement")
    assert agreement.document == doc
    text = pdf_text(doc)
    assert "联合调解协议书" in text
    assert WORKER in text and EMPLOYER in text
    assert "调解员：赵强、李明。" in text  # both participants, the inspector first
    assert "潍城区劳动保障监察大队" in text and "潍城区劳动人事争议仲裁院" in text
    assert "8,000.00元" in text and "二〇二六年六月三十日前履行完毕" in text
    assert "劳动者不再就本争议事项申请仲裁或者投诉" in text
    assert "申请司法确认" in text


def test_a_case_with_only_the_inspection_track_closes_it_and_the_case(in_inspection, cast, orgs):
    case = in_inspection()
    assert case.status == "inspection"
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    hold(session, cast.arbitrator, [cast.inspector, cast.arbitrator])

    agreement = agree(session, cast.inspector)

    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "mediated")
    assert agreement.arbitration_file is None
    assert InspectionClosure.objects.get(case=case).organization == orgs["inspection"]
    assert clock(case, "investigation").state == "satisfied"


def test_a_case_with_only_the_arbitration_track_records_no_inspection_closure(in_arbitration, cast):
    case = in_arbitration()
    session = schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector])
    hold(session, cast.arbitrator, [cast.arbitrator, cast.inspector])

    agreement = agree(session, cast.arbitrator, workers_covered=1)

    assert agreement.inspection_closure is None
    assert agreement.arbitration_file.case_id == case.pk
    assert not InspectionClosure.objects.filter(case=case).exists()
    assert fresh(case).outcome == "mediated"


# --- clocks ---


def test_scheduling_and_holding_a_session_start_and_stop_no_clock(in_inspection, cast):
    case = in_inspection()
    before = set(Clock.objects.filter(case=case).values_list("rule__code", "state"))
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    hold(session, cast.inspector, [cast.inspector, cast.arbitrator])

    assert set(Clock.objects.filter(case=case).values_list("rule__code", "state")) == before
    # The 15-day period of LDMAL art 14 is the mediation track's, not a joint session's.
    assert not Clock.objects.filter(case=case, rule__code="mediation").exists()
    assert clock(case, "investigation").state == "running"


# --- failure and cancellation ---


def test_a_failed_session_leaves_both_tracks_running_and_another_may_follow(both_tracks, cast):
    case = both_tracks()
    session = schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector])
    hold(session, cast.inspector, [cast.arbitrator, cast.inspector])
    version = fresh(case).version

    joint_session_fail(session_id=session.pk, actor=cast.inspector, version=version, reason="用人单位不同意支付")

    case = fresh(case)
    assert case.status == "arbitration" and case.version == version + 1
    session.refresh_from_db()
    assert (session.state, session.end_reason) == ("failed", "用人单位不同意支付")
    assert not InspectionClosure.objects.filter(case=case).exists()
    assert clock(case, "award").state == "running"
    assert schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector], day=D(2026, 6, 9)).state == "scheduled"


def test_a_scheduled_session_can_be_cancelled_but_not_a_held_one(in_inspection, cast):
    case = in_inspection()
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    joint_session_cancel(session_id=session.pk, actor=cast.arbitrator, version=fresh(case).version, reason="仲裁员另有开庭")
    assert JointMediationSession.objects.get(pk=session.pk).state == "cancelled"

    second = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    hold(second, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(TransitionRefused):
        joint_session_cancel(session_id=second.pk, actor=cast.inspector, version=fresh(case).version, reason="x")


def test_a_case_has_one_open_session_at_a_time(in_inspection, cast):
    case = in_inspection()
    schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(Conflict) as exc:
        schedule(case, cast.inspector, [cast.inspector, cast.arbitrator], day=D(2026, 6, 8))
    assert exc.value.code == "session_open"


def test_the_participants_and_the_handler_are_notified_after_commit(
    both_tracks, cast, django_capture_on_commit_callbacks
):
    case = both_tracks()
    with django_capture_on_commit_callbacks(execute=True):
        schedule(case, cast.arbitrator, [cast.arbitrator, cast.inspector, cast.mediator])

    event = CaseEvent.objects.get(case=case, action="joint_mediation_scheduled")
    told = Notification.objects.filter(event=event)
    # The actor (the arbitrator handling the case) is not told what they did.
    assert set(told.values_list("recipient__username", flat=True)) == {"inspector", "mediator"}
    assert all(n.text.startswith(f"{case.number}: ") and "潍城区劳动者维权中心调解室" in n.text for n in told)


# --- refused: roles, organisations, stages, versions ---


def test_only_the_handling_organisation_schedules(in_inspection, cast):
    case = in_inspection()
    with pytest.raises(PermissionDenied):
        schedule(case, cast.inspection_clerk, [cast.inspector, cast.arbitrator])  # a clerk of the team
    with pytest.raises(NotFound):
        schedule(case, cast.arbitrator, [cast.inspector, cast.arbitrator])  # the case is not theirs to see yet
    with pytest.raises(NotFound):
        schedule(case, cast.outsider_supervisor, [cast.inspector, cast.arbitrator])
    assert not JointMediationSession.objects.exists()


def test_an_arbitrator_and_an_inspector_are_both_needed(in_inspection, cast):
    case = in_inspection()
    with pytest.raises(ValidationFailed) as exc:
        schedule(case, cast.inspector, [cast.inspector, cast.inspector2, cast.mediator])
    assert "participants" in exc.value.fields


@pytest.mark.parametrize("who", ["other_team_inspector", "far_arbitrator", "clerk", "outsider"])
def test_participants_must_serve_the_case(in_inspection, cast, who):
    case = in_inspection()
    with pytest.raises(ValidationFailed) as exc:
        schedule(case, cast.inspector, [cast.inspector, cast.arbitrator, getattr(cast, who)])
    assert getattr(cast, who).username in exc.value.fields["participants"][0]


def test_a_case_still_at_the_window_cannot_be_mediated_jointly(register, cast):
    case = register(violation_started_on=D(2026, 3, 2)).case
    with pytest.raises(PermissionDenied):
        schedule(case, cast.clerk, [cast.inspector, cast.arbitrator])
    with pytest.raises(TransitionRefused):
        schedule(case, cast.window_supervisor, [cast.inspector, cast.arbitrator])


def test_a_stale_version_is_a_conflict_and_changes_nothing(in_inspection, cast):
    case = in_inspection()
    with pytest.raises(Conflict):
        schedule(case, cast.inspector, [cast.inspector, cast.arbitrator], version=case.version - 1)
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(Conflict):
        joint_session_hold(session_id=session.pk, actor=cast.inspector, version=case.version,
                           present_ids=[cast.inspector.pk, cast.arbitrator.pk])
    assert JointMediationSession.objects.get(pk=session.pk).state == "scheduled"


def test_a_session_is_held_with_an_arbitrator_and_an_inspector_present(in_inspection, cast):
    case = in_inspection()
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(ValidationFailed) as exc:
        hold(session, cast.inspector, [cast.inspector])
    assert "present" in exc.value.fields
    with pytest.raises(ValidationFailed):
        hold(session, cast.inspector, [cast.inspector, cast.arbitrator], held_on=D(2026, 6, 3))  # tomorrow


def test_who_may_record_the_session_and_its_agreement(in_inspection, cast):
    case = in_inspection()
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(NotFound):
        hold(session, cast.outsider_supervisor, [cast.inspector, cast.arbitrator])
    # The arbitration institute's chair sees the case (its arbitrator takes part) and may record the session.
    hold(session, cast.arbitration_chair, [cast.inspector, cast.arbitrator])
    # The agreement closes the case: only the handling organisation records it.
    with pytest.raises(PermissionDenied):
        agree(session, cast.arbitrator)
    with pytest.raises(PermissionDenied):
        agree(session, cast.inspection_clerk)
    assert fresh(case).status == "inspection"


def test_an_agreement_needs_a_held_session_and_what_was_agreed(in_inspection, cast):
    case = in_inspection()
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(TransitionRefused):
        agree(session, cast.inspector)
    hold(session, cast.inspector, [cast.inspector, cast.arbitrator])
    claim = case.claims.get()
    with pytest.raises(ValidationFailed) as exc:
        agree(session, cast.inspector, items=[])
    assert "items" in exc.value.fields
    with pytest.raises(ValidationFailed):
        agree(session, cast.inspector, items=[{"claim_id": claim.pk}])  # a money claim without the sum
    with pytest.raises(ValidationFailed):
        agree(session, cast.inspector, items=[{"claim_id": claim.pk, "amount": 8000.5}])  # a float
    with pytest.raises(ValidationFailed):
        agree(session, cast.inspector, items=[{"claim_id": claim.pk, "amount": "8000.00", "due_on": D(2026, 6, 1)}])
    assert fresh(case).status == "inspection"
    assert not Document.objects.filter(case=case, kind="joint_mediation_agreement").exists()


def test_a_collective_dispute_states_the_workers_covered(in_inspection, cast):
    case = in_inspection()
    case.is_collective = True
    case.save(update_fields=["is_collective"])
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    hold(session, cast.inspector, [cast.inspector, cast.arbitrator])
    with pytest.raises(ValidationFailed) as exc:
        agree(session, cast.inspector)
    assert "workers_covered" in exc.value.fields
    agreement = agree(session, cast.inspector, workers_covered=12)
    assert InspectionClosure.objects.get(case=case).workers_covered == 12 == agreement.workers_covered


def test_scheduling_in_the_past_is_refused(in_inspection, cast):
    case = in_inspection()
    with pytest.raises(ValidationFailed):
        schedule(case, cast.inspector, [cast.inspector, cast.arbitrator], day=D(2026, 6, 1))
    assert datetime.date(2026, 6, 2)  # today (frozen) is allowed: see the other tests scheduling ahead


def test_each_claim_is_settled_once_and_a_claim_without_a_sum_is_settled_in_words(in_inspection, cast):
    case = in_inspection(claims=[
        {"type": "wages", "amount": "8600.00", "description": "9-10月工资"},
        {"type": "employment_relationship", "amount": None, "description": "确认劳动关系"},
    ])
    session = schedule(case, cast.inspector, [cast.inspector, cast.arbitrator])
    hold(session, cast.inspector, [cast.inspector, cast.arbitrator])
    wages, relationship = case.claims.order_by("id")
    with pytest.raises(ValidationFailed):
        agree(session, cast.inspector, items=[{"claim_id": relationship.pk}])
    with pytest.raises(ValidationFailed):
        agree(session, cast.inspector, items=[{"claim_id": wages.pk, "amount": "1.00"},
                                              {"claim_id": wages.pk, "amount": "2.00"}])

    agreement = agree(session, cast.inspector, items=[
        {"claim_id": wages.pk, "amount": "6000.00"},
        {"claim_id": relationship.pk, "text": "双方确认2025年3月至2026年10月存在劳动关系"},
    ])
    assert [(i.claim_id, i.text, i.amount) for i in agreement.items.all()] == [
        (wages.pk, "用人单位向劳动者支付9-10月工资", Decimal("6000.00")),
        (relationship.pk, "双方确认2025年3月至2026年10月存在劳动关系", None),
    ]
    assert agreement.total == Decimal("6000.00")
