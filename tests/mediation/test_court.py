"""Union and court mediation (诉调对接): a court entrusts a case with its own number, the union's room mediates it
in sessions, and the case ends in an agreement (confirmed by the court, enforced by a payment order) or goes on,
with everything known, to the court or to arbitration; a joint consultation links cases and sets next steps."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from arbitration.services import application_accept, ensure_default_patterns
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Division, Organization, OrgKind, Role
from documents.numbering import ensure_default_number_patterns
from deadlines.models import Clock
from deadlines.services import clock_extend
from disputes.models import Case, CaseEvent, Document, Employer, Referral
from disputes.priority import case_mark_priority
from disputes.selectors import case_visible_to
from disputes.services import referral_accept, referral_offer
from mediation.court import (
    agreement_payment_record,
    confirmation_apply,
    confirmation_rule,
    consultation_conclude,
    consultation_convene,
    consultation_step_done,
    mediation_accept,
    mediation_agree,
    mediation_decline,
    mediation_file_open,
    mediation_fail,
    mediation_period_extend,
    mediation_refer,
    mediation_session_hold,
    mediation_session_schedule,
    payment_order_apply,
    payment_order_record,
)
from mediation.court_models import (
    ConsultationCase,
    MediationBody,
    MediationBodyKind,
    MediationFileState,
    MediationRoom,
    PaymentOrder,
)
from mediation.court_selectors import unpaid_agreements_for
from tests.conftest import make_staff
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db
D = datetime.date
COURT_NUMBER = "（2026）鲁0702民诉前调88号"


def at(day: str, time: str = "10:00"):
    return datetime.datetime.fromisoformat(f"{day}T{time}:00+08:00")


def travel(day: str, time: str = "10:00"):
    return time_machine.travel(at(day, time), tick=False)


@pytest.fixture(autouse=True)
def _monday():
    with travel("2026-11-02"):
        yield


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def room(orgs, division, people):
    """The union's 诉调对接室 at the district court, with two mediators and two rooms."""
    org = Organization.objects.create(name="潍城区劳动争议诉调对接室", kind=OrgKind.MEDIATION, division=division)
    ensure_default_number_patterns(org)
    body = MediationBody.objects.create(organization=org, kind=MediationBodyKind.COURT_UNION_ROOM, area=division,
                                        court=orgs["court"], address="潍城区人民法院一楼")
    return type("Room", (), {
        "org": org, "body": body,
        "mediator": make_staff(org, Role.MEDIATOR, "李秀英"),
        "mediator2": make_staff(org, Role.MEDIATOR, "roommediator2"),
        "one": MediationRoom.objects.create(organization=org, name="第一调解室"),
        "two": MediationRoom.objects.create(organization=org, name="第二调解室"),
    })


@pytest.fixture
def court_case(register, people):
    """A ride-hailing driver's case, registered by the court's filing division."""

    def _make(**kw):
        kw.setdefault("violation_started_on", D(2026, 3, 1))
        kw.setdefault("violation_ended_on", D(2026, 8, 31))
        kw.setdefault("channel", "court")
        kw.setdefault("worker_occupation", "ride_hailing_driver")
        kw.setdefault("employer_industry", "ride_hailing")
        kw.setdefault("claims", [
            {"type": "wages", "amount": "8600.00", "description": "3-8月工资"},
            {"type": "severance", "amount": "4000.00", "description": "经济补偿"},
        ])
        return register(actor=people["judge"], **kw).case

    return _make


def entrust(case, people, room, **kw):
    return mediation_refer(case_id=case.pk, actor=people["judge"], version=fresh(case).version, body_id=room.body.pk,
                           court_case_number=COURT_NUMBER, mode="pre_filing", **kw)


def mediating(case, people, room):
    file = entrust(case, people, room)
    return mediation_accept(file_id=file.pk, actor=room.mediator)


