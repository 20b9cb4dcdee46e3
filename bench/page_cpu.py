#!/usr/bin/env python
"""CPU per request of the mixed workload's reads, one request at a time, in-process (Django test client, DEBUG
off, bench settings): this process's CPU (the test client's own share included; no server, no network) and
that of the PostgreSQL backend serving it (no other backend's counted). Best of `--rounds` rounds of `--n`
requests each, after a warm-up.

    DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 .venv/bin/python bench/page_cpu.py [--n 40] [--rounds 5]
    ... bench/page_cpu.py case_api queue_web     # some operations only

To compare two versions of the code, run it from a checkout of each, alternately, on the same database
(it only reads): the machine's speed drifts more between minutes than most changes weigh.
"""

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import query_code_for, setup_django  # noqa: E402
from bench.cpu_share import backend_seconds  # noqa: E402

OPERATIONS = ("case_api", "case_web", "queue_api", "queue_web", "status")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("operations", nargs="*", default=list(OPERATIONS))
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from disputes.models import Case

    # The busiest arbitrator of a county (the load test's handlers are drawn from the same staff).
    token = (
        Token.objects.filter(user__staff__role="arbitrator", user__staff__organization__division__isnull=False)
        .order_by("user_id").first()
    )
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}", SERVER_NAME="127.0.0.1")
    web = Client(SERVER_NAME="127.0.0.1")
    web.force_login(token.user)
    anon = Client(SERVER_NAME="127.0.0.1")
    case_ids = [c["id"] for c in api.get("/api/v1/cases/?scope=mine").json()["results"]]
    assert case_ids, "the arbitrator has no open case: generate the database first (bench/generate.py)"
    lookups = list(Case.objects.order_by("id").values_list("id", "number")[:: max(1, Case.objects.count() // 200)][:200])
    cases, codes = itertools.cycle(case_ids), itertools.cycle(lookups)

    def status_lookup():
        case_id, number = next(codes)  # right codes only: the page's rate limit counts failures
        return anon.post("/status/", data={"n": number, "c": query_code_for(case_id)})

    operations = {
        "case_api": lambda: api.get(f"/api/v1/cases/{next(cases)}/"),
        "case_web": lambda: web.get(f"/cases/{next(cases)}/"),
        "queue_api": lambda: api.get("/api/v1/cases/?scope=mine"),
        "queue_web": lambda: web.get("/?scope=mine"),
        "status": status_lookup,
    }
    for name in args.operations:
        send = operations[name]
        for _ in range(10):
            response = send()
            assert response.status_code == 200, (name, response.status_code)
        rounds, database = [], []
        for _ in range(args.rounds):
            start, db_start = time.process_time(), backend_seconds(connection)
            for _ in range(args.n):
                send()
            rounds.append((time.process_time() - start) / args.n * 1000)
            database.append((backend_seconds(connection) - db_start) / args.n * 1000)
        print(
            f"{name:<10} {min(rounds):6.2f} ms of CPU per request (median {sorted(rounds)[len(rounds) // 2]:.2f}); "
            f"PostgreSQL {min(database):5.2f} ms (median {sorted(database)[len(database) // 2]:.2f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
