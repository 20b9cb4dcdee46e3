"""Cases brought into the arbitration stages through the real services (window -> referral -> commission)."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
import time_machine

from arbitration.services import application_accept, ensure_default_patterns, tribunal_compose
from core.models import Role
from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from tests.conftest import hold_hearing, make_staff, schedule_first_hearing

D = datetime.date


@pytest.fixture(autouse=True)
def _arbitration_reference_data(division):
    """Minimum wages and parameters seeded by this app's migration; a transactional test's flush removes them."""
    from django.apps import apps

    importlib.import_module("arbitration.migrations.0008_chinese_notes_in_sources").reseed(apps, None)


def at(day: str):
    """Freeze the clock at 10:00 Beijing time on the given day."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"), tick=False)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def arb(orgs, people):
    """The arbitration institute of the shared fixtures (its own commission: it has no parent) and its staff."""
    org = orgs["arbitration"]
    ensure_default_patterns(org)
    return SimpleNamespace(
        org=org,
        arbitrator=people["arbitrator"],
        arbitrator2=make_staff(org, Role.ARBITRATOR, "arbitrator2"),
        arbitrator3=make_staff(org, Role.ARBITRATOR, "arbitrator3"),
        arbitrator4=make_staff(org, Role.ARBITRATOR, "arbitrator4"),
        chair=make_staff(org, Role.SUPERVISOR, "chair"),
        clerk=make_staff(org, Role.CLERK, "filing-clerk"),
        mediator=make_staff(org, Role.MEDIATOR, "arb-mediator"),
    )


@pytest.fixture
def in_review(register, people, orgs, arb):
    """A registered complaint referred to and received by the arbitration institute (arbitration_review)."""

    def _make(org=None, receiver=None, **overrides):
        overrides.setdefault("violation_started_on", D(2026, 1, 5))
        case = register(**overrides).case
        ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=(org or orgs["arbitration"]).pk,
                             purpose="arbitration", expected_version=case.version)
        referral_accept(referral_id=ref.pk, actor=receiver or arb.arbitrator)
        return fresh(case)

    return _make


@pytest.fixture
def accepted(in_review, arb):
    def _make(procedure="ordinary", **overrides):
        case = in_review(**overrides)
        application_accept(case_id=case.pk, actor=arb.arbitrator, version=case.version, procedure=procedure,
                           facts_clear=procedure == "summary")
        return fresh(case)

    return _make


@pytest.fixture
def heard(accepted, arb):
    """Accepted, a sole arbitrator composed, the hearing stage reached by booking a hearing.

    held=True: the hearing took place (yesterday, notice served) and is recorded as held, the ground an award
    needs; respondent_absent=True: held in the respondent's absence after notice (LDMAL art 36)."""

    def _make(held=False, respondent_absent=False, **overrides):
        case = accepted(**overrides)
        tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=case.version, arbitrators=[arb.arbitrator])
        hearing = schedule_first_hearing(case, arb.arbitrator)
        if held or respondent_absent:
            hold_hearing(hearing, arb.arbitrator, respondent_absent=respondent_absent)
        return fresh(case)

    return _make
