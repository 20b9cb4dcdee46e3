"""Writes of joint mediation (联合调解, measure 12): schedule a session, record it held, record the agreement
(which closes the inspection track, the arbitration track and the case, and issues the 联合调解协议书), record a
failure (the tracks continue) or a cancellation.

Every service takes keyword arguments only, locks the case at the client's version (a stale one is a 409), checks
the actor's role and organisation, appends a CaseEvent, and changes nothing when it refuses (core.errors).
Scheduling and the agreement belong to the organisation handling the case: the agreement closes the case through
its lifecycle (disputes.services.case_transition, action "close" with the outcome "mediated"). Recording a session
held, failed or cancelled is open to its participants too, whichever organisation they come from.

Clocks (deadlines/rules_data.py): a joint session starts no clock. The 15-day period of LDMAL art 14 runs for a
mediation organisation after an application for mediation (the mediation track, referral_accepted:mediation); a
joint session inside inspection or arbitration is no such application, and no source lets it pause the 60 working
days of the investigation or the 45 days of the award. Closing the case meets the clocks that "close" satisfies and
cancels the rest, as every closing does.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Role, StaffProfile, name_of
from core.outbox import send_after_commit
from disputes.choices import MONETARY_CLAIM_TYPES, Outcome
from disputes.models import Case
from disputes.selectors import case_visible_to
from disputes.services import bump_version, case_transition, event_append, lock_case
from disputes.kit import inputs
from disputes.kit.guards import handles, require_handler, require_stage
from disputes.kit.inputs import FieldErrors
from documents import builders as document_builders
from inspection.models import InspectionClosure

from .models import (
    JointMediationAgreement,
    JointMediationAgreementItem,
    JointMediationParticipant,
    JointMediationSession,
    ParticipantRole,
)
from .tasks import notify_participants
from .tracks import JOINT_STAGES, participant_role, tracks_of

# Who of the handling organisation may organise a joint session and record its agreement.
SESSION_ROLES = (Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.SUPERVISOR)
# The reason the case's closing carries when the agreement records no outcome in words (stored data, in Chinese
# like the documents: the timeline shows it as written).
AGREEMENT_REASON = "联合调解达成协议"


def _notify(event) -> None:
    send_after_commit(notify_participants, event.pk)


def _append(case, actor, profile, action, session, *, reason: str = "", payload: dict | None = None):
    # notify=False: mediation.tasks tells the participants and the handler in words of its own.
    event = event_append(
        case=case, actor=actor, profile=profile, action=action, reason=reason, notify=False, is_public=True,
        payload={"session": session.pk, **(payload or {})},
    )
    _notify(event)
    return event


def may_organise(profile, case: Case) -> bool:
    """Whether this person may schedule a session or record its agreement (the pages' buttons; services re-check)."""
    return handles(case, profile, SESSION_ROLES)


def may_record(profile, case: Case, session: JointMediationSession) -> bool:
    """A participant of the session, a supervisor of a participating organisation, or the handling organisation."""
    if may_organise(profile, case):
        return True
    participants = [(p.user_id, p.organization_id) for p in session.participants.all()]
    if profile.user_id in {u for u, _o in participants}:
        return True
    return profile.role == Role.SUPERVISOR and profile.organization_id in {o for _u, o in participants}


def _require_stage(case: Case) -> None:
    require_stage(
        case, JOINT_STAGES, _("Joint mediation is held while the case is with labour inspection or arbitration."),
        code="wrong_stage",
    )


# --- scheduling -----------------------------------------------------------------------------------------


def joint_session_schedule(
    *, case_id: int, actor, version: int | None, scheduled_at: datetime.datetime, place: str, participant_ids,
    note: str = "",
) -> JointMediationSession:
    """Schedule a joint session with at least one arbitrator of the case's commission and one inspector of its
    inspection organisation (a mediator may join them). One open session per case."""
    errors = FieldErrors()
    scheduled_at = inputs.moment(scheduled_at, "scheduled_at", errors)
    if scheduled_at and timezone.localdate(scheduled_at) < timezone.localdate():
        errors.add("scheduled_at", _("The session cannot be scheduled in the past."))
    place = inputs.text(place, "place", errors, missing=_("Say where the session is held."))
    ids = inputs.ids(participant_ids, "participants", errors, message=_("Choose members of staff from the list."))
    errors.raise_if_any()
    profile = staff_of(actor)
    if not case_visible_to(actor, case_id):
        raise NotFound(_("No such case."))
    with transaction.atomic():
        case = lock_case(case_id, version)
        require_handler(case, profile, SESSION_ROLES)
        _require_stage(case)
        if JointMediationSession.objects.filter(case=case, state__in=("scheduled", "held")).exists():
            raise Conflict(_("A joint mediation session of this case is already open."), code="session_open")
        tracks = tracks_of(case)
        profiles = {
            p.user_id: p for p in StaffProfile.objects.filter(user_id__in=ids).select_related("user", "organization")
        }
        chosen, refused = [], []
        for pk in ids:
            p = profiles.get(pk)
            role = participant_role(p, case, tracks) if p else None
            if role is None:
                refused.append(name_of(p.user) if p else str(pk))
            else:
                chosen.append((p, role))
        if refused:
            raise ValidationFailed(fields={"participants": [
                _("%(names)s cannot take part: an arbitrator of the arbitration commission serving this case, an "
                  "inspector of its inspection organisation, or a mediator of this county or the city is needed.")
                % {"names": "、".join(refused)}
            ]})
        roles = {role for _p, role in chosen}
        if not {ParticipantRole.ARBITRATOR, ParticipantRole.INSPECTOR} <= roles:
            raise ValidationFailed(fields={"participants": [
                _("A joint mediation needs at least one arbitrator and one inspector.")
            ]})
        try:
            with transaction.atomic():
                session = JointMediationSession.objects.create(
                    case=case, scheduled_at=scheduled_at, place=place[:200], note=(note or "").strip(), created_by=actor
                )
        except IntegrityError:
            raise Conflict(_("A joint mediation session of this case is already open."), code="session_open") from None
        JointMediationParticipant.objects.bulk_create(
            JointMediationParticipant(session=session, user=p.user, organization=p.organization, role=role)
            for p, role in chosen
        )
        bump_version(case, [])
        _append(case, actor, profile, "joint_mediation_scheduled", session, payload={
            "scheduled_at": scheduled_at.isoformat(), "place": session.place,
            "participants": [{"id": p.user_id, "name": name_of(p.user), "org": p.organization.name, "role": role}
                             for p, role in chosen],
        })
    return session


# --- the session's outcome ------------------------------------------------------------------------------


def _locked_session(session_id: int, actor, version: int | None):
    """Lock the session's case at the client's version, then the session. A session of a case the actor cannot
    see is a 404, like the case itself."""
    profile = staff_of(actor)
    case_id = JointMediationSession.objects.filter(pk=session_id).values_list("case_id", flat=True).first()
    if case_id is None or not case_visible_to(actor, case_id):
        raise NotFound(_("No such joint mediation session."))
    case = lock_case(case_id, version)
    session = JointMediationSession.objects.select_for_update().get(pk=session_id)
    return case, session, profile


def _require_session_actor(case: Case, session: JointMediationSession, profile) -> None:
    if not may_record(profile, case, session):
        raise PermissionDenied(
            _("Only the participants of this session or the organisation handling the case may do this.")
        )


def joint_session_hold(
    *, session_id: int, actor, version: int | None, present_ids, held_on: datetime.date | None = None,
    minutes: str = "",
) -> JointMediationSession:
    """Record the session as held, with who was present: at least one arbitrator and one inspector."""
    errors = FieldErrors()
    held_on = inputs.date(held_on or timezone.localdate(), "held_on", errors, not_future=True)
    present = set(inputs.ids(present_ids, "present", errors, message=_("Choose members of staff from the list.")))
    errors.raise_if_any()
    with transaction.atomic():
        case, session, profile = _locked_session(session_id, actor, version)
        _require_session_actor(case, session, profile)
        if not can_proceed(session.hold):
            raise TransitionRefused(_("Only a scheduled session can be recorded as held."), code="session_not_scheduled")
        _require_stage(case)
        participants = list(session.participants.select_related("user"))
        unknown = present - {p.user_id for p in participants}
        if unknown:
            raise ValidationFailed(fields={"present": [_("Only the participants of the session can be present.")]})
        roles = {p.role for p in participants if p.user_id in present}
        if not {ParticipantRole.ARBITRATOR, ParticipantRole.INSPECTOR} <= roles:
            raise ValidationFailed(fields={"present": [
                _("A joint session is held with at least one arbitrator and one inspector present.")
            ]})
        if held_on < timezone.localdate(session.created_at):
            raise ValidationFailed(fields={"held_on": [_("The session cannot be held before it was scheduled.")]})
        JointMediationParticipant.objects.filter(session=session, user_id__in=present).update(present=True)
        JointMediationParticipant.objects.filter(session=session).exclude(user_id__in=present).update(present=False)
        session.hold()
        session.held_on, session.minutes = held_on, (minutes or "").strip()
        session.save(update_fields=["state", "held_on", "minutes", "updated_at"])
        bump_version(case, [])
        _append(case, actor, profile, "joint_mediation_held", session, payload={
            "held_on": held_on.isoformat(),
            "present": [name_of(p.user) for p in participants if p.user_id in present],
            "absent": [name_of(p.user) for p in participants if p.user_id not in present],
        })
    return session


def _agreement_items(case: Case, items, errors: FieldErrors) -> list[dict]:
    claims = {c.pk: c for c in case.claims.all()}
    clean, seen = [], set()
    for i, raw in enumerate(items or [], start=1):
        item_errors = FieldErrors()
        claim = None
        claim_id = raw.get("claim_id")
        if claim_id not in (None, ""):
            try:
                claim = claims.get(int(claim_id))
            except (TypeError, ValueError):
                claim = None
            if claim is None or claim.pk in seen:
                item_errors.add("claim", _("choose a claim of this case, once."))
            else:
                seen.add(claim.pk)
        amount = inputs.optional_money(raw.get("amount"), "amount", item_errors)
        if claim is not None and claim.type in MONETARY_CLAIM_TYPES and amount is None and not item_errors:
            item_errors.add("amount", _("enter the amount agreed for this claim."))
        text = (raw.get("text") or "").strip()
        if not text and claim is not None and claim.type in MONETARY_CLAIM_TYPES:
            # The document's own wording for a sum settled on a claim (the amount follows in the sentence).
            text = "用人单位向劳动者支付" + document_builders.claim_text(claim)
        if not text and not item_errors:
            item_errors.add("text", _("say what was agreed."))
        due_on = raw.get("due_on") or None
        if due_on is not None:
            due_on = inputs.date(due_on, "due_on", item_errors)
            if due_on is not None and due_on < timezone.localdate():
                item_errors.add("due_on", _("the date of performance cannot be in the past."))
        errors.add_numbered("items", i, item_errors)
        if not item_errors:
            clean.append({"claim": claim, "text": text[:500], "amount": amount, "due_on": due_on})
    return clean


def joint_session_agree(
    *, session_id: int, actor, version: int | None, items, terms: str = "", summary: str = "",
    workers_covered: int | None = None,
) -> JointMediationAgreement:
    """Record the agreement reached in a held session: it closes the inspection track (an InspectionClosure with
    the outcome mediated, the sums agreed and the workers covered), the arbitration track (the agreement names the
    arbitration file) and the case (close, outcome mediated), and issues the 联合调解协议书.

    items: [{claim_id (optional), text (optional for a claim), amount (yuan, Decimal or text; required for a
    money claim), due_on (optional)}]; terms: other undertakings, one per line.
    """
    errors = FieldErrors()
    terms = (terms or "").strip()
    summary = (summary or "").strip()
    if workers_covered not in (None, ""):
        workers_covered = inputs.count(workers_covered, "workers_covered", errors)
    else:
        workers_covered = None
    with transaction.atomic():
        case, session, profile = _locked_session(session_id, actor, version)
        require_handler(case, profile, SESSION_ROLES)
        if not can_proceed(session.agree):
            raise TransitionRefused(_("Record the session as held first."), code="session_not_held")
        _require_stage(case)
        clean = _agreement_items(case, items, errors)
        if not clean and not terms and "items" not in errors:
            errors.add("items", _("Record what was agreed."))
        if workers_covered is None:
            if case.is_collective:
                errors.add("workers_covered", _("Enter the number of workers covered."))
            workers_covered = 1
        errors.raise_if_any()
        tracks = tracks_of(case)
        today = timezone.localdate()
        total = sum((c["amount"] for c in clean if c["amount"] is not None), start=Decimal("0.00"))
        agreement = JointMediationAgreement.objects.create(
            session=session, agreed_on=today, summary=summary, terms=terms, total=total,
            workers_covered=workers_covered, arbitration_file=tracks.arbitration_file, recorded_by=actor,
        )
        JointMediationAgreementItem.objects.bulk_create(
            JointMediationAgreementItem(agreement=agreement, **c) for c in clean
        )
        session.agree()
        session.ended_at, session.ended_by = timezone.now(), actor
        session.save(update_fields=["state", "ended_at", "ended_by", "updated_at"])
        _append(case, actor, profile, "joint_mediation_agreed", session, reason=summary, payload={
            "agreement": agreement.pk, "total": str(total), "workers": workers_covered,
            "arbitration_file": tracks.arbitration_file.pk if tracks.arbitration_file else None,
        })
        if tracks.inspection_open:
            closure = _close_inspection(case, actor, profile, session, tracks, total, workers_covered, today)
            agreement.inspection_closure = closure
        # via_service: the inspection closure is written just above, as inspection_close would.
        case = case_transition(
            case_id=case.pk, action="close", actor=actor, expected_version=case.version, outcome=Outcome.MEDIATED,
            reason=summary or AGREEMENT_REASON, via_service=True,
        )
        session.case = case
        document = document_builders.issue(
            case, "joint_mediation_agreement", document_builders.joint_mediation_agreement(agreement), actor
        )
        agreement.document = document
        agreement.save(update_fields=["inspection_closure", "document"])
    return agreement


def _close_inspection(case, actor, profile, session, tracks, total, workers, today):
    # The closure counts for the inspection organisation of the case, whoever records the agreement.
    org = tracks.inspection_org or next(
        p.organization for p in session.participants.select_related("organization")
        if p.role == ParticipantRole.INSPECTOR and p.present
    )
    closure = InspectionClosure.objects.create(
        case=case, outcome=Outcome.MEDIATED, amount_recovered=total, workers_covered=workers, closed_on=today,
        organization=org, recorded_by=actor,
    )
    # The same event inspection.services.inspection_close appends, so statistics and the timeline read one action.
    event_append(
        case=case, actor=actor, profile=profile, action="inspection_closed", notify=False,
        payload={"closure": closure.pk, "outcome": Outcome.MEDIATED.value, "amount_recovered": str(total),
                 "workers": workers, "session": session.pk},
    )
    return closure


def joint_session_fail(
    *, session_id: int, actor, version: int | None, reason: str, minutes: str = ""
) -> JointMediationSession:
    """No agreement (or a party refused to come): the session ends and the inspection and arbitration tracks go on."""
    reason = inputs.reason(reason)
    with transaction.atomic():
        case, session, profile = _locked_session(session_id, actor, version)
        _require_session_actor(case, session, profile)
        if not can_proceed(session.fail):
            raise TransitionRefused(_("This session has already ended."), code="session_ended")
        session.fail()
        session.end_reason, session.ended_at, session.ended_by = reason, timezone.now(), actor
        fields = ["state", "end_reason", "ended_at", "ended_by", "updated_at"]
        if (minutes or "").strip():
            session.minutes = minutes.strip()
            fields.append("minutes")
        session.save(update_fields=fields)
        bump_version(case, [])
        _append(case, actor, profile, "joint_mediation_failed", session, reason=reason)
    return session


def joint_session_cancel(*, session_id: int, actor, version: int | None, reason: str) -> JointMediationSession:
    """Call off a session that has not been held."""
    reason = inputs.reason(reason)
    with transaction.atomic():
        case, session, profile = _locked_session(session_id, actor, version)
        _require_session_actor(case, session, profile)
        if not can_proceed(session.cancel):
            raise TransitionRefused(_("Only a scheduled session can be cancelled."), code="session_not_scheduled")
        session.cancel()
        session.end_reason, session.ended_at, session.ended_by = reason, timezone.now(), actor
        session.save(update_fields=["state", "end_reason", "ended_at", "ended_by", "updated_at"])
        bump_version(case, [])
        _append(case, actor, profile, "joint_mediation_cancelled", session, reason=reason)
    return session