def held_session(file, room, day="2026-11-04", *, mediator=None):
    session = mediation_session_schedule(file_id=file.pk, actor=room.mediator, version=fresh(file.case).version,
                                         room_id=room.one.pk, starts_at=at(day, "09:00"), ends_at=at(day, "11:00"),
                                         mediator_id=mediator)
    with travel(day, "11:30"):
        mediation_session_hold(session_id=session.pk, actor=room.mediator, version=fresh(file.case).version,
                               worker_present=True, employer_present=True, worker_position="全额支付",
                               employer_position="分期支付", proposal="分两期支付")
    return session


def agree(file, room, day=D(2026, 11, 5)):
    claims = list(file.case.claims.order_by("id"))
    return mediation_agree(
        file_id=file.pk, actor=room.mediator, version=fresh(file.case).version, agreed_on=day,
        worker_signed_on=day, employer_signed_on=day, terms="双方再无其他争议",
        items=[{"claim_id": claims[0].pk, "amount": "8000.00", "due_on": "2026-11-20"},
               {"claim_id": claims[1].pk, "amount": "3000.00", "due_on": "2026-12-20"}],
    )


def clock(case, code):
    return Clock.objects.filter(case=case, rule__code=code).order_by("-id").first()


def test_a_court_entrusts_with_its_own_number_and_the_room_accepts(court_case, people, room, orgs):
    case = court_case()
    file = entrust(case, people, room)
    assert (file.state, file.court, file.court_case_number, file.mode) == (
        "offered", orgs["court"], COURT_NUMBER, "pre_filing")
    assert file.referral.to_org == room.org and file.referral.purpose == "mediation"
    assert fresh(case).owner_org == orgs["court"]  # the court answers for it until the room accepts

    file = mediation_accept(file_id=file.pk, actor=room.mediator)
    case = fresh(case)
    assert (case.status, case.owner_org, file.state, file.mediator) == ("mediation", room.org, "mediating", room.mediator)
    period = clock(case, "mediation")
    assert (period.state, period.due_on) == ("running", D(2026, 11, 17))  # 15 days, LDMAL art 14
    assert CaseEvent.objects.filter(case=case, action="mediation_entrusted", payload__court_case_number=COURT_NUMBER).exists()


def test_a_court_must_give_its_number_and_the_mode(court_case, people, room):
    case = court_case()
    with pytest.raises(ValidationFailed) as exc:
        mediation_refer(case_id=case.pk, actor=people["judge"], version=case.version, body_id=room.body.pk)
    assert set(exc.value.fields) == {"court_case_number", "mode"}
    assert not Referral.objects.filter(case=case).exists()


def test_the_room_may_decline_and_the_case_stays_with_the_court(court_case, people, room, orgs):
    case = court_case()
    file = entrust(case, people, room)
    file = mediation_decline(file_id=file.pk, actor=room.mediator, code="out_of_scope")
    assert file.state == MediationFileState.DECLINED
    assert (fresh(case).status, fresh(case).owner_org) == ("registered", orgs["court"])


def test_no_room_and_no_mediator_is_booked_twice(court_case, people, room):
    a = mediating(court_case(), people, room)
    b = mediating(court_case(seed=2), people, room)
    mediation_session_schedule(file_id=a.pk, actor=room.mediator, version=fresh(a.case).version, room_id=room.one.pk,
                               starts_at=at("2026-11-04", "09:00"), ends_at=at("2026-11-04", "11:00"))
    with pytest.raises(Conflict) as exc:
        mediation_session_schedule(file_id=b.pk, actor=room.mediator, version=fresh(b.case).version,
                                   room_id=room.one.pk, starts_at=at("2026-11-04", "10:00"),
                                   ends_at=at("2026-11-04", "12:00"), mediator_id=room.mediator2.pk)
    assert exc.value.code == "room_booked"
    with pytest.raises(Conflict) as exc:
        mediation_session_schedule(file_id=b.pk, actor=room.mediator, version=fresh(b.case).version,
                                   room_id=room.two.pk, starts_at=at("2026-11-04", "10:00"),
                                   ends_at=at("2026-11-04", "12:00"))
    assert exc.value.code == "mediator_booked"
    # Back to back is no overlap; another room with another mediator is free.
    mediation_session_schedule(file_id=b.pk, actor=room.mediator, version=fresh(b.case).version, room_id=room.one.pk,
                               starts_at=at("2026-11-04", "11:00"), ends_at=at("2026-11-04", "12:00"))


