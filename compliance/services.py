"""The wage-arrears list (MOHRSS Order 45), each step one service: the proposal, the notice (事先告知书), the
employer's statement and its verification, the extension of the decision period, the decision (决定书) to list
or not, early removal on application, and removal at the end of the term (the daily sweep). Each step is a case
event, so its clock (deadlines.rules_data, with its article) starts or is met as every other clock."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound, ValidationFailed
from core.models import Role
from deadlines.calendar import CalendarMissing, WorkCalendar
from disputes.kit.guards import lock_as_handler, lock_case
from disputes.kit.inputs import FieldErrors
from disputes.services import bump_version, event_append

from core.validators import validate_id_number
from documents import builders
from documents.models import NumberKind
from documents.numbering import next_number

from .models import BlacklistListing, ListingGround, ListingState, RemovalReason

LISTING_ROLES = (Role.INSPECTOR, Role.SUPERVISOR)
# Order 45 art 8: decided within 20 working days after the order's deadline; art 6: objections within 5.
DECISION_WORKING_DAYS = 20
OBJECTION_WORKING_DAYS = 5


def _working_days_after(day: datetime.date, n: int, field: str) -> datetime.date:
    """Refused, not guessed, while the holiday calendar of a year it crosses is not entered."""
    try:
        return WorkCalendar.load().add_working_days(day, n)
    except CalendarMissing as exc:
        raise ValidationFailed(fields={field: [
            _("The %(year)s holiday calendar is not entered yet: the deadline cannot be counted.") % {"year": exc.year}
        ]}, code="calendar_missing") from None


def listing_propose(
    *, case_id: int, actor, version: int | None, ground: str, payment_order_due_on: datetime.date | None,
    persons: list[dict], reason: str, payment_order_number: str = "", today: datetime.date | None = None,
) -> BlacklistListing:
    """Propose listing the case's employer (art 5): the order to pay was not met by its deadline and a ground holds."""
    today = today or timezone.localdate()
    errors = FieldErrors()
    if ground not in ListingGround.values:
        errors.add("ground", _("Choose the ground of the listing."))
    if payment_order_due_on is None:
        errors.add("payment_order_due_on", _("Enter the deadline of the order to pay."))
    elif payment_order_due_on >= today:
        errors.add("payment_order_due_on", _("The order's deadline has not passed yet: the employer may still pay."))
    persons = [{"name": (p.get("name") or "").strip(), "role": (p.get("role") or "").strip(),
                "id_number": (p.get("id_number") or "").strip().upper()} for p in persons or []]
    if not persons or any(not p["name"] or not p["role"] for p in persons):
        errors.add("persons", _("Name the legal representative or main person in charge, and any other person directly responsible, each with their role."))
    for p in persons:
        if p["id_number"]:
            try:
                validate_id_number(p["id_number"])
            except DjangoValidationError:
                errors.add("persons", _("%(name)s: the ID number is not valid.") % {"name": p["name"]})
        else:
            del p["id_number"]
    if not (reason or "").strip():
        errors.add("reason", _("State the facts and reasons."))
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, LISTING_ROLES)
        due = _working_days_after(payment_order_due_on, DECISION_WORKING_DAYS, "payment_order_due_on")
        try:
            with transaction.atomic():
                listing = BlacklistListing.objects.create(
                    case=case, employer_id=case.employer_id, ground=ground, payment_order_number=payment_order_number.strip(),
                    payment_order_due_on=payment_order_due_on, responsible_persons=persons, reason=reason.strip(),
                    decision_due_on=due, proposed_by=actor,
                )
        except IntegrityError:
            raise Conflict(_("A listing of this case's employer is already under way."), code="listing_open") from None
        bump_version(case, [])
        # due_on: the decision clock (deadlines, unit "set") runs to it.
        event_append(case=case, actor=actor, profile=profile, action="blacklist_proposed", notify=False, payload={
            "listing": listing.pk, "ground": ground, "due_on": due.isoformat(),
        })
    return listing


