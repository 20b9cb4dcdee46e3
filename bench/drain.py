"""After a load phase: wait until the Celery worker has emptied the queue and say how long it took.

With receipts rendered by the worker, intake's request throughput is only half the answer: the receipts must
keep up too. Prints the backlog left when the phase ended, the seconds to drain it and the rate.

    bench/drain.py PHASE [STATS_CSV PHASE_SECONDS]
        (run by run_load.sh; reads CELERY_BROKER_URL and CELERY_QUEUE). With Locust's stats file and the
        phase's length it also prints the sustained intake rate: complaints registered / (phase + drain),
        i.e. complaints per second with their receipts stored.
"""

import csv
import os
import sys
import time

import redis


def registered(stats_csv: str) -> int:
    with open(stats_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["Name"].startswith("intake"):
                return int(row["Request Count"]) - int(row["Failure Count"])
    return 0


def main(phase: str, stats_csv: str | None = None, phase_seconds: float | None = None) -> None:
    broker = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    queue = os.environ.get("CELERY_QUEUE", "celery")
    start = time.monotonic()
    backlog = broker.llen(queue)
    while broker.llen(queue):
        if time.monotonic() - start > 1800:
            print(f"{phase}: the worker did not drain {broker.llen(queue)} tasks within 30 min")
            return
        time.sleep(0.5)
    # The last message taken may still be running; a short grace keeps the figure honest, not precise.
    time.sleep(1)
    seconds = time.monotonic() - start
    rate = f"{backlog / seconds:.1f} tasks/s" if backlog else "-"
    print(f"{phase}: backlog at the end of the phase {backlog} tasks; drained in {seconds:.1f} s ({rate})")
    if stats_csv and phase_seconds and os.path.exists(stats_csv):
        done = registered(stats_csv)
        total = float(phase_seconds) + seconds
        print(f"{phase}: {done} complaints registered; with their receipts stored: {done / total:.1f} complaints/s "
              f"sustained over {total:.0f} s")


if __name__ == "__main__":
    main(*sys.argv[1:2], *sys.argv[2:4])