def test_the_period_is_extended_only_on_the_parties_recorded_agreement(court_case, people, room):
    file = mediating(court_case(), people, room)
    period = clock(file.case, "mediation")
    supervisor = make_staff(room.org, Role.SUPERVISOR, "roomhead")
    with pytest.raises(PermissionDenied):
        clock_extend(clock_id=period.pk, actor=supervisor, reason="延长")  # no one's approval alone extends it
    with pytest.raises(ValidationFailed):
        mediation_period_extend(file_id=file.pk, actor=room.mediator, version=fresh(file.case).version,
                                agreed_on=D(2026, 11, 2), record="")
    mediation_period_extend(file_id=file.pk, actor=room.mediator, version=fresh(file.case).version,
                            agreed_on=D(2026, 11, 2), record="双方当事人书面同意延长调解期限十五日")
    assert clock(file.case, "mediation").due_on == D(2026, 12, 2)
    with pytest.raises(Conflict):
        mediation_period_extend(file_id=file.pk, actor=room.mediator, version=fresh(file.case).version,
                                agreed_on=D(2026, 11, 2), record="再次延长")


def test_two_sessions_an_agreement_confirmation_and_a_payment_order(court_case, people, room, orgs):
    """The issue's path: entrusted by the court, two sessions, the agreement as a PDF, the court confirms, the
    employer does not pay, the worker obtains a payment order."""
    case = court_case()
    file = mediating(case, people, room)
    with pytest.raises(TransitionRefused):
        agree(file, room, D(2026, 11, 2))  # no session held yet
    held_session(file, room, "2026-11-03")
    held_session(file, room, "2026-11-05")
    with travel("2026-11-06"):
        agreement = agree(file, room)
        case = fresh(case)
        assert case.status == "confirmation"
        assert [(i.claim.description, i.amount, i.due_on) for i in agreement.items.order_by("id")] == [
            ("3-8月工资", Decimal("8000.00"), D(2026, 11, 20)), ("经济补偿", Decimal("3000.00"), D(2026, 12, 20))]
        assert agreement.total == Decimal("11000.00")
        doc = Document.objects.get(case=case, kind="mediation_agreement")
        assert agreement.document == doc
        assert clock(case, "mediation").state == "satisfied"
        # 30 days from 5 Nov end on Sat 5 Dec, a rest day: the period ends on the next working day.
        assert clock(case, "judicial_confirmation").due_on == D(2026, 12, 7)

        confirmation = confirmation_apply(agreement_id=agreement.pk, actor=room.mediator, version=case.version,
                                          court_id=orgs["court"].pk, applied_on=D(2026, 11, 6))
        assert clock(case, "judicial_confirmation").state == "satisfied"
        with pytest.raises(PermissionDenied):
            confirmation_rule(confirmation_id=confirmation.pk, actor=room.mediator, version=fresh(case).version,
                              ruling="confirmed", ruled_on=D(2026, 11, 6), court_case_number="（2026）鲁0702民特5号")
        confirmation_rule(confirmation_id=confirmation.pk, actor=people["judge"], version=fresh(case).version,
                          ruling="confirmed", ruled_on=D(2026, 11, 6), court_case_number="（2026）鲁0702民特5号")
        case = fresh(case)
        assert (case.status, case.outcome) == ("closed", "confirmed")

    with travel("2026-11-23"):
        first = agreement.items.order_by("id").first()
        order = payment_order_apply(agreement_id=agreement.pk, actor=people["judge"], version=fresh(case).version,
                                    court_id=orgs["court"].pk, applied_on=D(2026, 11, 23), amount="8000.00")
        payment_order_record(order_id=order.pk, actor=people["judge"], version=fresh(case).version,
                             order_number="（2026）鲁0702民督3号", issued_on=D(2026, 11, 23))
    with travel("2026-12-21"):
        payment_order_record(order_id=order.pk, actor=people["judge"], version=fresh(case).version,
                             result="paid", result_on=D(2026, 12, 21))
    order = PaymentOrder.objects.get(pk=order.pk)
    assert (order.order_number, order.result) == ("（2026）鲁0702民督3号", "paid")
    first.refresh_from_db()
    assert first.paid_on == D(2026, 12, 21)


