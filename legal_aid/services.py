"""Legal-aid station actions, one entry point per change (法律援助法; 办理法律援助案件程序规定 2023).

Each one resolves the actor's staff profile, locks the referral and then the case, refuses a stale aid-file
`version` (409), lets only the station the referral was accepted by act (its legal-aid officers and
supervisors), writes the aid file, appends a case event (the clocks react to it in the same transaction:
legal_aid_review, legal_aid_assignment, legal_aid_agreement) and issues the official document inside the
transaction; the worker's notification is sent after commit (disputes.services.event_append).

The aid file runs beside the case: nothing here moves the case's stage or owner.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Role, name_of
from disputes.choices import ReferralPurpose, ReferralState
from disputes.kit import inputs
from disputes.kit.inputs import FieldErrors
from disputes.models import CaseEvent, Referral
from disputes.services import bump_version, event_append, lock_case
from documents import builders
from documents.models import NumberKind
from documents.numbering import next_number

from . import eligibility
from .models import (
    CHECKLIST,
    AidFile,
    AidOutcome,
    AidState,
    Category,
    LawyerAssignment,
    PartnerLawyer,
    WorkEntry,
    WorkKind,
)

STATION_ROLES = (Role.LEGAL_AID, Role.SUPERVISOR)
DOC_DECISION = "legal_aid_decision"
DOC_AGREEMENT = "legal_aid_agreement"


def _today() -> datetime.date:
    return timezone.localdate()


def aid_file_open(*, referral_id: int, case, on: datetime.date) -> AidFile:
    """The aid file of a legal-aid referral just accepted (a building block: the acceptance's transaction holds
    the case)."""
    referral = Referral.objects.only("pk", "to_org_id").get(pk=referral_id)
    aid_file, _created = AidFile.objects.get_or_create(
        referral_id=referral_id, defaults={"case": case, "station_id": referral.to_org_id, "received_on": on},
    )
    return aid_file


def aid_application_register(*, case, actor, profile, on: datetime.date) -> AidFile:
    """A worker applied at the station directly (a complaint the station registered, channel "legal aid", with
    the window's checks): the application is recorded as the station's own accepted legal-aid hand-off, so it
    follows the same aid file as a referral. A building block of the registration's transaction."""
    now = timezone.now()
    referral = Referral.objects.create(
        case=case, from_org_id=profile.organization_id, to_org_id=profile.organization_id,
        purpose=ReferralPurpose.LEGAL_AID, state=ReferralState.ACCEPTED, note=_("Applied at the station."),
        offered_by=actor, decided_by=actor, decided_at=now,
    )
    return AidFile.objects.create(referral=referral, case=case, station_id=profile.organization_id, received_on=on)


def _open(referral_id: int, actor, version: int | None, *, lawyer_step: bool = False):
    """(profile, referral, case, aid file) locked in this order, after the station's guard and version check.

    A partner firm's lawyer with a login of the station takes only the lawyer's steps (`lawyer_step`: the client
    agreement, the work, the outcome), on the files assigned to them. The aid file is opened on the first step
    after acceptance (received on the day the referral was accepted)."""
    profile = staff_of(actor)
    if PartnerLawyer.objects.filter(user_id=actor.pk).exists():
        if not LawyerAssignment.objects.filter(referral_id=referral_id, ended_at__isnull=True,
                                               partner__user_id=actor.pk).exists():
            raise NotFound()
        if not lawyer_step:
            raise PermissionDenied(_("A law firm's lawyer records the client agreement, the work and the outcome; "
                                     "the station decides, assigns and closes."))
    referral = (
        Referral.objects.select_for_update(of=("self",)).select_related("to_org")
        .filter(pk=referral_id, purpose=ReferralPurpose.LEGAL_AID).first()
    )
    if referral is None:
        raise NotFound()
    if profile.organization_id != referral.to_org_id or profile.role not in STATION_ROLES:
        raise PermissionDenied(_("Only the legal-aid station that accepted the referral may act on its aid file."))
    if referral.state != ReferralState.ACCEPTED:
        raise Conflict(_("The referral has not been accepted."), code="referral_not_accepted")
    case = lock_case(referral.case_id, None)
    aid_file = AidFile.objects.select_for_update().filter(referral=referral).first()
    if aid_file is None:
        received = timezone.localdate(referral.decided_at) if referral.decided_at else _today()
        aid_file = AidFile.objects.create(referral=referral, case=case, station_id=referral.to_org_id,
                                          received_on=received)
    if version is not None and aid_file.version != version:
        raise Conflict(fields={"version": aid_file.version})
    aid_file.case = case
    aid_file.station = referral.to_org
    return profile, referral, case, aid_file


def _save(aid_file: AidFile, fields: list[str]) -> None:
    AidFile.objects.filter(pk=aid_file.pk).update(version=F("version") + 1, **{f: getattr(aid_file, f) for f in fields})
    aid_file.version += 1


def _event(*, case, actor, profile, referral, action: str, public: bool = True, **payload) -> CaseEvent:
    bump_version(case, [])
    # clock_org: the station answers for the clocks its aid file starts (deadlines.services).
    return event_append(case=case, actor=actor, profile=profile, action=action, is_public=public,
                        payload={"referral": referral.pk, "clock_org": referral.to_org_id, **payload})


def _require_state(aid_file: AidFile, *states, message) -> None:
    if aid_file.state not in states:
        raise Conflict(message, code="aid_state")


# --- review --------------------------------------------------------------------------------------------


def aid_materials_request(*, referral_id: int, actor, version: int | None = None, note: str) -> AidFile:
    """Ask the applicant for missing materials: the review clock stops until they come (arts 19-20)."""
    note = inputs.text(note, "note", label=_("What is missing"), max_length=2000)
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.REVIEW, message=_("Materials can be requested only during the review."))
        aid_file.state = AidState.MATERIALS
        _save(aid_file, ["state"])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_materials_requested",
               note=note)
    return aid_file


