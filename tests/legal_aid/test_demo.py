import pytest

from demo.data import STATIONS, seed_legal_aid, seed_organizations
from legal_aid.models import LivingAllowance, StationProfile
from legal_aid.selectors import station_figures
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db


def test_the_demo_stations_state_their_six_haves_and_a_marked_demo_allowance(db):
    ensure_reference_data()
    orgs = seed_organizations()
    seed_legal_aid(orgs)
    seed_legal_aid(orgs)  # seeding again adds nothing
    assert StationProfile.objects.count() == len(STATIONS)
    figures = {f.station.pk: f for f in station_figures()}
    assert figures[orgs["legal_aid"].pk].firms == ["山东潍州律师事务所"]
    assert all("演示数据" in a.source for a in LivingAllowance.objects.all())
