"""The lifecycle table: every generic transition works for the right role in the owning organisation, and
every other attempt (wrong state, wrong role, wrong organisation, stale version) is refused and changes
nothing. A track's steps (marked via_service) are refused here: their services perform them (tested with
each track)."""

import datetime
import importlib
import inspect

import pytest
from django.utils import timezone
from django_fsm import can_proceed

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role
from disputes.models import Case, CaseEvent
from disputes.services import (
    available_actions, case_transition, referral_accept, referral_offer, track_for_step, transition_table,
)
from disputes.choices import ENDED_STATES
from documents.numbering import ensure_default_number_patterns
from inspection.services import correction_order_issue
from tests.conftest import (
    accept_for_arbitration,
    agree_by_mediation,
    file_for_inspection,
    make_staff,
    reject_for_arbitration,
    schedule_first_hearing,
)

pytestmark = pytest.mark.django_db


def _order_correction(case, actor):
    ensure_default_number_patterns(actor.staff.organization)
    correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=actor, version=Case.objects.get(pk=case.pk).version,
                           due_on=timezone.localdate() + datetime.timedelta(days=20),
                           items=[{"kind": "wages", "amount": "8600.00"}])


# A track's step, taken through its service (the generic entry point refuses it).
TRACK_STEPS = {
    "order_correction": _order_correction,
    "accept_application": accept_for_arbitration,
    "reject_application": reject_for_arbitration,
    "schedule_hearing": schedule_first_hearing,
    "agree": agree_by_mediation,
}
# How to bring a fresh case into each state through legal paths: referral hops, track services, transitions.
ROUTES = {
    "registered": [],
    "inspection": [("refer", "inspection", "inspector")],
    "correction_due": [("refer", "inspection", "inspector"), ("track", "order_correction", "inspector")],
    "arbitration_review": [("refer", "arbitration", "arbitrator")],
    "arbitration": [("refer", "arbitration", "arbitrator"), ("track", "accept_application", "arbitrator")],
    "hearing": [("refer", "arbitration", "arbitrator"), ("track", "accept_application", "arbitrator"),
                ("track", "schedule_hearing", "arbitrator")],
    "not_accepted": [("refer", "arbitration", "arbitrator"), ("track", "reject_application", "arbitrator")],
    "litigation": [("refer", "arbitration", "arbitrator"), ("track", "reject_application", "arbitrator"),
                   ("refer", "litigation", "judge")],
    "mediation": [("refer", "mediation", "mediator")],
    "confirmation": [("refer", "mediation", "mediator"), ("track", "agree", "mediator")],
    "suspended": [("do", "suspend", "clerk")],
    "closed": [("do", "close", "clerk")],
}
# Which org each referral purpose goes to, by fixture key.
PURPOSE_ORG = {"inspection": "inspection", "arbitration": "arbitration", "mediation": "mediation", "litigation": "court"}
# Who owns the case in each state after ROUTES, so the table knows whom to ask.
OWNER = {
    "registered": "clerk", "inspection": "inspector", "correction_due": "inspector", "arbitration_review": "arbitrator",
    "arbitration": "arbitrator", "hearing": "arbitrator", "not_accepted": "arbitrator", "litigation": "judge",
    "mediation": "mediator", "confirmation": "mediator", "suspended": "clerk", "closed": "clerk",
}
ROLE_OF = {"clerk": Role.CLERK, "inspector": Role.INSPECTOR, "arbitrator": Role.ARBITRATOR, "mediator": Role.MEDIATOR,
           "judge": Role.MEDIATOR}


def act(case, name, actor, **kw):
    info = transition_table()[name]
    kw.setdefault("reason", "理由" if info.needs_reason else "")
    kw.setdefault("outcome", "resolved_other" if info.outcome == "choose" else "")
    if info.needs_due_date:
        kw.setdefault("due_on", datetime.date.today() + datetime.timedelta(days=20))
    return case_transition(case_id=case.pk, action=name, actor=actor,
                           expected_version=Case.objects.get(pk=case.pk).version, **kw)


def bring(case, state, people, orgs):
    holder = people["clerk"]
    for step, what, who in ROUTES[state]:
        if step == "refer":
            ref = referral_offer(case_id=case.pk, actor=holder, to_org_id=orgs[PURPOSE_ORG[what]].pk, purpose=what,
                                 expected_version=Case.objects.get(pk=case.pk).version)
            if what == "inspection":
                file_for_inspection(case, people, orgs, referral=ref, inspector=people[who])
            else:
                referral_accept(referral_id=ref.pk, actor=people[who])
            holder = people[who]
        elif step == "track":
            TRACK_STEPS[what](case, people[who])
            holder = people[who]
        else:
            act(case, what, people[who])
            holder = people[who]
    case.refresh_from_db()
    assert case.status == state
    return case