def aid_materials_receive(*, referral_id: int, actor, version: int | None = None) -> AidFile:
    """The applicant supplemented the materials: the review clock runs again."""
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.MATERIALS, message=_("No materials were requested."))
        aid_file.state = AidState.REVIEW
        _save(aid_file, ["state"])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_materials_received")
    return aid_file


def aid_decide(
    *, referral_id: int, actor, version: int | None = None, grant: bool, category: str,
    household_size=None, monthly_income=None, reason: str = "",
) -> AidFile:
    """Grant or refuse aid by the eligibility rules, and issue the decision (给予/不予法律援助决定书).

    Granting needs an eligible applicant, or an urgent case (limitation period ending within the urgent rule's
    days: aid first, the means test later, art 44). Refusing an applicant the rules find eligible needs a
    written reason."""
    errors = FieldErrors()
    if category not in Category.values:
        errors.add("category", _("Choose from the list."))
    size = inputs.count(household_size, "household_size", errors) if household_size not in (None, "") else None
    income = inputs.optional_money(monthly_income, "monthly_income", errors)
    reason = inputs.text(reason, "reason", errors, required=False, max_length=2000)
    errors.raise_if_any()
    today = _today()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.REVIEW, AidState.MATERIALS,
                       message=_("Eligibility has already been decided."))
        urgent, urgent_rule = eligibility.urgency(case.arbitration_limitation_ends_on, today)
        division = aid_file.station.division or case.division
        exempt_or_data = category != Category.OTHER or (size is not None and income is not None)
        if grant and urgent and not exempt_or_data:
            assessment = eligibility.Assessment(eligible=True, rule=urgent_rule, reason="")
        else:
            assessment = eligibility.assess(category=category, division=division, today=today,
                                            household_size=size, monthly_income=income)
        if grant and not assessment.eligible and not urgent:
            raise ValidationFailed(
                _("The applicant does not pass the economic-hardship test: aid can only be refused."),
                fields={"monthly_income": [assessment.reason]},
            )
        if not grant and assessment.eligible and not reason:
            raise ValidationFailed(fields={"reason": [_("Give the reason for refusing an eligible applicant.")]})
        aid_file.state = AidState.GRANTED if grant else AidState.REFUSED
        aid_file.urgent = urgent
        aid_file.category = category
        aid_file.household_size, aid_file.monthly_income = size, income
        aid_file.threshold, aid_file.allowance = assessment.threshold, assessment.allowance
        aid_file.rule = assessment.rule
        aid_file.reason = reason or assessment.reason
        aid_file.decided_by, aid_file.decided_on = actor, today
        # The station's own series; none entered refuses the decision (numbering_not_configured).
        aid_file.decision_number = next_number(issuer=aid_file.station, kind=NumberKind.AID_DECISION, year=today.year)
        _save(aid_file, ["state", "urgent", "category", "household_size", "monthly_income", "threshold",
                         "allowance", "rule", "reason", "decided_by", "decided_on", "decision_number"])
        _event(case=case, actor=actor, profile=profile, referral=referral,
               action="aid_granted" if grant else "aid_refused", urgent=urgent,
               rule=assessment.rule.code if assessment.rule else "")
        builders.issue(case, DOC_DECISION, builders.aid_decision(aid_file), actor)
    return aid_file


# --- the lawyer ----------------------------------------------------------------------------------------


