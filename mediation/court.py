"""Writes of union and court mediation (诉调对接, measure 13): entrust or refer a case to a mediation organisation,
accept or decline it, schedule and hold sessions, extend the period on the parties' agreement, record the
agreement (调解协议书) or the failure, apply for judicial confirmation and record the court's ruling, record
payments and payment orders (支付令), and convene and conclude joint consultations (会商).

Every service is keyword-only and one entry point: it locks the case at the client's version (a stale one is a
409), checks role AND organisation, appends the case event(s) and lets side effects (notifications) run after
commit; a refusal changes nothing. The stage moves through the case's lifecycle: the hand-off is a referral
(disputes.services.referral_*), the agreement and the confirmation are this track's steps (`agree`, `confirm`,
registered in mediation.court_registrations), a failure hands the case on by a referral to the entrusting court
or to an arbitration commission, carrying everything already on the case.

Clocks (deadlines/rules_data.py): accepting starts the 15-day period (LDMAL art 14), which only the parties'
recorded agreement extends; the agreement or the failure meets it; the agreement starts the 30 days to apply
for judicial confirmation, which the application meets. The referral's 3 working days to accept run as for
every hand-off.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role, StaffProfile, name_of
from deadlines.limitation import arbitration_limitation_restarted
from deadlines.services import clock_extend_on_record
from disputes.choices import CaseState, ReferralPurpose
from disputes.kit import inputs
from disputes.kit.guards import handles, require_handler
from disputes.kit.inputs import FieldErrors
from disputes.models import Case, Claim
from disputes.selectors import case_visible_to
from disputes.services import (
    bump_version,
    case_transition,
    event_append,
    lock_case,
    referral_accept,
    referral_decline,
    referral_offer,
)
from documents.builders import issue
from documents.models import NumberKind
from documents.numbering import next_number

from . import court_builders, court_selectors
from .court_models import (
    OPEN_FILE_STATES,
    Consultation,
    ConsultationCase,
    ConsultationParticipant,
    EntrustmentMode,
    FailureReason,
    JudicialConfirmation,
    MediationAgreement,
    MediationAgreementItem,
    MediationBody,
    MediationFile,
    MediationFileState,
    MediationRoom,
    MediationSession,
    MediationSessionState,
    NextStep,
    PaymentOrder,
    PaymentOrderResult,
    PeriodExtension,
    Ruling,
)

# Who refers or entrusts (of the organisation handling the case) and who mediates (of the mediation body).
REFERRING_ROLES = (Role.CLERK, Role.ARBITRATOR, Role.MEDIATOR, Role.SUPERVISOR)
MEDIATING_ROLES = (Role.MEDIATOR, Role.SUPERVISOR)
COURT_ROLES = (Role.CLERK, Role.MEDIATOR, Role.SUPERVISOR)
# The four bodies whose supervisors convene a joint consultation (会商).
CONSULTING_KINDS = (OrgKind.RIGHTS_CENTRE, OrgKind.INSPECTION, OrgKind.ARBITRATION, OrgKind.COURT, OrgKind.UNION,
                    OrgKind.MEDIATION)
ROOM_CONSTRAINT = "mediation_room_no_overlap"
MEDIATOR_CONSTRAINT = "mediation_mediator_no_overlap"
DOC_AGREEMENT = "mediation_agreement"
DOC_FAILURE = "mediation_failure"
DOC_CONFIRMATION_APPLICATION = "confirmation_application"
DOC_PAYMENT_ORDER_APPLICATION = "payment_order_application"


def _today() -> datetime.date:
    return timezone.localdate()


def _visible_or_404(actor, case_id: int | None, what=None) -> None:
    if case_id is None or not case_visible_to(actor, case_id):
        raise NotFound(what or _("No such case."))


def _locked_file(file_id: int, actor, version: int | None) -> tuple[Case, MediationFile]:
    case_id = MediationFile.objects.filter(pk=file_id).values_list("case_id", flat=True).first()
    _visible_or_404(actor, case_id, _("No such mediation file."))
    case = lock_case(case_id, version)
    file = MediationFile.objects.select_for_update(of=("self",)).select_related("body__organization").get(pk=file_id)
    return case, file


def _require_mediator(case: Case, file: MediationFile, profile) -> None:
    """The mediation body that accepted the file, a mediator or its supervisor, while it handles the case."""
    require_handler(case, profile, MEDIATING_ROLES)
    if profile.organization_id != file.body.organization_id:
        raise PermissionDenied(_("Only the mediation organisation of this file may take this action."))


def may_mediate(profile, case: Case, file: MediationFile) -> bool:
    return handles(case, profile, MEDIATING_ROLES) and profile.organization_id == file.body.organization_id


def _public(case, actor, profile, action, *, payload=None, reason="", reason_code=""):
    return event_append(case=case, actor=actor, profile=profile, action=action, payload=payload or {},
                        reason=reason, reason_code=reason_code, is_public=True)


# --- referral and entrustment ----------------------------------------------------------------------------


def mediation_refer(
    *, case_id: int, actor, version: int | None, body_id: int, note: str = "", court_case_number: str = "",
    mode: str = "",
) -> MediationFile:
    """Hand the case to a mediation organisation. From a court it is an entrustment (委派 before filing, 委托
    during the suit) and carries the court's own case number; from the window or arbitration a referral."""
    profile = staff_of(actor)
    errors = FieldErrors()
    _visible_or_404(actor, case_id)
    case = Case.objects.select_related("division", "employer").get(pk=case_id)
    # Only an organisation serving the case's area, and its industry or employer (court_selectors.bodies_for).
    body = court_selectors.bodies_for(case, referrer_org_id=profile.organization_id).filter(
        pk=inputs.count(body_id, "body", errors) or 0).first()
    if body is None and "body" not in errors:
        errors.add("body", _("Choose a mediation organisation serving this case's area and industry."))
    from_court = profile.organization.kind == OrgKind.COURT
    number = inputs.text(court_case_number, "court_case_number", errors, required=from_court, max_length=64,
                         missing=_("A court entrusts a case under its own case number."))
    if from_court and mode not in EntrustmentMode.values:
        errors.add("mode", _("Say whether the case is entrusted before filing or during the suit."))
    errors.raise_if_any()
    with transaction.atomic():
        case = lock_case(case_id, version)
        require_handler(case, profile, REFERRING_ROLES)
        if MediationFile.objects.filter(case=case, state__in=OPEN_FILE_STATES).exists():
            raise Conflict(_("This case is already with a mediation organisation."), code="mediation_open")
        referral = referral_offer(
            case_id=case.pk, actor=actor, to_org_id=body.organization_id, purpose=ReferralPurpose.MEDIATION,
            note=note, expected_version=case.version,
        )
        file = MediationFile.objects.create(
            case=case, body=body, referral=referral, created_by=actor,
            court=profile.organization if from_court else None,
            court_case_number=number if from_court else "", mode=mode if from_court else "",
        )
        case.refresh_from_db(fields=["version"])
        bump_version(case, [])
        _public(case, actor, profile, "mediation_entrusted" if from_court else "mediation_referred", payload={
            "file": file.pk, "body": body.organization.name, "court_case_number": file.court_case_number,
            "mode": file.mode, "referral": referral.pk,
        })
    return file


