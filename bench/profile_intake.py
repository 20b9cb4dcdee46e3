#!/usr/bin/env python
"""Where one registration's time goes: cProfile of POST /api/v1/complaints/ in-process (Django test client,
DEBUG off, bench settings). It registers real cases: run it on the benchmark database only.

    DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 .venv/bin/python bench/profile_intake.py
    ... bench/profile_intake.py --cpu 500      # ms of CPU per registration and per baseline insert instead
    ... bench/profile_intake.py --cpu 500 intake   # registrations only (e.g. under py-spy)
    ... bench/profile_intake.py --cpu 100 print    # receipts printed at the window, before the worker got to them
    ... bench/profile_intake.py --ratio 200 [8]    # intake / baseline by CPU, in alternating rounds (drift-proof)

With a broker (CELERY_BROKER_URL=redis://127.0.0.1:6379/12, no worker needed: empty that database after) the
receipt task is only sent, as under gunicorn; without one Celery runs eagerly and the receipt's rendering is
counted in the registration.
"""

import cProfile
import datetime
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402
from django.db import connection  # noqa: E402

from bench.cpu_share import backend_seconds  # noqa: E402

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def complaint(employers, division_id) -> dict:
    code, name, address, is_platform, industry = random.choice(employers)
    born = datetime.date(1980, 1, 1) + datetime.timedelta(days=random.randrange(9000))
    body = f"370702{born:%Y%m%d}{random.randint(500, 999):03d}"
    return {
        "worker_name": "王伟", "worker_phone": "13812345678", "worker_occupation": "employee",
        "worker_id_number": body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11],
        "employer_name": name, "employer_credit_code": code, "employer_address": address,
        "employer_is_platform": is_platform, "employer_industry": industry, "division": division_id,
        "channel": "window", "facts": "拖欠工资", "violation_started_on": "2026-09-01",
        "claims": [{"type": "wages", "amount": "5000.00"}],
    }


def main():
    setup_django()
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from disputes.models import Employer

    employers = list(Employer.objects.values_list("credit_code", "name", "address", "is_platform", "industry")[:50])
    token = Token.objects.filter(user__staff__role="clerk", user__staff__organization__division__isnull=False).first()
    division = token.user.staff.organization.division_id
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", SERVER_NAME="127.0.0.1")
    if len(sys.argv) >= 3 and sys.argv[1] == "--ratio":
        ratio(client, employers, division, int(sys.argv[2]), rounds=int(sys.argv[3]) if len(sys.argv) > 3 else 8)
        return
    if len(sys.argv) >= 3 and sys.argv[1] == "--cpu":
        cpu_per_request(client, employers, division, int(sys.argv[2]), only=sys.argv[3] if len(sys.argv) > 3 else "")
        return
    for _ in range(3):  # warm up (fonts, translations)
        t = time.perf_counter()
        r = client.post("/api/v1/complaints/", complaint(employers, division), content_type="application/json")
        print(f"warm-up: {r.status_code} in {time.perf_counter() - t:.3f} s")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.post("/api/v1/complaints/", complaint(employers, division), content_type="application/json")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"intake|receipt|pdf|services|selectors", 25)


def cpu_per_request(client, employers, division, n: int, only: str = "") -> None:
    """This process's CPU per request (the test client's own share included; no server, no network), one
    request at a time: registrations, baseline inserts, then receipts printed right after their registration
    (the registrations not counted), best of three rounds of n; and PostgreSQL's
    (the backend serving this process, bench.cpu_share.backend_seconds)."""
    def register():
        return client.post("/api/v1/complaints/", complaint(employers, division), content_type="application/json")

    def receipt_paths(count):
        return iter(["/" + register().json()["receipt_url"].split("/", 3)[3] for _ in range(count)])

    def print_receipt(paths):
        response = client.get(next(paths), HTTP_ACCEPT="application/pdf")
        b"".join(response.streaming_content)
        return response

    # Each operation: (what to prepare before a round, untimed; the request, given what was prepared).
    operations = {
        "intake": (lambda count: None, lambda _: register()),
        "baseline": (
            lambda count: None,
            lambda _: client.post("/api/v1/_baseline/", {"payload": "基准" * 20}, content_type="application/json"),
        ),
        # The clerk printing the receipt of a complaint just registered, before the worker rendered it: the
        # mixed phase's "receipt (printed at the window)".
        "print": (receipt_paths, print_receipt),
    }
    for name, (prepare, send) in operations.items():
        if only and name != only:
            continue
        warm = prepare(20)
        for _ in range(20):
            assert send(warm).status_code in (200, 201)
        rounds, database = [], []
        for _ in range(3):
            prepared = prepare(n)
            start, db_start = time.process_time(), backend_seconds(connection)
            for _ in range(n):
                send(prepared)
            rounds.append((time.process_time() - start) / n * 1000)
            database.append((backend_seconds(connection) - db_start) / n * 1000)
        print(
            f"{name}: {min(rounds):.2f} ms of CPU per request (rounds: {', '.join(f'{r:.2f}' for r in rounds)}); "
            f"PostgreSQL {min(database):.2f} ms (rounds: {', '.join(f'{r:.2f}' for r in database)})"
        )


def ratio(client, employers, division, n: int, rounds: int) -> None:
    """Intake's cost over the baseline insert's, by CPU (this process's and PostgreSQL's), with the two
    measured in alternating rounds of n requests: the load test's intake and baseline phases run a minute
    apart, and this machine's speed drifts by more than the target's margin between them (two 5M-case
    runs on one machine: intake's server CPU 8.55 and 8.54 ms a registration, the baseline's 3.37 then
    2.34 ms an insert, so 2.5× in one and 3.7× in the other).
    Each intake round is set against the baseline round right after it; the median of those ratios is the
    figure, and it holds however the machine's speed wanders during the run."""
    register = lambda: client.post("/api/v1/complaints/", complaint(employers, division), content_type="application/json")  # noqa: E731
    insert = lambda: client.post("/api/v1/_baseline/", {"payload": "基准" * 20}, content_type="application/json")  # noqa: E731
    for send in (register, insert):
        for _ in range(20):
            assert send().status_code == 201

    def cost(send) -> float:
        start, db_start = time.process_time(), backend_seconds(connection)
        for _ in range(n):
            send()
        return (time.process_time() - start + backend_seconds(connection) - db_start) / n * 1000

    pairs = []
    for i in range(rounds):
        intake, baseline = cost(register), cost(insert)
        pairs.append((intake, baseline))
        print(f"round {i + 1}: intake {intake:.2f} ms, baseline {baseline:.2f} ms, ratio {intake / baseline:.2f}", flush=True)
    ratios = sorted(i / b for i, b in pairs)
    print(f"intake / baseline by CPU (web process + PostgreSQL), median of {rounds} alternating rounds of {n}: "
          f"{ratios[len(ratios) // 2]:.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}x; target <= 3x)")


if __name__ == "__main__":
    main()