def test_the_agreement_pdf_names_the_court_the_claims_and_the_payment_dates(court_case, people, room):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    file = mediating(court_case(), people, room)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-04"):
        agreement = agree(file, room, D(2026, 11, 3))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=stored_bytes(agreement.document.file),
                          capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "劳动争议调解协议书" in flat
    assert "潍城区人民法院委派（案号：（2026）鲁0702民诉前调88号）" in flat
    assert "8,000.00元，于二〇二六年十一月二十日前付清" in flat
    assert "经济补偿" in flat and "3,000.00元" in flat
    # Numbered in the room's own series, not with the case number.
    assert agreement.number == "潍城劳调协字〔2026〕第1号" and agreement.number in flat
    assert file.case.number not in flat


def test_an_agreement_settles_only_claims_of_the_case_in_two_decimals(court_case, people, room):
    file = mediating(court_case(), people, room)
    other = court_case(seed=9)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-03", "12:00"):
        with pytest.raises(ValidationFailed) as exc:
            mediation_agree(
                file_id=file.pk, actor=room.mediator, version=fresh(file.case).version, agreed_on=D(2026, 11, 3),
                worker_signed_on=D(2026, 11, 3), employer_signed_on=D(2026, 11, 3),
                items=[{"claim_id": other.claims.first().pk, "amount": "1.00", "due_on": "2026-11-20"},
                       {"claim_id": file.case.claims.first().pk, "amount": 8000.5, "due_on": "2026-11-20"}],
            )
    assert len(exc.value.fields["items"]) == 2
    assert fresh(file.case).status == "mediation"


def test_a_failed_mediation_goes_on_to_arbitration_with_nothing_typed_twice(court_case, people, room, orgs):
    ensure_default_patterns(orgs["arbitration"])
    case = court_case()
    before = fresh(case).arbitration_limitation_ends_on
    file = mediating(case, people, room)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-10"):
        file = mediation_fail(file_id=file.pk, actor=room.mediator, version=fresh(case).version, code="no_agreement",
                              record="用人单位只同意支付一半", next_step="arbitration", to_org_id=orgs["arbitration"].pk)
    case = fresh(case)
    assert file.state == "failed" and file.next_referral.purpose == "arbitration"
    assert Document.objects.filter(case=case, kind="mediation_failure").exists()
    assert file.failure_number == "潍城劳调终字〔2026〕第1号"
    assert clock(case, "mediation").state == "satisfied"
    # LDMAL art 27(2): interrupted by the mediation, the limitation runs anew from its end.
    assert before == D(2027, 8, 31) and case.arbitration_limitation_ends_on == D(2027, 11, 10)
    assert CaseEvent.objects.filter(case=case, action="limitation_interrupted", payload__ends_on="2027-11-10").exists()
    referral_accept(referral_id=file.next_referral.pk, actor=people["arbitrator"])
    application_accept(case_id=case.pk, actor=people["arbitrator"], version=fresh(case).version)
    case = fresh(case)
    assert (case.status, case.owner_org) == ("arbitration", orgs["arbitration"])
    assert case.claims.count() == 2  # the same parties, claims and evidence: one case file


def test_a_failed_entrustment_goes_back_to_the_court(court_case, people, room, orgs):
    case = court_case()
    file = mediating(case, people, room)
    file = mediation_fail(file_id=file.pk, actor=room.mediator, version=fresh(case).version, code="employer_refused",
                          record="被申请人拒绝调解", next_step="court")
    assert file.next_referral.to_org == orgs["court"] and file.next_referral.purpose == "litigation"
    referral_accept(referral_id=file.next_referral.pk, actor=people["judge"])
    assert (fresh(case).status, fresh(case).owner_org) == ("litigation", orgs["court"])