def mediation_accept(*, file_id: int, actor, mediator_id: int | None = None) -> MediationFile:
    """The mediation body takes the case (the referral's acceptance moves it to mediation and to the body) and
    names its mediator: the one given, else the person accepting when they are a mediator."""
    profile = staff_of(actor)
    with transaction.atomic():
        file = MediationFile.objects.select_for_update(of=("self",)).select_related("body").filter(pk=file_id).first()
        if file is None or profile.organization_id != file.body.organization_id:
            raise NotFound(_("No such mediation file."))
        if file.state != MediationFileState.OFFERED:
            raise Conflict(_("This referral has already been decided."), code="referral_decided")
        mediator = _mediator_of(file, mediator_id, actor, profile)
        referral_accept(referral_id=file.referral_id, actor=actor)
        file.accept()
        file.mediator, file.accepted_on = mediator, _today()
        file.save(update_fields=["state", "mediator", "accepted_on"])
        case = lock_case(file.case_id, None)
        bump_version(case, [])
        _public(case, actor, profile, "mediation_accepted", payload={
            "file": file.pk, "mediator": name_of(mediator), "body": file.body.organization.name,
        })
    return file


def _mediator_of(file: MediationFile, mediator_id, actor, profile):
    if mediator_id in (None, ""):
        if profile.role != Role.MEDIATOR:
            raise ValidationFailed(fields={"mediator": [_("Choose the mediator.")]})
        return actor
    chosen = StaffProfile.objects.select_related("user").filter(
        user_id=inputs.count(mediator_id, "mediator"), organization_id=file.body.organization_id,
        role=Role.MEDIATOR, user__is_active=True,
    ).first()
    if chosen is None:
        raise ValidationFailed(fields={"mediator": [_("Choose a mediator of this organisation.")]})
    return chosen.user


def mediation_file_open(*, case_id: int, actor, version: int | None) -> MediationFile:
    """Open the file of a case a mediation organisation already accepted by a plain referral (the case file's
    generic hand-off): the file takes that referral, and the accepting organisation mediates from here."""
    profile = staff_of(actor)
    _visible_or_404(actor, case_id)
    with transaction.atomic():
        case = lock_case(case_id, version)
        require_handler(case, profile, MEDIATING_ROLES)
        body = MediationBody.objects.filter(organization_id=profile.organization_id, is_active=True).first()
        if body is None:
            raise PermissionDenied(_("Only a mediation organisation mediates a case."))
        if case.status != CaseState.MEDIATION:
            raise TransitionRefused(_("Sessions are scheduled while the case is being mediated."), code="wrong_stage")
        if MediationFile.objects.filter(case=case, state__in=OPEN_FILE_STATES).exists():
            raise Conflict(_("This case is already with a mediation organisation."), code="mediation_open")
        referral = (case.referrals.filter(purpose=ReferralPurpose.MEDIATION, state="accepted",
                                          to_org_id=profile.organization_id, mediation_file__isnull=True)
                    .order_by("-decided_at").first())
        if referral is None:
            raise TransitionRefused(_("The case was not handed to this organisation for mediation."),
                                    code="no_referral")
        file = MediationFile.objects.create(
            case=case, body=body, referral=referral, created_by=actor, state=MediationFileState.MEDIATING,
            mediator=actor if profile.role == Role.MEDIATOR else None,
            accepted_on=timezone.localdate(referral.decided_at) if referral.decided_at else _today(),
        )
        bump_version(case, [])
        _public(case, actor, profile, "mediation_accepted", payload={
            "file": file.pk, "mediator": name_of(actor), "body": body.organization.name,
        })
    return file


