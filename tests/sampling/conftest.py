import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from core.models import Role
from sampling import services
from sampling.models import InspectionItem
from tests.conftest import make_staff


@pytest.fixture
def items(db):
    # Seeded by migration; a transactional test's flush removes them.
    importlib.import_module("sampling.migrations.0002_inspection_items").forward(apps, None)
    return list(InspectionItem.objects.order_by("code"))


@pytest.fixture
def boss(orgs):
    return make_staff(orgs["inspection"], Role.SUPERVISOR, "insp_boss")


@pytest.fixture
def team(orgs, people):
    """Six inspectors of the inspection team (the `inspector` of the shared fixtures and five more)."""
    return [people["inspector"], *(make_staff(orgs["inspection"], Role.INSPECTOR, f"insp{n}") for n in range(5))]


@pytest.fixture
def employers(register):
    """Ten employers on record, each with one case registered at the window (division 370702)."""
    cases = [register(seed=100 + n, employer_name=f"潍坊第{n}号企业有限公司").case for n in range(10)]
    return [c.employer for c in cases]


@pytest.fixture
def make_plan(boss, items):
    def _make(**kw):
        data = dict(actor=boss, name="年度双随机抽查", year=timezone.localdate().year, item_ids=[items[0].pk],
                    share_percent="30.00")
        data.update(kw)
        return services.plan_create(**data)

    return _make