def test_only_the_room_mediates_its_file(court_case, people, room):
    file = mediating(court_case(), people, room)
    # The court that entrusted it reads the case but does not mediate it; another mediation body does not see it.
    with pytest.raises(PermissionDenied):
        mediation_session_schedule(file_id=file.pk, actor=people["judge"], version=fresh(file.case).version,
                                   room_id=room.one.pk, starts_at=at("2026-11-04"), ends_at=at("2026-11-04", "11:00"))
    with pytest.raises(NotFound):
        mediation_session_schedule(file_id=file.pk, actor=people["mediator"], version=fresh(file.case).version,
                                   room_id=room.one.pk, starts_at=at("2026-11-04"), ends_at=at("2026-11-04", "11:00"))


def test_a_consultation_links_three_cases_and_sets_a_next_step_on_each(court_case, people, room, orgs):
    union = Organization.objects.create(name="潍坊市总工会", kind=OrgKind.UNION)
    arb_head = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arbhead")
    court_head = make_staff(orgs["court"], Role.SUPERVISOR, "courthead")
    union_head = make_staff(union, Role.SUPERVISOR, "unionhead")
    cases = [court_case(seed=n) for n in (1, 2, 3)]
    consultation = consultation_convene(
        actor=court_head, title="某出行平台网约车司机劳动争议会商", agenda="劳动关系认定标准",
        held_at=at("2026-11-05", "14:30"), place="潍坊市中级人民法院会议室",
        participant_ids=[arb_head.pk, union_head.pk], case_ids=[c.pk for c in cases],
    )
    # The participants' organisations read the linked cases for the consultation's purpose; nobody else does.
    assert all(case_visible_to(union_head, c.pk) for c in cases)
    assert not any(case_visible_to(people["outsider_supervisor"], c.pk) for c in cases)
    consultation_conclude(
        consultation_id=consultation.pk, actor=court_head, minutes="三方讨论", conclusions="按统一标准处理",
        opinions={union_head.pk: "支持调解"},
        next_steps=[{"case_id": c.pk, "text": "委派工会调解", "org_id": room.org.pk, "due_on": "2026-11-20"}
                    for c in cases],
    )
    for c in cases:
        assert CaseEvent.objects.filter(case=c, action="consultation_next_step", payload__text="委派工会调解").exists()
        # The step is a clock of the organisation named to take it, due the day the conclusion set.
        step = clock(c, "consultation_next_step")
        assert (step.state, step.due_on, step.owner_org) == ("running", D(2026, 11, 20), room.org)
    # The named organisation reads the case (it took no part in the meeting) and records the step done.
    link = ConsultationCase.objects.get(consultation=consultation, case=cases[0])
    with pytest.raises(PermissionDenied):
        consultation_step_done(link_id=link.pk, actor=arb_head)
    api = APIClient()
    api.force_authenticate(room.mediator)
    done = api.post(f"/api/v1/consultation-steps/{link.pk}/done/", {"note": "已受理委派调解"}, format="json")
    assert done.status_code == 200, done.json()
    assert [s["done_on"] for s in done.json()["cases"] if s["id"] == link.pk] == ["2026-11-02"]
    assert clock(cases[0], "consultation_next_step").state == "satisfied"
    assert clock(cases[1], "consultation_next_step").state == "running"
    assert api.post(f"/api/v1/consultation-steps/{link.pk}/done/", {}, format="json").status_code == 409
    with pytest.raises(PermissionDenied):
        consultation_convene(actor=people["clerk"], title="x", agenda="x", held_at=at("2026-11-05"), place="x",
                             participant_ids=[arb_head.pk], case_ids=[cases[0].pk])


