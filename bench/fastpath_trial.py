#!/usr/bin/env python
"""The fast paths on trial: each one against the plain ORM doing the same work, by CPU per call, in-process,
in alternating rounds (the machine's speed drifts between minutes; alternating keeps both sides in the same
spell). This process's CPU and that of the PostgreSQL backend serving it (bench.cpu_share.backend_seconds),
plus PostgreSQL's planning and execution time of the statements sent (EXPLAIN ANALYZE, median of 12).
Run it on the generated province (bench/generate.py); `write` registers real cases.

    DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 .venv/bin/python bench/fastpath_trial.py [--n 100] [--rounds 4]
    ... bench/fastpath_trial.py reads parties     # some trials only: reads, parties, write, receipt_font

With CELERY_BROKER_URL set (a Redis database of your own) the receipt task of `write` is only sent, as under
gunicorn; without one it is rendered inside the registration and dominates both sides.
"""

import argparse
import itertools
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def measure(sides: dict, n: int, rounds: int) -> dict:
    """{side: (web ms, database ms)} per call, median of the rounds; sides alternate within each round."""
    from django.db import connection

    from bench.cpu_share import backend_seconds

    for prepare, call in sides.values():
        prepare()
        for _ in range(10):
            call()
    results = {name: ([], []) for name in sides}
    for _ in range(rounds):
        for name, (prepare, call) in sides.items():
            prepare()
            web, database = time.process_time(), backend_seconds(connection)
            for _ in range(n):
                call()
            results[name][0].append((time.process_time() - web) / n * 1000)
            results[name][1].append((backend_seconds(connection) - database) / n * 1000)
    return {name: (statistics.median(w), statistics.median(d)) for name, (w, d) in results.items()}


