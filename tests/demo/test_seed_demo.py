"""`manage.py seed_demo`: the demo a developer gets from `make run`."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from arbitration.models import ArbitrationFile, Award, MinimumWage
from arbitration.services import tribunal_is_complete
from demo.data import COLLEAGUES, DEMO_PASSWORD, USERS
from core.models import Organization, Role
from deadlines.models import CalendarYear
from disputes.choices import CaseState, Outcome, ReferralPurpose, ReferralState
from disputes.models import Case, CaseEvent, Document, Referral
from hearings.models import Hearing, HearingArbitrator, HearingState
from inspection.models import ArbitrationTransfer, CorrectionOrder, FilingDecision, PenaltyProposal, Visit
from legal_aid.models import AidFile
from mediation.court_models import MediationFile
from mediation.models import JointMediationAgreement, JointMediationSession

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(debug):
    return seed("--cases", "40", "--seed", "7")


def test_it_puts_cases_in_every_stage_of_the_lifecycle(seeded):
    stages = set(Case.objects.values_list("status", flat=True))
    assert stages == set(CaseState.values)
    assert Case.objects.count() == 40


def test_every_stage_was_reached_through_recorded_events(seeded):
    # A case can only be in a stage the services moved it to: its last state change names that stage.
    for case in Case.objects.exclude(status=CaseState.REGISTERED):
        last = case.events.exclude(to_state="").order_by("created_at", "id").last()
        assert last.to_state == case.status, case.number


def test_every_case_taken_for_inspection_was_filed_with_an_inspector_in_charge(seeded):
    taken = Referral.objects.filter(purpose=ReferralPurpose.INSPECTION, state=ReferralState.ACCEPTED)
    assert taken.exists()
    filed = FilingDecision.objects.filter(decision="filed", inspector_in_charge__isnull=False)
    assert set(filed.values_list("referral", flat=True)) == set(taken.values_list("pk", flat=True))


def test_it_leaves_incoming_and_declined_referrals_in_the_queues(debug):
    seed("--cases", "120", "--seed", "3")
    states = set(Referral.objects.values_list("state", flat=True))
    assert {ReferralState.OFFERED, ReferralState.DECLINED, ReferralState.ACCEPTED} <= states


def test_one_employer_has_a_collective_dispute(seeded):
    collective = Case.objects.filter(is_collective=True)
    workers_per_employer = [
        collective.filter(employer_id=e).values("worker").distinct().count()
        for e in collective.values_list("employer", flat=True).distinct()
    ]
    assert max(workers_per_employer, default=0) >= 10
    assert CaseEvent.objects.filter(action="collective_flagged").exists()


def test_each_role_has_a_demo_login(seeded, client):
    roles = set()
    for spec in USERS:
        # Through the sign-in form, as a person does (django-axes needs the request to count failures).
        response = client.post("/login/", {"username": spec.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and "_auth_user_id" in client.session, spec.username
        client.logout()
        roles.add(spec.role)
    assert roles == set(Role.values)
    assert "clerk_qz" in seeded and DEMO_PASSWORD in seeded


def test_the_admin_login_is_a_superuser_at_the_window(seeded, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.staff.role == Role.ADMIN
    assert admin.staff.organization.name == "潍坊市劳动者联动维权服务窗口"


def test_the_arbitration_institute_belongs_to_the_commission(seeded):
    institute = Organization.objects.get(name="潍坊市劳动人事争议仲裁院")
    assert institute.parent.name == "潍坊市劳动人事争议仲裁委员会"
    assert Organization.objects.filter(name="青州市劳动人事争议仲裁委员会", division__code="370781").exists()


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed("--cases", "1")
    assert not Organization.objects.exists()


def test_force_runs_it_with_debug_off(settings):
    settings.DEBUG = False
    seed("--cases", "2", "--force")
    assert Case.objects.count() == 2


def test_if_empty_does_nothing_the_second_time(debug):
    seed("--cases", "5", "--if-empty")
    orgs, cases = Organization.objects.count(), Case.objects.count()

    out = seed("--cases", "5", "--if-empty")

    assert (Organization.objects.count(), Case.objects.count()) == (orgs, cases)
    assert out.strip()  # it says why nothing happened


def test_the_same_seed_gives_the_same_cases(debug):
    seed("--cases", "20", "--seed", "11")
    first = list(Case.objects.order_by("pk").values_list("worker__name", "employer__name", "status"))
    seed("--cases", "20", "--seed", "11")  # adds to the first run; compare the added cases
    second = list(Case.objects.order_by("pk").values_list("worker__name", "employer__name", "status")[20:])
    assert second == first


# --- the tracks: what the arbitration, inspection and joint-mediation pages of a demo case show ---------------


def test_every_case_accepted_for_arbitration_has_its_numbered_file(seeded):
    accepted = Case.objects.filter(status__in=[CaseState.ARBITRATION, CaseState.HEARING])
    assert accepted.exists()
    for case in accepted:
        file = ArbitrationFile.objects.get(case=case)
        assert file.official_number.startswith("潍劳人仲案字〔"), case.number
        assert file.accepted_on is not None
        assert case.documents.filter(kind="acceptance_notice").exists(), case.number


def test_every_application_not_accepted_has_its_written_refusal(seeded):
    for case in Case.objects.filter(status=CaseState.NOT_ACCEPTED):
        file = ArbitrationFile.objects.get(case=case)
        assert file.rejection_number.startswith("潍劳人仲案不字〔") and file.rejection_reason, case.number
        assert case.documents.filter(kind="rejection_notice").exists()


def test_every_case_in_hearing_has_a_tribunal_and_a_hearing_booked_in_a_room_with_notice(seeded):
    in_hearing = Case.objects.filter(status=CaseState.HEARING)
    assert in_hearing.exists()
    earliest = timezone.localdate() + datetime.timedelta(days=5)
    for case in in_hearing:
        assert tribunal_is_complete(ArbitrationFile.objects.get(case=case)), case.number
        hearing = case.hearings.get(state=HearingState.SCHEDULED)
        assert hearing.room.organization_id in {case.owner_org_id, case.owner_org.parent_id}
        assert timezone.localdate(hearing.starts_at) >= earliest
        assert case.documents.filter(kind="hearing_notice").exists()


def test_no_room_or_arbitrator_is_booked_twice_even_when_seeded_again(debug):
    seed("--cases", "40", "--seed", "7")
    seed("--cases", "40", "--seed", "7")
    scheduled = Hearing.objects.filter(state=HearingState.SCHEDULED)
    assert scheduled.count() >= 2
    assert not scheduled.values("room", "starts_at").annotate(n=Count("id")).filter(n__gt=1).exists()
    seats = HearingArbitrator.objects.filter(state=HearingState.SCHEDULED)
    assert not seats.values("arbitrator", "starts_at").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_every_case_closed_by_an_award_has_the_award_and_its_document(seeded):
    awarded = Case.objects.filter(status=CaseState.CLOSED, outcome=Outcome.AWARD)
    if MinimumWage.objects.filter(effective_from__lte=timezone.localdate()).exists():
        assert awarded.exists()
    for case in awarded:
        award = Award.objects.get(file__case=case, is_partial=False)
        assert award.findings and award.reasoning and award.legal_basis
        # Every award rests on a hearing recorded as held before it, never on one still to come.
        assert award.hearing.state == HearingState.HELD and award.ground
        assert timezone.localdate(award.hearing.starts_at) <= award.issued_on
        # The story the award tells runs forwards: registered, received, accepted, notified, heard.
        file = award.file
        assert timezone.localdate(case.registered_at) <= file.application_received_on <= file.accepted_on
        assert file.accepted_on <= award.hearing.notice_served_on < timezone.localdate(award.hearing.starts_at)
        assert set(award.items.values_list("claim", flat=True)) == set(case.claims.values_list("pk", flat=True))
        assert case.documents.filter(kind="award").exists(), case.number
        # No hearing is left booked for a decided case.
        assert not case.hearings.filter(state=HearingState.SCHEDULED).exists()


def test_every_order_to_correct_is_numbered_with_its_document(seeded):
    due = Case.objects.filter(status=CaseState.CORRECTION_DUE)
    assert due.exists()
    for case in due:
        order = CorrectionOrder.objects.get(case=case)
        assert order.number and order.due_on > timezone.localdate()
        assert case.documents.filter(kind="correction_order").exists(), case.number


def test_every_on_site_visit_was_made_by_two_inspectors(seeded):
    assert Visit.objects.exists()
    for visit in Visit.objects.all():
        assert visit.inspectors.count() >= 2


def test_the_penalty_case_has_its_decision_document(seeded):
    penalised = Case.objects.filter(status=CaseState.CLOSED, outcome=Outcome.PENALTY)
    if CalendarYear.objects.filter(year=(timezone.localdate() + datetime.timedelta(days=10)).year).exists():
        assert penalised.exists()
    for case in penalised:
        assert PenaltyProposal.objects.filter(case=case, state="decided").exclude(decision_number="").exists()
        assert case.documents.filter(kind="penalty_notice").exists()
        assert case.documents.filter(kind="penalty_decision").exists()


def test_a_case_went_from_inspection_to_arbitration(seeded):
    assert ArbitrationTransfer.objects.exists()
    for transfer in ArbitrationTransfer.objects.all():
        assert transfer.case.status == CaseState.ARBITRATION_REVIEW
        assert transfer.referral.state == ReferralState.ACCEPTED


def test_joint_mediation_has_a_session_ahead_and_an_agreement(seeded):
    scheduled = JointMediationSession.objects.filter(state="scheduled")
    assert scheduled.exists()
    for session in scheduled:
        assert session.scheduled_at >= timezone.now()
        assert session.case.status == CaseState.INSPECTION
    assert JointMediationAgreement.objects.exists()
    for agreement in JointMediationAgreement.objects.all():
        case = agreement.session.case
        assert (case.status, case.outcome) == (CaseState.CLOSED, Outcome.MEDIATED)
        assert agreement.document.kind == "joint_mediation_agreement"


def test_the_colleagues_the_tracks_need_are_not_in_the_login_table(seeded):
    for spec in COLLEAGUES:
        assert f"  {spec.username} " not in seeded


def test_a_court_entrusted_case_was_mediated_agreed_and_confirmed(seeded):
    file = MediationFile.objects.exclude(court=None).select_related("agreement").get()
    assert file.court_case_number and file.mode == "in_litigation" and file.state == "agreed"
    assert file.sessions.filter(state="held").exists() and file.agreement.document_id
    assert file.agreement.confirmations.get().ruling == "confirmed"
    assert file.case.status == CaseState.CLOSED and file.case.outcome == Outcome.CONFIRMED


def test_late_in_a_year_whose_successor_has_no_calendar_it_books_no_hearing_into_that_year(debug):
    # The last working days of 2026, and no holiday notice entered for 2027: the demo may not guess 2027's
    # working days, so the cases that find no slot left wait unscheduled instead of failing the seed.
    assert not CalendarYear.objects.filter(year=2027).exists()
    with time_machine.travel(datetime.datetime(2026, 12, 28, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))):
        seed("--cases", "40", "--seed", "7")
    assert Case.objects.count() == 40
    assert not Hearing.objects.filter(starts_at__year=2027).exists()


def test_legal_aid_was_granted_a_lawyer_assigned_and_an_outcome_recorded_and_closed(seeded):
    """make run shows the station's whole path: granted with a partner firm's lawyer and the client agreement, and
    another file settled, its amount recovered and the aid closed, each decision numbered in the station's series."""
    granted = AidFile.objects.filter(state__in=["granted", "closed"], agreement_signed_on__isnull=False)
    assert granted.exists()
    for aid in granted:
        assert aid.referral.lawyer_assignments.get(ended_at__isnull=True).partner is not None
        assert "工法援决字" in aid.decision_number and "工法援协字" in aid.agreement_number
    closed = AidFile.objects.filter(state="closed").first()
    assert closed.outcome == "settled" and closed.amount_recovered > 0 and closed.work.exists()
    assert {"legal_aid_decision", "legal_aid_agreement"} <= set(
        Document.objects.filter(case=closed.case).values_list("kind", flat=True))


