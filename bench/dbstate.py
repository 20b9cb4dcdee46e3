#!/usr/bin/env python
"""What the benchmark database holds beyond what generate.py made: the cases earlier load runs registered.

Each full run registers ~9,000 complaints, all open, in the windows' queues. After a few runs one window's
queue can hold tens of thousands of open cases and its page costs far more than a generated province's
so run_load.sh records this beside the figures and report.py prints it.

    .venv/bin/python bench/dbstate.py            # DATABASE_URL, default onewindow_province
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DEFAULT_DATABASE_URL  # noqa: E402


def main() -> None:
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    conn = psycopg2.connect(dbname=cfg["NAME"], user=cfg["USER"] or None, host=cfg["HOST"] or None,
                            port=cfg["PORT"] or None, password=cfg["PASSWORD"] or None)
    with conn.cursor() as cur:
        cur.execute("SELECT value::bigint FROM bench_meta WHERE key = 'cases'")
        (generated,) = cur.fetchone()
        cur.execute("SELECT count(*), count(DISTINCT owner_org_id) FROM disputes_case WHERE id > %s", [generated])
        added, orgs = cur.fetchone()
        cur.execute("SELECT count(*) FROM disputes_case WHERE id > %s GROUP BY owner_org_id ORDER BY 1 DESC LIMIT 1",
                    [generated])
        largest = (cur.fetchone() or (0,))[0]
    conn.close()
    advice = " (regenerate with generate.py --force for figures comparable with a fresh province)" if added else ""
    print(f"database: {generated:,} generated cases, {added:,} added by earlier load runs in {orgs} organisations, "
          f"at most {largest:,} in one{advice}")


if __name__ == "__main__":
    main()
