"""After the award (LDMAL arts 48-50): filings inside or outside their windows are recorded, never refused.

The windows are calendar days from receipt of the award; a last day on a rest day moves to the next working
day (2026 calendar: National Day 1-7 Oct, Thu 8 Oct a working day).
"""

import pytest

from arbitration.models import Award, PostAwardRecord
from arbitration.services import award_issue, post_award_record
from core.errors import PermissionDenied, TransitionRefused, ValidationFailed
from disputes.models import CaseEvent
from tests.conftest import hold_hearing, schedule_first_hearing

from .conftest import D, at, fresh
from .test_awards import TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(heard, arb):
    """A case awarded on the given day: wages of 8,600 yuan (final), or only a dismissal claim (not final)."""

    def _make(day, *, final=True):
        claims = [{"type": "wages", "amount": "8600.00", "description": "工资"}] if final else \
            [{"type": "dismissal", "amount": None, "description": "撤销解除决定"}]
        with at(day):
            case = heard(held=True, claims=claims)
            items = [{"claim_id": c.pk, "awarded_amount": "8600.00" if c.type == "wages" else None,
                      "decision_text": "裁决"} for c in case.claims.all()]
            award_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, items=items, **TEXTS)
        return fresh(case)

    return _make


def record(case, actor, **kw):
    return post_award_record(case_id=case.pk, actor=actor, version=fresh(case).version, **kw)


@pytest.mark.parametrize(
    ("award_day", "filed_on", "window_end", "late"),
    [
        ("2026-09-14", D(2026, 9, 29), D(2026, 9, 29), False),  # Mon + 15 = Tue 29 Sep, a working day
        ("2026-09-14", D(2026, 9, 30), D(2026, 9, 29), True),
        ("2026-09-16", D(2026, 10, 8), D(2026, 10, 8), False),  # Wed + 15 = 1 Oct, holiday -> Thu 8 Oct
        ("2026-09-16", D(2026, 10, 9), D(2026, 10, 8), True),
    ],
)
def test_a_suit_is_measured_against_fifteen_days_and_a_late_one_is_recorded_as_late(
    awarded, arb, award_day, filed_on, window_end, late
):
    case = awarded(award_day)
    with at("2026-10-20"):
        rec = record(case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=filed_on,
                     court_name="潍城区人民法院")
    assert (rec.window_days, rec.window_ends_on, rec.is_late) == (15, window_end, late)
    assert fresh(case).status == "closed"
    event = CaseEvent.objects.get(case=case, action="post_award_recorded")
    assert event.is_public and event.payload["late"] is late


def test_the_window_runs_from_receipt_of_the_award_when_it_is_known(awarded, arb):
    case = awarded("2026-09-14")
    with at("2026-10-20"):
        rec = record(case, arb.clerk, kind="suit_filed", by_party="employer", filed_on=D(2026, 9, 30),
                     award_received_on=D(2026, 9, 16))
    assert (rec.window_ends_on, rec.is_late) == (D(2026, 10, 8), False)


def test_the_employer_has_thirty_days_to_apply_to_set_a_final_award_aside(awarded, arb):
    case = awarded("2026-09-14")  # + 30 = Wed 14 Oct
    with at("2026-10-20"):
        on_time = record(case, arb.clerk, kind="set_aside_applied", by_party="employer", filed_on=D(2026, 10, 14),
                         court_name="潍坊市中级人民法院")
        late = record(case, arb.clerk, kind="set_aside_applied", by_party="employer", filed_on=D(2026, 10, 15))
        with pytest.raises(ValidationFailed) as exc:
            record(case, arb.clerk, kind="set_aside_applied", by_party="worker", filed_on=D(2026, 10, 1))
    assert "by_party" in exc.value.fields
    assert (on_time.window_days, on_time.window_ends_on, on_time.is_late) == (30, D(2026, 10, 14), False)
    assert late.is_late
    assert PostAwardRecord.objects.count() == 2


def test_a_non_final_award_cannot_be_set_aside_but_either_party_may_sue(awarded, arb):
    case = awarded("2026-09-14", final=False)
    assert not Award.objects.get(file__case=case).items.filter(is_final=True).exists()
    with at("2026-10-20"):
        with pytest.raises(ValidationFailed) as exc:
            record(case, arb.clerk, kind="set_aside_applied", by_party="employer", filed_on=D(2026, 10, 1))
        suit = record(case, arb.clerk, kind="suit_filed", by_party="employer", filed_on=D(2026, 9, 25))
    assert "kind" in exc.value.fields
    assert (suit.by_party, suit.is_late) == ("employer", False)