def mediation_decline(*, file_id: int, actor, code: str, reason: str = "") -> MediationFile:
    """The mediation body declines (a coded reason); the case stays with whoever referred it."""
    profile = staff_of(actor)
    with transaction.atomic():
        file = MediationFile.objects.select_for_update(of=("self",)).select_related("body").filter(pk=file_id).first()
        if file is None or profile.organization_id != file.body.organization_id:
            raise NotFound(_("No such mediation file."))
        if file.state != MediationFileState.OFFERED:
            raise Conflict(_("This referral has already been decided."), code="referral_decided")
        referral_decline(referral_id=file.referral_id, actor=actor, code=code, reason=reason)
        file.decline()
        file.save(update_fields=["state"])
    return file


# --- sessions --------------------------------------------------------------------------------------------


def _check_free(room, mediator_id, starts_at, ends_at, exclude=None) -> None:
    overlapping = MediationSession.objects.filter(
        state=MediationSessionState.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    if overlapping.filter(room=room).exists():
        message = _("Room %(room)s is booked for an overlapping time.") % {"room": room.name}
        raise Conflict(message, code="room_booked", fields={"room": [message]})
    if overlapping.filter(mediator_id=mediator_id).exists():
        message = _("The mediator has another session at an overlapping time.")
        raise Conflict(message, code="mediator_booked", fields={"mediator": [message]})


def mediation_session_schedule(
    *, file_id: int, actor, version: int | None, room_id: int, starts_at, ends_at, mediator_id: int | None = None,
) -> MediationSession:
    """Book a room and a mediator for a session; the parties see its time and place on their status page."""
    errors = FieldErrors()
    starts_at = inputs.moment(starts_at, "starts_at", errors)
    ends_at = inputs.moment(ends_at, "ends_at", errors)
    if starts_at and ends_at and ends_at <= starts_at:
        errors.add("ends_at", _("The session must end after it starts."))
    # Earlier today is allowed: parties who come to the room are often mediated at once, and the session is
    # recorded as it happened.
    if starts_at and timezone.localdate(starts_at) < timezone.localdate():
        errors.add("starts_at", _("The session cannot be scheduled in the past."))
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case, file = _locked_file(file_id, actor, version)
        _require_mediator(case, file, profile)
        if file.state != MediationFileState.MEDIATING:
            raise TransitionRefused(_("Sessions are scheduled while the case is being mediated."), code="wrong_stage")
        room = MediationRoom.objects.filter(pk=room_id, organization_id=file.body.organization_id,
                                            is_active=True).first()
        if room is None:
            raise ValidationFailed(fields={"room": [_("Choose a room of this mediation organisation.")]})
        mediator = file.mediator if mediator_id in (None, "") else _mediator_of(file, mediator_id, actor, profile)
        if mediator is None:
            raise ValidationFailed(fields={"mediator": [_("Choose the mediator.")]})
        # SQLite: checked under its single write lock; PostgreSQL: the exclusion constraints decide.
        _check_free(room, mediator.pk, starts_at, ends_at)
        try:
            with transaction.atomic():
                session = MediationSession.objects.create(
                    file=file, case=case, room=room, mediator=mediator, starts_at=starts_at, ends_at=ends_at,
                    created_by=actor,
                )
        except IntegrityError as exc:
            text = str(exc)
            if MEDIATOR_CONSTRAINT in text:
                message = _("The mediator was booked for an overlapping time a moment ago.")
                raise Conflict(message, code="mediator_booked", fields={"mediator": [message]}) from None
            if ROOM_CONSTRAINT in text:
                message = _("Room %(room)s was booked for an overlapping time a moment ago.") % {"room": room.name}
                raise Conflict(message, code="room_booked", fields={"room": [message]}) from None
            raise
        bump_version(case, [])
        _public(case, actor, profile, "mediation_session_scheduled", payload={
            "session": session.pk, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(),
            "room": room.name, "place": file.body.address or file.body.organization.name, "mediator": name_of(mediator),
        })
    return session


def _locked_session(session_id: int, actor, version):
    case_id = MediationSession.objects.filter(pk=session_id).values_list("case_id", flat=True).first()
    _visible_or_404(actor, case_id, _("No such mediation session."))
    case = lock_case(case_id, version)
    session = MediationSession.objects.select_for_update(of=("self",)).select_related(
        "file__body__organization", "room").get(pk=session_id)
    return case, session


def mediation_session_hold(
    *, session_id: int, actor, version: int | None, worker_present: bool, employer_present: bool,
    worker_position: str = "", employer_position: str = "", proposal: str = "",
) -> MediationSession:
    """Record the session as held: who attended, what each party holds, what was proposed."""
    profile = staff_of(actor)
    with transaction.atomic():
        case, session = _locked_session(session_id, actor, version)
        _require_mediator(case, session.file, profile)
        if session.state != MediationSessionState.SCHEDULED:
            raise Conflict(_("This session is no longer scheduled."), code="session_not_scheduled")
        if session.starts_at > timezone.now():
            raise TransitionRefused(_("A session is recorded as held once it has begun."), code="not_yet")
        session.state = MediationSessionState.HELD
        session.worker_present, session.employer_present = bool(worker_present), bool(employer_present)
        session.worker_position = inputs.stripped(worker_position)
        session.employer_position = inputs.stripped(employer_position)
        session.proposal = inputs.stripped(proposal)
        session.save()
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="mediation_session_held", payload={
            "session": session.pk, "worker_present": session.worker_present,
            "employer_present": session.employer_present,
        })
    return session