def test_an_administrator_keeps_the_mediation_organisations_and_reads_the_files(court_case, people, room, client,
                                                                                django_user_model):
    file = mediating(court_case(), people, room)
    client.force_login(django_user_model.objects.create_superuser(username="admin", password="pw-admin"))
    bodies = client.get(reverse("admin:mediation_mediationbody_changelist")).content.decode()
    assert "潍城区劳动争议诉调对接室" in bodies
    assert client.get(reverse("admin:mediation_mediationroom_add")).status_code == 200
    files = client.get(reverse("admin:mediation_mediationfile_changelist")).content.decode()
    assert COURT_NUMBER in files
    assert client.get(reverse("admin:mediation_mediationfile_add")).status_code == 403
    assert client.get(reverse("admin:mediation_mediationfile_change", args=[file.pk])).status_code == 200


def test_a_case_handed_over_by_a_plain_referral_gets_its_file(register, people, orgs, room):

    case = register(violation_started_on=D(2026, 3, 1))
    case = case.case
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=room.org.pk, purpose="mediation",
                         expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=room.mediator)
    file = mediation_file_open(case_id=case.pk, actor=room.mediator, version=fresh(case).version)
    assert (file.state, file.referral, file.mediator, file.court) == ("mediating", ref, room.mediator, None)
    held_session(file, room, "2026-11-03")  # and it is mediated like any other
    with pytest.raises(Conflict):
        mediation_file_open(case_id=case.pk, actor=room.mediator, version=fresh(case).version)


def test_an_unpaid_agreement_is_listed_for_the_court_and_the_window(court_case, register, people, orgs, room):
    file = mediating(court_case(), people, room)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-05"):
        agree(file, room)
    assert unpaid_agreements_for(orgs["court"].pk, today=D(2026, 11, 20)) == []  # due that day: not yet overdue
    rows = unpaid_agreements_for(orgs["court"].pk, today=D(2026, 11, 21))
    assert [(r["number"], r["overdue"], r["since"]) for r in rows] == [
        (file.case.number, Decimal("8000.00"), D(2026, 11, 20))]
    assert unpaid_agreements_for(room.org.pk, today=D(2026, 11, 21)) == rows
    assert unpaid_agreements_for(orgs["other_window"].pk, today=D(2026, 11, 21)) == []
    item = file.agreement.items.order_by("id").first()
    with travel("2026-11-21"):
        agreement_payment_record(item_id=item.pk, actor=people["judge"], version=fresh(file.case).version,
                                 paid_on=D(2026, 11, 21))
    assert unpaid_agreements_for(orgs["court"].pk, today=D(2026, 11, 21)) == []


def test_a_refused_confirmation_leaves_the_case_with_the_court_which_may_entrust_it_again(court_case, people,
                                                                                         room, orgs):
    file = mediating(court_case(), people, room)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-05"):
        agreement = agree(file, room)
        confirmation = confirmation_apply(agreement_id=agreement.pk, actor=room.mediator,
                                          version=fresh(file.case).version, court_id=orgs["court"].pk,
                                          applied_on=D(2026, 11, 5))
        with pytest.raises(ValidationFailed):
            confirmation_rule(confirmation_id=confirmation.pk, actor=people["judge"], version=fresh(file.case).version,
                              ruling="not_confirmed", ruled_on=D(2026, 11, 5), court_case_number="（2026）鲁0702民特6号")
        confirmation_rule(confirmation_id=confirmation.pk, actor=people["judge"], version=fresh(file.case).version,
                          ruling="not_confirmed", ruled_on=D(2026, 11, 5), court_case_number="（2026）鲁0702民特6号",
                          reasons="协议内容违反法律强制性规定")
        case = fresh(file.case)
        assert (case.status, case.owner_org) == ("litigation", orgs["court"])
        again = mediation_refer(case_id=case.pk, actor=people["judge"], version=case.version, body_id=room.body.pk,
                                court_case_number="（2026）鲁0702民初99号", mode="in_litigation")
        assert again.state == "offered"


def pdf_flat(document) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=stored_bytes(document.file), capture_output=True,
                          check=True).stdout.decode()
    return "".join(text.split())


