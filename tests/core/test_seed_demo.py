"""`manage.py seed_demo`: the demo a developer gets from `make run`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.demo import DEMO_PASSWORD, USERS
from core.models import Organization, Role
from disputes.choices import CaseState, ReferralPurpose, ReferralState
from disputes.models import Case, CaseEvent, Referral
from inspection.models import FilingDecision

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
        assert client.login(username=spec.username, password=DEMO_PASSWORD), spec.username
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