def test_the_court_upholding_the_award_leaves_the_case_closed(awarded, arb):
    case = awarded("2026-09-14")
    with at("2026-12-01"):
        rec = record(case, arb.clerk, kind="court_result", court_outcome="award_stands", filed_on=D(2026, 11, 30),
                     court_name="潍城区人民法院", court_case_number="（2026）鲁0702民初1234号")
    after = fresh(case)
    assert (after.status, after.outcome) == ("closed", "award")
    assert rec.court_outcome == "award_stands" and rec.window_ends_on is None and not rec.is_late


def test_a_case_sent_back_by_the_court_reopens_and_can_be_decided_again(awarded, arb):
    case = awarded("2026-09-14")
    with at("2026-12-01"):
        with pytest.raises(ValidationFailed):  # the court's reason is required
            record(case, arb.arbitrator, kind="court_result", court_outcome="remitted", filed_on=D(2026, 11, 30))
        with pytest.raises(PermissionDenied):  # reopening is an arbitrator's or supervisor's act
            record(case, arb.clerk, kind="court_result", court_outcome="remitted", filed_on=D(2026, 11, 30),
                   reason="遗漏仲裁请求")
        assert not PostAwardRecord.objects.exists()
        record(case, arb.arbitrator, kind="court_result", court_outcome="remitted", filed_on=D(2026, 11, 30),
               reason="法院认为裁决遗漏加班费请求，发回重新仲裁")
        after = fresh(case)
        assert (after.status, after.outcome) == ("arbitration", "")
        assert CaseEvent.objects.get(case=case, action="reopen_arbitration").reason.startswith("法院认为")
        assert Award.objects.get(file__case=case).superseded_at is not None
        # The reopened case is decided afresh: the tribunal stays, the hearing stage is reached again.
        hold_hearing(schedule_first_hearing(case, arb.arbitrator), arb.arbitrator)
        items = [{"claim_id": c.pk, "awarded_amount": "9000.00", "decision_text": "重新裁决"} for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, items=items, **TEXTS)
    assert fresh(case).status == "closed"
    assert Award.objects.filter(file__case=case, superseded_at__isnull=True).count() == 1


def test_post_award_records_refuse_without_an_award_or_for_the_wrong_actor(accepted, awarded, arb, people):
    open_case = accepted()
    with pytest.raises(TransitionRefused):
        record(open_case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=D(2026, 1, 1))
    case = awarded("2026-09-14")
    with at("2026-10-20"):
        with pytest.raises(PermissionDenied):
            record(case, arb.mediator, kind="suit_filed", by_party="worker", filed_on=D(2026, 9, 20))
        with pytest.raises(PermissionDenied):
            record(case, people["clerk"], kind="suit_filed", by_party="worker", filed_on=D(2026, 9, 20))
        with pytest.raises(ValidationFailed):
            record(case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=D(2026, 10, 21))  # future
        with pytest.raises(ValidationFailed):
            record(case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=D(2026, 9, 1))  # before the award
        with pytest.raises(ValidationFailed):
            record(case, arb.clerk, kind="suit_filed", by_party="", filed_on=D(2026, 9, 20))
    assert not PostAwardRecord.objects.exists()


def test_a_window_ending_in_a_year_without_a_calendar_is_answered_only_when_it_cannot_change(awarded, arb):
    # Awarded on 18 Dec (its hearing, booked ten days ahead, still falls in 2026, whose calendar is entered);
    # + 15 = Sat 2 Jan 2027: no official 2027 calendar is entered to say where the last day rolls to.
    case = awarded("2026-12-18")
    with at("2027-01-25"):
        in_time = record(case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=D(2026, 12, 31))
        with pytest.raises(ValidationFailed) as exc:
            record(case, arb.clerk, kind="suit_filed", by_party="worker", filed_on=D(2027, 1, 20))
    assert (in_time.is_late, in_time.window_ends_on) == (False, None)
    assert exc.value.code == "calendar_missing"
