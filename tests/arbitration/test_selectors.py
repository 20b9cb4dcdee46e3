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


def test_the_minimum_wage_is_the_one_in_force_on_the_day(division):
    from arbitration.models import MinimumWage

    notice = minimum_wage_for(division_id=division.pk, on_date=D(2025, 6, 1))
    assert notice.effective_from == D(2021, 10, 1) and not notice.verified
    # Before the 2021 notice took effect (1 October) nothing is entered: never the later rate.
    assert minimum_wage_for(division_id=division.pk, on_date=D(2021, 9, 30)) is None
    assert minimum_wage_for(division_id=division.pk, on_date=D(2021, 10, 1)) == notice
    # A later notice taking effect mid-year replaces it from that day, not from 1 January.
    later = MinimumWage.objects.create(division=division, effective_from=D(2026, 7, 1), monthly_amount="2200.00",
                                       source="a later notice")
    assert minimum_wage_for(division_id=division.pk, on_date=D(2026, 6, 30)) == notice
    assert minimum_wage_for(division_id=division.pk, on_date=D(2026, 7, 1)) == later


def test_a_zone_without_a_code_of_its_own_takes_the_rate_of_the_division_administering_it(division):
    from core.models import Division

    zone = Division.objects.get(name="潍坊经济开发区")
    assert zone.code == "370702-JK" and zone.administered_by.code == "370702"
    assert not Division.objects.filter(code__in=["370771", "370773", "370774", "370775"]).exists()
    assert minimum_wage_for(division_id=zone.pk, on_date=D(2026, 6, 1)).division == zone.administered_by


def test_arbitration_events_have_words_for_the_timeline(accepted, arb):
    case = accepted()
    tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, arbitrators=[arb.arbitrator2])
    event = CaseEvent.objects.get(case=case, action="tribunal_composed")
    with translation.override("en"):
        assert arbitration_event_label(event) == "Tribunal composed: arbitrator2"
    assert arbitration_event_label(CaseEvent(action="note")) is None
