"""The status page's reads are written out (core.rows); they must return what the ORM queries returned."""

import pytest

from deadlines.models import Clock, ClockState, DeadlineRule
from deadlines.selectors import next_date_for_worker
from disputes.models import Case, CaseEvent
from disputes.services import case_add_note, case_transition
from portal.selectors import public_timeline
from tests.deadlines.test_deadline_pages import at, to_arbitration

pytestmark = pytest.mark.django_db


def test_the_public_timeline_is_the_orms_newest_first_without_internal_notes(register, people):
    case = register().case
    for i in range(3):
        for action in ("suspend", "resume"):
            case_transition(case_id=case.pk, action=action, actor=people["clerk"],
                            expected_version=Case.objects.get(pk=case.pk).version, reason=f"第{i}次")
    case_add_note(case_id=case.pk, actor=people["clerk"], text="内部意见")
    reference = list(
        CaseEvent.objects.filter(case=case, is_public=True).select_related("actor_org").order_by("-created_at", "-id")
    )
    got = public_timeline(case)
    assert [e.pk for e in got] == [e.pk for e in reference] and len(got) == 7
    assert [(e.action, e.reason, e.payload, e.created_at) for e in got] == [
        (e.action, e.reason, e.payload, e.created_at) for e in reference
    ]
    assert [e.actor_org.name for e in got] == [e.actor_org.name for e in reference]
    assert [e.pk for e in public_timeline(case, limit=2)] == [e.pk for e in reference[:2]]


def test_the_next_date_is_the_soonest_running_clock_shown_to_the_worker(register, people, orgs):
    with at(2026, 3, 2):
        case = to_arbitration(register, people, orgs).case
    reference = (
        Clock.objects.filter(case=case, state=ClockState.RUNNING, rule__show_to_worker=True)
        .select_related("rule").order_by("due_on", "id").first()
    )
    got = next_date_for_worker(case)
    assert reference is not None and got.pk == reference.pk
    assert (got.due_on, got.rule.name, got.rule_id) == (reference.due_on, reference.rule.name, reference.rule_id)


def test_a_rule_no_longer_shown_to_workers_gives_no_date(register, people, orgs):
    with at(2026, 3, 2):
        case = to_arbitration(register, people, orgs).case
    assert next_date_for_worker(case) is not None
    for rule in DeadlineRule.objects.filter(show_to_worker=True):
        rule.show_to_worker = False
        rule.save()  # an administrator's change: the process's copy of the rules is replaced
    assert next_date_for_worker(case) is None


def test_a_case_without_running_clocks_has_no_date(register):
    assert next_date_for_worker(register().case) is None