def test_the_applications_for_confirmation_and_a_payment_order_are_made_from_the_agreement(
        court_case, people, room, orgs):
    """Nothing retyped: the court, the parties, the agreement's number and its overdue sums come from the case."""
    file = mediating(court_case(), people, room)
    held_session(file, room, "2026-11-03")
    with travel("2026-11-05"):
        agreement = agree(file, room)
        confirmation_apply(agreement_id=agreement.pk, actor=room.mediator, version=fresh(file.case).version,
                           court_id=orgs["court"].pk, applied_on=D(2026, 11, 5))
    application = pdf_flat(Document.objects.get(case=file.case, kind="confirmation_application"))
    assert f"请求确认申请人于二〇二六年十一月五日经潍城区劳动争议诉调对接室调解达成的调解协议（编号：{agreement.number}）有效" in application
    assert "此致潍城区人民法院" in application and file.case.worker.id_number in application
    assert "8,000.00元，于二〇二六年十一月二十日前付清" in application

    with travel("2026-11-23"):
        with pytest.raises(ValidationFailed) as too_much:  # only 8,000.00 is overdue on 23 Nov
            payment_order_apply(agreement_id=agreement.pk, actor=people["judge"], version=fresh(file.case).version,
                                court_id=orgs["court"].pk, applied_on=D(2026, 11, 23), amount="11000.00")
        assert "amount" in too_much.value.fields
        order = payment_order_apply(agreement_id=agreement.pk, actor=people["judge"],
                                    version=fresh(file.case).version, court_id=orgs["court"].pk,
                                    applied_on=D(2026, 11, 23))
    assert order.amount == Decimal("8000.00")  # every overdue sum, typed by nobody
    application = pdf_flat(Document.objects.get(case=file.case, kind="payment_order_application"))
    assert "督促被申请人向申请人支付8,000.00元" in application and "经济补偿" not in application
    assert "《中华人民共和国劳动争议调解仲裁法》第十六条" in application


def test_the_referral_offers_only_organisations_serving_the_case_s_area_and_industry(
        court_case, register, people, orgs, room, division, client):
    """A ride-hailing driver's case in 潍城区: the ride-hailing industry body of 潍城区 and the city-wide regional
    centre are offered; the courier industry body, another county's centre, another employer's committee and
    another court's room are not, and the service refuses them too."""
    qingzhou = Division.objects.get(code="370781")

    def body(name, kind, **kw):
        org = Organization.objects.create(name=name, kind=OrgKind.MEDIATION, division=kw.get("area"))
        return MediationBody.objects.create(organization=org, kind=kind, **kw)

    case = register(worker_occupation="ride_hailing_driver", employer_industry="ride_hailing").case
    industry = body("潍城区网约车行业劳动争议调解委员会", "industry", area=division, industry="ride_hailing")
    city = body("潍坊市劳动争议调解中心", "regional", area=None)
    wrong = [
        body("潍城区快递行业劳动争议调解委员会", "industry", area=division, industry="express_delivery"),
        body("青州市劳动争议调解中心", "regional", area=qingzhou),
        body("某公司劳动争议调解委员会", "enterprise", area=division,
             employer=Employer.objects.create(name="某公司", credit_code="91370700MA3C000001", address="潍城区",
                                              industry="ride_hailing")),
        room.body,  # the union room of the court, for the court's own cases
    ]
    client.force_login(people["clerk"])
    page = client.get(reverse("union_mediation:workbench", args=[case.pk])).content.decode()
    assert industry.organization.name in page and city.organization.name in page
    for other in wrong:
        assert other.organization.name not in page
    for other in wrong:
        with pytest.raises(ValidationFailed) as refused:
            mediation_refer(case_id=case.pk, actor=people["clerk"], version=fresh(case).version, body_id=other.pk)
        assert "body" in refused.value.fields
    assert not Referral.objects.filter(case=case).exists()
    file = mediation_refer(case_id=case.pk, actor=people["clerk"], version=fresh(case).version, body_id=industry.pk)
    assert file.referral.to_org == industry.organization