def listing_notify(*, listing_id: int, actor, version: int | None, notified_on: datetime.date) -> BlacklistListing:
    """The employer is told the reason, the basis, its right to object and the exemption (art 6): the objection
    window (5 working days) starts."""
    with transaction.atomic():
        listing = BlacklistListing.objects.select_for_update().filter(pk=listing_id).first()
        if listing is None:
            raise NotFound()
        case, profile = lock_as_handler(listing.case_id, actor, version, LISTING_ROLES)
        if listing.state != ListingState.PROPOSED:
            raise Conflict(_("The employer has already been notified."), code="listing_state")
        if notified_on > timezone.localdate() or notified_on < listing.proposed_at.date():
            raise ValidationFailed(fields={"notified_on": [_("The notice cannot be dated before the proposal or in the future.")]})
        listing.state, listing.notified_on = ListingState.NOTIFIED, notified_on
        listing.objection_due_on = _working_days_after(notified_on, OBJECTION_WORKING_DAYS, "notified_on")
        listing.notice_number = next_number(issuer=profile.organization, kind=NumberKind.BLACKLIST_NOTICE,
                                            year=notified_on.year)
        listing.version += 1
        listing.save(update_fields=["state", "notified_on", "objection_due_on", "notice_number", "version"])
        builders.issue(case, "listing_notice", builders.listing_notice(listing, profile.organization), actor)
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_notified", notify=False, payload={
            "listing": listing.pk, "notified_on": notified_on.isoformat(),
        })
    return listing


# 人社部令第45号 art 11: listed for three years from the decision; art 12 (1): early removal six months or more
# after the wages were paid. Calendar periods: no holiday calendar is needed to count them.
LISTING_TERM_MONTHS = 36
EARLY_REMOVAL_MONTHS = 6


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it has no such day (29 February)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)


def _listing_step(listing_id: int, actor, version: int | None, roles=LISTING_ROLES, *, states=()):
    """Inside a step's transaction: the listing and its case locked, the actor of the handling organisation in
    one of `roles` (403), the listing in one of `states` (409)."""
    listing = BlacklistListing.objects.select_for_update().filter(pk=listing_id).first()
    if listing is None:
        raise NotFound()
    case, profile = lock_as_handler(listing.case_id, actor, version, roles)
    if states and listing.state not in states:
        raise Conflict(_("This step is not possible in the listing's present state (%(state)s).")
                       % {"state": listing.get_state_display()}, code="listing_state")
    return listing, case, profile


def _save(listing, case, fields):
    listing.version += 1
    listing.save(update_fields=[*fields, "version"])
    bump_version(case, [])


def _not_future(day: datetime.date | None, field: str, *, after: datetime.date | None = None):
    if day is None:
        raise ValidationFailed(fields={field: [_("Enter the date.")]})
    if day > timezone.localdate() or (after is not None and day < after):
        raise ValidationFailed(fields={field: [_("The date cannot be in the future or before the step it follows.")]})


def listing_objection_record(*, listing_id: int, actor, version: int | None, received_on: datetime.date | None,
                             statement: str) -> BlacklistListing:
    """The employer's statement (陈述申辩) received within the 5 working days of the notice (art 6); its
    verification is due within 5 working days (clock blacklist_objection_review)."""
    if not (statement or "").strip():
        raise ValidationFailed(fields={"statement": [_("Record what the employer stated.")]})
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, states=(ListingState.NOTIFIED,))
        if listing.objection_received_on is not None:
            raise Conflict(_("The employer's statement has already been recorded."), code="objection_recorded")
        _not_future(received_on, "received_on", after=listing.notified_on)
        if received_on > listing.objection_due_on:
            raise ValidationFailed(fields={"received_on": [
                _("The objection window closed on %(day)s: a statement received later is not an objection under art 6.")
                % {"day": listing.objection_due_on.isoformat()}]}, code="objection_window_closed")
        listing.objection_received_on, listing.objection_text = received_on, statement.strip()
        _save(listing, case, ["objection_received_on", "objection_text"])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_objection_received", notify=False,
                     payload={"listing": listing.pk, "received_on": received_on.isoformat()})
    return listing