# --- compliance and random inspections: every page shows something ------------------------------------------


def test_it_seeds_warnings_a_department_login_interviews_a_draw_and_a_draft_publication(debug, client):
    from compliance.models import EarlyWarning, EmployerInterview, Publication, WarningNotice
    from sampling.models import Draw, DrawPlan

    seed("--cases", "50", "--seed", "7")
    transport = EarlyWarning.objects.get(employer__name="潍坊货运宝网络货运有限公司", rule__code="employer_3_in_30")
    assert transport.department == "transport"
    assert WarningNotice.objects.filter(recipient__username="transport", warning=transport).exists()
    interviews = EmployerInterview.objects.all()
    assert interviews.filter(warning=transport, follow_up_on__gt=timezone.localdate()).exists()
    assert interviews.filter(follow_up_on__lt=timezone.localdate(), follow_up_closed_at__isnull=True).exists()
    assert DrawPlan.objects.filter(items__isnull=False).exists() and Draw.objects.exists()
    assert Publication.objects.filter(state="draft").exists()

    client.post("/login/", {"username": "transport", "password": DEMO_PASSWORD})
    page = client.get("/compliance/department/").content.decode()
    assert f'id="warning-{transport.pk}"' in page
    # A second run adds none of it again.
    counts = (EarlyWarning.objects.count(), EmployerInterview.objects.count(), DrawPlan.objects.count(),
              Draw.objects.count(), Publication.objects.count())
    seed("--cases", "0")
    assert counts == (EarlyWarning.objects.count(), EmployerInterview.objects.count(), DrawPlan.objects.count(),
                      Draw.objects.count(), Publication.objects.count())
