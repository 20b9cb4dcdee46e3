import datetime
import importlib

import pytest
import time_machine
from django.apps import apps

from core.models import Division, Organization, OrgKind, Role
from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from hearings.models import Room
from tests.conftest import accept_for_arbitration, make_staff

TZ = datetime.timezone(datetime.timedelta(hours=8))
TODAY = datetime.date(2026, 6, 1)  # a Monday


def at(day: str, time: str = "10:00"):
    """Freeze the clock at the given Beijing time."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T{time}:00+08:00"), tick=False)


def slot(day: str, start: str, end: str) -> dict:
    """starts_at / ends_at in Beijing time, as hearing_schedule takes them."""
    return {
        "starts_at": datetime.datetime.fromisoformat(f"{day}T{start}:00+08:00"),
        "ends_at": datetime.datetime.fromisoformat(f"{day}T{end}:00+08:00"),
    }


@pytest.fixture(autouse=True)
def hearing_parameters(db):
    # tests.conftest.ensure_reference_data does not restore this app's parameters after a transactional
    # test's flush, so put them back here for every test.
    importlib.import_module("hearings.migrations.0003_statutory_parameters").forward(apps, None)
    importlib.import_module("hearings.migrations.0004_working_day_periods").forward(apps, None)


@pytest.fixture(autouse=True)
def frozen_today():
    with at(TODAY.isoformat()):
        yield


@pytest.fixture
def rooms(orgs):
    mk = lambda name, org=orgs["arbitration"]: Room.objects.create(organization=org, name=name, capacity=20)  # noqa: E731
    return {"one": mk("第一仲裁庭"), "two": mk("第二仲裁庭")}


@pytest.fixture
def arbitrators(orgs, people):
    return {
        "chief": people["arbitrator"],
        "second": make_staff(orgs["arbitration"], Role.ARBITRATOR, "arb-second"),
        "third": make_staff(orgs["arbitration"], Role.ARBITRATOR, "arb-third"),
    }


@pytest.fixture
def other_commission(db):
    return Organization.objects.create(
        name="青州市劳动人事争议仲裁院", kind=OrgKind.ARBITRATION, division=Division.objects.get(code="370781")
    )


@pytest.fixture
def arbitration_case(register, people, orgs):
    """A factory: a new case accepted for arbitration by the Weicheng commission (state "arbitration")."""

    def _make() -> Case:
        case = register(violation_started_on=datetime.date(2026, 1, 5)).case
        ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                             purpose="arbitration", expected_version=case.version)
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        return accept_for_arbitration(case, people["arbitrator"])

    return _make
