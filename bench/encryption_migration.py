#!/usr/bin/env python
"""Time the personal-data encryption migrations on a generated province, backwards to clear text and forwards
again, and check that no row was lost or changed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_bench_small .venv/bin/python bench/generate.py --cases 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_bench_small .venv/bin/python bench/encryption_migration.py

The migrations that rewrite rows (ENCRYPTION below) are unapplied newest first and applied again oldest first,
each on its own through Django's migration executor, exactly as `migrate` runs it (schema changes, the data
rewrite in batches, its transaction). Only these migrations move: `migrate disputes 0015` would also unapply
every later migration of every app that depends on them, dropping tables. The history between them stays
applied, which their operations do not notice (they touch only the encrypted columns, their blind indexes and
the search indexes of 0016).

Checks, each failing the run with the reason:
- the row counts of the tables rewritten are the same before, in clear and after;
- in clear, no value is left encrypted, and a random sample equals what the ORM decrypted before;
- after, no value is left in clear, the sample decrypts to the same values, the blind indexes of every row
  are the same as before (an order-free checksum), and every row decrypted in Python gives the checksum the
  clear table gave in SQL (so no value anywhere changed, not only the sample's).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DEFAULT_DATABASE_URL, setup_django  # noqa: E402

# Oldest first: the migrations that rewrite rows between clear text and ciphertext.
ENCRYPTION = (
    ("disputes", "0016_worker_personal_data_encrypted"),
    ("disputes", "0021_personal_data_encrypted"),
    ("notifications", "0003_personal_data_encrypted"),
)
# The encrypted columns of each table, and the blind indexes beside them.
COLUMNS = {
    "disputes_worker": ("id_number", "phone", "email"),
    "notifications_workermessage": ("recipient",),
}
INDEXES = {"disputes_worker": ("id_number_index", "phone_index")}
PREFIX = "g1:"  # core.crypto.PREFIX (checked at start)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sample", type=int, default=1000, help="rows per table compared value by value (default 1000)")
    p.add_argument("--no-full-check", action="store_true",
                   help="skip decrypting every row in Python at the end (counts, sample and blind indexes only)")
    return p.parse_args()


def fail(message: str) -> None:
    sys.exit(f"FAIL: {message}")


def row_sql(table: str) -> str:
    """One row as text, the same as row_text() builds in Python: id|value|value…"""
    parts = " || '|' || ".join(f'COALESCE("{c}", \'\')' for c in COLUMNS[table])
    return f"id::text || '|' || {parts}"


def row_text(pk: int, values) -> str:
    return "|".join([str(pk), *(v or "" for v in values)])


def digest(text: str) -> int:
    # The first 15 hex digits of MD5, as PostgreSQL's ('x' || substr(md5(t), 1, 15))::bit(60)::bigint.
    return int(hashlib.md5(text.encode()).hexdigest()[:15], 16)


def checksum(cur, table: str, expression: str) -> tuple[int, int]:
    """(rows, order-free sum of a 60-bit hash of `expression` per row): equal sums mean equal rows."""
    cur.execute(f"SELECT count(*), COALESCE(sum(('x' || substr(md5({expression}), 1, 15))::bit(60)::bigint), 0) "
                f"FROM {table}")
    n, total = cur.fetchone()
    return int(n), int(total)


def counts(cur) -> dict:
    out = {}
    for table in COLUMNS:
        cur.execute(f"SELECT count(*) FROM {table}")
        out[table] = cur.fetchone()[0]
    return out


def encrypted_rows(cur, table: str, *, clear: bool) -> int:
    """Rows holding a value in the other form: ciphertext when `clear`, clear text otherwise."""
    columns = COLUMNS[table]
    test = " OR ".join(f'("{c}" <> \'\' AND "{c}" {"" if clear else "NOT "}LIKE %s)' for c in columns)
    cur.execute(f"SELECT count(*) FROM {table} WHERE {test}", [PREFIX + "%"] * len(columns))
    return cur.fetchone()[0]


def index_sql(table: str) -> str:
    return "id::text || '|' || " + " || '|' || ".join(f'COALESCE("{c}", \'\')' for c in INDEXES[table])


def sample_clear(models, size: int) -> dict:
    """A random sample of each table's rows, decrypted by the ORM as the application reads them."""
    out = {}
    for table, model in models.items():
        ids = list(model.objects.order_by("?").values_list("id", flat=True)[:size])
        out[table] = {row[0]: tuple(row[1:]) for row in model.objects.filter(id__in=ids).values_list("id", *COLUMNS[table])}
    return out


def raw_rows(cur, table: str, ids) -> dict:
    if not ids:
        return {}
    cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
    cur.execute(f"SELECT id, {cols} FROM {table} WHERE id = ANY(%s)", [list(ids)])
    return {row[0]: tuple(v or "" for v in row[1:]) for row in cur.fetchall()}


def full_decrypt_checksum(cur, table: str, decrypt) -> tuple[int, int]:
    """Every row read raw and decrypted in Python, hashed as the SQL checksum hashes the clear table."""
    cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
    n, total, last = 0, 0, 0
    while True:
        cur.execute(f"SELECT id, {cols} FROM {table} WHERE id > %s ORDER BY id LIMIT 20000", [last])
        rows = cur.fetchall()
        if not rows:
            return n, total
        last = rows[-1][0]
        for pk, *values in rows:
            clear = [decrypt(v) if v else "" for v in values]
            total += digest(row_text(pk, clear))
            n += 1


