"""The beat sweep: a reminder before a deadline and an escalation once it has passed, each sent once.

Clocks are started by the real services; time moves forward by handing the sweep a later `today`.
"""

import datetime
import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Role
from deadlines.models import CalendarYear, Clock, ClockState
from deadlines.sweep import sweep_clocks
from disputes.models import CaseEvent, Notification
from disputes.services import case_transition, event_append, referral_accept, referral_decline, referral_offer
from tests.conftest import accept_for_arbitration, ensure_reference_data, make_staff, skip_unless_real
from tests.concurrency import race

DAY = datetime.timedelta(days=1)


def _restore_deadline_data():
    """The calendar and rules come from migrations; a transactional test's flush removes them."""
    for name in ("0002_calendar_2024_2026", "0003_default_rules"):
        importlib.import_module(f"deadlines.migrations.{name}").forward(apps, None)


@pytest.fixture(autouse=True)
def _calendar_reaches_next_year(db):
    # A 45-day clock started in late autumn ends next year; without that year's calendar it would have no
    # due date at all (and rightly so). The tests need a date, not the official notice.
    year = timezone.localdate().year
    for y in (year, year + 1):
        CalendarYear.objects.get_or_create(year=y, defaults={"source": "test calendar (no official notice)"})


@pytest.fixture
def arbitration_staff(orgs, people):
    return {
        "colleague": make_staff(orgs["arbitration"], Role.ARBITRATOR, "arb_colleague"),
        "supervisor": make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb_supervisor"),
    }


def offered_to_arbitration(case, people, orgs):
    """The window refers the case; the arbitration acceptance clock runs at the arbitration institute."""
    return referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                          purpose="arbitration", expected_version=case.version)


def accepted_by_arbitration(case, people, orgs):
    """The institute takes the case and accepts the application: the award clock runs, the arbitrator handles it."""
    referral = offered_to_arbitration(case, people, orgs)
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])
    accept_for_arbitration(case, people["arbitrator"])
    case.refresh_from_db()
    # The tribunal is composed, the copy served and the defence received at once, so only the 45-day award
    # clock keeps running.
    for fact in ("tribunal_composed", "copy_served", "defence_received"):
        event_append(case=case, actor=people["arbitrator"], profile=people["arbitrator"].staff, action=fact,
                     notify=False)
    case.refresh_from_db()
    return case


def running_clock(case, code):
    return Clock.objects.get(case=case, rule__code=code, state=ClockState.RUNNING)


def notified(case, action):
    return sorted(
        Notification.objects.filter(case=case, event__action=action).values_list("recipient__username", flat=True)
    )


def test_it_reminds_the_handler_of_the_case_once_before_the_deadline(register, people, orgs, arbitration_staff):
    case = accepted_by_arbitration(register().case, people, orgs)
    clock = running_clock(case, "award")
    assert clock.remind_on < clock.due_on

    assert sweep_clocks(today=clock.remind_on - DAY)["reminded"] == 0
    assert notified(case, "clock_reminder") == []

    assert sweep_clocks(today=clock.remind_on)["reminded"] == 1
    # The arbitrator handling the case, not the colleague, not the window that has handed the case over.
    assert notified(case, "clock_reminder") == ["arbitrator"]
    note = Notification.objects.get(case=case, event__action="clock_reminder")
    assert case.number in note.text and "仲裁结案期限" in note.text and clock.due_on.isoformat() in note.text
    assert note.text.startswith(f"{case.number}: 提醒")

    # The next beats, the same day and the days after, add nothing.
    assert sweep_clocks(today=clock.remind_on)["reminded"] == 0
    assert sweep_clocks(today=clock.due_on)["reminded"] == 0
    assert CaseEvent.objects.filter(case=case, action="clock_reminder").count() == 1
    assert notified(case, "clock_reminder") == ["arbitrator"]


def test_a_referral_not_yet_accepted_reminds_the_receiving_team_and_the_first_handler(
    register, people, orgs, arbitration_staff
):
    case = register().case
    offered_to_arbitration(case, people, orgs)
    clock = running_clock(case, "arbitration_acceptance")
    assert clock.owner_org == orgs["arbitration"]

    sweep_clocks(today=clock.remind_on)

    # No one at the institute owns the case yet, so its whole team hears of it; the clerk who received
    # the complaint stays accountable until the referral is accepted. The window's supervisor is not asked.
    assert notified(case, "clock_reminder") == ["arb_colleague", "arb_supervisor", "arbitrator", "clerk"]


def test_an_overdue_clock_escalates_to_the_supervisor_once(register, people, orgs, arbitration_staff):
    case = accepted_by_arbitration(register().case, people, orgs)
    clock = running_clock(case, "award")

    assert sweep_clocks(today=clock.due_on)["escalated"] == 0  # due today is not yet late

    assert sweep_clocks(today=clock.due_on + DAY)["escalated"] == 1
    assert notified(case, "clock_overdue") == ["arb_supervisor", "arbitrator"]
    note = Notification.objects.get(case=case, event__action="clock_overdue", recipient__username="arb_supervisor")
    assert note.text.startswith(f"{case.number}: 期限已届满") and "仲裁结案期限" in note.text
    clock.refresh_from_db()
    assert clock.escalated_at is not None and clock.state == ClockState.RUNNING

    # Still late a week later: no second escalation.
    again = sweep_clocks(today=clock.due_on + 7 * DAY)
    assert (again["reminded"], again["escalated"]) == (0, 0)
    assert CaseEvent.objects.filter(case=case, action="clock_overdue").count() == 1
    assert Notification.objects.filter(case=case, event__action="clock_overdue").count() == 2


