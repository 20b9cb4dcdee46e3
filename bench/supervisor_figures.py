#!/usr/bin/env python
"""Time reports.selectors.statistics_for, the supervisor's statistics page's reads (target: the dashboard's, <= 2 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow_province .venv/bin/python bench/supervisor_figures.py
    ... bench/supervisor_figures.py --explain        # and EXPLAIN ANALYZE of each query of the last call

For the supervisors of the busiest county (a county-level organisation: every case of its county) and of the
city's window (its organisation's cases), each for this month, this quarter and this year, timed --repeat times
(first call cold, then warm) in the same process as the app would run it; also the Excel file of the year.
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
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--explain", action="store_true")
    args = p.parse_args()
    setup_django()

    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from core.models import Role, StaffProfile
    from disputes.models import Case
    from reports import excel
    from reports.periods import month, quarter, year
    from reports.selectors import statistics_for

    today = timezone.localdate()
    cases = Case.objects.count()
    busiest = Case.objects.values("division_id").annotate(n=Count("pk")).order_by("-n")[0]
    county_sup = (StaffProfile.objects.select_related("user", "organization")
                  .filter(role=Role.SUPERVISOR, organization__division_id=busiest["division_id"]).first())
    city_sup = (StaffProfile.objects.select_related("user", "organization")
                .filter(role=Role.SUPERVISOR, organization__division__isnull=True, organization__kind="rights_centre")
                .first())
    periods = [("month", month(today.year, today.month)), ("quarter", quarter(today.year, (today.month - 1) // 3 + 1)),
               ("year", year(today.year))]
    print(f"statistics_for, {cases:,} cases, today {today}; target <= 2 s")
    for sup in filter(None, (county_sup, city_sup)):
        for name, period in periods:
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                with CaptureQueriesContext(connection) as ctx:
                    stats = statistics_for(sup.user, period, today=today)
                times.append(time.perf_counter() - t)
            print(f"  {sup.organization.name} ({stats.scope.label}), {name}: received {stats.total.counts['received']:,},"
                  f" pending {stats.total.counts['pending']:,}; first {times[0]:.2f} s, median "
                  f"{statistics.median(times):.2f} s, max {max(times):.2f} s, {len(ctx.captured_queries)} queries"
                  f" -> {'met' if max(times) <= 2 else 'NOT met'}")
        t = time.perf_counter()
        size = len(excel.workbook(stats))
        print(f"    Excel of the year: {time.perf_counter() - t:.2f} s more, {size:,} bytes")
        if args.explain:
            with connection.cursor() as cur:
                for q in ctx.captured_queries:
                    if q["sql"].startswith("SELECT"):
                        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                        print("\n".join(r[0] for r in cur.fetchall()))
                        print()


if __name__ == "__main__":
    main()
