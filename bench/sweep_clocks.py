#!/usr/bin/env python
"""Benchmark: the deadline sweep (deadlines.sweep.sweep_clocks) over N open clocks on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow_bench \\
        .venv/bin/python bench/sweep_clocks.py --clocks 1000000

Creates the database if it does not exist and migrates it, replaces the previous benchmark rows, bulk-loads
synthetic cases and N running clocks with INSERT ... SELECT generate_series (no ORM row by row), then times
a first sweep (the reminders and escalations of the day) and a second one (which must find nothing).
It refuses a database that holds cases it did not create, unless --force.

Spread of the clocks, by a deterministic bucket per row (1000 buckets):
  2 %  overdue, not yet escalated        -> escalated by the first sweep
  1 %  overdue, escalated by an earlier sweep
  5 %  in their reminder window, not yet reminded -> reminded by the first sweep
  5 %  in their reminder window, reminded by an earlier sweep
  87 % due later (reminder date still ahead)
Overdue clocks were reminded before (as a running system would have done). One clock in ten belongs to
another organisation than the case's handler (a referral awaiting acceptance); one case in five still has
its first-responsible handler accountable.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_PREFIX = "BENCH-"  # case numbers of benchmark rows; anything else is somebody's data
# The stamp of reminders and escalations "sent by earlier sweeps": --reuse tells them from the measured sweep's.
EARLIER = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clocks", type=int, default=1_000_000, help="running clocks to load (default 1,000,000)")
    p.add_argument("--clocks-per-case", type=int, default=2, help="running clocks per synthetic case (default 2)")
    p.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date(2026, 11, 30),
                   help="the day the sweep runs on (default 2026-11-30)")
    p.add_argument("--batch-size", type=int, default=5000, help="clocks claimed per transaction (default 5000)")
    p.add_argument("--reuse", action="store_true", help="keep the rows of the last load if it had as many clocks "
                                                        "(their stamps are reset), to re-time the sweep only")
    p.add_argument("--workers", type=int, default=1, help="sweeps started at once, each on its own connection, "
                                                           "as several Celery workers would (default 1)")
    p.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the claiming statements")
    p.add_argument("--force", action="store_true", help="run even if the database holds cases not made here")
    return p.parse_args()


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(url)
    if cfg["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench/sweep_clocks.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    admin = psycopg2.connect(dbname="postgres", user=cfg["USER"] or None, password=cfg["PASSWORD"] or None,
                             host=cfg["HOST"] or None, port=cfg["PORT"] or None)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
            print(f"created database {cfg['NAME']}")
    admin.close()


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Production settings, DEBUG off (no query log growing in memory), with a key only this script uses.
    os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-any-deployment-0123456789abcdef")
    os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "YmVuY2gtb25seS1maWVsZC1rZXktbm90LWZvci11c2U=")
    os.environ.setdefault("BLIND_INDEX_KEY", "bench-only-blind-index-key-not-for-any-deployment")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def refuse_real_data(force: bool) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('disputes_case') IS NOT NULL")
        if not cur.fetchone()[0]:
            return
        cur.execute("SELECT count(*) FROM disputes_case WHERE number NOT LIKE %s", [BENCH_PREFIX + "%"])
        foreign = cur.fetchone()[0]
    if foreign and not force:
        sys.exit(f"refusing: the database holds {foreign} cases not made by this benchmark "
                 f"(use a database of its own, or --force to add benchmark rows beside them)")


def timed(label, fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    dt = time.perf_counter() - t
    print(f"  {label:<44} {dt:8.2f} s")
    return result, dt


# --- loading ---


def remove_previous_bench_rows(cur, only_bench_data: bool) -> None:
    if only_bench_data:
        # Only benchmark rows here: TRUNCATE is instant, and fires no row trigger of the append-only timeline.
        cur.execute("""
            TRUNCATE disputes_notification, disputes_caseevent, deadlines_clock, disputes_case,
                     disputes_worker, disputes_employer CASCADE
        """)
        return
    # Beside real data (--force): delete exactly the benchmark rows. The timeline refuses deletes by trigger;
    # replica mode skips triggers for this session only.
    cur.execute("SET session_replication_role = replica")
    bench_cases = "SELECT id FROM disputes_case WHERE number LIKE 'BENCH-%'"
    cur.execute(f"DELETE FROM disputes_notification WHERE case_id IN ({bench_cases})")
    cur.execute(f"DELETE FROM disputes_caseevent WHERE case_id IN ({bench_cases})")
    cur.execute(f"DELETE FROM deadlines_clock WHERE case_id IN ({bench_cases})")
    cur.execute(f"DELETE FROM disputes_claim WHERE case_id IN ({bench_cases})")
    cur.execute("DELETE FROM disputes_case WHERE number LIKE 'BENCH-%'")
    cur.execute("DELETE FROM disputes_worker WHERE id_number_index LIKE 'BW%'")
    cur.execute("DELETE FROM disputes_employer WHERE credit_code LIKE 'BE%'")
    cur.execute("SET session_replication_role = DEFAULT")


def reference_rows():
    """Organisations and staff of each county (a few dozen rows: the ORM is fine here)."""
    from django.contrib.auth import get_user_model

    from core.models import Division, Organization, OrgKind, Role, StaffProfile

    User = get_user_model()
    kinds = [(OrgKind.RIGHTS_CENTRE, Role.CLERK), (OrgKind.ARBITRATION, Role.ARBITRATOR),
             (OrgKind.INSPECTION, Role.INSPECTOR), (OrgKind.MEDIATION, Role.MEDIATOR)]
    slots = []  # (division, window org, window clerk, owner org, owner handler)
    for division in Division.objects.order_by("code"):
        staffed = {}
        for kind, role in kinds:
            org, _ = Organization.objects.get_or_create(
                name=f"BENCH {division.name} {kind}", defaults={"kind": kind, "division": division})
            people = []
            for username, r in ((f"bench-{org.pk}-{role}-1", role), (f"bench-{org.pk}-{role}-2", role),
                                (f"bench-{org.pk}-supervisor", Role.SUPERVISOR)):
                user, created = User.objects.get_or_create(username=username, defaults={"last_name": username})
                if created:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
                    StaffProfile.objects.create(user=user, organization=org, role=r)
                people.append(user.pk)
            staffed[kind] = (org.pk, people[0])
        window_org, window_clerk = staffed[OrgKind.RIGHTS_CENTRE]
        for kind, _role in kinds:
            slots.append((division.pk, window_org, window_clerk, *staffed[kind]))
    return slots


def not_null_fillers(cur, table: str, given: set[str]) -> tuple[str, str]:
    """Columns that other tracks add to a table (NOT NULL, no default) get a neutral value of their type,
    so the loader keeps working as the models grow."""
    cur.execute("""
        SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'
    """, [table])
    neutral = {"text": "''", "character varying": "''", "boolean": "false", "integer": "0", "bigint": "0",
               "smallint": "0", "numeric": "0", "date": "%(today)s", "timestamp with time zone": "now()",
               "jsonb": "'{}'::jsonb"}
    names, values = [], []
    for name, kind in cur.fetchall():
        if name in given:
            continue
        if kind not in neutral:
            sys.exit(f"{table}.{name} ({kind}) is NOT NULL and unknown to the loader: add it in bench/sweep_clocks.py")
        names.append(name)
        values.append(neutral[kind])
    return "".join(f", {n}" for n in names), "".join(f", {v}" for v in values)


def load(args) -> int:
    from django.db import connection

    from deadlines.models import DeadlineRule

    n_clocks = args.clocks
    per_case = args.clocks_per_case
    n_cases = math.ceil(n_clocks / per_case)
    n_workers = max(1, n_cases * 9 // 10)  # some workers come back with a second complaint
    n_employers = max(1, n_cases // 20)
    rules = list(DeadlineRule.objects.order_by("id").values_list("id", flat=True))
    if len(rules) < per_case:
        sys.exit(f"only {len(rules)} deadline rules: cannot give a case {per_case} clocks")
    rules = rules[:per_case]
    params = {"today": args.today, "earlier": EARLIER, "n_cases": n_cases, "n_clocks": n_clocks,
              "n_workers": n_workers, "n_employers": n_employers}

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM disputes_case WHERE number NOT LIKE 'BENCH-%'")
        only_bench = cur.fetchone()[0] == 0
        timed("remove previous benchmark rows", remove_previous_bench_rows, cur, only_bench)
        slots, _ = timed("organisations and staff", reference_rows)
        cur.execute("DROP TABLE IF EXISTS bench_slot")
        cur.execute("CREATE TEMP TABLE bench_slot (slot int PRIMARY KEY, division_id bigint, window_org bigint, "
                    "window_clerk int, owner_org bigint, owner_user int)")
        cur.executemany("INSERT INTO bench_slot VALUES (%s, %s, %s, %s, %s, %s)",
                        [(i, *s) for i, s in enumerate(slots)])
        params["n_slots"] = len(slots)

        def workers():
            cur.execute("""
                -- The clocks' workers are never read: no ID number or phone (encrypted columns left empty), a
                -- marked stand-in for the unique blind index.
                INSERT INTO disputes_worker (id_number, id_number_index, name, phone, phone_index, occupation, platform)
                SELECT '', 'BW' || lpad(g::text, 16, '0'), '劳动者' || g, '', '',
                       (ARRAY['delivery_rider','construction','manufacturing','other'])[g %% 4 + 1], ''
                FROM generate_series(0, %(n_workers)s - 1) g
            """, params)

        def employers():
            cur.execute("""
                INSERT INTO disputes_employer (credit_code, name, address, is_platform, industry)
                SELECT 'BE' || lpad(g::text, 16, '0'), '潍坊用人单位' || g, '潍坊市', g %% 50 = 0,
                       (ARRAY['construction','manufacturing','food_delivery','other'])[g %% 4 + 1]
                FROM generate_series(0, %(n_employers)s - 1) g
            """, params)

        def cases():
            cur.execute("SELECT min(id) FROM disputes_worker WHERE id_number_index LIKE 'BW%'")
            params["w0"] = cur.fetchone()[0]
            cur.execute("SELECT min(id) FROM disputes_employer WHERE credit_code LIKE 'BE%'")
            params["e0"] = cur.fetchone()[0]
            given = {"id", "number", "query_code_hash", "status", "suspended_from", "version", "worker_id",
                     "employer_id", "division_id", "channel", "facts", "violation_started_on", "is_collective",
                     "first_handler_id", "first_handler_org_id", "first_handler_released_at", "owner_org_id",
                     "owner_user_id", "outcome", "registered_at", "updated_at"}
            extra_names, extra_values = not_null_fillers(cur, "disputes_case", given)
            cur.execute(f"""
                INSERT INTO disputes_case (number, query_code_hash, status, suspended_from, version, worker_id,
                    employer_id, division_id, channel, facts, violation_started_on, is_collective,
                    first_handler_id, first_handler_org_id, first_handler_released_at, owner_org_id, owner_user_id,
                    outcome, registered_at, updated_at{extra_names})
                SELECT 'BENCH-' || lpad(g::text, 10, '0'), md5(g::text) || md5('q' || g),
                       (ARRAY['registered','arbitration','inspection','mediation'])[g %% %(n_slots)s %% 4 + 1],
                       '', 1,
                       %(w0)s + g %% %(n_workers)s, %(e0)s + g %% %(n_employers)s, s.division_id,
                       (ARRAY['window','hotline_12333','online','union'])[g %% 4 + 1], '拖欠工资',
                       %(today)s::date - 30 - g %% 700, false,
                       s.window_clerk, s.window_org,
                       CASE WHEN g %% 5 = 0 THEN NULL ELSE now() END,
                       s.owner_org, s.owner_user, '',
                       now() - make_interval(days => g %% 365), now(){extra_values}
                FROM generate_series(0, %(n_cases)s - 1) g
                JOIN bench_slot s ON s.slot = g %% %(n_slots)s
            """, params)
            cur.execute("SELECT min(id) FROM disputes_case WHERE number LIKE 'BENCH-%'")
            params["c0"] = cur.fetchone()[0]

        def clocks():
            rule_array = "ARRAY[" + ",".join(str(r) for r in rules) + "]::bigint[]"
            cur.execute(f"""
                INSERT INTO deadlines_clock (case_id, rule_id, subject, state, started_on, due_on, remind_on,
                    stretch_started_on, consumed, extension_reason, restarts, reminded_at, escalated_at, owner_org_id)
                SELECT %(c0)s + ci, ({rule_array})[g / %(n_cases)s + 1], '', 'running',
                       due - 20, due, remind, due - 20, 0, '', 0,
                       CASE WHEN b < 30 OR b BETWEEN 80 AND 129 THEN %(earlier)s END,
                       CASE WHEN b BETWEEN 20 AND 29 THEN %(earlier)s END,
                       s.owner_org
                FROM (
                    SELECT g, g %% %(n_cases)s AS ci, b,
                           CASE WHEN b < 30 THEN %(today)s::date - 1 - g %% 20          -- overdue
                                WHEN b < 130 THEN %(today)s::date + g %% 4              -- reminder window
                                ELSE %(today)s::date + 5 + g %% 100 END AS due,         -- later
                           CASE WHEN b < 30 THEN %(today)s::date - 4 - g %% 20
                                WHEN b < 130 THEN %(today)s::date - g %% 3
                                ELSE %(today)s::date + 2 + g %% 100 END AS remind
                    FROM (SELECT g, ((g::bigint * 7919) %% 1000)::int AS b FROM generate_series(0, %(n_clocks)s - 1) g) r
                ) x
                -- One clock in ten runs at another organisation than the case's handler (a referral).
                JOIN bench_slot s ON s.slot = (ci + CASE WHEN g %% 10 = 3 THEN 1 ELSE 0 END) %% %(n_slots)s
            """, params)
            return cur.rowcount

        # The generated keys are consistent by construction: replica mode skips the per-row foreign-key
        # triggers (millions of deferred checks) for this session's load only. Indexes are still built.
        cur.execute("SET session_replication_role = replica")
        try:
            timed(f"workers ({n_workers:,})", workers)
            timed(f"employers ({n_employers:,})", employers)
            timed(f"cases ({n_cases:,})", cases)
            loaded, _ = timed(f"clocks ({n_clocks:,})", clocks)
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        for table in ("disputes_worker", "disputes_employer", "disputes_case", "deadlines_clock"):
            timed(f"VACUUM ANALYZE {table}", cur.execute, f"VACUUM ANALYZE {table}")
    return loaded


def reset_stamps(args) -> int:
    """--reuse: put the clocks back as loaded (the stamps the load gave them), drop the sweep's output."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM deadlines_clock c JOIN disputes_case k ON k.id = c.case_id "
                    "WHERE k.number LIKE 'BENCH-%' AND c.state = 'running'")
        n = cur.fetchone()[0]
        if n != args.clocks:
            return 0
        cur.execute("TRUNCATE disputes_notification, disputes_caseevent")
        cur.execute("""
            UPDATE deadlines_clock SET
                reminded_at = CASE WHEN reminded_at = %(earlier)s THEN reminded_at END,
                escalated_at = CASE WHEN escalated_at = %(earlier)s THEN escalated_at END
            WHERE reminded_at > %(earlier)s OR escalated_at > %(earlier)s
        """, {"earlier": EARLIER})
        cur.execute("VACUUM ANALYZE deadlines_clock")
    return n