def listing_objection_review(*, listing_id: int, actor, version: int | None, verification: str,
                             upheld: bool | None) -> BlacklistListing:
    """What the verification found (art 6). Upheld, the listing is then decided against (not listed)."""
    errors = FieldErrors()
    if not (verification or "").strip():
        errors.add("verification", _("State how the statement was verified and what was found."))
    if upheld is None:
        errors.add("upheld", _("Say whether the objection is upheld."))
    errors.raise_if_any()
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, states=(ListingState.NOTIFIED,))
        if listing.objection_received_on is None:
            raise Conflict(_("No statement of the employer has been recorded."), code="no_objection")
        if listing.objection_reviewed_on is not None:
            raise Conflict(_("The statement has already been verified."), code="objection_reviewed")
        listing.objection_verification, listing.objection_upheld = verification.strip(), upheld
        listing.objection_reviewed_on = timezone.localdate()
        _save(listing, case, ["objection_verification", "objection_upheld", "objection_reviewed_on"])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_objection_reviewed", notify=False,
                     payload={"listing": listing.pk, "upheld": upheld})
    return listing


def listing_decision_extend(*, listing_id: int, actor, version: int | None, reason: str) -> BlacklistListing:
    """A complex case: 20 more working days for the decision, on the supervisor's approval, once (art 8)."""
    if not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("State why the case is complex.")]})
    with transaction.atomic():
        listing, case, profile = _listing_step(
            listing_id, actor, version, roles=(Role.SUPERVISOR,),
            states=(ListingState.PROPOSED, ListingState.NOTIFIED))
        if listing.decision_extended_by_id:
            raise Conflict(_("The decision period has already been extended once."), code="already_extended")
        if listing.decision_due_on < timezone.localdate():
            raise Conflict(_("The decision period has already run out."), code="decision_overdue")
        listing.decision_due_on = _working_days_after(listing.decision_due_on, DECISION_WORKING_DAYS, "reason")
        listing.decision_extended_by, listing.decision_extension_reason = actor, reason.strip()
        _save(listing, case, ["decision_due_on", "decision_extended_by", "decision_extension_reason"])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_decision_extended", notify=False,
                     reason=reason.strip(), payload={"listing": listing.pk, "due_on": listing.decision_due_on.isoformat()})
    return listing


def _term_end(start: datetime.date) -> datetime.date:
    return _add_months(start, LISTING_TERM_MONTHS)


def listing_decide(*, listing_id: int, actor, version: int | None, listed: bool, reason: str = "") -> BlacklistListing:
    """The decision within the decision period (art 8): listed for the term (art 11) with the 决定书, or not
    listed (art 7: corrected with a credit promise, or the objection upheld). Not before the objection window
    has closed unless the employer's statement has been verified."""
    today = timezone.localdate()
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, states=(ListingState.NOTIFIED,))
        if listed:
            if listing.objection_received_on and listing.objection_reviewed_on is None:
                raise Conflict(_("Verify the employer's statement before deciding."), code="objection_not_reviewed")
            if listing.objection_upheld:
                raise Conflict(_("The objection was upheld: the employer cannot be listed."), code="objection_upheld")
            if listing.objection_received_on is None and today <= listing.objection_due_on:
                raise Conflict(_("The objection window is still open until %(day)s.")
                               % {"day": listing.objection_due_on.isoformat()}, code="objection_window_open")
            if today > listing.decision_due_on:
                raise Conflict(_("The decision period ended on %(day)s.") % {"day": listing.decision_due_on.isoformat()},
                               code="decision_overdue")
            listing.state, listing.decided_on, listing.listed_until = ListingState.LISTED, today, _term_end(today)
            listing.decided_by = actor
            listing.decision_number = next_number(issuer=profile.organization, kind=NumberKind.BLACKLIST_DECISION,
                                                  year=today.year)
            _save(listing, case, ["state", "decided_on", "decided_by", "listed_until", "decision_number"])
            builders.issue(case, "listing_decision", builders.listing_decision(listing, profile.organization), actor)
            event_append(case=case, actor=actor, profile=profile, action="blacklist_decided", notify=False, payload={
                "listing": listing.pk, "number": listing.decision_number, "due_on": listing.listed_until.isoformat()})
        else:
            if not (reason or "").strip():
                raise ValidationFailed(fields={"reason": [_("State why the employer is not listed.")]})
            listing.state, listing.decided_on, listing.not_listed_reason = ListingState.NOT_LISTED, today, reason.strip()
            _save(listing, case, ["state", "decided_on", "not_listed_reason"])
            event_append(case=case, actor=actor, profile=profile, action="blacklist_not_listed", notify=False,
                         reason=reason.strip(), payload={"listing": listing.pk})
    return listing


