"""Every write to a case goes through here: one entry point per state change (architecture notes).

Each function: opens a transaction, locks the case row and compares the client's version, checks the
actor's role and organisation, runs the django-fsm transition, saves, appends a CaseEvent, and schedules
side effects after commit (core.outbox) so nothing is sent for a change that rolled back.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.outbox import send_after_commit
from core.models import Organization, OrgKind, Role
from core.sequences import next_in_sequence

from . import registry
from .choices import ENDED_STATES, CaseState, Channel, DeclineReason, Outcome, ReferralPurpose, ReferralState
from .kit import guards, inputs
from .kit.guards import lock_case
# TransitionInfo and transition_table are read from here by the views, the API and the tests.
from .lifecycle import TransitionInfo, refuse_outside_track, track_for_step, track_outcomes, transition_table  # noqa: F401
from .models import Case, CaseEvent, Referral
from .selectors import case_visible_to
from .tasks import notify_event

# Which transition a referral's acceptance performs, and which kinds of organisation may receive it.
# None: acceptance changes who is involved, not the stage (legal aid runs beside the case).
PURPOSE_TRANSITION = {
    ReferralPurpose.INSPECTION: "route_to_inspection",
    ReferralPurpose.ARBITRATION: "route_to_arbitration",
    ReferralPurpose.MEDIATION: "route_to_mediation",
    ReferralPurpose.LITIGATION: "route_to_court",
    ReferralPurpose.LEGAL_AID: None,
    ReferralPurpose.JUDICIAL_CONFIRMATION: None,
}
PURPOSE_ORG_KINDS = {
    ReferralPurpose.INSPECTION: {OrgKind.INSPECTION},
    ReferralPurpose.ARBITRATION: {OrgKind.ARBITRATION},
    ReferralPurpose.MEDIATION: {OrgKind.MEDIATION, OrgKind.UNION, OrgKind.COURT},
    ReferralPurpose.LEGAL_AID: {OrgKind.LEGAL_AID, OrgKind.UNION},
    ReferralPurpose.LITIGATION: {OrgKind.COURT},
    ReferralPurpose.JUDICIAL_CONFIRMATION: {OrgKind.COURT},
}
# Purposes whose acceptance makes the receiver the case's handler (ownership moves).
OWNERSHIP_PURPOSES = {p for p in ReferralPurpose if p != ReferralPurpose.LEGAL_AID}
RECEIVER_ROLES = {Role.CLERK, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.LEGAL_AID, Role.SUPERVISOR}


def _schedule_notification(event: CaseEvent) -> None:
    send_after_commit(notify_event, event.pk)


CASE_NUMBER_DIGITS = 7


def case_number(year: int, n: int) -> str:
    """WF + year + the year's gap-free count, zero-padded to seven digits (more when a year needs them)."""
    return f"WF{year}{n:0{CASE_NUMBER_DIGITS}d}"


def case_open_own_initiative(
    *, actor, profile, employer, division_id: int, facts: str, handler, payload: dict | None = None,
    numbered: bool = True,
) -> Case:
    """Open an inspection case on the department's own initiative (主动检查): no complainant, so no worker,
    query code, receipt or message to a worker. It starts in inspection with the team that opens it, `handler`
    (an inspector of that team) answering for it as its first-responsible handler and handling it; there is no
    referral to accept, since nobody else received it. The caller (a track: random inspections) checks who may
    open it and keeps the link to what it was opened for; `payload` goes on the opening event.

    numbered=False: the caller opening several numbers them together last (`cases_number`), as a registration
    does, because the year's counter row is shared city-wide and stays locked until commit."""
    if profile.organization.kind != OrgKind.INSPECTION:
        raise PermissionDenied(_("Only a labour inspection team may open an inspection on its own initiative."))
    case = Case(
        number=f"~{uuid.uuid4().hex[:24]}", query_code_hash="",
        status=CaseState.INSPECTION, worker=None, employer=employer, division_id=division_id,
        channel=Channel.OWN_INITIATIVE, facts=facts, violation_started_on=None,
        first_handler=handler, first_handler_org=profile.organization,
        owner_org=profile.organization, owner_user=handler,
    )
    case.save(force_insert=True)
    # Public, as a registration is: the status page shows nothing without a query code, and the timeline needs
    # the case's first event. Nobody is told: the handler finds it in their queue.
    event_append(case=case, actor=actor, profile=profile, action="opened_own_initiative", to_state=case.status,
                 payload={"channel": Channel.OWN_INITIATIVE, **(payload or {})}, fresh_case=True, notify=False)
    if numbered:
        cases_number([case])
    return case