def planning(call) -> tuple[int, float, float]:
    """(statements, planning ms, execution ms) of one call, by EXPLAIN ANALYZE of what it sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    plan = execution = 0.0
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            if not query["sql"].startswith(("SELECT", "EXECUTE")):
                continue
            runs = []
            for _ in range(12):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                found = cursor.fetchone()[0][0]
                runs.append((found.get("Planning Time", 0.0), found["Execution Time"]))
            plan += statistics.median(r[0] for r in runs)
            execution += statistics.median(r[1] for r in runs)
    return len(ctx.captured_queries), plan, execution


def report(trial: str, sides: dict, n: int, rounds: int) -> None:
    for name, (web, database) in measure(sides, n, rounds).items():
        statements, plan, execution = planning(sides[name][1])
        print(f"{trial:<16} {name:<8} web {web:6.2f} ms  backend {database:5.2f} ms  "
              f"statements {statements}  planning {plan:.3f} ms  execution {execution:.3f} ms", flush=True)


def reads(n: int, rounds: int) -> None:
    """Each read of core.rows against the ORM query the equality tests hold it to."""
    from rest_framework.authtoken.models import Token

    from core import access
    from core.models import StaffProfile
    from core.refdata import cached
    from deadlines import selectors as clocks
    from deadlines.models import Clock, ClockState
    from disputes import selectors
    from disputes.models import Case, CaseEvent, Referral
    from portal import selectors as portal

    user = (Token.objects.filter(user__staff__role="arbitrator", user__staff__organization__division__isnull=False)
            .order_by("user_id").first().user)
    cases = list(Case.objects.filter(pk__in=[c.pk for c in selectors.queue_page(selectors.queue(user), size=20).cases]))
    assert cases, "the arbitrator has no open case: generate the database first (bench/generate.py)"
    next_case = itertools.cycle(cases).__next__
    shown = sorted(cached("deadline_rules", clocks._load_rules)["shown_to_worker"])
    orm = {
        "staff": lambda: list(StaffProfile.objects.select_related("organization__division").filter(user_id=user.pk)),
        "case": lambda: list(Case.objects.select_related("worker", "employer").filter(pk=next_case().pk)),
        "timeline": lambda: list(CaseEvent.objects.filter(case_id=next_case().pk).select_related("actor", "actor_org")
                                 .order_by("created_at", "id")),
        "referrals": lambda: list(Referral.objects.filter(case_id=next_case().pk)
                                  .select_related("from_org", "to_org", "offered_by", "decided_by")
                                  .order_by("-offered_at", "-id")),
        "clocks": lambda: list(Clock.objects.filter(case_id=next_case().pk).select_related("owner_org", "extended_by")),
        "status case": lambda: list(Case.objects.select_related("owner_org", "owner_user").filter(number=next_case().number)),
        "status events": lambda: list(CaseEvent.objects.filter(case_id=next_case().pk, is_public=True)
                                      .select_related("actor_org").order_by("-created_at", "-id")[:50]),
        "status date": lambda: Clock.objects.filter(case_id=next_case().pk, state=ClockState.RUNNING, rule_id__in=shown)
        .order_by("due_on", "id").first(),
        # The same page read through the ORM's parts (what a filtered queue does), related rows attached alike.
        "queue": lambda: selectors.queue_page(replace(selectors.queue(user), written=None), size=20, offset=0),
    }
    written = {
        "staff": lambda: access._profile_of(user.pk),
        "case": lambda: selectors.case_get(user=user, case_id=next_case().pk),
        "timeline": lambda: selectors.case_events(case=next_case()),
        "referrals": lambda: selectors.case_referrals(case=next_case()),
        "clocks": lambda: clocks.clocks_for_case(next_case()),
        "status case": lambda: portal._case_by_number(next_case().number),
        "status events": lambda: portal.public_timeline(next_case()),
        "status date": lambda: clocks.next_date_for_worker(next_case()),
        "queue": lambda: selectors.queue_page(selectors.queue(user), size=20, offset=0),
    }
    nothing = lambda: None  # noqa: E731
    for name in orm:
        report(name, {"written": (nothing, written[name]), "orm": (nothing, orm[name])}, n, rounds)


def parties(n: int, rounds: int) -> None:
    """intake.selectors.parties_on_file against the same answer from ORM queries."""
    from django.db.models import Exists, OuterRef

    from disputes.choices import ACTIVE_STATES
    from disputes.models import Case, Employer, Worker
    from intake.selectors import parties_on_file

    pairs = itertools.cycle(Case.objects.filter(status__in=ACTIVE_STATES)
                            .values_list("worker__id_number", "employer__credit_code")[:200])

    def orm():
        id_number, credit_code = next(pairs)
        worker = Worker.objects.filter(id_number_index=Worker.id_number_digest(id_number)).first()
        employer = Employer.objects.filter(credit_code=credit_code).annotate(unflagged=Exists(
            Case.objects.filter(employer=OuterRef("pk"), status__in=ACTIVE_STATES, is_collective=False))).first()
        others = set()
        if employer is not None:
            for flag in (False, True):
                others |= set(Case.objects.filter(employer=employer, status__in=ACTIVE_STATES, is_collective=flag)
                              .exclude(worker_id=worker.pk if worker else 0).order_by("worker_id")
                              .values_list("worker_id", flat=True).distinct()[:9])
        return worker, employer, min(len(others), 9), bool(employer and employer.unflagged)

    report("parties on file", {"written": (lambda: None, lambda: parties_on_file(*next(pairs), enough=9)),
                               "orm": (lambda: None, orm)}, n, rounds)


def write(n: int, rounds: int) -> None:
    """A registration (POST /api/v1/complaints/) written in one statement (core.sqlbatch) or through the ORM,
    and the baseline insert the 3x target is set against."""
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from bench.profile_intake import complaint
    from core import sqlbatch
    from disputes.models import Employer
    from intake import services

    employers = list(Employer.objects.values_list("credit_code", "name", "address", "is_platform", "industry")[:50])
    token = Token.objects.filter(user__staff__role="clerk", user__staff__organization__division__isnull=False).first()
    division = token.user.staff.organization.division_id
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", SERVER_NAME="127.0.0.1")
    supported = sqlbatch.supported

    def register():
        response = client.post("/api/v1/complaints/", complaint(employers, division), content_type="application/json")
        assert response.status_code == 201, response.content[:300]

    def baseline():
        response = client.post("/api/v1/_baseline/", {"payload": "基准" * 20}, content_type="application/json")
        assert response.status_code == 201

    sides = {
        "one statement": (lambda: setattr(services.sqlbatch, "supported", supported), register),
        "orm": (lambda: setattr(services.sqlbatch, "supported", lambda using="default": False), register),
        "baseline": (lambda: None, baseline),
    }
    try:
        for name, (web, database) in measure(sides, n, rounds).items():
            print(f"{'registration':<16} {name:<13} web {web:6.2f} ms  backend {database:5.2f} ms  "
                  f"total {web + database:6.2f} ms", flush=True)
    finally:
        services.sqlbatch.supported = supported


def receipt_font(n: int, rounds: int) -> None:
    """A receipt's rendering with the font's tables kept (core.pdf._keep_font_tables) and read afresh."""
    from django.conf import settings

    from core import pdf
    from disputes.models import Case
    from intake import receipt

    case = Case.objects.select_related("worker", "employer", "first_handler", "first_handler_org").first()
    pdf.find_cjk_font()
    face = pdf._load_first_font(tuple(settings.PDF_CJK_FONT_PATHS))[1].face
    keeping = face.__dict__["get_table"]  # the process's one, with the tables it has kept so far

    def kept(on: bool):
        face.__dict__.pop("get_table", None)
        if on:
            face.get_table = keeping

    def render():
        receipt._render(case=case, query_code="ABCDEFGH", status_url="https://example.org/status/",
                        issued_at=case.registered_at)

    try:
        for name, (web, _) in measure({"kept": (lambda: kept(True), render), "re-read": (lambda: kept(False), render)},
                                      max(5, n // 5), rounds).items():
            print(f"{'receipt font':<16} {name:<8} web {web:6.2f} ms", flush=True)
    finally:
        kept(True)


TRIALS = {"reads": reads, "parties": parties, "write": write, "receipt_font": receipt_font}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trials", nargs="*", help=f"some of: {', '.join(TRIALS)} (default: all)")
    parser.add_argument("--n", type=int, default=100, help="calls per side per round")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if set(args.trials) - set(TRIALS):
        parser.error(f"unknown trial: {', '.join(sorted(set(args.trials) - set(TRIALS)))}")
    setup_django()
    for name in args.trials or TRIALS:
        TRIALS[name](args.n, args.rounds)


if __name__ == "__main__":
    main()