# --- measuring ---


def explain(today: datetime.date, batch_size: int) -> None:
    """EXPLAIN ANALYZE of the first batch of each pass, rolled back: where a batch's time goes."""
    from django.db import connection, transaction

    from deadlines import sweep

    for pass_ in (sweep.REMIND, sweep.ESCALATE):
        with transaction.atomic():
            sql, params = sweep.batch_sql(pass_, today, batch_size)
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print(f"\n-- one batch of {pass_.action} (rolled back)")
                print("\n".join(row[0] for row in cur.fetchall()))
            transaction.set_rollback(True)
    print()


def timed_sweeps(today: datetime.date, batch_size: int, workers: int) -> dict:
    """Run `workers` sweeps at once (threads, one connection each); their counts add up, the time is the wall time."""
    import threading

    from django.db import connections

    from deadlines.sweep import sweep_clocks

    if workers == 1:
        return sweep_clocks(today=today, batch_size=batch_size)
    barrier, results = threading.Barrier(workers), []

    def run():
        try:
            barrier.wait()
            results.append(sweep_clocks(today=today, batch_size=batch_size))
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if len(results) != workers:
        sys.exit("FAIL: a sweep raised (see above)")
    return {"reminded": sum(r["reminded"] for r in results), "escalated": sum(r["escalated"] for r in results),
            "seconds": round(time.perf_counter() - started, 3)}