def cases_number(cases: list[Case]) -> None:
    """Give cases opened in this transaction their gap-free numbers, in order."""
    year = timezone.localdate().year
    for case in cases:
        case.number = case_number(year, next_in_sequence("case", year))
        Case.objects.filter(pk=case.pk).update(number=case.number)


def event_append(
    *, case: Case, actor=None, profile=None, action: str, from_state: str = "", to_state: str = "",
    reason_code: str = "", reason: str = "", payload: dict | None = None, is_public: bool = False,
    notify: bool = True, fresh_case: bool = False,
) -> CaseEvent:
    """Record what happened and let the registered hooks react (the deadline clocks). fresh_case: the case
    was created in this transaction, so it has nothing to look up yet."""
    event = event_build(
        case=case, actor=actor, profile=profile, action=action, from_state=from_state, to_state=to_state,
        reason_code=reason_code, reason=reason, payload=payload, is_public=is_public,
    )
    event.save(force_insert=True)
    event_recorded(event, fresh_case=fresh_case, notify=notify)
    return event


def event_build(
    *, case: Case, actor=None, profile=None, action: str, from_state: str = "", to_state: str = "",
    reason_code: str = "", reason: str = "", payload: dict | None = None, is_public: bool = False,
) -> CaseEvent:
    """The event as event_append records it, unsaved: for a caller that writes it in a batch of its own (then
    calls event_recorded)."""
    return CaseEvent(
        case=case,
        actor=actor,
        actor_org=profile.organization if profile else None,
        actor_role=profile.role if profile else "",
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason_code=reason_code,
        reason=reason,
        payload=payload or {},
        is_public=is_public,
    )


def event_recorded(event: CaseEvent, *, fresh_case: bool = False, notify: bool = True) -> None:
    """What follows an event once its row is written: the registered hooks react in this transaction (the
    deadline clocks), the people concerned may be told."""
    for hook in registry.event_hooks():
        hook(case=event.case, event=event, fresh_case=fresh_case)
    if notify:
        _schedule_notification(event)


def bump_version(case: Case, fields: list[str]) -> None:
    """Save the given fields and the next version in one statement guarded by the current version.

    The row lock makes the guard redundant on PostgreSQL; on SQLite (no SELECT FOR UPDATE) the guard is
    what turns a lost update into a conflict.
    """
    updated = (
        Case.objects.filter(pk=case.pk, version=case.version)
        .update(version=F("version") + 1, updated_at=timezone.now(), **{f: getattr(case, f) for f in fields})
    )
    if updated != 1:
        raise Conflict()
    case.version += 1


def case_transition(
    *, case_id: int, action: str, actor, expected_version: int | None, reason_code: str = "",
    reason: str = "", outcome: str = "", due_on: datetime.date | None = None, via_service: bool = False,
) -> Case:
    """Take one lifecycle step. via_service=True is passed only by a track's service, inside its own
    transaction, for the steps the track registered as its own (disputes.registry.add_track) and performs with
    their records; the generic form and the API never pass it."""
    info = transition_table().get(action)
    if info is None or info.via_referral:
        # Routing to another organisation happens only by a referral that the receiver accepts.
        raise TransitionRefused(_("Unknown action, or one that is taken by a referral."), code="unknown_action")
    if info.via_service and not via_service:
        refuse_outside_track(info.via_service)
    profile = staff_of(actor)
    reason = inputs.reason(reason) if info.needs_reason else inputs.stripped(reason)
    if info.outcome == "choose":
        if outcome not in Outcome.values:
            raise ValidationFailed(fields={"outcome": [str(_("Choose the outcome."))]})
        outcome_track = track_outcomes().get(outcome)
        if outcome_track and not via_service:
            refuse_outside_track(outcome_track)
    elif info.outcome:
        outcome = info.outcome
    if info.needs_due_date and (due_on is None or due_on <= timezone.localdate()):
        raise ValidationFailed(fields={"due_on": [str(_("Set a deadline after today."))]})
    with transaction.atomic():
        case = lock_case(case_id, expected_version)
        guards.refuse_group_member(case)
        track = track_for_step(info, case.status)
        if track and not via_service:
            refuse_outside_track(track)
        guards.require_handler(case, profile, info.roles)
        step = dict(actor=actor, profile=profile, info=info, reason_code=reason_code, reason=reason, outcome=outcome,
                    due_on=due_on)
        _take_step(case, **step)
        # A collective dispute is one matter: the lead's step is every member's, in this transaction, one event
        # per case naming the lead; a member that cannot take it refuses the whole step.
        for member in group_members_locked(case):
            guards.require_handler(member, profile, info.roles)
            _take_step(member, lead=case, **step)
    return case