def mediation_session_cancel(*, session_id: int, actor, version: int | None, reason: str) -> MediationSession:
    reason = inputs.text(reason, "reason")
    profile = staff_of(actor)
    with transaction.atomic():
        case, session = _locked_session(session_id, actor, version)
        _require_mediator(case, session.file, profile)
        if session.state != MediationSessionState.SCHEDULED:
            raise Conflict(_("This session is no longer scheduled."), code="session_not_scheduled")
        session.state, session.cancel_reason = MediationSessionState.CANCELLED, reason
        session.save(update_fields=["state", "cancel_reason"])
        bump_version(case, [])
        _public(case, actor, profile, "mediation_session_cancelled", reason=reason, payload={"session": session.pk})
    return session


def mediation_period_extend(
    *, file_id: int, actor, version: int | None, agreed_on, record: str,
) -> PeriodExtension:
    """Extend the 15-day period once, on the parties' recorded agreement (the only ground the rule accepts)."""
    errors = FieldErrors()
    agreed_on = inputs.date(agreed_on, "agreed_on", errors, not_future=True)
    record = inputs.text(record, "record", errors, missing=_("Record what the parties agreed."))
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case, file = _locked_file(file_id, actor, version)
        _require_mediator(case, file, profile)
        if file.state != MediationFileState.MEDIATING:
            raise TransitionRefused(_("The period is extended while the case is being mediated."), code="wrong_stage")
        reason = _("Both parties agreed on %(date)s: %(record)s") % {"date": agreed_on.isoformat(), "record": record}
        clock = clock_extend_on_record(case=case, rule_code="mediation", actor=actor, profile=profile, reason=reason)
        extension = PeriodExtension.objects.create(
            file=file, agreed_on=agreed_on, days=clock.rule.extension_length, record=record, recorded_by=actor
        )
        bump_version(case, [])
        _public(case, actor, profile, "mediation_period_extended", payload={
            "file": file.pk, "days": extension.days, "due_on": clock.due_on and clock.due_on.isoformat(),
        })
    return extension


# --- outcome ---------------------------------------------------------------------------------------------


def _agreement_items(case: Case, items, errors: FieldErrors) -> list[tuple[Claim, Decimal | None, datetime.date | None]]:
    claims = {c.pk: c for c in Claim.objects.filter(case=case)}
    out, seen = [], set()
    for number, item in enumerate(items or (), start=1):
        row = FieldErrors()
        claim = claims.get(inputs.count((item or {}).get("claim_id"), "claim_id", row) or 0)
        if claim is None and not row:
            row.add("claim_id", _("Choose a claim of this case."))
        amount = inputs.optional_money(item.get("amount"), "amount", row)
        due_on = item.get("due_on")
        due_on = inputs.date(due_on, "due_on", row) if due_on not in (None, "") else None
        if amount is not None and due_on is None:
            row.add("due_on", _("Say by when the sum is paid."))
        if claim is not None and claim.pk in seen:
            row.add("claim_id", _("Each claim is settled once."))
        if row:
            errors.add_numbered("items", number, row)
            continue
        seen.add(claim.pk)
        out.append((claim, amount, due_on))
    if not out and "items" not in errors:
        errors.add("items", _("Say what the agreement settles, claim by claim."))
    return out


def mediation_agree(
    *, file_id: int, actor, version: int | None, agreed_on, worker_signed_on, employer_signed_on, items,
    terms: str = "",
) -> MediationAgreement:
    """Record the agreement both parties signed: per claim the sum and its payment date. It settles the claims
    it covers, issues the 调解协议书 and moves the case on to judicial confirmation (`agree`)."""
    errors = FieldErrors()
    agreed_on = inputs.date(agreed_on, "agreed_on", errors, not_future=True)
    worker_signed_on = inputs.date(worker_signed_on, "worker_signed_on", errors, not_future=True)
    employer_signed_on = inputs.date(employer_signed_on, "employer_signed_on", errors, not_future=True)
    for name, day in (("worker_signed_on", worker_signed_on), ("employer_signed_on", employer_signed_on)):
        if agreed_on and day and day < agreed_on:
            errors.add(name, _("A party signs on or after the day of the agreement."))
    profile = staff_of(actor)
    with transaction.atomic():
        case, file = _locked_file(file_id, actor, version)
        rows = _agreement_items(case, items, errors)
        errors.raise_if_any()
        _require_mediator(case, file, profile)
        if file.state != MediationFileState.MEDIATING or case.status != CaseState.MEDIATION:
            raise TransitionRefused(_("An agreement is recorded while the case is being mediated."), code="wrong_stage")
        if not file.sessions.filter(state=MediationSessionState.HELD).exists():
            raise TransitionRefused(_("Record the session in which the parties agreed first."), code="no_session")
        total = sum((amount for _c, amount, _d in rows if amount is not None), Decimal("0.00"))
        # The organisation's own series; none entered refuses the agreement (numbering_not_configured).
        number = next_number(issuer=file.body.organization, kind=NumberKind.MEDIATION_AGREEMENT, year=agreed_on.year)
        agreement = MediationAgreement.objects.create(
            file=file, number=number, agreed_on=agreed_on, worker_signed_on=worker_signed_on,
            employer_signed_on=employer_signed_on, terms=inputs.stripped(terms), total=total, recorded_by=actor,
        )
        MediationAgreementItem.objects.bulk_create(
            MediationAgreementItem(agreement=agreement, claim=claim, amount=amount, due_on=due_on)
            for claim, amount, due_on in rows
        )
        file.agree()
        file.save(update_fields=["state"])
        case = case_transition(case_id=case.pk, action="agree", actor=actor, expected_version=case.version,
                               via_service=True)
        agreement.document = issue(case, DOC_AGREEMENT, court_builders.mediation_agreement(agreement), actor)
        agreement.save(update_fields=["document"])
        bump_version(case, [])
        _public(case, actor, profile, "mediation_agreed", payload={
            "file": file.pk, "agreement": agreement.pk, "total": str(total),
            "payments": [{"claim": c.pk, "amount": str(a), "due_on": d.isoformat()} for c, a, d in rows if a is not None],
        })
    return agreement


