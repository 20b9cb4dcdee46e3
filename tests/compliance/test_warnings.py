"""Early warning (measure 10): rules kept as data raise one warning per rule, team, subject and month, addressed
to the jurisdiction's inspection team and the industry's supervising department; a collective dispute raises its
warning when it registers; the team acknowledges and closes it."""

import datetime

import pytest
from django.utils import timezone

from compliance import warnings as services
from compliance.models import EarlyWarning, WarningRule, WarningState
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Role, StatutoryParameter
from disputes.models import Case
from tests.conftest import make_staff
from core.identifiers import make_credit_code

pytestmark = pytest.mark.django_db


def rule(code="employer_3_in_30", kind="count", subject="employer", min_count=3, window_days=30, rise_percent=0):
    WarningRule.objects.exclude(code=code).update(active=False)
    return WarningRule.objects.update_or_create(code=code, defaults=dict(
        kind=kind, subject=subject, min_count=min_count, window_days=window_days, rise_percent=rise_percent,
        description=f"{subject} {kind} {min_count}/{window_days}", source="local rule (test)", active=True))[0]


def complaints(register, n, *, credit_code=None, seed=0, **overrides):
    credit_code = credit_code or make_credit_code()
    return [register(seed=seed + i, credit_code=credit_code, **overrides).case for i in range(n)]


def test_three_complaints_in_thirty_days_raise_one_warning_to_the_team_and_the_department(register, orgs):
    rule()
    cases = complaints(register, 3, seed=100)
    complaints(register, 2, seed=200)  # another employer, below the threshold

    assert services.warnings_sweep() == 1
    warning = EarlyWarning.objects.get()
    assert warning.employer_id == cases[0].employer_id and warning.complaints == 3
    assert warning.organization == orgs["inspection"] and warning.division_id == cases[0].division_id
    # food delivery is supervised by market regulation (disputes.choices.INDUSTRY_DEPARTMENT)
    assert warning.industry == "food_delivery" and warning.department == "market_regulation"
    assert warning.period_start == timezone.localdate().replace(day=1) and warning.state == WarningState.OPEN


def test_the_sweep_is_idempotent_one_warning_per_employer_rule_and_month(register):
    rule()
    complaints(register, 3, seed=100)
    assert services.warnings_sweep() == 1
    assert services.warnings_sweep() == 0
    assert EarlyWarning.objects.count() == 1
    # Next month the same employer can be warned again.
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    Case.objects.update(registered_at=timezone.now() + datetime.timedelta(days=(next_month - timezone.localdate()).days))
    assert services.warnings_sweep(today=next_month) == 1
    assert EarlyWarning.objects.count() == 2


def test_complaints_outside_the_window_do_not_count(register):
    rule(window_days=30)
    cases = complaints(register, 3, seed=100)
    Case.objects.filter(pk=cases[0].pk).update(registered_at=timezone.now() - datetime.timedelta(days=31))
    assert services.warnings_sweep() == 0


def test_a_rising_count_against_the_previous_period_raises_a_warning(register):
    rule(code="employer_rising", kind="rising", min_count=2, window_days=30, rise_percent=50)
    cases = complaints(register, 3, seed=100)
    # One complaint in the 30 days before, three now: a rise of 200%.
    Case.objects.filter(pk=cases[0].pk).update(registered_at=timezone.now() - datetime.timedelta(days=40))
    complaints(register, 1, seed=300, credit_code=cases[0].employer.credit_code)
    assert services.warnings_sweep() == 1
    warning = EarlyWarning.objects.get()
    assert (warning.complaints, warning.previous_complaints) == (3, 1)


def test_a_steady_count_is_not_rising(register):
    rule(code="employer_rising", kind="rising", min_count=2, window_days=30, rise_percent=50)
    cases = complaints(register, 4, seed=100)
    Case.objects.filter(pk__in=[cases[0].pk, cases[1].pk]).update(
        registered_at=timezone.now() - datetime.timedelta(days=40))
    assert services.warnings_sweep() == 0  # 2 before, 2 now


