"""The wage-arrears list (MOHRSS Order 45): the proposal and the notice, each starting its clock."""

import datetime

import pytest
from django.utils import timezone

from compliance.models import BlacklistListing, ListingState
from compliance.services import listing_notify, listing_propose
from core.errors import Conflict, PermissionDenied, ValidationFailed
from deadlines.calendar import WorkCalendar
from deadlines.models import Clock
from disputes.models import Case
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db

PERSONS = [{"name": "李某", "role": "法定代表人"}]


def _propose(case, actor, **kw):
    # Sixty days ago: the twenty working days after it fall in a year whose holiday calendar is entered.
    data = dict(ground="criminal_threshold", payment_order_due_on=timezone.localdate() - datetime.timedelta(days=60),
                persons=PERSONS, reason="拖欠42名农民工工资共计86万元，逾期未支付。", payment_order_number="潍劳监令字〔2026〕第3号")
    data.update(kw)
    return listing_propose(case_id=case.pk, actor=actor, version=Case.objects.get(pk=case.pk).version, **data)


@pytest.fixture
def inspection_case(case, people, orgs):
    from documents.numbering import ensure_default_number_patterns

    ensure_default_number_patterns(orgs["inspection"])
    return file_for_inspection(case, people, orgs)


def test_a_proposal_starts_the_decision_clock_twenty_working_days_after_the_orders_deadline(inspection_case, people):
    listing = _propose(inspection_case, people["inspector"])

    expected = WorkCalendar.load().add_working_days(listing.payment_order_due_on, 20)
    assert listing.state == ListingState.PROPOSED and listing.decision_due_on == expected
    clock = Clock.objects.get(case=inspection_case, rule__code="blacklist_decision")
    assert clock.due_on == expected


def test_a_deadline_in_a_year_without_its_holiday_calendar_is_refused_not_guessed(inspection_case, people):
    from deadlines.models import CalendarYear

    last = max(CalendarYear.objects.values_list("year", flat=True))  # the year after it is not entered
    with pytest.raises(ValidationFailed) as refused:
        _propose(inspection_case, people["inspector"], payment_order_due_on=datetime.date(last, 12, 29),
                 today=datetime.date(last, 12, 30))
    assert refused.value.code == "calendar_missing" and "payment_order_due_on" in refused.value.fields
    assert not BlacklistListing.objects.exists()


def test_no_proposal_before_the_order_to_pay_has_expired_nor_without_the_persons_responsible(inspection_case, people):
    with pytest.raises(ValidationFailed) as refused:
        _propose(inspection_case, people["inspector"], payment_order_due_on=timezone.localdate(), persons=[])
    assert set(refused.value.fields) == {"payment_order_due_on", "persons"}
    assert not BlacklistListing.objects.exists()


def test_only_the_handling_inspection_team_proposes_and_only_once(inspection_case, people):
    with pytest.raises(PermissionDenied):
        _propose(inspection_case, people["arbitrator"])
    _propose(inspection_case, people["inspector"])
    with pytest.raises(Conflict):
        _propose(inspection_case, people["inspector"])


def test_the_notice_opens_the_five_working_day_objection_window(inspection_case, people):
    listing = _propose(inspection_case, people["inspector"])
    today = timezone.localdate()

    listing = listing_notify(listing_id=listing.pk, actor=people["inspector"],
                             version=Case.objects.get(pk=inspection_case.pk).version, notified_on=today)

    assert listing.state == ListingState.NOTIFIED
    clock = Clock.objects.get(case=inspection_case, rule__code="blacklist_objection")
    assert clock.due_on == listing.objection_due_on == WorkCalendar.load().add_working_days(today, 5)
    with pytest.raises(Conflict):
        listing_notify(listing_id=listing.pk, actor=people["inspector"], version=None, notified_on=today)