def mediation_fail(
    *, file_id: int, actor, version: int | None, code: str, record: str, next_step: str, to_org_id: int | None = None,
) -> MediationFile:
    """Record that the mediation failed (a coded reason and a short record), issue the 调解终止书, restart the
    arbitration limitation it interrupted, and hand the case on: back to the entrusting court, or on to an
    arbitration commission, each by a referral that carries everything already on the case."""
    errors = FieldErrors()
    if code not in FailureReason.values:
        errors.add("code", _("Choose why the mediation failed."))
    record = inputs.text(record, "record", errors, missing=_("Write a short record of why it failed."))
    if next_step not in NextStep.values:
        errors.add("next_step", _("Say where the case goes now."))
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case, file = _locked_file(file_id, actor, version)
        _require_mediator(case, file, profile)
        if file.state != MediationFileState.MEDIATING or case.status != CaseState.MEDIATION:
            raise TransitionRefused(_("A failure is recorded while the case is being mediated."), code="wrong_stage")
        if next_step == NextStep.COURT:
            if file.court_id is None:
                raise ValidationFailed(fields={"next_step": [_("No court entrusted this case.")]})
            to_org, purpose = file.court, ReferralPurpose.LITIGATION
        else:
            to_org = Organization.objects.filter(pk=to_org_id or 0, kind=OrgKind.ARBITRATION, is_active=True).first()
            if to_org is None:
                raise ValidationFailed(fields={"to_org": [_("Choose the arbitration commission.")]})
            purpose = ReferralPurpose.ARBITRATION
        today = _today()
        file.fail()
        file.failure_code, file.failure_record, file.failed_on, file.next_step = code, record, today, next_step
        file.failure_number = next_number(issuer=file.body.organization, kind=NumberKind.MEDIATION_FAILURE,
                                          year=today.year)
        _interrupt_limitation(case, file, actor, profile, today)
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="mediation_failed", reason_code=code,
                     reason=record, is_public=True, payload={"file": file.pk, "next_step": next_step,
                                                            "to_org_name": to_org.name})
        issue(case, DOC_FAILURE, court_builders.mediation_failure(file, to_org), actor)
        file.next_referral = referral_offer(
            case_id=case.pk, actor=actor, to_org_id=to_org.pk, purpose=purpose, expected_version=case.version,
            note=_("Mediation failed (%(code)s): %(record)s") % {"code": FailureReason(code).label, "record": record},
        )
        file.save(update_fields=["state", "failure_code", "failure_record", "failed_on", "next_step", "next_referral",
                                 "failure_number"])
    return file


def _interrupt_limitation(case: Case, file: MediationFile, actor, profile, today: datetime.date) -> None:
    """LDMAL art 27(2): the mediation interrupted the arbitration limitation; it runs anew from its end."""
    old = case.arbitration_limitation_ends_on
    if old is None:
        return  # no limitation runs (wages while employed): nothing to restart
    new = arbitration_limitation_restarted(interrupted_until=today, today=today)
    if new <= old:
        return
    case.arbitration_limitation_ends_on = new
    bump_version(case, ["arbitration_limitation_ends_on"])
    event_append(case=case, actor=actor, profile=profile, action="limitation_interrupted", notify=False, payload={
        "from": file.accepted_on.isoformat() if file.accepted_on else "", "until": today.isoformat(),
        "old_ends_on": old.isoformat(), "ends_on": new.isoformat(),
    })


# --- after the agreement ---------------------------------------------------------------------------------


def _locked_agreement(agreement_id: int, actor, version):
    case_id = MediationAgreement.objects.filter(pk=agreement_id).values_list("file__case_id", flat=True).first()
    _visible_or_404(actor, case_id, _("No such agreement."))
    case = lock_case(case_id, version)
    agreement = MediationAgreement.objects.select_related("file__body", "file__court").get(pk=agreement_id)
    return case, agreement


def _court(court_id, errors: FieldErrors) -> Organization | None:
    court = Organization.objects.filter(pk=court_id or 0, kind=OrgKind.COURT, is_active=True).first()
    if court is None:
        errors.add("court", _("Choose the court."))
    return court