def _take_step(case: Case, *, actor, profile, info, reason_code, reason, outcome, due_on, lead: Case | None = None):
    action = info.name
    method = getattr(case, action)
    if not can_proceed(method):
        _refuse_step(case, lead)
    from_state = case.status
    method()
    # A transition method may itself clear the outcome (reopening); always write what it may touch.
    fields = ["status", "suspended_from", "outcome", "closed_at"]
    if outcome:
        case.outcome = outcome
        case.closed_at = timezone.now()
    elif case.status in ENDED_STATES and from_state not in ENDED_STATES:
        # When a case ended, however it ended (withdrawn, redirected, not accepted): the statistics count
        # the cases ended and carried over in a period by it.
        case.closed_at = timezone.now()
    bump_version(case, fields)
    payload = {k: v for k, v in (("outcome", outcome), ("due_on", due_on and due_on.isoformat())) if v}
    event_append(
        case=case, actor=actor, profile=profile, action=action, from_state=from_state, to_state=case.status,
        reason_code=reason_code, reason=reason, is_public=info.public, payload={**payload, **lead_payload(lead)},
    )
    if case.status in ENDED_STATES and from_state not in ENDED_STATES:
        for hook in registry.case_ended_hooks():
            hook(case=case, actor=actor, profile=profile, action=action, reason=reason)


def _refuse_step(case: Case, lead: Case | None, message=None):
    """A step the case cannot take at its stage; a member following its lead refuses it for the whole group."""
    if lead is None:
        raise TransitionRefused(message)
    raise TransitionRefused(
        _("Member case %(number)s cannot take this step at its stage (%(stage)s): split it off the group first.")
        % {"number": case.number, "stage": case.get_status_display()},
        code="group_member_refuses",
    )


def lead_payload(lead: Case | None) -> dict:
    """What a member's event says of the lead whose step it followed (the timeline names it)."""
    return {} if lead is None else {"lead": lead.pk, "lead_number": lead.number}


def group_members_locked(case: Case) -> list[Case]:
    """The member cases of a lead, locked after it in id order (the lead first, always: no two writers of a
    group wait for each other). Empty for a case that leads no group (one indexed lookup)."""
    if case.lead_id is not None:
        return []
    return list(Case.objects.select_for_update().filter(lead=case).order_by("pk"))


def members_follow(
    lead: Case, *, actor, profile, action: str, reason: str = "", is_public: bool = True, payload: dict | None = None,
    payload_for=None, notify: bool = True,
) -> list[CaseEvent]:
    """A step a track recorded on the lead of a collective dispute (its records are the lead's), on each member's
    timeline: the members are locked after the lead (in id order), their versions move on in one UPDATE and
    their events, each naming the lead, go in one INSERT. `payload_for(member)`: what the member's event says of
    itself (its own items of an award, never a colleague's). Nothing for a case that leads no group."""
    members = group_members_locked(lead)
    if not members:
        return []
    Case.objects.filter(pk__in=[m.pk for m in members]).update(version=F("version") + 1, updated_at=timezone.now())
    events = []
    for member in members:
        member.version += 1
        own = payload_for(member) if payload_for else {}
        events.append(event_build(case=member, actor=actor, profile=profile, action=action, reason=reason,
                                  is_public=is_public, payload={**(payload or {}), **own, **lead_payload(lead)}))
    CaseEvent.objects.bulk_create(events)
    for event in events:
        event_recorded(event, notify=notify)
    return events


