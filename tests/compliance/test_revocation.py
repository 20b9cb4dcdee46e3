"""Revocations in the wage-arrears list's procedure (Order 45): the order to pay revoked revokes the listing (art
16); an early removal obtained with false information is revoked and the term counted again (art 15)."""

import datetime

import pytest
from django.utils import timezone

from compliance import revocation, services
from compliance.models import BlacklistListing, ListingState, RemovalReason
from compliance.services import _add_months
from core.errors import Conflict, PermissionDenied, ValidationFailed
from deadlines.models import Clock
from disputes.models import CaseEvent, Document
from tests.compliance.test_listing_procedure import _notify, _v, listing, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(listing, people):  # noqa: F811
    listing = _notify(listing, people)
    BlacklistListing.objects.filter(pk=listing.pk).update(objection_due_on=timezone.localdate() - datetime.timedelta(days=1))
    return services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing), listed=True)


def test_the_order_to_pay_revoked_revokes_the_listing_with_a_removal_decision(listed, people):  # noqa: F811
    with pytest.raises(PermissionDenied):  # a supervisor's decision
        revocation.listing_revoke(listing_id=listed.pk, actor=people["inspector"], version=_v(listed),
                                  reason="行政复议撤销")
    with pytest.raises(ValidationFailed):
        revocation.listing_revoke(listing_id=listed.pk, actor=people["supervisor"], version=_v(listed), reason="")
    listing = revocation.listing_revoke(listing_id=listed.pk, actor=people["supervisor"], version=_v(listed),
                                        reason="潍坊市人民政府行政复议决定书（潍政复决字〔2026〕第5号）撤销限期支付决定")
    assert listing.state == ListingState.REMOVED and listing.removal_reason == RemovalReason.REVOKED
    assert listing.removed_on == timezone.localdate() and "潍政复决字" in listing.revocation_reason
    assert Document.objects.filter(case_id=listing.case_id, kind="listing_removal").count() == 1
    event = CaseEvent.objects.filter(case_id=listing.case_id, action="blacklist_removed").get()
    assert event.payload["removal"] == "revoked"
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_term").state == "satisfied"
    with pytest.raises(Conflict):  # no longer listed
        revocation.listing_revoke(listing_id=listed.pk, actor=people["supervisor"], version=_v(listed), reason="再次")


def _remove_early(listing, people):  # noqa: F811
    today = timezone.localdate()
    listing = services.listing_removal_apply(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                             applied_on=today, wages_paid_on=today - datetime.timedelta(days=213))
    return services.listing_removal_decide(listing_id=listing.pk, actor=people["supervisor"], version=_v(listing),
                                           granted=True, promise_given=True)


def test_an_early_removal_obtained_with_false_information_is_revoked_and_the_term_restarts(listed, people):  # noqa: F811
    first_number = listed.decision_number
    removed = _remove_early(listed, people)
    assert removed.removal_reason == RemovalReason.EARLY

    with pytest.raises(PermissionDenied):
        revocation.listing_removal_revoke(listing_id=removed.pk, actor=people["inspector"], version=_v(removed),
                                          reason="工资支付凭证系伪造")
    listing = revocation.listing_removal_revoke(listing_id=removed.pk, actor=people["supervisor"],
                                                version=_v(removed), reason="工资支付凭证系伪造")
    today = timezone.localdate()
    assert listing.state == ListingState.LISTED and listing.removal_revoked_on == today
    assert listing.listed_until == _add_months(today, 36) and listing.removed_on is None
    assert listing.decision_number != first_number and "失信决字" in listing.decision_number
    assert listing.removal_applied_on is None  # a new application may be made later
    assert Document.objects.filter(case_id=listing.case_id, kind="listing_reinstatement").count() == 1
    # The term's clock runs again, to the new end.
    running = Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_term", state="running")
    assert running.due_on == listing.listed_until
    assert CaseEvent.objects.filter(case_id=listing.case_id, action="blacklist_relisted").exists()


def test_only_an_early_removal_can_be_revoked_for_false_information(listed, people):  # noqa: F811
    listing = revocation.listing_revoke(listing_id=listed.pk, actor=people["supervisor"], version=_v(listed),
                                        reason="支付令被撤销")
    with pytest.raises(Conflict) as refused:
        revocation.listing_removal_revoke(listing_id=listing.pk, actor=people["supervisor"], version=_v(listing),
                                          reason="虚假")
    assert refused.value.code == "not_early_removal"
