#!/usr/bin/env python
"""Time disputes.search.search_cases on a generated province (issue 21: well under a second at 5M cases).

    .venv/bin/python bench/search.py                   # onewindow_province (bench/generate.py)
    .venv/bin/python bench/search.py --explain         # and EXPLAIN ANALYZE of the slowest query of each kind

For the clerk and the supervisor of the busiest county window (the organisation that received the most cases,
so the one whose scope is widest), each kind of query is run on --samples different values drawn from the
database, each --repeat times; the first page (20 results) is timed, whole, in the process as the app runs it
(matching, the scope rule, the ranked page, the related rows). Printed per kind: median, p95 and max of the
per-call times, SQL statements per call, the median time spent in SQL (as the driver saw it), and results on
the page. On a shared machine the whole-call times move with its load; the SQL time less so.

Kinds: a case number; a full ID number and a phone (blind indexes); a credit code; a worker's full name (the
generated names repeat: a common name matches hundreds of workers); a worker name's first two characters; an
employer's full name; an employer name's inner fragment of 3+ characters (the trigram index).
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def samples(cur, org_id: int, n: int, seed: int) -> dict[str, list[str]]:
    """Values of cases the organisation received (open or ended, handled there or handed on), so a search
    finds something: what a clerk looks for."""
    from disputes.models import Worker

    rng = random.Random(seed)
    cur.execute("SELECT max(id) FROM disputes_case")
    top = cur.fetchone()[0]
    picked = []
    while len(picked) < n:
        cur.execute(
            "SELECT c.number, c.worker_id, e.credit_code, w.name, e.name FROM disputes_case c "
            "JOIN disputes_worker w ON w.id = c.worker_id JOIN disputes_employer e ON e.id = c.employer_id "
            "WHERE c.id >= %s AND c.first_handler_org_id = %s ORDER BY c.id LIMIT 1", [rng.randint(1, top), org_id],
        )
        row = cur.fetchone()
        if row:
            picked.append(row)
    workers = Worker.objects.in_bulk([r[1] for r in picked])
    return {
        "case number": [r[0] for r in picked],
        "ID number": [workers[r[1]].id_number for r in picked],
        "phone": [workers[r[1]].phone for r in picked],
        "credit code": [r[2] for r in picked],
        "worker name": [r[3] for r in picked],
        "worker name, first 2 chars": [r[3][:2] for r in picked],
        "employer name": [r[4] for r in picked],
        "employer name, inner 3+ chars": [r[4][2:-1] for r in picked],
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--samples", type=int, default=10)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=21)
    p.add_argument("--explain", action="store_true")
    args = p.parse_args()
    setup_django()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import StaffProfile
    from disputes.search import search_cases

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM disputes_case")
        total = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM disputes_worker")
        n_workers = cur.fetchone()[0]
        cur.execute("SELECT first_handler_org_id, count(*) FROM disputes_case GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
        org_id, received = cur.fetchone()
        drawn = samples(cur, org_id, args.samples, args.seed)
    staff = {
        role: StaffProfile.objects.select_related("user", "organization").filter(organization_id=org_id, role=role).first()
        for role in ("clerk", "supervisor")
    }
    print(f"search_cases: {total:,} cases, {n_workers:,} workers; "
          f"{staff['clerk'].organization.name} received {received:,} of them")
    print(f"{args.samples} values per kind, {args.repeat} runs each, first page of 20; times in ms")
    for role, profile in staff.items():
        print(f"\n  as the {role} ({profile.user.username})")
        print(f"  {'kind':32} {'median':>7} {'p95':>7} {'max':>7} {'SQL':>4} {'SQL ms (median)':>15} {'found (median)':>15}")
        for kind, values in drawn.items():
            times, statements, found, slowest, sql_ms = [], 0, [], (0, None), []
            for value in values:
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    with CaptureQueriesContext(connection) as ctx:
                        page = search_cases(profile.user, value)
                    elapsed = time.perf_counter() - t
                    times.append(elapsed)
                    sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
                    statements = max(statements, len(ctx.captured_queries))
                    if elapsed > slowest[0]:
                        slowest = (elapsed, ctx.captured_queries)
                found.append(len(page.cases))
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"  {kind:32} {statistics.median(times) * 1000:7.1f} {p95 * 1000:7.1f} {times[-1] * 1000:7.1f} "
                  f"{statements:4} {statistics.median(sql_ms):15.1f} {statistics.median(found):15}")
            if args.explain and slowest[1]:
                query = max(slowest[1], key=lambda q: float(q["time"]))
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                    print("      " + "\n      ".join(r[0] for r in cur.fetchall()))


if __name__ == "__main__":
    main()
