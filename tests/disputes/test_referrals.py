"""Hand-off without re-entry: offer, accept (ownership moves), decline (back to the first handler)."""

import pytest

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from disputes.models import Case, CaseEvent, Notification
from disputes.selectors import cases_visible_to, incoming_referrals, queue_for, returned_referrals
from disputes.services import referral_accept, referral_decline, referral_offer, referral_withdraw

pytestmark = pytest.mark.django_db


def offer(case, actor, org, purpose="arbitration", version=None):
    return referral_offer(
        case_id=case.pk, actor=actor, to_org_id=org.pk, purpose=purpose, note="请受理",
        expected_version=version or Case.objects.get(pk=case.pk).version,
    )


def test_it_records_the_clerk_as_first_responsible_handler(case, people, orgs):
    assert case.first_handler == people["clerk"]
    assert case.first_handler_org == orgs["window"]
    assert case.first_handler_released_at is None
    assert case in queue_for(people["clerk"])


def test_accepted_referral_moves_the_case_and_its_ownership(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["arbitration"])
    assert referral in incoming_referrals(people["arbitrator"])
    # The receiver can read the whole file before deciding.
    assert case in cases_visible_to(people["arbitrator"])

    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])

    case.refresh_from_db()
    assert case.status == "arbitration_review"
    assert case.owner_org == orgs["arbitration"]
    assert case.owner_user == people["arbitrator"]
    assert case.first_handler_released_at is not None
    assert case.claims.count() == 1  # nothing re-entered: the same claims travel with the file
    assert case in queue_for(people["arbitrator"])
    assert case not in queue_for(people["clerk"])
    accepted = CaseEvent.objects.get(case=case, action="referral_accepted")
    assert accepted.is_public and accepted.to_state == "arbitration_review"


def test_declined_referral_returns_to_the_first_handler_with_the_reason(
    case, people, orgs, django_capture_on_commit_callbacks
):
    referral = offer(case, people["clerk"], orgs["inspection"], purpose="inspection")
    with django_capture_on_commit_callbacks(execute=True):
        referral_decline(referral_id=referral.pk, actor=people["inspector"], code="out_of_jurisdiction")
    case.refresh_from_db()
    assert case.status == "registered"
    assert case.owner_org == orgs["window"]
    assert case in queue_for(people["clerk"])
    returned = list(returned_referrals(people["clerk"]))
    assert [r.decline_code for r in returned] == ["out_of_jurisdiction"]
    # The first handler is told (the notification task runs after commit).
    assert Notification.objects.filter(recipient=people["clerk"], case=case).exists()


def test_decline_with_other_needs_a_reason(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["inspection"], purpose="inspection")
    with pytest.raises(ValidationFailed):
        referral_decline(referral_id=referral.pk, actor=people["inspector"], code="other", reason="  ")
    referral.refresh_from_db()
    assert referral.state == "offered"


def test_only_the_receiving_organisation_may_accept(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["arbitration"])
    for who in ("clerk", "inspector", "outsider"):
        with pytest.raises(PermissionDenied):
            referral_accept(referral_id=referral.pk, actor=people[who])
    referral.refresh_from_db()
    assert referral.state == "offered"
    assert Case.objects.get(pk=case.pk).status == "registered"


def test_an_inspection_referral_is_not_taken_by_a_plain_accept(case, people, orgs):
    # For inspection, accepting is filing (若干规定 art 18): it goes through inspection_file, which records the
    # inspector in charge; a bare accept would leave a case in inspection that nobody filed.
    referral = offer(case, people["clerk"], orgs["inspection"], purpose="inspection")
    before = Case.objects.get(pk=case.pk)
    events = CaseEvent.objects.filter(case=case).count()

    with pytest.raises(TransitionRefused) as refused:
        referral_accept(referral_id=referral.pk, actor=people["inspector"])

    assert refused.value.code == "inspection_needs_filing"
    referral.refresh_from_db()
    assert referral.state == "offered" and referral.decided_by is None
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.owner_org, after.version) == ("registered", orgs["window"], before.version)
    assert CaseEvent.objects.filter(case=case).count() == events
    assert referral in incoming_referrals(people["inspector"])


def test_a_decided_referral_cannot_be_decided_again(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["arbitration"])
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])
    with pytest.raises(Conflict):
        referral_decline(referral_id=referral.pk, actor=people["arbitrator"], code="duplicate")


def test_a_second_open_offer_for_the_same_purpose_is_refused(case, people, orgs):
    offer(case, people["clerk"], orgs["arbitration"])
    with pytest.raises(Conflict):
        offer(case, people["clerk"], orgs["arbitration"])


def test_referral_to_the_wrong_kind_of_organisation_is_refused(case, people, orgs):
    with pytest.raises(ValidationFailed):
        offer(case, people["clerk"], orgs["court"], purpose="inspection")


def test_purpose_impossible_at_this_stage_is_refused(case, people, orgs):
    with pytest.raises(TransitionRefused):
        offer(case, people["clerk"], orgs["court"], purpose="judicial_confirmation" if False else "litigation")


def test_outsider_cannot_refer_or_see_the_case(case, people, orgs):
    with pytest.raises(PermissionDenied):
        offer(case, people["outsider"], orgs["arbitration"])
    assert case not in cases_visible_to(people["outsider"])


def test_stale_version_is_a_conflict(case, people, orgs):
    with pytest.raises(Conflict):
        offer(case, people["clerk"], orgs["arbitration"], version=case.version - 1 or 999)


def test_legal_aid_runs_beside_the_case_without_taking_it(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["legal_aid"], purpose="legal_aid")
    referral_accept(referral_id=referral.pk, actor=people["legal_aid"])
    case.refresh_from_db()
    assert case.status == "registered" and case.owner_org == orgs["window"]
    assert case.first_handler_released_at is None
    assert case in cases_visible_to(people["legal_aid"])


def test_withdrawn_offer_disappears_from_the_receivers_inbox(case, people, orgs):
    referral = offer(case, people["clerk"], orgs["arbitration"])
    referral_withdraw(referral_id=referral.pk, actor=people["clerk2"])
    assert referral not in incoming_referrals(people["arbitrator"])
    assert case not in cases_visible_to(people["arbitrator"])