def cases_of_table(*, track_steps=False):
    """(transition, source state) pairs the lifecycle allows, skipping those only referrals perform; the
    generic ones, or with track_steps=True those only a track's service performs."""
    pairs = []
    for name, info in sorted(transition_table().items()):
        if info.via_referral:
            continue
        for t in Case._meta.get_field("status").get_all_transitions(Case):
            # A step can belong to a track in some stages only (close and settle in the inspection stages).
            is_track_step = bool(track_for_step(info, t.source))
            if t.name == name and t.source in ROUTES and is_track_step == track_steps:
                pairs.append((name, t.source))
    return pairs


@pytest.fixture
def extra(people, orgs):
    """A colleague in each owning organisation whose role may take no case transition, and a same-role
    outsider in another county's organisation of the same kind."""
    out = {}
    for key, person in people.items():
        org = person.staff.organization
        out[("wrong_role", org.pk)] = make_staff(org, Role.LEGAL_AID, f"wr-{key}")
    twin = {}
    for kind in (OrgKind.INSPECTION, OrgKind.ARBITRATION, OrgKind.MEDIATION, OrgKind.COURT):
        twin[kind] = Organization.objects.create(name=f"other-{kind}", kind=kind)
    out["twin"] = twin
    return out


@pytest.mark.parametrize("name,source", cases_of_table())
def test_each_transition_works_for_the_right_role_only(name, source, case, people, orgs, extra):
    bring(case, source, people, orgs)
    owner = people[OWNER[source]]
    before = Case.objects.get(pk=case.pk)
    events_before = CaseEvent.objects.filter(case=case).count()

    # A colleague of the owner whose role may not do it.
    with pytest.raises(PermissionDenied):
        act(case, name, extra[("wrong_role", owner.staff.organization_id)])
    # Someone with an allowed role, but in another organisation.
    allowed_role = next(iter(transition_table()[name].roles))
    outsider = make_staff(Organization.objects.create(name="外单位", kind=OrgKind.RIGHTS_CENTRE), allowed_role, f"o-{name}")
    with pytest.raises(PermissionDenied):
        act(case, name, outsider)
    # A stale version.
    with pytest.raises(Conflict):
        case_transition(case_id=case.pk, action=name, actor=owner, expected_version=before.version - 1,
                        reason="理由", outcome="resolved_other",
                        due_on=datetime.date.today() + datetime.timedelta(days=20))
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.version) == (before.status, before.version)
    assert CaseEvent.objects.filter(case=case).count() == events_before

    # The owner, if their role is allowed; else the owning organisation's supervisor.
    actor = owner if owner.staff.role in transition_table()[name].roles else make_staff(
        owner.staff.organization, Role.SUPERVISOR, f"sup-{name}")
    act(case, name, actor)
    after = Case.objects.get(pk=case.pk)
    assert after.status != source or name == "resume"
    assert after.version == before.version + 1
    # A step that ends the case also calls off its scheduled hearings (a case-ended hook of disputes.registry): their
    # events follow the step's own.
    event = CaseEvent.objects.filter(case=case).exclude(action__startswith="clock_") \
        .exclude(action="hearing_cancelled").last()
    if after.status in ENDED_STATES:
        assert not case.hearings.filter(state="scheduled").exists()
    assert (event.action, event.from_state, event.to_state, event.actor) == (name, source, after.status, actor)


@pytest.mark.parametrize("name,source", cases_of_table(track_steps=True))
def test_a_track_step_is_refused_by_the_generic_entry_point_and_changes_nothing(name, source, case, people, orgs):
    bring(case, source, people, orgs)
    owner = people[OWNER[source]]
    actor = owner if owner.staff.role in transition_table()[name].roles else make_staff(
        owner.staff.organization, Role.SUPERVISOR, f"sup-{name}")
    before = Case.objects.get(pk=case.pk)
    events_before = CaseEvent.objects.filter(case=case).count()

    with pytest.raises(TransitionRefused) as exc:
        act(case, name, actor)

    assert exc.value.code == "use_track_service"
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.version, after.outcome) == (before.status, before.version, before.outcome)
    assert CaseEvent.objects.filter(case=case).count() == events_before
    assert name not in {a.name for a in available_actions(after, actor.staff)}