def _lawyer(profile, *, staff_id, partner_id, lawyer_name: str, lawyer_phone: str, errors: FieldErrors):
    """(staff user, partner lawyer, name, phone): one of the station's people, a lawyer of a law firm it works
    with, or a name and phone typed in."""
    User = get_user_model()
    if staff_id not in (None, ""):
        user = User.objects.filter(pk=inputs.count(staff_id, "staff_id"), is_active=True,
                                   staff__organization_id=profile.organization_id).select_related("staff").first()
        if user is None:
            errors.add("staff_id", _("Choose a person of this station."))
            return None, None, "", ""
        return user, None, name_of(user), user.staff.phone
    if partner_id not in (None, ""):
        lawyer = PartnerLawyer.objects.filter(
            pk=inputs.count(partner_id, "partner_id"), is_active=True, firm__is_active=True,
            firm__stations=profile.organization_id,
        ).select_related("firm").first()
        if lawyer is None:
            errors.add("partner_id", _("Choose a lawyer of a law firm this station works with."))
            return None, None, "", ""
        return None, lawyer, lawyer.name, lawyer.phone
    name = inputs.text(lawyer_name, "lawyer_name", errors, missing=_("Enter the lawyer's name."), max_length=64)
    phone = inputs.text(lawyer_phone, "lawyer_phone", errors, missing=_("Enter the lawyer's phone."), max_length=32)
    return None, None, name, phone


def lawyer_assign(
    *, referral_id: int, actor, lawyer_name: str = "", lawyer_phone: str = "", staff_id=None, partner_id=None,
    version: int | None = None,
) -> LawyerAssignment:
    """Assign the lawyer of a granted aid file (within 3 days of granting, art 24)."""
    profile = staff_of(actor)
    errors = FieldErrors()
    staff, partner, name, phone = _lawyer(profile, staff_id=staff_id, partner_id=partner_id,
                                          lawyer_name=lawyer_name, lawyer_phone=lawyer_phone, errors=errors)
    if not phone and not errors:
        errors.add("staff_id" if staff else "partner_id", _("This lawyer has no phone on record."))
    errors.raise_if_any()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.GRANTED, message=_("Aid has not been granted: decide eligibility first."))
        try:
            with transaction.atomic():
                assignment = LawyerAssignment.objects.create(
                    referral=referral, staff=staff, partner=partner, lawyer_name=name, lawyer_phone=phone,
                    assigned_by=actor,
                )
        except IntegrityError:
            raise Conflict(_("A lawyer has already been assigned."), code="already_assigned") from None
        _save(aid_file, [])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="lawyer_assigned", lawyer=name)
    return assignment


def lawyer_replace(
    *, referral_id: int, actor, reason: str, lawyer_name: str = "", lawyer_phone: str = "", staff_id=None,
    partner_id=None, version: int | None = None,
) -> LawyerAssignment:
    """A lawyer withdrew or was replaced: end the current assignment with the reason, assign the next one."""
    profile = staff_of(actor)
    errors = FieldErrors()
    reason = inputs.text(reason, "reason", errors, label=_("Reason"), max_length=2000)
    staff, partner, name, phone = _lawyer(profile, staff_id=staff_id, partner_id=partner_id,
                                          lawyer_name=lawyer_name, lawyer_phone=lawyer_phone, errors=errors)
    errors.raise_if_any()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.GRANTED, message=_("Only an open aid file's lawyer can be replaced."))
        current = LawyerAssignment.objects.select_for_update().filter(referral=referral, ended_at__isnull=True).first()
        if current is None:
            raise Conflict(_("No lawyer is assigned yet."), code="no_lawyer")
        LawyerAssignment.objects.filter(pk=current.pk).update(ended_at=timezone.now(), end_reason=reason)
        assignment = LawyerAssignment.objects.create(
            referral=referral, staff=staff, partner=partner, lawyer_name=name, lawyer_phone=phone, assigned_by=actor,
        )
        _save(aid_file, [])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="lawyer_replaced", lawyer=name,
               previous=current.lawyer_name, reason=reason)
    return assignment


def _current_assignment(referral) -> LawyerAssignment | None:
    return (LawyerAssignment.objects.filter(referral=referral, ended_at__isnull=True)
            .select_related("partner__firm").first())


# --- the work ------------------------------------------------------------------------------------------


def aid_agreement_sign(*, referral_id: int, actor, version: int | None = None, signed_on=None) -> AidFile:
    """The client agreement (委托代理协议) is signed: record the day and issue it (within 5 days, art 27)."""
    day = inputs.date(signed_on, "signed_on", not_future=True) if signed_on not in (None, "") else _today()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version, lawyer_step=True)
        _require_state(aid_file, AidState.GRANTED, message=_("Aid has not been granted."))
        assignment = _current_assignment(referral)
        if assignment is None:
            raise Conflict(_("Assign the lawyer before the client agreement."), code="no_lawyer")
        aid_file.agreement_signed_on = day
        # A re-signed agreement is a new version of the same document: it keeps its number.
        aid_file.agreement_number = aid_file.agreement_number or next_number(
            issuer=aid_file.station, kind=NumberKind.AID_AGREEMENT, year=day.year)
        _save(aid_file, ["agreement_signed_on", "agreement_number"])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_agreement_signed",
               public=False)
        builders.issue(case, DOC_AGREEMENT, builders.aid_agreement(aid_file, assignment, day), actor)
    return aid_file


