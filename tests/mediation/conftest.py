"""Cases brought to the inspection and arbitration stages through the real services, and the people who mediate
them jointly. The clock is frozen on Tue 2 Jun 2026 (inside the entered 2026 calendar)."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from arbitration.services import application_accept, ensure_default_patterns
from core.models import Division, Organization, OrgKind, Role
from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from inspection.services import inspection_transfer_to_arbitration
from tests.arbitration.conftest import _arbitration_reference_data  # noqa: F401
from tests.conftest import make_staff
from tests.inspection.conftest import _penalty_rules, filed, offer_to_inspection, team  # noqa: F401

D = datetime.date
TODAY = D(2026, 6, 2)


@pytest.fixture(autouse=True)
def _frozen_day():
    with time_machine.travel(datetime.datetime.fromisoformat("2026-06-02T10:00:00+08:00"), tick=False):
        yield


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def at_ten(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day.isoformat()}T10:00:00+08:00")


@pytest.fixture
def cast(orgs, people, team):
    """Who is who. The arbitration institute of the shared fixtures is its own commission (no parent)."""
    qingzhou = Division.objects.get(code="370781")
    far_commission = Organization.objects.create(name="青州市劳动人事争议仲裁委员会", kind=OrgKind.ARBITRATION, division=qingzhou)
    ensure_default_patterns(orgs["arbitration"])
    for user, name in ((people["inspector"], "赵强"), (people["arbitrator"], "李明")):
        user.last_name = name
        user.save(update_fields=["last_name"])
    return SimpleNamespace(
        inspector=people["inspector"], inspector2=team["second"], inspection_head=team["head"],
        inspection_clerk=team["clerk"], other_team_inspector=team["stranger"],
        arbitrator=people["arbitrator"], arbitrator2=make_staff(orgs["arbitration"], Role.ARBITRATOR, "arbitrator2"),
        arbitration_chair=make_staff(orgs["arbitration"], Role.SUPERVISOR, "chair"),
        far_arbitrator=make_staff(far_commission, Role.ARBITRATOR, "qingzhou-arbitrator"),
        mediator=people["mediator"], clerk=people["clerk"], window_supervisor=people["supervisor"],
        outsider=people["outsider"],
        outsider_supervisor=people["outsider_supervisor"],
    )


@pytest.fixture
def in_inspection(filed, cast):
    """Filed by 潍城区劳动保障监察大队 on 1 Jun 2026: stage inspection, no arbitration file."""
    return lambda **overrides: filed(**overrides)


@pytest.fixture
def in_arbitration(register, orgs, cast):
    """Registered at the window, referred to and accepted by the arbitration institute: stage arbitration, with
    its arbitration file, and no inspection case."""

    def _make(**overrides):
        overrides.setdefault("violation_started_on", D(2026, 1, 5))
        case = register(**overrides).case
        ref = referral_offer(case_id=case.pk, actor=cast.clerk, to_org_id=orgs["arbitration"].pk,
                             purpose="arbitration", expected_version=case.version)
        referral_accept(referral_id=ref.pk, actor=cast.arbitrator)
        application_accept(case_id=case.pk, actor=cast.arbitrator, version=fresh(case).version)
        return fresh(case)

    return _make


@pytest.fixture
def both_tracks(filed, orgs, cast):
    """Filed by inspection, handed to arbitration (监察条例 art 21) and accepted there: both tracks are open."""

    def _make(**overrides):
        case = filed(**overrides)
        transfer = inspection_transfer_to_arbitration(
            case_id=case.pk, actor=cast.inspector, version=case.version, to_org_id=orgs["arbitration"].pk
        )
        referral_accept(referral_id=transfer.referral_id, actor=cast.arbitrator)
        application_accept(case_id=case.pk, actor=cast.arbitrator, version=fresh(case).version)
        return fresh(case)

    return _make
