import datetime
import random

import pytest
from django.contrib.auth import get_user_model

from core.identifiers import make_credit_code, make_id_number
from core.models import Division, Organization, OrgKind, Role, StaffProfile
from documents.numbering import ensure_default_number_patterns
from intake.services import ComplaintInput, complaint_register


@pytest.fixture(autouse=True)
def _zh(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture(autouse=True)
def _no_receipt_kick_in_flight(monkeypatch):
    """Each test starts as a fresh web process: no "render the receipts" message sent yet (intake.tasks)."""
    from intake import tasks

    monkeypatch.setattr(tasks, "_kick_runs_at", float("-inf"))


@pytest.fixture(autouse=True)
def _answers_match_the_schema(monkeypatch):
    """Every API answer a test gets is checked against the published schema (tests/openapi_check.py)."""
    from rest_framework.test import APIClient

    from tests import openapi_check

    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        openapi_check.check(kwargs["REQUEST_METHOD"], kwargs["PATH_INFO"], response)
        return response

    monkeypatch.setattr(APIClient, "request", checked)


@pytest.fixture(autouse=True)
def _fresh_reference_data():
    """Each test starts from the reference tables as its database has them (core.refdata)."""
    from core.refdata import forget_loaded

    forget_loaded()
    yield
    forget_loaded()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login` stands for a finished sign-in: for a role that must give a TOTP code (supervisors,
    administrators), as if they had given it with their enrolled device. tests/security/test_second_factor.py
    goes through the steps themselves."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.second_factor import SESSION_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        if session.get(SESSION_KEY):
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            del session[SESSION_KEY]
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


def make_staff(org, role, username, **extra):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, last_name=username, **extra)
    StaffProfile.objects.create(user=user, organization=org, role=role)
    return user


def ensure_reference_data():
    """Reference rows seeded by migrations; a transactional test's flush removes them, so put them back."""
    import importlib

    from django.apps import apps

    for module in (
        "core.migrations.0002_weifang_divisions_and_parameters",
        "core.migrations.0004_zones_without_codes",
        "core.migrations.0006_minimum_working_age",
        "deadlines.migrations.0002_calendar_2024_2026",
        "deadlines.migrations.0003_default_rules",
        "deadlines.migrations.0005_track_events",
        "deadlines.migrations.0006_activate_service_assignment_petition",
        "deadlines.migrations.0008_mediation_rules",
        "inspection.migrations.0002_penalty_rules_and_parameters",
        "inspection.migrations.0005_chinese_notes_in_sources",
        "hearings.migrations.0003_statutory_parameters",
        "hearings.migrations.0004_working_day_periods",
        "deadlines.migrations.0009_legal_aid_file",
        "legal_aid.migrations.0003_rules_and_open_files",
        "deadlines.migrations.0012_blacklist_rules",
        "deadlines.migrations.0016_blacklist_listing_rules",
        "notifications.migrations.0002_seed_message_templates",
        "compliance.migrations.0002_seed_credit_rules",
        "compliance.migrations.0011_seed_follow_up_rule",
    ):
        importlib.import_module(module).forward(apps, None)
    importlib.import_module("arbitration.migrations.0008_chinese_notes_in_sources").reseed(apps, None)
    importlib.import_module("core.migrations.0008_statutory_parameter_verified").forward(apps, None)
    from core.refdata import forget_loaded

    forget_loaded()


@pytest.fixture
def division(db):
    ensure_reference_data()
    return Division.objects.get(code="370702")


@pytest.fixture
def orgs(db, division):
    other = Division.objects.get(code="370781")
    mk = lambda name, kind, div=division: Organization.objects.create(name=name, kind=kind, division=div, phone="0536-1234567")  # noqa: E731
    orgs = {
        "window": mk("潍城区劳动者维权中心", OrgKind.RIGHTS_CENTRE),
        "inspection": mk("潍城区劳动保障监察大队", OrgKind.INSPECTION),
        "arbitration": mk("潍城区劳动人事争议仲裁院", OrgKind.ARBITRATION),
        "mediation": mk("潍城区劳动争议调解中心", OrgKind.MEDIATION),
        "legal_aid": mk("潍城区工会法律援助工作站", OrgKind.LEGAL_AID),
        "court": mk("潍城区人民法院", OrgKind.COURT),
        "other_window": mk("青州市劳动者维权中心", OrgKind.RIGHTS_CENTRE, other),
    }
    # The station's and the mediation organisation's document series (legal aid's decisions, agreements).
    ensure_default_number_patterns(orgs["mediation"])
    ensure_default_number_patterns(orgs["legal_aid"])
    return orgs


@pytest.fixture
def people(orgs):
    return {
        "clerk": make_staff(orgs["window"], Role.CLERK, "clerk"),
        "clerk2": make_staff(orgs["window"], Role.CLERK, "clerk2"),
        "supervisor": make_staff(orgs["window"], Role.SUPERVISOR, "supervisor"),
        "inspector": make_staff(orgs["inspection"], Role.INSPECTOR, "inspector"),
        "arbitrator": make_staff(orgs["arbitration"], Role.ARBITRATOR, "arbitrator"),
        "mediator": make_staff(orgs["mediation"], Role.MEDIATOR, "mediator"),
        "legal_aid": make_staff(orgs["legal_aid"], Role.LEGAL_AID, "lawyer"),
        "judge": make_staff(orgs["court"], Role.MEDIATOR, "courtmediator"),
        "outsider": make_staff(orgs["other_window"], Role.CLERK, "outsider"),
        "outsider_supervisor": make_staff(orgs["other_window"], Role.SUPERVISOR, "outsider_sup"),
    }


def complaint_input(division, *, seed=None, id_number=None, credit_code=None, **overrides):
    rng = random.Random(seed)
    data = dict(
        worker_name="王小明",
        worker_id_number=id_number or make_id_number(rng),
        worker_phone="13800138000",
        worker_occupation="delivery_rider",
        worker_platform="美团",
        employer_name="潍坊速达配送有限公司",
        employer_credit_code=credit_code or make_credit_code(rng),
        employer_address="潍坊市潍城区胜利西街100号",
        employer_is_platform=False,
        employer_industry="food_delivery",
        division_id=division.pk,
        channel="window",
        facts="2026年9月至10月工资未发放。",
        violation_started_on=datetime.date(2026, 9, 1),
        violation_ended_on=None,
        claims=[{"type": "wages", "amount": "8600.00", "description": "9-10月工资"}],
    )
    data.update(overrides)
    return ComplaintInput(**data)


@pytest.fixture
def register(people, division):
    """Register a complaint as the clerk (or another actor); returns the RegistrationResult."""

    def _register(actor=None, files=(), force_new=False, **overrides):
        return complaint_register(
            actor=actor or people["clerk"], data=complaint_input(division, **overrides), evidence_files=files,
            force_new=force_new,
        )

    return _register


@pytest.fixture
def case(register):
    return register().case


def file_for_inspection(case, people, orgs, *, referral=None, inspector=None):
    """Bring a case into the inspection stage the only way a team takes it: by filing the referral (若干规定
    art 18), which records the inspector in charge. Offers it from the window first unless `referral` is given.
    Returns the case as it now is."""
    from disputes.models import Case
    from disputes.services import referral_offer
    from inspection.services import inspection_file

    if referral is None:
        referral = referral_offer(
            case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
            expected_version=Case.objects.get(pk=case.pk).version,
        )
    inspection_file(referral_id=referral.pk, actor=inspector or people["inspector"])
    return Case.objects.get(pk=case.pk)


def accept_for_arbitration(case, actor, **kw):
    """Accept the application the way a commission does (arbitration.services.application_accept: official
    number, acceptance and respond notices); the generic entry point refuses "accept_application". The case
    must be in arbitration_review with the actor's organisation. Returns the case as it now is."""
    from arbitration.services import application_accept, ensure_default_patterns
    from disputes.models import Case

    case = Case.objects.select_related("owner_org").get(pk=case.pk)
    ensure_default_patterns(case.owner_org)
    application_accept(case_id=case.pk, actor=actor, version=case.version, **kw)
    return Case.objects.get(pk=case.pk)


def reject_for_arbitration(case, actor, *, reason="不属于劳动争议受理范围"):
    """Refuse the application in writing (arbitration.services.application_reject). Returns the case."""
    from arbitration.services import application_reject, ensure_default_patterns
    from disputes.models import Case

    case = Case.objects.select_related("owner_org").get(pk=case.pk)
    ensure_default_patterns(case.owner_org)
    application_reject(case_id=case.pk, actor=actor, version=case.version, reason_code="not_labour_dispute",
                       reason=reason)
    return Case.objects.get(pk=case.pk)


def agree_by_mediation(case, actor):
    """Record a mediation agreement through mediation.court (the track's step `agree`), for a case its mediation
    organisation accepted by a referral: the organisation is kept as a mediation body, its file opened, one session
    recorded as held (set up directly: a session is held only after it began), every claim settled at its sum,
    payable in ten days. Returns the MediationAgreement."""
    from django.utils import timezone

    from disputes.models import Case
    from mediation.court import mediation_agree, mediation_file_open
    from mediation.court_models import MediationBody, MediationRoom, MediationSession

    org = actor.staff.organization
    MediationBody.objects.get_or_create(organization=org, defaults={"kind": "regional"})
    file = mediation_file_open(case_id=case.pk, actor=actor, version=Case.objects.get(pk=case.pk).version)
    room, _ = MediationRoom.objects.get_or_create(organization=org, name="调解室")
    now = timezone.now()
    MediationSession.objects.create(file=file, case_id=case.pk, room=room, mediator=actor, created_by=actor,
                                    starts_at=now - datetime.timedelta(hours=2), ends_at=now, state="held")
    today = timezone.localdate()
    return mediation_agree(
        file_id=file.pk, actor=actor, version=Case.objects.get(pk=case.pk).version, agreed_on=today,
        worker_signed_on=today, employer_signed_on=today,
        items=[{"claim_id": c.pk, "amount": c.amount, "due_on": today + datetime.timedelta(days=10)}
               for c in case.claims.order_by("id")],
    )


def schedule_first_hearing(case, actor, *, arbitrators=None, starts_at=None):
    """Book a hearing through hearings.services.hearing_schedule, which moves an accepted case to "hearing"
    and issues the notice. By default: a room of the handling organisation, the actor sitting alone, 09:00-11:00
    ten days from today (the notice needs five), a day later for each hearing already in that room. Returns the
    Hearing."""
    from django.utils import timezone

    from disputes.models import Case
    from hearings.models import Hearing, Room
    from hearings.services import hearing_schedule

    room, _ = Room.objects.get_or_create(organization_id=Case.objects.get(pk=case.pk).owner_org_id,
                                         name="第一仲裁庭", defaults={"capacity": 20})
    if starts_at is None:
        day = timezone.localdate() + datetime.timedelta(days=10 + Hearing.objects.filter(room=room).count())
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return hearing_schedule(
        case_id=case.pk, actor=actor, version=Case.objects.get(pk=case.pk).version, room_id=room.pk,
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), arbitrators=arbitrators or [actor],
    )


def hold_hearing(hearing, actor, *, respondent_absent=False, minutes="双方当事人陈述、举证、质证、辩论。"):
    """Make `hearing` one that took place yesterday, its notice served ten days before, and record it through
    hearings.services as held (after recording the respondent's absence when asked): the ground an award
    rests on. Only the dates are moved directly, as if it had been booked eleven days ago. Returns it."""
    from django.utils import timezone

    from hearings.models import Hearing, HearingArbitrator
    from hearings.services import hearing_notice_served, hearing_record_absence, hearing_record_held

    today = timezone.localdate()
    starts = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(9)))
    ends = starts + datetime.timedelta(hours=2)
    Hearing.objects.filter(pk=hearing.pk).update(
        starts_at=starts, ends_at=ends, created_at=timezone.now() - datetime.timedelta(days=11)
    )
    HearingArbitrator.objects.filter(hearing_id=hearing.pk).update(starts_at=starts, ends_at=ends)
    hearing_notice_served(hearing_id=hearing.pk, actor=actor, served_on=today - datetime.timedelta(days=10))
    if respondent_absent:
        hearing_record_absence(hearing_id=hearing.pk, actor=actor, party="respondent")
    return hearing_record_held(hearing_id=hearing.pk, actor=actor, minutes_summary=minutes)


# Starts the reason of every test skipped for want of PostgreSQL, so the summary can count them.
POSTGRES_ONLY = "PostgreSQL only: "


def skip_unless_real(reason: str, require_env: str):
    """Skip a real-part test on a laptop; in CI (where require_env=1) the same condition is a failure."""
    import os

    if os.environ.get(require_env) == "1":
        pytest.fail(f"{require_env}=1 but {reason}")
    pytest.skip(POSTGRES_ONLY + reason if require_env == "REQUIRE_POSTGRES" else reason)


def pytest_terminal_summary(terminalreporter):
    """Say how many tests SQLite could not run, and how to run them: a green laptop run is not CI's."""
    skipped = [
        report for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and POSTGRES_ONLY in str(report.longrepr[-1])
    ]
    from tests import openapi_check

    if openapi_check.succeeded:
        untried = sorted(openapi_check.operations() - openapi_check.succeeded)
        # The operations never called with success, when the run covered most (a subset of tests covers few).
        terminalreporter.write_line(
            f"API answers checked against the schema: {len(openapi_check.succeeded)} of "
            f"{len(openapi_check.operations())} operations answered with success"
            + (f"; never: {', '.join(untried)}" if untried and len(untried) < len(openapi_check.succeeded) else "")
        )
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} PostgreSQL-only tests skipped: run them with `make test-postgres` "
            "(the suite on DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow)",
            yellow=True, bold=True,
        )