def test_platform_and_industry_warnings_name_their_department(register, orgs):
    from disputes.models import Employer

    rule(code="platform_3", subject="platform", min_count=3)
    complaints(register, 2, seed=100, worker_platform="顺丰同城", employer_industry="express_delivery")
    complaints(register, 1, seed=200, worker_platform="顺丰同城", employer_industry="express_delivery")
    Employer.objects.create(credit_code=make_credit_code(), name="顺丰同城", address="潍坊", is_platform=True,
                            industry="express_delivery")
    assert services.warnings_sweep() == 1
    warning = EarlyWarning.objects.get()
    assert warning.platform == "顺丰同城" and warning.department == "postal"

    rule(code="industry_3", subject="industry", min_count=3)
    assert services.warnings_sweep() == 1
    assert EarlyWarning.objects.get(rule__code="industry_3").subject_key == "industry:express_delivery"


def test_a_collective_dispute_raises_its_warning_when_it_registers(register, django_capture_on_commit_callbacks):
    rule(code="collective", kind="collective", min_count=1)
    StatutoryParameter.objects.filter(key="collective_dispute_min_workers").update(value=2)
    credit = make_credit_code()
    with django_capture_on_commit_callbacks(execute=True):
        register(seed=1, credit_code=credit)
    assert not EarlyWarning.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = register(seed=2, credit_code=credit).case
    assert case.is_collective and callbacks
    warning = EarlyWarning.objects.get()
    assert warning.trigger_case_id == case.pk and warning.rule.code == "collective"
    # The sweep finds the same collective dispute and raises nothing more.
    assert services.warnings_sweep() == 0


def test_the_sweep_reads_a_constant_number_of_queries_however_many_employers(register):
    rule()
    for i in range(2):
        complaints(register, 3, seed=100 * (i + 1))
    EarlyWarning.objects.all().delete()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        services.warnings_sweep()
    EarlyWarning.objects.all().delete()
    for i in range(2, 6):
        complaints(register, 3, seed=100 * (i + 1))
    with CaptureQueriesContext(connection) as many:
        assert services.warnings_sweep() == 6
    assert len(many) == len(few)


# --- acknowledging and closing -------------------------------------------------------------------------------


@pytest.fixture
def warning(register):
    rule()
    complaints(register, 3, seed=100)
    services.warnings_sweep()
    return EarlyWarning.objects.get()


def test_the_team_acknowledges_then_closes_with_what_was_done(warning, people):
    w = services.warning_acknowledge(warning_id=warning.pk, actor=people["inspector"], version=1)
    assert w.state == WarningState.ACKNOWLEDGED and w.acknowledged_by == people["inspector"]
    with pytest.raises(Conflict):  # stale version
        services.warning_close(warning_id=warning.pk, actor=people["inspector"], version=1, note="已约谈")
    with pytest.raises(ValidationFailed):
        services.warning_close(warning_id=warning.pk, actor=people["inspector"], version=2, note=" ")
    w = services.warning_close(warning_id=warning.pk, actor=people["inspector"], version=2, note="已约谈企业负责人")
    assert w.state == WarningState.CLOSED and w.note == "已约谈企业负责人"
    with pytest.raises(Conflict):
        services.warning_acknowledge(warning_id=warning.pk, actor=people["inspector"], version=3)


def test_another_team_cannot_see_a_warning_and_a_clerk_may_not_act(warning, people, orgs):
    from core.models import Organization, OrgKind

    other = Organization.objects.create(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION,
                                        division=orgs["other_window"].division)
    stranger = make_staff(other, Role.INSPECTOR, "qz_inspector")
    with pytest.raises(NotFound):
        services.warning_acknowledge(warning_id=warning.pk, actor=stranger, version=1)
    clerk = make_staff(orgs["inspection"], Role.CLERK, "insp_clerk")
    with pytest.raises(PermissionDenied):
        services.warning_acknowledge(warning_id=warning.pk, actor=clerk, version=1)
    assert EarlyWarning.objects.get(pk=warning.pk).state == WarningState.OPEN
