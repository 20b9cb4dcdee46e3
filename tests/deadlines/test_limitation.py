"""Limitation periods at intake: computed from the dates given; an expired one needs a recorded reason."""

import datetime

import pytest
import time_machine

from core.errors import ValidationFailed
from disputes.models import Case, CaseEvent

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8))), tick=False):
        yield


def test_a_recent_violation_is_within_both_periods(register):
    case = register(violation_started_on=D(2026, 3, 2), violation_ended_on=D(2026, 4, 30),
                    claims=[{"type": "dismissal"}]).case
    # One year from 30 Apr 2026 is Fri 30 Apr 2027 — but 2027 has no calendar: the unrolled date is kept
    # and flagged; two years for inspection likewise.
    assert case.arbitration_limitation_ends_on == D(2027, 4, 30)
    assert case.inspection_limitation_ends_on == D(2028, 4, 30)
    assert case.limitation_override_reason == ""


def test_wages_while_still_employed_run_no_arbitration_limitation(register):
    case = register(violation_started_on=D(2024, 1, 1), claims=[{"type": "wages", "amount": "3000"}]).case
    assert case.arbitration_limitation_ends_on is None
    assert case.inspection_limitation_ends_on is None  # continuing violation


def test_wages_run_one_year_from_the_end_of_employment(register):
    with pytest.raises(ValidationFailed) as exc:
        register(violation_started_on=D(2024, 1, 1), employment_ended_on=D(2025, 6, 1),
                 claims=[{"type": "wages", "amount": "3000"}])
    assert exc.value.code == "limitation_expired"
    # One year from Sun 1 Jun 2025 is Mon 1 Jun 2026: ended before 15 Jun 2026.
    assert "2026-06-01" in " ".join(exc.value.fields["limitation_reason"])
    assert Case.objects.count() == 0


def test_a_period_ending_on_a_rest_day_ends_on_the_next_working_day(register):
    # One year from Sat 14 Jun 2025 is Sun 14 Jun 2026: the period runs to Mon 15 Jun 2026 (today): not expired.
    case = register(violation_started_on=D(2025, 6, 1), violation_ended_on=D(2025, 6, 14),
                    claims=[{"type": "dismissal"}]).case
    assert case.arbitration_limitation_ends_on == D(2026, 6, 15)


def test_an_expired_period_is_registered_only_with_a_recorded_reason(register):
    kwargs = dict(violation_started_on=D(2023, 1, 10), violation_ended_on=D(2023, 3, 1), claims=[{"type": "dismissal"}])
    with pytest.raises(ValidationFailed) as exc:
        register(**kwargs)
    text = " ".join(exc.value.fields["limitation_reason"])
    # Arbitration: one year from Wed 1 Mar 2023 is Fri 1 Mar 2024. Inspection: two years is Sat 1 Mar 2025,
    # a rest day, so Mon 3 Mar 2025.
    assert "2024-03-01" in text and "2025-03-03" in text
    case = register(limitation_reason="2024年2月曾向单位书面主张，时效中断", **kwargs).case
    assert case.limitation_override_reason.startswith("2024年2月")
    event = CaseEvent.objects.get(case=case, action="registered")
    assert event.payload["limitation_expired"] == ["arbitration", "inspection"]
    assert event.reason == case.limitation_override_reason
