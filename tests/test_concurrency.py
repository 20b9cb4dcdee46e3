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


def test_a_reissue_while_the_worker_renders_the_receipt_waits_and_then_replaces_it(register, people, monkeypatch):
    """The renderer holds the pending receipt while reportlab works, then locks the case to store it; a reissue
    takes the same two rows in the same order, so it waits instead of deadlocking, and its new code is what
    stays pending."""
    from core.query_codes import query_code_matches, unseal_query_code
    from disputes.models import Document
    from intake import receipt as receipt_module, services as intake_services
    from intake.models import PendingReceipt
    from intake.receipt import pending_receipts_render
    from intake.services import case_reissue_query_code

    monkeypatch.setattr(intake_services, "receipts_kick", lambda: None)  # leave it pending after the commit
    case = register().case
    rendering, go_on = threading.Event(), threading.Event()
    real_render = receipt_module.render_receipt

    def slow_render(**kwargs):
        rendering.set()
        go_on.wait(30)
        return real_render(**kwargs)

    monkeypatch.setattr(receipt_module, "render_receipt", slow_render)
    outcome = {}

    def render():
        try:
            outcome["render"] = pending_receipts_render(seconds=60)
        except Exception as exc:  # noqa: BLE001  (a deadlock victim would raise here)
            outcome["render"] = exc
        finally:
            connections.close_all()

    def reissue():
        rendering.wait(30)
        try:
            outcome["reissue"] = case_reissue_query_code(case_id=case.pk, actor=people["clerk"])
        except Exception as exc:  # noqa: BLE001
            outcome["reissue"] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=render), threading.Thread(target=reissue)]
    for t in threads:
        t.start()
    rendering.wait(30)
    threading.Timer(0.5, go_on.set).start()  # the reissue is queued on the pending row by then
    for t in threads:
        t.join(60)

    assert outcome["render"] == (1, False), outcome
    _, new_code = outcome["reissue"]
    assert Document.objects.filter(case=case, kind="receipt").count() == 1  # the old code's, rendered before
    pending = PendingReceipt.objects.get(case=case)
    assert unseal_query_code(pending.sealed_code, max_age=None) == new_code
    assert query_code_matches(new_code, Case.objects.get(pk=case.pk).query_code_hash)


def test_a_case_event_locks_the_cases_clocks_not_the_deadline_rules_every_case_shares(case, people, orgs):
    """Found by the load test: a transition locked its clocks with their rules joined, so the
    rule rows, shared by every case in the city, were held FOR UPDATE until commit. Any other transaction
    writing a clock checks its rule's key (FOR KEY SHARE) and had to wait, and two of them deadlocked."""
    from django.db import transaction

    from deadlines.models import Clock

    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=case.version)  # starts the filing clock
    case.refresh_from_db()
    rule_ids = list(Clock.objects.filter(case=case, state="running").values_list("rule_id", flat=True))
    assert rule_ids, "an offered referral runs a clock"

    with transaction.atomic():
        case_transition(case_id=case.pk, action="suspend", actor=people["clerk"], expected_version=case.version,
                        reason="等待鉴定结论")
        (elsewhere,) = race(lambda: len(_key_share_nowait("deadlines_deadlinerule", rule_ids)))
        # The case's own clocks stay locked until this commit.
        (clock_locked,) = race(lambda: _lock_nowait("deadlines_clock", Clock.objects.filter(case=case).first().pk))
    assert elsewhere == len(set(rule_ids)), elsewhere
    assert "could not obtain lock" in str(clock_locked), clock_locked


def _key_share_nowait(table, pks):
    """What any write naming these rows takes on them (its foreign-key check), from another connection."""
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id = ANY(%s) FOR KEY SHARE NOWAIT", [list(pks)])
        return cursor.fetchall()


def _lock_nowait(table, pk):
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE NOWAIT", [pk])
        return cursor.fetchall()


def test_deciding_a_referral_leaves_the_receiving_organisation_free_for_others_writes(case, people, orgs):
    """The referral was locked with its organisation joined: until the decision committed, every other write
    naming that organisation (a case, an event: each checks its key) waited."""
    from django.db import transaction

    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)

    with transaction.atomic():
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        (elsewhere,) = race(lambda: _key_share_nowait("core_organization", [orgs["arbitration"].pk]))
        (referral_locked,) = race(lambda: _lock_nowait("disputes_referral", ref.pk))
    assert elsewhere == [(orgs["arbitration"].pk,)], elsewhere
    assert "could not obtain lock" in str(referral_locked), referral_locked
