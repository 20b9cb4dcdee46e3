#!/usr/bin/env python
"""Time disputes.selectors.dashboard_counts for the supervisors of the busiest organisations (issue 5: <= 2 s).

    .venv/bin/python bench/dashboard.py                # onewindow_province
    .venv/bin/python bench/dashboard.py --explain      # and EXPLAIN ANALYZE of each of its queries

The busiest organisations are the ones with the most cases this year in the dashboard's own scope (handled
or received first): a county's window (it receives every complaint of its county) and its arbitration
commission. Each is timed --repeat times (cold first, then warm), in the same process as the app would run it.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--orgs", type=int, default=3, help="how many of the busiest organisations (default 3)")
    p.add_argument("--explain", action="store_true")
    args = p.parse_args()
    setup_django()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from core.models import StaffProfile
    from disputes.selectors import dashboard_counts

    today = timezone.localdate()
    with connection.cursor() as cur:
        cur.execute("""
            SELECT org, count(*) FROM (
                SELECT owner_org_id AS org FROM disputes_case WHERE registered_at >= date_trunc('year', now())
                UNION ALL
                SELECT first_handler_org_id FROM disputes_case
                WHERE registered_at >= date_trunc('year', now()) AND first_handler_org_id <> owner_org_id
            ) x GROUP BY org ORDER BY 2 DESC LIMIT %s
        """, [args.orgs])
        busiest = cur.fetchall()
    print(f"dashboard_counts, today {today}; target <= 2 s")
    for org_id, n in busiest:
        sup = StaffProfile.objects.select_related("user", "organization").filter(
            organization_id=org_id, role="supervisor").first()
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                result = dashboard_counts(sup.user, today=today)
            times.append(time.perf_counter() - t)
        print(f"  {sup.organization.name} ({n:,} cases this year, total {result['totals']['year']:,}): "
              f"first {times[0]:.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
              f"{len(ctx.captured_queries)} queries -> {'met' if max(times) <= 2 else 'NOT met'}")
        if args.explain:
            with connection.cursor() as cur:
                for q in ctx.captured_queries:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                    print("\n".join(r[0] for r in cur.fetchall()))
                    print()


if __name__ == "__main__":
    main()