def available_actions(case: Case, profile) -> list[TransitionInfo]:
    """The transitions this person may take on this case now (for buttons; the service re-checks)."""
    if profile is None or profile.organization_id != case.owner_org_id or case.lead_id is not None:
        # A member of a collective dispute moves with its lead (disputes.collective).
        return []
    table = transition_table()
    names = {t.name for t in case.get_available_status_transitions()}
    return [
        info for name, info in table.items()
        if name in names and not info.via_referral and not track_for_step(info, case.status)
        and profile.role in info.roles
    ]


def referral_offer(
    *, case_id: int, actor, to_org_id: int, purpose: str, note: str = "", expected_version: int | None
) -> Referral:
    profile = staff_of(actor)
    if purpose not in ReferralPurpose.values:
        raise ValidationFailed(fields={"purpose": [str(_("Choose a valid purpose."))]})
    to_org = Organization.objects.filter(pk=to_org_id, is_active=True).first()
    if to_org is None:
        raise ValidationFailed(fields={"to_org": [str(_("Choose an active organisation."))]})
    if to_org.kind not in PURPOSE_ORG_KINDS[purpose]:
        raise ValidationFailed(fields={"to_org": [str(_("This organisation does not handle this kind of referral."))]})
    with transaction.atomic():
        case = lock_case(case_id, expected_version)
        if purpose in OWNERSHIP_PURPOSES:
            # A member moves with its lead; legal aid runs beside a member's own case.
            guards.refuse_group_member(case)
        guards.require_handler(case, profile, RECEIVER_ROLES)
        if case.worker_id is None and purpose != ReferralPurpose.INSPECTION:
            # Arbitration, mediation, a court and legal aid all act for or between the parties: an inspection the
            # department opened itself has no worker to apply, agree or be represented.
            raise TransitionRefused(_("A case without a complainant is not referred for this: it has no worker "
                                      "to apply, agree or be represented."), code="no_complainant")
        if to_org.pk == case.owner_org_id:
            raise ValidationFailed(fields={"to_org": [str(_("The case is already with this organisation."))]})
        transition_name = PURPOSE_TRANSITION[purpose]
        if transition_name and not can_proceed(getattr(case, transition_name)):
            raise TransitionRefused(_("The case cannot be referred for this purpose at its current stage."))
        if not transition_name and not case.is_open:
            raise TransitionRefused()
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    case=case, from_org=profile.organization, to_org=to_org, purpose=purpose,
                    note=(note or "").strip(), offered_by=actor,
                )
        except IntegrityError:
            raise Conflict(_("An open referral for this purpose already exists."), code="referral_exists") from None
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="referral_offered",
            payload={"referral": referral.pk, "to_org": to_org.pk, "to_org_name": to_org.name, "purpose": purpose,
                     # A green-channel case's hand-off runs the channel's own acceptance clock too.
                     **({"priority": True} if case.is_priority else {})},
        )
    return referral


def _lock_referral(referral_id: int) -> Referral:
    try:
        # of=self: the receiving organisation is joined to be read. Locked too, its row blocked every write
        # naming the organisation (each case and event checks its key) until this decision committed.
        return Referral.objects.select_for_update(of=("self",)).select_related("to_org").get(pk=referral_id)
    except Referral.DoesNotExist:
        raise NotFound(_("No such referral.")) from None


def referral_accept(*, referral_id: int, actor, via_service: bool = False) -> Referral:
    """Accept a hand-off. A track may take the acceptance of its referrals into its own service, which calls
    this with via_service=True (registry.add_referral_accept_guard): a bare "accept" is then refused."""
    profile = staff_of(actor)
    with transaction.atomic():
        referral = _lock_referral(referral_id)
        if profile.organization_id != referral.to_org_id or profile.role not in RECEIVER_ROLES:
            raise PermissionDenied(_("Only the receiving organisation may accept this referral."))
        for guard in registry.referral_accept_guards():
            guard(referral=referral, via_service=via_service)
        if referral.state != ReferralState.OFFERED:
            raise Conflict(_("This referral has already been decided."), code="referral_decided")
        case = lock_case(referral.case_id, None)
        referral.accept()
        referral.decided_by = actor
        referral.decided_at = timezone.now()
        referral.save(update_fields=["state", "decided_by", "decided_at"])
        _receive(case, referral, actor, profile)
        if referral.purpose in OWNERSHIP_PURPOSES:
            # The members of a collective dispute go where their lead goes, with it.
            for member in group_members_locked(case):
                _receive(member, referral, actor, profile, lead=case)
    return referral


