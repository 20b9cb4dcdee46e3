"""The wage-arrears list (MOHRSS Order 45): proposing a listing and notifying the employer."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound, ValidationFailed
from core.models import Role
from deadlines.calendar import CalendarMissing, WorkCalendar
from disputes.kit.guards import lock_as_handler
from disputes.kit.inputs import FieldErrors
from disputes.services import bump_version, event_append

from .models import BlacklistListing, ListingGround, ListingState

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
    persons = [{"name": (p.get("name") or "").strip(), "role": (p.get("role") or "").strip()} for p in persons or []]
    if not persons or any(not p["name"] or not p["role"] for p in persons):
        errors.add("persons", _("Name the legal representative or main person in charge, and any other person directly responsible, each with their role."))
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
        listing.version += 1
        listing.save(update_fields=["state", "notified_on", "objection_due_on", "version"])
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="blacklist_notified", notify=False, payload={
            "listing": listing.pk, "notified_on": notified_on.isoformat(),
        })
    return listing