def confirmation_apply(
    *, agreement_id: int, actor, version: int | None, court_id: int, applied_on,
) -> JudicialConfirmation:
    """Record the parties' joint application for judicial confirmation (人民调解法 art 33) to the entrusting court
    or a competent basic court; the court receives the case by a referral and records its ruling."""
    errors = FieldErrors()
    applied_on = inputs.date(applied_on, "applied_on", errors, not_future=True)
    court = _court(court_id, errors)
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case, agreement = _locked_agreement(agreement_id, actor, version)
        _require_mediator(case, agreement.file, profile)
        if case.status != CaseState.CONFIRMATION:
            raise TransitionRefused(_("Judicial confirmation follows an agreement."), code="wrong_stage")
        if applied_on < agreement.agreed_on:
            raise ValidationFailed(fields={"applied_on": [_("The application follows the agreement.")]})
        referral = referral_offer(case_id=case.pk, actor=actor, to_org_id=court.pk,
                                  purpose=ReferralPurpose.JUDICIAL_CONFIRMATION, expected_version=case.version)
        confirmation = JudicialConfirmation.objects.create(
            agreement=agreement, court=court, referral=referral, applied_on=applied_on, recorded_by=actor
        )
        # The application itself (司法确认申请书), made from the agreement: the parties sign it and file it.
        issue(case, DOC_CONFIRMATION_APPLICATION, court_builders.confirmation_application(confirmation), actor)
        case.refresh_from_db(fields=["version"])
        bump_version(case, [])
        _public(case, actor, profile, "confirmation_applied", payload={
            "confirmation": confirmation.pk, "court": court.name, "applied_on": applied_on.isoformat(),
        })
    return confirmation


def confirmation_rule(
    *, confirmation_id: int, actor, version: int | None, ruling: str, ruled_on, court_case_number: str,
    reasons: str = "",
) -> JudicialConfirmation:
    """The court records its ruling. Confirmed: the agreement is enforceable and the case closes (`confirm`).
    Not confirmed: the reasons are recorded and the case stays with the court, in litigation (`refuse_confirmation`),
    from where the parties may sue, change the agreement or be entrusted to mediation again."""
    errors = FieldErrors()
    if ruling not in Ruling.values:
        errors.add("ruling", _("Choose the ruling."))
    ruled_on = inputs.date(ruled_on, "ruled_on", errors, not_future=True)
    number = inputs.text(court_case_number, "court_case_number", errors, max_length=64)
    if ruling == Ruling.NOT_CONFIRMED and not inputs.stripped(reasons):
        errors.add("reasons", _("Say why the agreement is not confirmed."))
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case_id = JudicialConfirmation.objects.filter(pk=confirmation_id).values_list(
            "agreement__file__case_id", flat=True).first()
        _visible_or_404(actor, case_id, _("No such application."))
        case = lock_case(case_id, version)
        confirmation = JudicialConfirmation.objects.select_for_update(of=("self",)).select_related(
            "referral").get(pk=confirmation_id)
        if profile.organization_id != confirmation.court_id or profile.role not in COURT_ROLES:
            raise PermissionDenied(_("Only the court applied to records its ruling."))
        if confirmation.ruling:
            raise Conflict(_("The ruling is already recorded."), code="ruling_recorded")
        if confirmation.referral.state == "offered":
            # Ruling on it is taking it: the court accepts the hand-off first, in this transaction.
            referral_accept(referral_id=confirmation.referral_id, actor=actor)
            case = lock_case(case_id, None)
        confirmation.ruling, confirmation.ruled_on = ruling, ruled_on
        confirmation.court_case_number, confirmation.reasons = number, inputs.stripped(reasons)
        confirmation.ruled_by = actor
        confirmation.save()
        if ruling == Ruling.CONFIRMED:
            case = case_transition(case_id=case.pk, action="confirm", actor=actor, expected_version=case.version,
                                   via_service=True)
        else:
            case = case_transition(case_id=case.pk, action="refuse_confirmation", actor=actor,
                                   expected_version=case.version, via_service=True, reason=confirmation.reasons)
        bump_version(case, [])
        _public(case, actor, profile, "confirmation_ruled", reason=confirmation.reasons, payload={
            "confirmation": confirmation.pk, "ruling": ruling, "court_case_number": number,
        })
    return confirmation


def _require_follow_up(case: Case, agreement: MediationAgreement, profile) -> None:
    """The mediation body, a court of the case (entrusting or confirming), or whoever handles the case now."""
    orgs = {agreement.file.body.organization_id, case.owner_org_id, agreement.file.court_id,
            *agreement.confirmations.values_list("court_id", flat=True)}
    if profile.organization_id not in orgs or profile.role not in (*COURT_ROLES, Role.ARBITRATOR):
        raise PermissionDenied(_("Only the mediation organisation or the court of this agreement may record this."))