def main():
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("set DATABASE_URL=postgres://.../onewindow_bench (a database of the benchmark's own)")
    ensure_database(url)
    setup_django()
    refuse_real_data(args.force)

    from django.core.management import call_command
    from django.db import connection

    print(f"database {connection.settings_dict['NAME']}, sweep day {args.today}, {os.cpu_count()} CPUs")
    timed("migrate", call_command, "migrate", interactive=False, verbosity=0)

    loaded = reset_stamps(args) if args.reuse else 0
    if loaded:
        print(f"reusing {loaded:,} loaded clocks (stamps reset)")
        load_seconds = None
    else:
        t = time.perf_counter()
        loaded = load(args)
        load_seconds = time.perf_counter() - t

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM deadlines_clock WHERE state = 'running'")
        running = cur.fetchone()[0]

    if args.explain:
        explain(args.today, args.batch_size)

    first = timed_sweeps(args.today, args.batch_size, args.workers)
    second = timed_sweeps(args.today, args.batch_size, args.workers)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM disputes_caseevent WHERE action IN ('clock_reminder', 'clock_overdue')")
        events = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM disputes_notification")
        notifications = cur.fetchone()[0]

    print()
    print(f"clocks loaded           {loaded:>12,}  (running clocks in the database: {running:,})")
    if load_seconds is not None:
        print(f"load time               {load_seconds:>12.1f} s  ({loaded / load_seconds:,.0f} clocks/s, with cases, "
              f"workers, employers and VACUUM ANALYZE)")
    print(f"first sweep             {first['seconds']:>12.2f} s  (target <= 10 s; batches of {args.batch_size}, "
          f"{args.workers} sweep{'s' if args.workers > 1 else ''} at once)")
    print(f"  reminded              {first['reminded']:>12,}")
    print(f"  escalated             {first['escalated']:>12,}")
    print(f"  timeline events       {events:>12,}")
    print(f"  notifications         {notifications:>12,}")
    print(f"second sweep            {second['seconds']:>12.3f} s  "
          f"(reminded {second['reminded']}, escalated {second['escalated']}: must be 0 and 0)")
    if second["reminded"] or second["escalated"]:
        sys.exit("FAIL: the second sweep found work the first one had done")


if __name__ == "__main__":
    main()