def aid_work_record(
    *, referral_id: int, actor, version: int | None = None, kind: str, done_on, note: str = "",
    hearing_id=None, court_event_id=None,
) -> WorkEntry:
    """What the lawyer did. A hearing attended is one of the case's hearings and a court step one of its court
    events, chosen, not typed again."""
    errors = FieldErrors()
    if kind not in WorkKind.values:
        errors.add("kind", _("Choose from the list."))
    day = inputs.date(done_on, "done_on", errors, not_future=True)
    note = inputs.text(note, "note", errors, required=kind not in (WorkKind.HEARING, WorkKind.COURT),
                       label=_("What was done"), max_length=4000)
    errors.raise_if_any()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version, lawyer_step=True)
        _require_state(aid_file, AidState.GRANTED, message=_("Work is recorded on an open aid file."))
        hearing = court_event = None
        if kind == WorkKind.HEARING:
            hearing = case.hearings.filter(pk=inputs.count(hearing_id or 0, "hearing_id", minimum=1)).first()
            if hearing is None:
                raise ValidationFailed(fields={"hearing_id": [_("Choose one of this case's hearings.")]})
        if kind == WorkKind.COURT:
            court_event = CaseEvent.objects.filter(
                case=case, pk=inputs.count(court_event_id or 0, "court_event_id", minimum=1),
            ).first()
            if court_event is None:
                raise ValidationFailed(fields={"court_event_id": [_("Choose one of this case's court steps.")]})
        entry = WorkEntry.objects.create(aid_file=aid_file, kind=kind, done_on=day, note=note, hearing=hearing,
                                         court_event=court_event, recorded_by=actor)
        _save(aid_file, [])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_work_recorded",
               public=False, kind=kind)
    return entry


def aid_outcome_record(
    *, referral_id: int, actor, version: int | None = None, outcome: str, amount_recovered=None,
    outcome_on=None, note: str = "",
) -> AidFile:
    """The result for the client (won, settled, lost, withdrawn) and the amount recovered."""
    errors = FieldErrors()
    if outcome not in AidOutcome.values:
        errors.add("outcome", _("Choose from the list."))
    amount = inputs.optional_money(amount_recovered, "amount_recovered", errors)
    day = inputs.date(outcome_on, "outcome_on", errors, not_future=True) if outcome_on not in (None, "") else _today()
    note = inputs.text(note, "note", errors, required=False, max_length=4000)
    if outcome in (AidOutcome.WON, AidOutcome.SETTLED) and amount is None and "amount_recovered" not in errors:
        errors.add("amount_recovered", _("Enter the amount recovered (0 if none)."))
    errors.raise_if_any()
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version, lawyer_step=True)
        _require_state(aid_file, AidState.GRANTED, message=_("The outcome is recorded on an open aid file."))
        aid_file.outcome, aid_file.amount_recovered = outcome, amount or Decimal("0.00")
        aid_file.outcome_on, aid_file.outcome_note = day, note
        _save(aid_file, ["outcome", "amount_recovered", "outcome_on", "outcome_note"])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_outcome_recorded",
               outcome=outcome, amount=str(aid_file.amount_recovered))
    return aid_file


def aid_close(*, referral_id: int, actor, version: int | None = None, checklist=()) -> AidFile:
    """Close the aid (结案) once the outcome is recorded and the file holds everything on the checklist."""
    ticked = [str(code) for code in checklist or ()]
    codes = [code for code, _label in CHECKLIST]
    with transaction.atomic():
        profile, referral, case, aid_file = _open(referral_id, actor, version)
        _require_state(aid_file, AidState.GRANTED, message=_("Only a granted aid file can be closed."))
        if not aid_file.outcome:
            raise ValidationFailed(_("Record the outcome before closing."), fields={"outcome": [_("Missing.")]})
        missing = [str(label) for code, label in CHECKLIST if code not in ticked]
        if missing:
            raise ValidationFailed(
                _("The file is not complete."),
                fields={"checklist": [_("Missing: %(items)s.") % {"items": "；".join(missing)}]},
            )
        aid_file.state, aid_file.checklist = AidState.CLOSED, [c for c in codes if c in ticked]
        aid_file.closed_by, aid_file.closed_on = actor, _today()
        _save(aid_file, ["state", "checklist", "closed_by", "closed_on"])
        _event(case=case, actor=actor, profile=profile, referral=referral, action="aid_closed")
    return aid_file