def _receive(case: Case, referral: Referral, actor, profile, lead: Case | None = None) -> None:
    """What accepting the referral does to one case: its stage, and (but for legal aid) who handles it."""
    from_state = case.status
    transition_name = PURPOSE_TRANSITION[referral.purpose]
    if transition_name:
        method = getattr(case, transition_name)
        if not can_proceed(method):
            _refuse_step(case, lead, _("The case has moved on since the referral was offered."))
        method()
    fields = ["status"]
    if referral.purpose in OWNERSHIP_PURPOSES:
        case.owner_org = referral.to_org
        case.owner_user = actor
        fields += ["owner_org", "owner_user"]
        if case.first_handler_released_at is None:
            case.first_handler_released_at = timezone.now()
            fields.append("first_handler_released_at")
    bump_version(case, fields)
    event_append(
        case=case, actor=actor, profile=profile, action="referral_accepted", from_state=from_state,
        to_state=case.status, is_public=True,
        payload={"referral": referral.pk, "to_org_name": referral.to_org.name, "purpose": referral.purpose,
                 **lead_payload(lead)},
    )


def referral_decline(*, referral_id: int, actor, code: str, reason: str = "") -> Referral:
    profile = staff_of(actor)
    reason = (reason or "").strip()
    if code not in DeclineReason.values:
        raise ValidationFailed(fields={"code": [str(_("Choose a reason for declining."))]})
    if code == DeclineReason.OTHER and not reason:
        raise ValidationFailed(fields={"reason": [str(_("Explain the reason."))]})
    with transaction.atomic():
        referral = _lock_referral(referral_id)
        if profile.organization_id != referral.to_org_id or profile.role not in RECEIVER_ROLES:
            raise PermissionDenied(_("Only the receiving organisation may decline this referral."))
        if referral.state != ReferralState.OFFERED:
            raise Conflict(_("This referral has already been decided."), code="referral_decided")
        case = lock_case(referral.case_id, None)
        referral.decline()
        referral.decline_code, referral.decline_reason = code, reason
        referral.decided_by, referral.decided_at = actor, timezone.now()
        referral.save(update_fields=["state", "decline_code", "decline_reason", "decided_by", "decided_at"])
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="referral_declined", reason_code=code, reason=reason,
            payload={"referral": referral.pk, "to_org_name": referral.to_org.name, "purpose": referral.purpose},
        )
    return referral


def referral_withdraw(*, referral_id: int, actor, reason: str = "") -> Referral:
    profile = staff_of(actor)
    with transaction.atomic():
        referral = _lock_referral(referral_id)
        if profile.organization_id != referral.from_org_id:
            raise PermissionDenied(_("Only the referring organisation may withdraw this referral."))
        if referral.state != ReferralState.OFFERED:
            raise Conflict(_("This referral has already been decided."), code="referral_decided")
        case = lock_case(referral.case_id, None)
        referral.withdraw()
        referral.decided_by, referral.decided_at = actor, timezone.now()
        referral.save(update_fields=["state", "decided_by", "decided_at"])
        bump_version(case, [])
        event_append(
            case=case, actor=actor, profile=profile, action="referral_withdrawn", reason=(reason or "").strip(),
            payload={"referral": referral.pk, "to_org_name": referral.to_org.name, "purpose": referral.purpose},
        )
    return referral


def case_add_note(*, case_id: int, actor, text: str, expected_version: int | None = None) -> CaseEvent:
    """An internal note on the timeline (never shown to the worker)."""
    profile = staff_of(actor)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(fields={"text": [str(_("Write the note."))]})
    with transaction.atomic():
        case = lock_case(case_id, expected_version)
        if not case_visible_to(actor, case.pk):
            raise NotFound(_("No such case."))
        bump_version(case, [])
        return event_append(case=case, actor=actor, profile=profile, action="note", reason=text, notify=False)
