"""Reading the arbitration record: only organisations that may see the case read it."""

import pytest
from django.utils import translation

from arbitration.presentation import arbitration_event_label
from arbitration.selectors import arbitration_file, minimum_wage_for, tribunal
from arbitration.services import tribunal_compose
from core.errors import NotFound
from disputes.models import CaseEvent

from .conftest import D, fresh

pytestmark = pytest.mark.django_db


def test_the_file_is_read_by_the_commission_and_hidden_from_others(accepted, in_review, arb, people):
    case = accepted()
    tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=case.version, arbitrators=[arb.arbitrator2])
    file = arbitration_file(user=arb.clerk, case_id=case.pk)
    assert file.official_number.startswith("潍城劳人仲案字〔")
    assert [m.arbitrator for m in tribunal(file)] == [arb.arbitrator2]
    # The window that received the complaint first still reads it; another county's window does not.
    assert arbitration_file(user=people["clerk"], case_id=case.pk) == file
    with pytest.raises(NotFound):
        arbitration_file(user=people["outsider"], case_id=case.pk)
    assert arbitration_file(user=arb.clerk, case_id=in_review().pk) is None


def test_the_minimum_wage_is_looked_up_by_division_and_year(division):
    assert minimum_wage_for(division_id=division.pk, on_date=D(2025, 6, 1)).year == 2025
    assert minimum_wage_for(division_id=division.pk, on_date=D(2023, 6, 1)) is None


def test_arbitration_events_have_words_for_the_timeline(accepted, arb):
    case = accepted()
    tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, arbitrators=[arb.arbitrator2])
    event = CaseEvent.objects.get(case=case, action="tribunal_composed")
    with translation.override("en"):
        assert arbitration_event_label(event) == "Tribunal composed: arbitrator2"
    assert arbitration_event_label(CaseEvent(action="note")) is None
