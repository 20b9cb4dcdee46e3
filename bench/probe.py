#!/usr/bin/env python
"""One request at a time, in-process: the server-side time and SQL of each operation of the load test, for
a few members of staff of each kind, with the slowest statement of each (to EXPLAIN it). No concurrency,
so this is the floor under the load test's latencies.

    DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 .venv/bin/python bench/probe.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_PASSWORD, query_code_for, setup_django  # noqa: E402


def main():
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from disputes.models import Case

    results = {}

    def probe(name, client, method, url, **kw):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = getattr(client, method)(url, **kw)
            dt = (time.perf_counter() - t) * 1000
        slow = max(ctx.captured_queries, key=lambda q: float(q["time"]), default={"time": 0, "sql": ""})
        results.setdefault(name, []).append((dt, len(ctx.captured_queries), float(slow["time"]) * 1000, slow["sql"], r.status_code))
        return r

    for role in ("clerk", "arbitrator", "inspector", "mediator", "supervisor"):
        for token in Token.objects.filter(user__staff__role=role, user__staff__organization__division__isnull=False,
                                          user__staff__organization__kind__in=["rights_centre", "arbitration", "inspection", "mediation"]).order_by("?")[:3]:
            api = Client(HTTP_AUTHORIZATION=f"Token {token.key}", SERVER_NAME="127.0.0.1")
            scope = "org" if role == "supervisor" else "mine"
            r = probe(f"queue (API) {role}", api, "get", f"/api/v1/cases/?scope={scope}")
            ids = [c["id"] for c in r.json()["results"]] if r.status_code == 200 else []
            for case_id in ids[:3]:
                probe(f"case page (API) {role}", api, "get", f"/api/v1/cases/{case_id}/")
            web = Client(SERVER_NAME="127.0.0.1")
            web.force_login(token.user)
            probe(f"queue (web /) {role}", web, "get", f"/?scope={scope}")
    anon = Client(SERVER_NAME="127.0.0.1")
    for case_id, number in Case.objects.order_by("?").values_list("id", "number")[:10]:
        probe("status lookup", anon, "post", "/status/", data={"n": number, "c": query_code_for(case_id)})
    print(f"{'operation':<32} {'n':>3} {'median ms':>9} {'max ms':>8} {'queries':>7} {'slowest SQL ms':>14}")
    for name, rows in results.items():
        times = [r[0] for r in rows]
        worst = max(rows, key=lambda r: r[2])
        print(f"{name:<32} {len(rows):>3} {statistics.median(times):>9.0f} {max(times):>8.0f} "
              f"{rows[0][1]:>7} {worst[2]:>14.0f}  status {sorted({r[4] for r in rows})}")
    if "-v" in sys.argv:
        for name, rows in results.items():
            worst = max(rows, key=lambda r: r[2])
            print(f"\n-- {name}: slowest statement ({worst[2]:.0f} ms)\n{worst[3][-700:]}")


if __name__ == "__main__":
    main()