def agreement_payment_record(*, item_id: int, actor, version: int | None, paid_on) -> MediationAgreementItem:
    paid_on = inputs.date(paid_on, "paid_on", not_future=True)
    profile = staff_of(actor)
    with transaction.atomic():
        agreement_id = MediationAgreementItem.objects.filter(pk=item_id).values_list("agreement_id", flat=True).first()
        if agreement_id is None:
            raise NotFound()
        case, agreement = _locked_agreement(agreement_id, actor, version)
        _require_follow_up(case, agreement, profile)
        item = MediationAgreementItem.objects.select_for_update(of=("self",)).get(pk=item_id)
        if item.paid_on:
            raise Conflict(_("This payment is already recorded."), code="payment_recorded")
        item.paid_on = paid_on
        item.save(update_fields=["paid_on"])
        bump_version(case, [])
        _public(case, actor, profile, "agreement_payment_recorded", payload={
            "item": item.pk, "amount": str(item.amount) if item.amount is not None else "", "paid_on": paid_on.isoformat(),
        })
    return item


def payment_order_apply(
    *, agreement_id: int, actor, version: int | None, court_id: int, applied_on, amount=None,
) -> PaymentOrder:
    """The worker applied for a payment order on the unpaid part of an agreement on pay, injury costs or
    severance (LDMAL art 16)."""
    errors = FieldErrors()
    applied_on = inputs.date(applied_on, "applied_on", errors, not_future=True)
    # Left out, the sum claimed is every overdue sum of the agreement: nothing is typed again.
    amount = inputs.money(amount, "amount", errors, allow_zero=False) if amount not in (None, "") else None
    court = _court(court_id, errors)
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        case, agreement = _locked_agreement(agreement_id, actor, version)
        _require_follow_up(case, agreement, profile)
        unpaid = list(agreement.items.filter(paid_on__isnull=True, amount__isnull=False, due_on__lt=applied_on)
                      .select_related("claim").order_by("id"))
        if not unpaid:
            raise TransitionRefused(_("A payment order is applied for when a sum is overdue."), code="nothing_overdue")
        overdue = sum((item.amount for item in unpaid), Decimal("0.00"))
        if amount is not None and amount > overdue:
            raise ValidationFailed(fields={"amount": [
                _("At most the overdue sums of the agreement: %(total)s yuan.") % {"total": overdue}]})
        order = PaymentOrder.objects.create(agreement=agreement, court=court, applied_on=applied_on,
                                            amount=amount or overdue, recorded_by=actor)
        issue(case, DOC_PAYMENT_ORDER_APPLICATION, court_builders.payment_order_application(order, unpaid), actor)
        bump_version(case, [])
        _public(case, actor, profile, "payment_order_applied", payload={
            "order": order.pk, "court": court.name, "amount": str(order.amount),
        })
    return order


def payment_order_record(
    *, order_id: int, actor, version: int | None, order_number: str = "", issued_on=None, result: str = "",
    result_on=None,
) -> PaymentOrder:
    """The court records its order (number, date) and, later, what came of it."""
    errors = FieldErrors()
    issued_on = inputs.date(issued_on, "issued_on", errors, not_future=True) if issued_on not in (None, "") else None
    result_on = inputs.date(result_on, "result_on", errors, not_future=True) if result_on not in (None, "") else None
    if result and result not in PaymentOrderResult.values:
        errors.add("result", _("Choose the result."))
    if result and result_on is None:
        errors.add("result_on", _("Enter a date."))
    errors.raise_if_any()
    profile = staff_of(actor)
    with transaction.atomic():
        agreement_id = PaymentOrder.objects.filter(pk=order_id).values_list("agreement_id", flat=True).first()
        if agreement_id is None:
            raise NotFound()
        case, agreement = _locked_agreement(agreement_id, actor, version)
        order = PaymentOrder.objects.select_for_update(of=("self",)).get(pk=order_id)
        if profile.organization_id != order.court_id or profile.role not in COURT_ROLES:
            raise PermissionDenied(_("Only the court applied to records its order."))
        if issued_on is not None:
            if not inputs.stripped(order_number):
                raise ValidationFailed(fields={"order_number": [_("Enter the order's number.")]})
            order.order_number, order.issued_on = inputs.stripped(order_number)[:64], issued_on
        if result:
            order.result, order.result_on = result, result_on
            if result == PaymentOrderResult.PAID:
                agreement.items.filter(paid_on__isnull=True, amount__isnull=False).update(paid_on=result_on)
        order.save()
        bump_version(case, [])
        _public(case, actor, profile, "payment_order_recorded", payload={
            "order": order.pk, "order_number": order.order_number, "result": order.result,
        })
    return order


# --- joint consultation (会商) ----------------------------------------------------------------------------