def main():
    args = parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    setup_django()

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from core import crypto
    from disputes.models import Worker
    from notifications.models import WorkerMessage

    assert crypto.PREFIX == PREFIX, "core.crypto.PREFIX changed: update bench/encryption_migration.py"
    if connection.vendor != "postgresql":
        fail("this bench runs on PostgreSQL (DATABASE_URL=postgres://...)")
    models = {"disputes_worker": Worker, "notifications_workermessage": WorkerMessage}

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cur.fetchone()[0]:
            fail(f"database {connection.settings_dict['NAME']} was not made by bench/generate.py; refusing to rewrite it")
        cur.execute("SELECT value FROM bench_meta WHERE key = 'cases'")
        generated = cur.fetchone()
    executor = MigrationExecutor(connection)
    missing = [m for m in ENCRYPTION if m not in executor.loader.applied_migrations]
    if missing:
        fail(f"not applied: {missing}; run migrate first")

    print(f"database {connection.settings_dict['NAME']} ({generated[0] if generated else '?'} cases generated)")
    with connection.cursor() as cur:
        before_counts = counts(cur)
        before_index = {t: checksum(cur, t, index_sql(t)) for t in INDEXES}
        for table, n in before_counts.items():
            print(f"  {table:<30} {n:>12,} rows")
            if encrypted_rows(cur, table, clear=False):
                fail(f"{table} holds values in clear before the run")
    sample = sample_clear(models, args.sample)

    timings = []

    def timed(label, fn):
        t = time.perf_counter()
        fn()
        dt = time.perf_counter() - t
        timings.append((label, dt))
        print(f"  {label:<58} {dt:8.1f} s", flush=True)

    def move(app_label, name, *, backwards):
        loader = MigrationExecutor(connection).loader  # fresh: the history changed with the previous step
        migration = loader.get_migration(app_label, name)
        state = loader.project_state((app_label, name), at_end=False)
        executor = MigrationExecutor(connection)
        if backwards:
            executor.unapply_migration(state, migration)
        else:
            executor.apply_migration(state, migration)

    print("backwards (to clear text):")
    for app_label, name in reversed(ENCRYPTION):
        timed(f"unapply {app_label}.{name}", lambda a=app_label, n=name: move(a, n, backwards=True))
    with connection.cursor() as cur:
        if counts(cur) != before_counts:
            fail(f"row counts changed going back: {before_counts} -> {counts(cur)}")
        clear_sums = {}
        for table in COLUMNS:
            if left := encrypted_rows(cur, table, clear=True):
                fail(f"{table}: {left} rows still encrypted after going back")
            raw = raw_rows(cur, table, sample[table])
            if raw != sample[table]:
                bad = next(pk for pk in sample[table] if raw.get(pk) != sample[table][pk])
                fail(f"{table} row {bad}: clear value differs from what the ORM decrypted before")
            clear_sums[table] = checksum(cur, table, row_sql(table))
    print(f"  in clear: counts equal, no ciphertext left, {sum(len(s) for s in sample.values())} sampled rows equal")

    print("forwards (encrypted again):")
    for app_label, name in ENCRYPTION:
        timed(f"apply   {app_label}.{name}", lambda a=app_label, n=name: move(a, n, backwards=False))
    with connection.cursor() as cur:
        if counts(cur) != before_counts:
            fail(f"row counts changed going forwards: {before_counts} -> {counts(cur)}")
        for table in COLUMNS:
            if left := encrypted_rows(cur, table, clear=False):
                fail(f"{table}: {left} rows still in clear after going forwards")
        for table in INDEXES:
            if checksum(cur, table, index_sql(table)) != before_index[table]:
                fail(f"{table}: blind indexes differ from before the run")
    again = {t: {row[0]: tuple(row[1:]) for row in m.objects.filter(id__in=sample[t]).values_list("id", *COLUMNS[t])}
             for t, m in models.items()}
    if again != sample:
        fail("a sampled row decrypts to a different value than before")
    print("  encrypted: counts equal, no clear text left, blind indexes equal, sample decrypts equal")
    if not args.no_full_check:
        t = time.perf_counter()
        with connection.cursor() as cur:
            for table in COLUMNS:
                if full_decrypt_checksum(cur, table, crypto.decrypt) != clear_sums[table]:
                    fail(f"{table}: the rows decrypted differ from the clear rows")
        print(f"  every row decrypted equals the clear table ({time.perf_counter() - t:.1f} s)")

    back = sum(dt for label, dt in timings if label.startswith("unapply"))
    forth = sum(dt for label, dt in timings if label.startswith("apply"))
    workers = before_counts["disputes_worker"]
    print(f"OK: backwards {back:.1f} s, forwards {forth:.1f} s for {workers:,} workers "
          f"({workers / forth:,.0f} workers/s encrypting)" if forth else "OK")


if __name__ == "__main__":
    main()