def test_the_queue_filters_agreements_not_paid_by_their_date_for_the_court_s_supervisor(
        court_case, people, room, orgs, client):
    """A confirmed agreement closes the case; its unpaid sum still puts it in the court's queue under the filter,
    for the supervisor's view of the organisation, and nowhere else."""
    supervisor = make_staff(orgs["court"], Role.SUPERVISOR, "court_supervisor")
    file = mediating(court_case(), people, room)
    paid = mediating(court_case(seed=5, worker_name="赵六"), people, room)
    held_session(file, room, "2026-11-03")
    held_session(paid, room, "2026-11-04")
    with travel("2026-11-05"):
        for f in (file, paid):
            agreement = agree(f, room)
            confirmation = confirmation_apply(agreement_id=agreement.pk, actor=room.mediator,
                                              version=fresh(f.case).version, court_id=orgs["court"].pk,
                                              applied_on=D(2026, 11, 5))
            confirmation_rule(confirmation_id=confirmation.pk, actor=people["judge"], version=fresh(f.case).version,
                              ruling="confirmed", ruled_on=D(2026, 11, 5), court_case_number=f"（2026）鲁0702民特{f.pk}号")
        for item in paid.agreement.items.all():
            agreement_payment_record(item_id=item.pk, actor=people["judge"], version=fresh(paid.case).version,
                                     paid_on=D(2026, 11, 5))
    assert fresh(file.case).status == "closed"
    queue = reverse("disputes:queue")
    with travel("2026-11-20", "12:00"):  # due on the 20th: not yet late
        client.force_login(supervisor)
        assert file.case.number not in client.get(queue, {"scope": "org", "agreement": "unpaid"}).content.decode()
    with travel("2026-11-21", "12:00"):
        client.force_login(supervisor)
        page = client.get(queue, {"scope": "org", "agreement": "unpaid"}).content.decode()
        assert file.case.number in page and paid.case.number not in page
        assert 'id="filter-agreement"' in page
        unfiltered = client.get(queue, {"scope": "org"}).content.decode()
        # Closed: not in the queue's list otherwise, only in the panel of unpaid agreements above it.
        assert file.case.number not in unfiltered.split('id="queue"')[1]
        assert file.case.number in unfiltered.split('id="queue-unpaid-agreements"')[1].split('id="queue"')[0]
        api = APIClient()
        api.force_authenticate(supervisor)
        listed = api.get("/api/v1/cases/", {"scope": "org", "agreement": "unpaid"}).json()["results"]
        assert [c["number"] for c in listed] == [file.case.number]
        # Outside the court nobody sees it in a queue, filter or not.
        client.force_login(people["outsider_supervisor"])
        assert file.case.number not in client.get(queue, {"scope": "org", "agreement": "unpaid"}).content.decode()


def test_a_green_channel_case_comes_first_among_the_unpaid_agreements_with_its_badge(court_case, people, room,
                                                                                   orgs, client):
    files = []
    for n, day in ((1, "2026-11-03"), (2, "2026-11-04")):
        case = court_case()
        file = mediation_refer(case_id=case.pk, actor=people["judge"], version=fresh(case).version,
                               body_id=room.body.pk, court_case_number=f"（2026）鲁0702民诉前调9{n}号",
                               mode="pre_filing")
        file = mediation_accept(file_id=file.pk, actor=room.mediator)
        held_session(file, room, day)
        with travel("2026-11-05"):
            agree(file, room)
        files.append(file)
    first, second = (f.case for f in files)
    rows = unpaid_agreements_for(orgs["court"].pk, today=D(2026, 11, 21))
    assert [r["number"] for r in rows] == [first.number, second.number]  # due the same day: by case
    assert not any(r["is_priority"] for r in rows)

    case_mark_priority(case_id=second.pk, actor=room.mediator, ground="flexible_wages", note="网约车司机欠薪")
    rows = unpaid_agreements_for(orgs["court"].pk, today=D(2026, 11, 21))
    assert [(r["number"], r["is_priority"]) for r in rows] == [(second.number, True), (first.number, False)]
    with travel("2026-11-21"):
        client.force_login(people["judge"])
        page = client.get(reverse("disputes:dashboard")).content.decode()
    panel = page.split('id="unpaid-agreements"', 1)[1]
    assert panel.index(second.number) < panel.index(first.number)
    assert panel.split("</table>", 1)[0].count("badge priority") == 1