def consultation_convene(
    *, actor, title: str, agenda: str, held_at, place: str, participant_ids, case_ids,
) -> Consultation:
    """A supervisor convenes a consultation on major or complex cases with participants of several bodies; each
    linked case gets a timeline entry, and the participants' organisations read the linked cases."""
    profile = staff_of(actor)
    if profile.role != Role.SUPERVISOR or profile.organization.kind not in CONSULTING_KINDS:
        raise PermissionDenied(_("A supervisor of the window, inspection, arbitration, the court or the union "
                                 "convenes a consultation."))
    errors = FieldErrors()
    title = inputs.text(title, "title", errors, max_length=200)
    agenda = inputs.text(agenda, "agenda", errors)
    held_at = inputs.moment(held_at, "held_at", errors)
    place = inputs.text(place, "place", errors, max_length=200)
    people = inputs.ids(participant_ids, "participants", errors)
    cases = inputs.ids(case_ids, "cases", errors)
    errors.raise_if_any()
    profiles = list(StaffProfile.objects.filter(user_id__in=people, user__is_active=True).select_related("user"))
    if len(profiles) != len(people):
        errors.add("participants", _("Choose members of staff from the list."))
    if len({p.organization_id for p in profiles} | {profile.organization_id}) < 2:
        errors.add("participants", _("A consultation brings together participants of several organisations."))
    if not cases:
        errors.add("cases", _("Link at least one case."))
    for case_id in cases:
        if not case_visible_to(actor, case_id):
            errors.add("cases", _("No such case."))
            break
    errors.raise_if_any()
    with transaction.atomic():
        consultation = Consultation.objects.create(
            title=title, agenda=agenda, held_at=held_at, place=place, convened_by=actor,
            convener_org=profile.organization,
        )
        ConsultationParticipant.objects.bulk_create(
            [ConsultationParticipant(consultation=consultation, user=actor, organization=profile.organization)]
            + [ConsultationParticipant(consultation=consultation, user=p.user, organization_id=p.organization_id)
               for p in profiles if p.user_id != actor.pk]
        )
        # Cases locked in id order, as every multi-case write does, so two consultations never deadlock.
        for case_id in sorted(cases):
            case = lock_case(case_id, None)
            ConsultationCase.objects.create(consultation=consultation, case=case)
            bump_version(case, [])
            event_append(case=case, actor=actor, profile=profile, action="consultation_convened", notify=False,
                         payload={"consultation": consultation.pk, "title": title, "held_at": held_at.isoformat()})
    return consultation


def consultation_conclude(
    *, consultation_id: int, actor, minutes: str, conclusions: str, next_steps, opinions=None,
) -> Consultation:
    """Record the minutes and conclusions, each participant's opinion, and per linked case its next step (what,
    by whom, by when), appended to that case's timeline and shown to the organisation that is to do it."""
    profile = staff_of(actor)
    errors = FieldErrors()
    minutes = inputs.text(minutes, "minutes", errors)
    conclusions = inputs.text(conclusions, "conclusions", errors)
    errors.raise_if_any()
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
        if consultation is None or not consultation.participants.filter(organization_id=profile.organization_id).exists():
            raise NotFound()
        if consultation.convened_by_id != actor.pk:
            raise PermissionDenied(_("The convener records the conclusions."))
        if consultation.concluded_at:
            raise Conflict(_("The conclusions are already recorded."), code="concluded")
        links = {link.case_id: link for link in consultation.cases.all()}
        steps = {}
        for number, step in enumerate(next_steps or (), start=1):
            row = FieldErrors()
            link = links.get(inputs.count((step or {}).get("case_id"), "case_id", row) or 0)
            if link is None and not row:
                row.add("case_id", _("Choose a case linked to this consultation."))
            text = inputs.text(step.get("text"), "text", row)
            org = Organization.objects.filter(pk=step.get("org_id") or 0, is_active=True).first()
            if org is None:
                row.add("org_id", _("Choose an active organisation."))
            due = inputs.date(step.get("due_on"), "due_on", row)
            if row:
                errors.add_numbered("next_steps", number, row)
            else:
                steps[link.case_id] = (link, text, org, due)
        errors.raise_if_any()
        for user_id, text in (opinions or {}).items():
            consultation.participants.filter(user_id=int(user_id)).update(opinion=inputs.stripped(text))
        consultation.minutes, consultation.conclusions = minutes, conclusions
        consultation.concluded_at = timezone.now()
        consultation.save(update_fields=["minutes", "conclusions", "concluded_at"])
        for case_id in sorted(steps):
            link, text, org, due = steps[case_id]
            case = lock_case(case_id, None)
            link.next_step, link.responsible_org, link.due_on = text, org, due
            link.save(update_fields=["next_step", "responsible_org", "due_on"])
            bump_version(case, [])
            event_append(case=case, actor=actor, profile=profile, action="consultation_next_step", payload={
                "consultation": consultation.pk, "title": consultation.title, "text": text, "org": org.name,
                # The step's clock (deadlines: consultation_next_step) is due that day and the named
                # organisation answers for it.
                "due_on": due.isoformat(), "clock_org": org.pk, "link": link.pk,
            })
    return consultation


def consultation_step_done(*, link_id: int, actor, version: int | None = None, note: str = "") -> ConsultationCase:
    """The organisation a consultation named records its next step on a case as done: the step's clock is met."""
    profile = staff_of(actor)
    note = inputs.text(note, "note", required=False, max_length=2000)
    with transaction.atomic():
        case_id = ConsultationCase.objects.filter(pk=link_id).values_list("case_id", flat=True).first()
        _visible_or_404(actor, case_id, _("No such next step."))
        case = lock_case(case_id, version)
        link = ConsultationCase.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=link_id)
        if not link.next_step:
            raise Conflict(_("The consultation has set no next step on this case yet."), code="no_next_step")
        if profile.organization_id != link.responsible_org_id:
            raise PermissionDenied(_("Only the organisation the consultation named records its next step."))
        if link.done_on:
            raise Conflict(_("This next step is already recorded as done."), code="step_done")
        link.done_on, link.done_note = _today(), note
        link.save(update_fields=["done_on", "done_note"])
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="consultation_step_done", payload={
            "consultation": link.consultation_id, "title": link.consultation.title, "text": link.next_step,
            "link": link.pk, "note": note,
        })
    return link
