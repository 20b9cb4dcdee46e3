"""Revocations in the wage-arrears list's procedure (MOHRSS Order 45), steps of the listing as the others are
(compliance.services): each one locks the listing and its case, issues its decision and appends its case event.

- art 15: an early removal obtained with false information is revoked; the employer is listed again and the term
  is counted again from the revocation (a new decision, 失信决字, and the term's clock started again);
- art 16: the order to pay revoked (by reconsideration, a court or the department itself), the listing made on it
  is revoked: the employer is removed at once with a removal decision stating why (失信移字)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict
from core.models import Role
from disputes.kit import inputs
from disputes.services import event_append
from documents import builders
from documents.models import NumberKind
from documents.numbering import next_number

from .models import ListingState, RemovalReason
from .services import _listing_step, _remove, _save, _term_end

REVOKING_ROLES = (Role.SUPERVISOR,)


def listing_removal_revoke(*, listing_id: int, actor, version: int | None, reason: str):
    """Art 15: the early removal was obtained with false information. The listing is restored for a full term
    counted from today, with a new decision; the employer may apply for early removal again later."""
    reason = inputs.text(reason, "reason", missing=_("State the false information and how it was found."))
    today = timezone.localdate()
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, roles=REVOKING_ROLES,
                                               states=(ListingState.REMOVED,))
        if listing.removal_reason != RemovalReason.EARLY:
            raise Conflict(_("Only an early removal on application can be revoked for false information."),
                           code="not_early_removal")
        first_number, removed_on = listing.decision_number, listing.removed_on
        listing.state, listing.removal_revoked_on, listing.removal_revocation_reason = ListingState.LISTED, today, reason
        listing.listed_until = _term_end(today)
        listing.removed_on, listing.removal_reason = None, ""
        listing.removal_applied_on = listing.wages_paid_on = listing.removal_decision_due_on = None
        listing.removal_refused_reason = ""
        listing.decision_number = next_number(issuer=profile.organization, kind=NumberKind.BLACKLIST_DECISION,
                                              year=today.year)
        listing.decided_by = actor
        _save(listing, case, ["state", "removal_revoked_on", "removal_revocation_reason", "listed_until", "removed_on",
                              "removal_reason", "removal_applied_on", "wages_paid_on", "removal_decision_due_on",
                              "removal_refused_reason", "decision_number", "decided_by"])
        builders.issue(case, "listing_reinstatement", builders.listing_reinstatement(
            listing, profile.organization, first_number=first_number, removed_on=removed_on), actor)
        # due_on: the term's clock (blacklist_term) starts again and runs to the new end.
        event_append(case=case, actor=actor, profile=profile, action="blacklist_relisted", notify=False, reason=reason,
                     payload={"listing": listing.pk, "number": listing.decision_number,
                              "due_on": listing.listed_until.isoformat()})
    return listing


def listing_revoke(*, listing_id: int, actor, version: int | None, reason: str):
    """Art 16: the order to pay on which the listing rests was revoked; the listing is revoked and the employer
    and the persons listed removed now (art 17: publication stopped, the removal shared)."""
    reason = inputs.text(reason, "reason", missing=_("Name the decision that revoked the order to pay."))
    today = timezone.localdate()
    with transaction.atomic():
        listing, case, profile = _listing_step(listing_id, actor, version, roles=REVOKING_ROLES,
                                               states=(ListingState.LISTED,))
        listing.revocation_reason = reason
        listing.save(update_fields=["revocation_reason"])  # the version moves once, with the removal below
        _remove(listing, case, actor, profile, profile.organization, RemovalReason.REVOKED, today)
    return listing
