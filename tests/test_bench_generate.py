"""The province generator still loads against today's schema.

`bench/generate.py` writes rows with SQL, not the ORM, so a new NOT NULL column (the green channel's flags, a
worker's e-mail) breaks it silently until someone runs the benchmark. A small province here fails the suite instead.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.conftest import skip_unless_real

REPO = Path(__file__).resolve().parent.parent


def test_the_generator_loads_a_small_province_with_consistent_rows():
    if connection.vendor != "postgresql":
        skip_unless_real("the generator loads PostgreSQL only (set DATABASE_URL)", "REQUIRE_POSTGRES")
    server = connection.settings_dict
    name = f"{server['NAME']}_bench_generate"
    url = f"postgres://{server['USER']}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{name}"
    admin = psycopg2.connect(dbname="postgres", user=server["USER"], host=server["HOST"] or "127.0.0.1",
                             port=server["PORT"] or 5432)
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        done = subprocess.run(
            [sys.executable, "bench/generate.py", "--cases", "3000", "--years", "2", "--jobs", "1"],
            cwd=REPO, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True, timeout=600,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
        with psycopg2.connect(url) as loaded, loaded.cursor() as cur:
            cur.execute("SELECT count(*), count(DISTINCT number), bool_and(NOT is_priority) FROM disputes_case")
            assert cur.fetchone() == (3000, 3000, True)
            cur.execute("SELECT count(*) FROM disputes_case c LEFT JOIN disputes_claim k ON k.case_id = c.id "
                        "WHERE k.id IS NULL")
            assert cur.fetchone() == (0,), "every generated case has a claim"
            cur.execute("SELECT count(*) FROM disputes_worker WHERE id_number LIKE '3%' OR phone LIKE '1%'")
            assert cur.fetchone() == (0,), "ID numbers and phones are stored encrypted, as the app stores them"
        loaded.close()
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
