"""The case page's timeline and clocks are written out as SQL (core.rows); what they give must be what the
ORM gives for the same rows, relations included, in the order the page shows."""

import datetime

import pytest
import time_machine

from core.models import Role
from deadlines.models import Clock
from deadlines.selectors import clocks_for_case
from deadlines.services import clock_extend
from disputes.models import Case, CaseEvent
from disputes.selectors import case_events
from disputes.services import referral_accept, referral_offer
from legal_aid.services import aid_decide
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def own_fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if not k.startswith("_")}


@pytest.fixture
def busy_case(register, people, orgs):
    """A case referred to legal aid, whose review clock a station head extended and the grant satisfied:
    events by several people of several organisations, clocks running and finished, one extended."""
    with at("2026-02-09"):
        case = register(violation_started_on=datetime.date(2026, 1, 5)).case
        referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["legal_aid"].pk,
                                  purpose="legal_aid", expected_version=case.version)
    head = make_staff(orgs["legal_aid"], Role.SUPERVISOR, "station-head")
    review = Clock.objects.get(case=case, rule__code="legal_aid_review")
    with at("2026-02-24"):
        clock_extend(clock_id=review.pk, actor=head, reason="补充经济困难证明")
    with at("2026-02-26"):
        referral_accept(referral_id=referral.pk, actor=people["legal_aid"])
        aid_decide(referral_id=referral.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    return Case.objects.get(pk=case.pk), head


def test_the_timeline_comes_oldest_first_with_who_acted_as_the_orm_gives_it(busy_case, people, orgs):
    case, head = busy_case

    written = case_events(case=case)
    orm = list(CaseEvent.objects.filter(case=case).select_related("actor", "actor_org").order_by("created_at", "id"))

    def described(e):
        return own_fields(e), e.actor and e.actor.username, e.actor_org and e.actor_org.name

    assert [described(e) for e in written] == [described(e) for e in orm]
    assert len(written) >= 3
    assert {e.actor for e in written} >= {people["clerk"], people["legal_aid"]}
    assert {e.actor_org_id for e in written} >= {orgs["window"].pk, orgs["legal_aid"].pk}
    assert all(e.case is case for e in written)  # no query per event for the case


def test_the_clocks_come_running_first_with_their_rule_and_who_extended_them(busy_case, orgs):
    case, head = busy_case

    written = clocks_for_case(case)
    orm = {c.pk: c for c in Clock.objects.filter(case=case).select_related("rule", "owner_org", "extended_by")}

    assert sorted(c.pk for c in written) == sorted(orm)
    for clock in written:
        expected = orm[clock.pk]
        assert own_fields(clock) == own_fields(expected)
        assert (clock.rule.code, clock.rule.unit, clock.rule.extension_length) == (
            expected.rule.code, expected.rule.unit, expected.rule.extension_length)
        assert clock.owner_org == expected.owner_org and clock.extended_by == expected.extended_by
    states = [c.state for c in written]
    assert "satisfied" in states and "running" in states
    # Running (and paused) ones first, soonest due first; the finished ones after them.
    running = [c for c in written if c.state in ("running", "paused")]
    assert written[: len(running)] == running
    assert [c.due_on for c in running] == sorted(c.due_on for c in running)
    review = next(c for c in written if c.rule.code == "legal_aid_review")
    assert (review.state, review.extended_by, review.owner_org) == ("satisfied", head, orgs["legal_aid"])
