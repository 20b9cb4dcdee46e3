"""Two people acting on one case at once: one wins, the other gets a conflict, nothing is lost.

Run on PostgreSQL (row locks); on SQLite the version guard alone is tested by the service tests.
"""

import threading

import pytest
from django.db import connection, connections

from core.errors import Conflict
from disputes.models import Case, CaseEvent, Referral
from disputes.services import case_transition, referral_accept, referral_decline, referral_offer
from tests.conftest import skip_unless_real
from tests.concurrency import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("row-lock concurrency is tested on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")




def test_two_transitions_on_one_version_one_wins_one_conflicts(case, people):
    version = case.version
    results = race(
        lambda: case_transition(case_id=case.pk, action="suspend", actor=people["clerk"], expected_version=version,
                                reason="甲"),
        lambda: case_transition(case_id=case.pk, action="redirect", actor=people["clerk2"], expected_version=version,
                                reason="乙"),
    )
    winners = [r for r in results if isinstance(r, Case)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(conflicts) == 1, results
    case.refresh_from_db()
    assert case.version == version + 1
    assert case.status == winners[0].status
    assert CaseEvent.objects.filter(case=case, action__in=["suspend", "redirect"]).count() == 1


def test_accept_and_decline_of_one_referral_at_once_decide_it_once(case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    from tests.conftest import make_staff
    from core.models import Role

    colleague = make_staff(orgs["arbitration"], Role.ARBITRATOR, "arb2")
    results = race(
        lambda: referral_accept(referral_id=ref.pk, actor=people["arbitrator"]),
        lambda: referral_decline(referral_id=ref.pk, actor=colleague, code="duplicate"),
    )
    assert sum(isinstance(r, Referral) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    ref.refresh_from_db()
    case.refresh_from_db()
    if ref.state == "accepted":
        assert case.status == "arbitration_review"
    else:
        assert ref.state == "declined" and case.status == "registered"


def test_the_database_refuses_to_change_an_event(case):
    from django.db import DatabaseError, transaction

    event = CaseEvent.objects.filter(case=case).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE disputes_caseevent SET reason = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM disputes_caseevent WHERE id = %s", [event.pk])


def test_registrations_at_the_same_moment_get_consecutive_numbers_without_gaps(register, people, django_db_blocker):
    """The number is taken last in the registration's transaction (its counter row is city-wide): six
    windows registering at once still get six consecutive numbers, and a refused one leaves no gap."""
    register()  # the year's counter row exists
    results = race(*[(lambda i=i: register(actor=people["clerk2" if i % 2 else "clerk"], seed=100 + i)) for i in range(6)])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(int(r.case.number[-7:]) for r in results)
    assert numbers == list(range(2, 8))
    stored = sorted(Case.objects.values_list("number", flat=True))
    assert not [n for n in stored if not n.startswith("WF")]  # no placeholder left behind
