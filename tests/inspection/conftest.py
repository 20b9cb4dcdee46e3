import datetime
import importlib

import pytest
import time_machine
from django.apps import apps

from core.models import Organization, OrgKind, Role
from disputes.models import Case
from disputes.services import referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.services import inspection_file
from tests.conftest import make_staff

D = datetime.date


@pytest.fixture(autouse=True)
def _penalty_rules(db):
    # A transactional test elsewhere flushes the tables the data migration seeded; put them back.
    importlib.import_module("inspection.migrations.0002_penalty_rules_and_parameters").forward(apps, None)


def at(day: str):
    """Freeze time at 10:00 Beijing time on the given day."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def team(orgs, people, division):
    other_team = Organization.objects.create(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION, division=division)
    # The team's written decisions are numbered from its patterns (潍城人社监令字〔2026〕第N号 ...).
    ensure_default_number_patterns(orgs["inspection"])
    return {
        "lead": people["inspector"],
        "second": make_staff(orgs["inspection"], Role.INSPECTOR, "inspector2"),
        "head": make_staff(orgs["inspection"], Role.SUPERVISOR, "inspection-head"),
        "clerk": make_staff(orgs["inspection"], Role.CLERK, "inspection-clerk"),
        "stranger": make_staff(other_team, Role.INSPECTOR, "qingzhou-inspector"),
        "stranger_org": other_team,
    }


@pytest.fixture
def offer_to_inspection(people, orgs):
    def _offer(case):
        return referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk,
                              purpose="inspection", expected_version=fresh(case).version)

    return _offer


@pytest.fixture
def filed(register, offer_to_inspection, team):
    """A complaint registered at the window on Mon 1 Jun 2026 and filed by the inspection team that day."""

    def _filed(**overrides):
        overrides.setdefault("violation_started_on", D(2026, 3, 2))
        with at("2026-06-01"):
            case = register(**overrides).case
            referral = offer_to_inspection(case)
            inspection_file(referral_id=referral.pk, actor=team["lead"])
        return fresh(case)

    return _filed
