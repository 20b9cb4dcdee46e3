"""The wage-arrears list (MOHRSS Order 45) from notice to removal: the employer's statement and its
verification, the decision and its letter, the term, early removal and removal at the end of the term."""

import datetime

import pytest
from django.utils import timezone

from compliance import services
from compliance.models import BlacklistListing, ListingState, RemovalReason
from core.errors import Conflict, PermissionDenied, ValidationFailed
from deadlines.models import CalendarYear, Clock
from disputes.models import Case, CaseEvent, Document
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db

PERSONS = [{"name": "李某", "role": "法定代表人", "id_number": "11010519491231002X"}, {"name": "王某", "role": "项目经理"}]


@pytest.fixture
def people(people, orgs):
    from tests.conftest import make_staff

    from core.models import Role

    # The inspection organisation's own supervisor (the fixture's supervisor is the window's).
    return {**people, "supervisor": make_staff(orgs["inspection"], Role.SUPERVISOR, "insp_supervisor")}


@pytest.fixture
def listing(case, people, orgs):
    from core.refdata import reference_data_changed
    from documents.numbering import ensure_default_number_patterns

    ensure_default_number_patterns(orgs["inspection"])
    today = timezone.localdate()
    # The decision period may run into next year: its holiday calendar is entered here, as an administrator would.
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "test notice"})
    reference_data_changed()
    case = file_for_inspection(case, people, orgs)
    return services.listing_propose(
        case_id=case.pk, actor=people["inspector"], version=case.version, ground="criminal_threshold",
        payment_order_due_on=today - datetime.timedelta(days=1), persons=PERSONS,
        reason="拖欠42名农民工工资共计86万元，逾期未支付。", payment_order_number="潍人社监令字〔2026〕第3号")


def _v(listing):
    return Case.objects.get(pk=listing.case_id).version


def _notify(listing, people, on=None):
    return services.listing_notify(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                   notified_on=on or timezone.localdate())


def test_proposal_notice_objection_decision_listed_then_early_removal(listing, people):
    insp, sup = people["inspector"], people["supervisor"]
    listing = _notify(listing, people)
    assert listing.notice_number.startswith("潍") and "失信告字" in listing.notice_number
    listing = services.listing_objection_record(listing_id=listing.pk, actor=insp, version=_v(listing),
                                                received_on=timezone.localdate(), statement="已支付部分工资。")
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_objection_review").state == "running"
    listing = services.listing_objection_review(listing_id=listing.pk, actor=insp, version=_v(listing),
                                                verification="经核实仅支付3万元，仍拖欠83万元。", upheld=False)
    listing = services.listing_decide(listing_id=listing.pk, actor=insp, version=_v(listing), listed=True)

    assert listing.state == ListingState.LISTED and "失信决字" in listing.decision_number
    today = timezone.localdate()
    assert listing.listed_until == today.replace(year=today.year + 3)
    kinds = set(Document.objects.filter(case_id=listing.case_id).values_list("kind", flat=True))
    assert {"listing_notice", "listing_decision"} <= kinds
    term = Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_term")
    assert term.due_on == listing.listed_until
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_decision").state == "satisfied"

    # Early removal: paid seven months ago, promise given.
    listing = services.listing_removal_apply(listing_id=listing.pk, actor=insp, version=_v(listing),
                                             applied_on=today, wages_paid_on=today - datetime.timedelta(days=213))
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_early_removal").state == "running"
    with pytest.raises(PermissionDenied):  # the supervisor decides
        services.listing_removal_decide(listing_id=listing.pk, actor=insp, version=_v(listing), granted=True,
                                        promise_given=True)
    listing = services.listing_removal_decide(listing_id=listing.pk, actor=sup, version=_v(listing), granted=True,
                                              promise_given=True)
    assert listing.state == ListingState.REMOVED and listing.removal_reason == RemovalReason.EARLY
    assert Document.objects.filter(case_id=listing.case_id, kind="listing_removal").exists()
    actions = list(CaseEvent.objects.filter(case_id=listing.case_id, action__startswith="blacklist_")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["blacklist_proposed", "blacklist_notified", "blacklist_objection_received",
                       "blacklist_objection_reviewed", "blacklist_decided", "blacklist_removal_applied",
                       "blacklist_removed"]
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_term").state == "satisfied"


def test_an_objection_after_the_window_is_refused(listing, people):
    BlacklistListing.objects.filter(pk=listing.pk).update(proposed_at=timezone.now() - datetime.timedelta(days=30))
    listing = _notify(listing, people, on=timezone.localdate() - datetime.timedelta(days=20))
    with pytest.raises(ValidationFailed) as refused:
        services.listing_objection_record(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                          received_on=timezone.localdate(), statement="异议")
    assert refused.value.code == "objection_window_closed"
    assert BlacklistListing.objects.get(pk=listing.pk).objection_received_on is None


def test_no_decision_while_the_objection_window_is_open_nor_by_another_role(listing, people):
    listing = _notify(listing, people)
    with pytest.raises(Conflict) as refused:
        services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing), listed=True)
    assert refused.value.code == "objection_window_open"
    with pytest.raises(PermissionDenied):
        services.listing_decide(listing_id=listing.pk, actor=people["arbitrator"], version=_v(listing), listed=False,
                                reason="已改正")


def test_only_a_supervisor_extends_the_decision_period_once_by_twenty_working_days(listing, people):
    due = listing.decision_due_on
    with pytest.raises(PermissionDenied):
        services.listing_decision_extend(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                         reason="案情复杂")
    listing = services.listing_decision_extend(listing_id=listing.pk, actor=people["supervisor"], version=_v(listing),
                                               reason="涉及多个分包单位，案情复杂")
    from deadlines.calendar import WorkCalendar

    assert listing.decision_due_on == WorkCalendar.load().add_working_days(due, 20)
    assert Clock.objects.get(case_id=listing.case_id, rule__code="blacklist_decision_extended").due_on == listing.decision_due_on
    with pytest.raises(Conflict):
        services.listing_decision_extend(listing_id=listing.pk, actor=people["supervisor"], version=_v(listing),
                                         reason="再次")


def test_early_removal_within_six_months_of_paying_is_refused(listing, people):
    listing = _notify(listing, people)
    services.listing_objection_record(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      received_on=timezone.localdate(), statement="异议")
    services.listing_objection_review(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      verification="不成立", upheld=False)
    services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing), listed=True)
    today = timezone.localdate()
    services.listing_removal_apply(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                   applied_on=today, wages_paid_on=today - datetime.timedelta(days=30))
    with pytest.raises(ValidationFailed) as refused:
        services.listing_removal_decide(listing_id=listing.pk, actor=people["supervisor"], version=_v(listing),
                                        granted=True, promise_given=True)
    assert "granted" in refused.value.fields
    assert BlacklistListing.objects.get(pk=listing.pk).state == ListingState.LISTED


def test_the_sweep_removes_listings_whose_term_ended_once(listing, people):
    listing = _notify(listing, people)
    services.listing_objection_record(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      received_on=timezone.localdate(), statement="异议")
    services.listing_objection_review(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      verification="不成立", upheld=False)
    listing = services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing), listed=True)

    assert services.listings_remove_expired(today=listing.listed_until - datetime.timedelta(days=1)) == 0
    assert services.listings_remove_expired(today=listing.listed_until) == 1
    assert services.listings_remove_expired(today=listing.listed_until) == 0
    listing.refresh_from_db()
    assert listing.state == ListingState.REMOVED and listing.removal_reason == RemovalReason.EXPIRED
    assert Document.objects.filter(case_id=listing.case_id, kind="listing_removal").count() == 1