def test_sweeping_twice_sends_nothing_twice(register, people, orgs, arbitration_staff):
    cases = [register(seed=i).case for i in range(4)]
    for case in cases:
        offered_to_arbitration(case, people, orgs)
    clock = running_clock(cases[0], "arbitration_acceptance")
    later = clock.due_on + 30 * DAY  # every clock is overdue, none was reminded

    first = sweep_clocks(today=clock.remind_on)
    assert (first["reminded"], first["escalated"]) == (4, 0)
    second = sweep_clocks(today=later)
    assert (second["reminded"], second["escalated"]) == (0, 4)
    events, notes = CaseEvent.objects.filter(action__startswith="clock_").count(), Notification.objects.count()

    again = sweep_clocks(today=later)

    assert (again["reminded"], again["escalated"]) == (0, 0)
    assert CaseEvent.objects.filter(action__startswith="clock_").count() == events
    assert Notification.objects.count() == notes


def test_a_met_or_paused_clock_is_never_reminded_or_escalated(register, people, orgs, arbitration_staff):
    declined = register(seed=1).case
    referral = offered_to_arbitration(declined, people, orgs)
    referral_decline(referral_id=referral.pk, actor=people["arbitrator"], code="duplicate")
    met = Clock.objects.get(case=declined, rule__code="arbitration_acceptance")
    assert met.state == ClockState.SATISFIED

    suspended = accepted_by_arbitration(register(seed=2).case, people, orgs)
    case_transition(case_id=suspended.pk, action="suspend", actor=people["arbitrator"],
                    expected_version=suspended.version, reason="等待工伤认定结论")
    paused = Clock.objects.get(case=suspended, rule__code="award")
    assert paused.state == ClockState.PAUSED

    result = sweep_clocks(today=met.started_on + 365 * DAY)

    assert (result["reminded"], result["escalated"]) == (0, 0)
    assert not CaseEvent.objects.filter(action__in=["clock_reminder", "clock_overdue"]).exists()
    assert not Notification.objects.filter(event__action__in=["clock_reminder", "clock_overdue"]).exists()


def test_a_rescheduled_clock_is_escalated_again_for_its_new_deadline(register, people, orgs, arbitration_staff):
    case = accepted_by_arbitration(register().case, people, orgs)
    clock = running_clock(case, "award")
    sweep_clocks(today=clock.due_on + DAY)
    case.refresh_from_db()
    case_transition(case_id=case.pk, action="suspend", actor=people["arbitrator"], expected_version=case.version,
                    reason="中止")
    case.refresh_from_db()
    case_transition(case_id=case.pk, action="resume", actor=people["arbitrator"], expected_version=case.version)
    clock.refresh_from_db()
    assert clock.escalated_at is None

    sweep_clocks(today=clock.due_on + DAY)

    assert CaseEvent.objects.filter(case=case, action="clock_overdue").count() == 2


def test_the_beat_task_sweeps_the_clocks_of_today(register, people, orgs, arbitration_staff):
    from deadlines.tasks import sweep_clocks as beat_task

    case = register().case
    offered_to_arbitration(case, people, orgs)
    Clock.objects.filter(case=case).update(remind_on=timezone.localdate())  # due for a reminder today

    result = beat_task.delay().get()

    assert result["reminded"] == 1
    assert "clerk" in notified(case, "clock_reminder")


def test_a_sweep_costs_the_same_queries_for_5_and_50_clocks(register, people, orgs, arbitration_staff):
    def overdue_clocks(seeds):
        for seed in seeds:
            offered_to_arbitration(register(seed=seed).case, people, orgs)

    def counted_sweep(today):
        with CaptureQueriesContext(connection) as ctx:
            result = sweep_clocks(today=today)
        return len(ctx), result

    overdue_clocks(range(5))
    later = Clock.objects.order_by("id").first().due_on + 30 * DAY
    few, result = counted_sweep(later)
    assert result["escalated"] == 5

    overdue_clocks(range(5, 55))
    many, result = counted_sweep(later)
    assert result["escalated"] == 50

    assert many == few
    assert Notification.objects.filter(event__action="clock_overdue").count() == 55  # the supervisor, for each


# --- two workers at once (PostgreSQL row locks) ---




@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_announce_each_clock_once(register, people, orgs):
    if connection.vendor != "postgresql":
        skip_unless_real("row-lock concurrency is tested on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")
    ensure_reference_data()
    _restore_deadline_data()
    supervisor = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb_supervisor")
    cases = [register(seed=i).case for i in range(40)]
    for case in cases:
        offered_to_arbitration(case, people, orgs)
    later = Clock.objects.order_by("id").first().due_on + 30 * DAY

    # Small batches make the two sweeps interleave over many claims instead of one taking everything.
    results = race(
        lambda: sweep_clocks(today=later, batch_size=3), lambda: sweep_clocks(today=later, batch_size=3)
    )

    assert all(isinstance(r, dict) for r in results), results
    assert sum(r["escalated"] for r in results) == 40
    for case in cases:
        assert CaseEvent.objects.filter(case=case, action="clock_overdue").count() == 1
        assert list(
            Notification.objects.filter(case=case, event__action="clock_overdue").values_list("recipient", flat=True)
        ) == [supervisor.pk]