def listing_removal_apply(*, listing_id: int, actor, version: int | None, applied_on: datetime.date | None,
                          wages_paid_on: datetime.date | None) -> BlacklistListing:
    """The employer applies for early removal (art 12): its decision is due within 15 working days (art 14)."""
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, states=(ListingState.LISTED,))
        if listing.removal_applied_on is not None and not listing.removal_refused_reason:
            raise Conflict(_("An application for early removal is already pending."), code="removal_pending")
        _not_future(applied_on, "applied_on", after=listing.decided_on)
        _not_future(wages_paid_on, "wages_paid_on")
        listing.removal_applied_on, listing.wages_paid_on = applied_on, wages_paid_on
        listing.removal_decision_due_on = _working_days_after(applied_on, 15, "applied_on")
        listing.removal_refused_reason = ""
        _save(listing, case, ["removal_applied_on", "wages_paid_on", "removal_decision_due_on", "removal_refused_reason"])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_removal_applied", notify=False,
                     payload={"listing": listing.pk, "applied_on": applied_on.isoformat()})
    return listing


def _six_months_after(day: datetime.date) -> datetime.date:
    return _add_months(day, EARLY_REMOVAL_MONTHS)


def _remove(listing, case, actor, profile, org, reason: str, today: datetime.date, *, signer=None):
    listing.state, listing.removed_on, listing.removal_reason = ListingState.REMOVED, today, reason
    number = next_number(issuer=org, kind=NumberKind.BLACKLIST_REMOVAL, year=today.year)
    _save(listing, case, ["state", "removed_on", "removal_reason"])
    builders.issue(case, "listing_removal", builders.listing_removal(listing, org, number), signer or actor)
    event_append(case=case, actor=actor, profile=profile, action="blacklist_removed", notify=False,
                 payload={"listing": listing.pk, "removal": reason, "number": number})


def listing_removal_decide(*, listing_id: int, actor, version: int | None, granted: bool, promise_given: bool = False,
                           new_default: bool = False, reason: str = "") -> BlacklistListing:
    """Early removal decided (arts 12-14): granted only when the wages were paid six months or more ago, the
    employer gave a written credit promise and did not default again; all the persons listed go with it."""
    today = timezone.localdate()
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, roles=(Role.SUPERVISOR,),
                                               states=(ListingState.LISTED,))
        if listing.removal_applied_on is None or listing.removal_refused_reason:
            raise Conflict(_("No application for early removal is pending."), code="no_removal_application")
        if granted:
            errors = FieldErrors()
            if listing.wages_paid_on is None or _six_months_after(listing.wages_paid_on) > today:
                errors.add("granted", _("Six months have not passed since the wages were paid (art 12)."))
            if not promise_given:
                errors.add("promise_given", _("The employer must give a written credit promise (art 12)."))
            if new_default:
                errors.add("new_default", _("A new default bars early removal (art 13)."))
            errors.raise_if_any()
            _remove(listing, case, actor, profile, profile.organization, RemovalReason.EARLY, today)
        else:
            if not (reason or "").strip():
                raise ValidationFailed(fields={"reason": [_("State why early removal is refused.")]})
            listing.removal_refused_reason = reason.strip()
            _save(listing, case, ["removal_refused_reason"])
            event_append(case=case, actor=actor, profile=profile, action="blacklist_removal_refused", notify=False,
                         reason=reason.strip(), payload={"listing": listing.pk})
    return listing


def listings_remove_expired(*, today: datetime.date | None = None) -> int:
    """The daily sweep: every listing whose term has ended is removed with its removal decision (art 17).
    Idempotent: a listing already removed is not selected again; a listing another sweep holds is skipped."""
    today = today or timezone.localdate()
    removed = 0
    due = list(BlacklistListing.objects.filter(state=ListingState.LISTED, listed_until__lte=today)
               .values_list("pk", flat=True))
    for pk in due:
        with transaction.atomic():
            listing = (BlacklistListing.objects.select_for_update(skip_locked=True)
                       .filter(pk=pk, state=ListingState.LISTED).select_related("case__owner_org").first())
            if listing is None:
                continue
            case = lock_case(listing.case_id, None)
            _remove(listing, case, None, None, case.owner_org, RemovalReason.EXPIRED, today, signer=listing.decided_by)
            removed += 1
    return removed
