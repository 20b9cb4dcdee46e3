"""After a load phase: wait until the receipts the phase issued are all rendered and say how long it took.

Receipts are rendered after the registration commits: by the clerk's print, or in the background by the
Celery worker (intake.models.PendingReceipt, intake.tasks). Intake's request throughput is therefore only half
the answer; this prints the receipts still pending when the phase ended, the seconds the worker needed to
render them (and to empty its queue of other tasks, the notifications), and the rate.

    bench/drain.py PHASE [STATS_CSV PHASE_SECONDS]
        (run by run_load.sh; reads DATABASE_URL, CELERY_BROKER_URL and CELERY_QUEUE). With Locust's stats file
        and the phase's length it also prints the sustained intake rate: complaints registered / (phase +
        drain), i.e. complaints per second with their receipts stored.
"""

import csv
import os
import sys
import time

import psycopg2
import redis
from celery import Celery


def registered(stats_csv: str) -> int:
    with open(stats_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["Name"].startswith("intake"):
                return int(row["Request Count"]) - int(row["Failure Count"])
    return 0


def main(phase: str, stats_csv: str | None = None, phase_seconds: float | None = None) -> None:
    broker = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    queue = os.environ.get("CELERY_QUEUE", "celery")
    database = psycopg2.connect(os.environ["DATABASE_URL"])
    database.autocommit = True

    def pending_receipts() -> int:
        with database.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM intake_pendingreceipt")
            return cursor.fetchone()[0]

    start = time.monotonic()
    receipts, tasks = pending_receipts(), broker.llen(queue)
    if receipts and not tasks:
        # Rows no kick will reach (left by an in-process profile, or by a run stopped half-way: the broker's
        # database is emptied when a run starts): one kick, as beat's sweep would send when deployed.
        Celery(broker=os.environ["CELERY_BROKER_URL"]).send_task("intake.tasks.receipts_render_pending", queue=queue)
    while pending_receipts() or broker.llen(queue):
        if time.monotonic() - start > 1800:
            print(f"{phase}: not drained within 30 min: {pending_receipts()} receipts, {broker.llen(queue)} tasks left")
            return
        time.sleep(0.5)
    # The last task taken may still be running; a short grace keeps the figure honest, not precise.
    time.sleep(1)
    seconds = time.monotonic() - start
    rate = f"{receipts / seconds:.1f} receipts/s" if receipts else "-"
    print(f"{phase}: at the end of the phase {receipts} receipts pending and {tasks} tasks queued; "
          f"drained in {seconds:.1f} s ({rate})")
    if stats_csv and phase_seconds and os.path.exists(stats_csv):
        done = registered(stats_csv)
        total = float(phase_seconds) + seconds
        print(f"{phase}: {done} complaints registered; with their receipts stored: {done / total:.1f} complaints/s "
              f"sustained over {total:.0f} s")


if __name__ == "__main__":
    main(*sys.argv[1:2], *sys.argv[2:4])