def test_each_track_step_is_performed_by_the_service_it_names():
    flagged = {name: info.via_service for name, info in transition_table().items() if info.via_service}
    assert flagged == {
        "accept_application": "arbitration", "reject_application": "arbitration", "award": "arbitration",
        "reopen_arbitration": "arbitration", "schedule_hearing": "hearings", "order_correction": "inspection",
        "confirm_correction": "inspection", "decide_penalty": "inspection", "agree": "union_mediation",
        "confirm": "union_mediation", "refuse_confirmation": "union_mediation",
    }
    # A track's services module, where it is not <track>.services.
    modules = {"union_mediation": "mediation.court"}
    for name, track in flagged.items():
        source = inspect.getsource(importlib.import_module(modules.get(track, f"{track}.services")))
        assert f'action="{name}"' in source, (name, track)


@pytest.mark.parametrize("outcome", ["award", "penalty"])
def test_closing_cannot_record_an_award_or_a_penalty_without_its_decision(outcome, case, people):
    before = Case.objects.get(pk=case.pk)
    with pytest.raises(TransitionRefused) as exc:
        act(case, "close", people["clerk"], outcome=outcome, reason="理由")
    assert exc.value.code == "use_track_service"
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.outcome, after.version) == ("registered", "", before.version)


@pytest.mark.parametrize("name", sorted(
    n for n, i in transition_table().items() if not i.via_referral and not i.via_service))
def test_each_transition_is_refused_from_a_state_it_does_not_leave(name, case, people, orgs):
    sources = {t.source for t in Case._meta.get_field("status").get_all_transitions(Case) if t.name == name}
    wrong = next(s for s in ("archived", "withdrawn", "redirected", "registered") if s not in sources)
    if wrong == "archived":
        bring(case, "closed", people, orgs)
        act(case, "archive", people["clerk"])
        owner = people["clerk"]
    elif wrong == "withdrawn":
        act(case, "withdraw", people["clerk"])
        owner = people["clerk"]
    elif wrong == "redirected":
        act(case, "redirect", people["clerk"])
        owner = people["clerk"]
    else:
        owner = people["clerk"]
    before = Case.objects.get(pk=case.pk)
    supervisor = make_staff(owner.staff.organization, Role.SUPERVISOR, f"sup2-{name}")
    with pytest.raises(TransitionRefused):
        act(case, name, supervisor)
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.version) == (before.status, before.version)


def test_resume_returns_to_the_stage_it_was_suspended_from(case, people, orgs):
    bring(case, "arbitration", people, orgs)
    act(case, "suspend", people["arbitrator"])
    assert Case.objects.get(pk=case.pk).status == "suspended"
    act(case, "resume", people["arbitrator"])
    case.refresh_from_db()
    assert case.status == "arbitration" and case.suspended_from == ""


def test_a_reason_is_required_where_the_law_wants_one(case, people):
    with pytest.raises(ValidationFailed):
        act(case, "redirect", people["clerk"], reason="  ")
    assert Case.objects.get(pk=case.pk).status == "registered"


def test_closing_requires_an_outcome_and_records_it(case, people):
    with pytest.raises(ValidationFailed):
        act(case, "close", people["clerk"], outcome="")
    act(case, "close", people["clerk"], outcome="no_violation")
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "no_violation" and case.closed_at is not None


@pytest.mark.parametrize("outcome,allowed", [("award", True), ("penalty", False), ("resolved_other", False)])
def test_only_an_award_can_be_reopened_and_reopening_clears_the_outcome(outcome, allowed):
    # The graph itself (arbitration.services.post_award_record performs it when a court sends the case back).
    case = Case(status="closed", outcome=outcome, closed_at=timezone.now())
    assert can_proceed(case.reopen_arbitration) is allowed
    if allowed:
        case.reopen_arbitration()
        assert (case.status, case.outcome, case.closed_at) == ("arbitration", "", None)


def test_routing_is_refused_outside_a_referral(case, people):
    with pytest.raises(TransitionRefused):
        act(case, "route_to_arbitration", people["clerk"])


def test_events_cannot_be_edited_or_deleted(case):
    event = CaseEvent.objects.filter(case=case).first()
    event.reason = "tampered"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        CaseEvent.objects.filter(case=case).update(reason="x")
    with pytest.raises(TypeError):
        CaseEvent.objects.filter(case=case).delete()
