#!/usr/bin/env bash
# The load test of issue 5: gunicorn (DEBUG off) + PostgreSQL with the generated province + Locust, headless.
#
#   bench/run_load.sh                 # 4 gunicorn workers
#   WORKERS=2 bench/run_load.sh       # 2 workers
#   MIXED_SECONDS=120 SATURATION_SECONDS=60 USERS=50 bench/run_load.sh
#   PHASES=intake OUT=/tmp/try bench/run_load.sh   # one phase only, while iterating
#   BENCH_RESULTS=bench/results bench/run_load.sh    # results into the checkout (default: outside it, $TMPDIR)
#
# Phases (each a separate Locust run, stats reset once every user has started):
#   warmup     the mixed workload for WARMUP_SECONDS on the server just started, not counted (first requests of
#              each gunicorn worker: imports, URL and translation tables, reference data, statements prepared)
#   mixed      USERS users, think time ~1 s: clerks, handlers, supervisors, workers, baseline (p50/p95/p99)
#   intake     USERS clerks registering complaints with no think time (sustained complaints per second)
#   ratio      intake's cost over the baseline's, drift-proof: RATIO_ROUNDS intake rounds of RATIO_SECONDS,
#              each between two baseline rounds (B I B I ... I B), the Celery worker paused (see below)
#   baseline   USERS clients inserting baseline rows with no think time (the yardstick), one phase
# Everything listens on 127.0.0.1 only; gunicorn is stopped when the script ends, however it ends.
# Several runs may share the machine (and its Redis): each has its own port, static folder, cache key prefix
# and Celery queue, named by RUN_ID, and counts only its own processes' CPU (bench/cpu_share.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WORKERS=${WORKERS:-4}
THREADS=${THREADS:-1}   # >1 makes gunicorn use its gthread worker
USERS=${USERS:-50}
MIXED_SECONDS=${MIXED_SECONDS:-120}
SATURATION_SECONDS=${SATURATION_SECONDS:-60}
# This machine's speed drifts by more than the 3x target's margin within minutes, so the ratio is measured
# in short alternating rounds (the ratio phase), each intake round set
# against the baseline rounds on either side of it, not as two phases minutes apart.
PHASES=${PHASES:-warmup mixed intake ratio}   # a subset while iterating, e.g. PHASES=intake
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
RATIO_ROUNDS=${RATIO_ROUNDS:-4}
RATIO_SECONDS=${RATIO_SECONDS:-30}
# A free port of our own (other work may run servers on this machine too).
PORT=${PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
HOST=http://127.0.0.1:$PORT
RUN_ID=${RUN_ID:-$(date +%Y%m%d-%H%M%S)-$$}
BENCH_RESULTS=${BENCH_RESULTS:-${TMPDIR:-/tmp}/onewindow-bench-results}
OUT=${OUT:-$BENCH_RESULTS/load-$(date +%Y-%m-%d)-w$WORKERS$([ "$THREADS" = 1 ] || echo "t$THREADS")-$RUN_ID}
mkdir -p "$OUT"

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/onewindow_province}
export BENCH_DATABASE_URL=$DATABASE_URL
export DJANGO_SETTINGS_MODULE=bench.settings_bench
export SECRET_KEY=$(.venv/bin/python -c 'from bench.common import BENCH_SECRET_KEY; print(BENCH_SECRET_KEY)')
export FIELD_ENCRYPTION_KEYS=$(.venv/bin/python -c 'from bench.common import BENCH_FIELD_ENCRYPTION_KEYS as k; print(k)')
export BLIND_INDEX_KEY=$(.venv/bin/python -c 'from bench.common import BENCH_BLIND_INDEX_KEY as k; print(k)')
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING
# Redis for the cache (the status page's rate-limit counters are shared by all workers) and, as deployed
# (docker-compose.yml), as the Celery broker: receipts and notifications are rendered by one Celery worker
# process after the response. The cache's keys carry this run's prefix and the tasks go to this run's queue,
# so two runs on the same Redis databases neither read nor empty each other's.
# CELERY=eager runs the tasks inside the request instead (the set-up of the first runs, for comparison).
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/13} BENCH_CACHE_PREFIX=bench-$RUN_ID
CELERY=${CELERY:-worker}
if [ "$CELERY" = worker ]; then
    export CELERY_BROKER_URL=${BENCH_BROKER_URL:-redis://127.0.0.1:6379/12} CELERY_QUEUE=bench-$RUN_ID
else
    unset CELERY_BROKER_URL
fi
export BENCH_STATIC_ROOT=${BENCH_STATIC_ROOT:-${TMPDIR:-/tmp}/onewindow-bench-static-$RUN_ID}

.venv/bin/python manage.py collectstatic --noinput -v0
# A yardstick of this machine's single-core speed, so that runs on different machines can be compared:
# seconds of CPU for ten million iterations of a Python loop (bench/yardstick.py).
.venv/bin/python bench/yardstick.py >"$OUT/yardstick.txt"
echo "machine yardstick: $(cat "$OUT/yardstick.txt") s for 10M Python loop iterations; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# What earlier runs left in the database (their cases crowd the windows' queues): recorded beside the figures.
.venv/bin/python bench/dbstate.py | tee "$OUT/database.txt"
.venv/bin/python -c "
import os, redis
r = redis.Redis.from_url(os.environ['REDIS_URL'])
for key in r.scan_iter(os.environ['BENCH_CACHE_PREFIX'] + ':*'):
    r.delete(key)"
# The staff's web sessions, made once (a password check is ~0.5 s of CPU; see bench/sessions.py).
.venv/bin/python bench/sessions.py "$OUT/sessions.json"
export BENCH_SESSIONS=$OUT/sessions.json
[ "$CELERY" = worker ] && .venv/bin/python -c "import redis, os; redis.Redis.from_url(os.environ['CELERY_BROKER_URL']).delete(os.environ['CELERY_QUEUE'])"

GUNICORN_PID=""
CELERY_PID=""
stop() {
    # A worker left paused by the ratio phase (the script stopped during it) must run again to hear TERM.
    [ -n "$CELERY_PID" ] && kill -CONT "$CELERY_PID" $(pgrep -P "$CELERY_PID") 2>/dev/null || true
    for pid in $GUNICORN_PID $CELERY_PID; do
        if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
    done
    GUNICORN_PID="" CELERY_PID=""
    case "$BENCH_STATIC_ROOT" in */onewindow-bench-static-"$RUN_ID") rm -rf "$BENCH_STATIC_ROOT" ;; esac
}
trap stop EXIT INT TERM

.venv/bin/gunicorn config.wsgi -w "$WORKERS" --threads "$THREADS" -b "127.0.0.1:$PORT" --timeout 60 --log-level warning \
    >"$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 60); do
    kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn exited"; cat "$OUT/gunicorn.log"; exit 1; }
    curl -fsS "$HOST/healthz/" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "$HOST/healthz/" >/dev/null || { echo "gunicorn did not start"; cat "$OUT/gunicorn.log"; exit 1; }
echo "gunicorn: $WORKERS workers on $HOST, database ${DATABASE_URL##*/}; results in $OUT"
if [ "$CELERY" = worker ]; then
    # At a lower priority, as docker-compose.yml gives the worker container a quarter of the CPU weight:
    # rendering receipts yields to the requests of the people waiting (nice 6: a scheduler weight of 272
    # against 1024, about the same quarter).
    nice -n 6 .venv/bin/celery -A config worker -Q "$CELERY_QUEUE" -c "${CELERY_CONCURRENCY:-1}" -l warning --without-gossip \
        --without-mingle --without-heartbeat >"$OUT/celery.log" 2>&1 &
    CELERY_PID=$!
    echo "celery: one worker process (concurrency ${CELERY_CONCURRENCY:-1}) on $CELERY_BROKER_URL"
fi

# The ratio phase pauses the worker (SIGSTOP to it and its pool), idle: its database work would otherwise land
# on whichever round it happens in (bench/cpu_share.py counts every backend of the database as the server's), and
# rendering receipts is not what the ratio compares (the intake phase measures it). Resumed after the rounds.
signal_worker() {
    [ "$CELERY" = worker ] || return 0
    kill "-$1" "$CELERY_PID" $(pgrep -P "$CELERY_PID") 2>/dev/null || true
}

# This run's processes, whose CPU cpu_share.py counts: the gunicorn master (and its workers), the Celery worker
# (and its pool), the backends connected to this run's database.
OWN=(--web-pid "$GUNICORN_PID" --database "$DATABASE_URL")
[ -n "$CELERY_PID" ] && OWN+=(--worker-pid "$CELERY_PID")

drain() {  # after a phase: how long the worker needs to render what the phase queued
    [ "$CELERY" = worker ] || return 0
    .venv/bin/python bench/cpu_share.py "$OUT/$1-drain_cpu.json" "${OWN[@]}" -- \
        .venv/bin/python bench/drain.py "$1" "$OUT/$1_stats.csv" "${2:-}" | tee "$OUT/$1-drain.txt"
}

phase() {  # name seconds wait classes...
    local name=$1 seconds=$2 wait=$3; shift 3
    echo "--- phase $name: $USERS users, ${seconds}s, think time ${wait}s"
    # cpu_share.py records who spent the CPU during the phase (web, database, worker, load generator).
    # The first 8 s (Locust starting, users spawning at 10/s) are left out, as its statistics leave them out.
    BENCH_WAIT=$wait .venv/bin/python bench/cpu_share.py "$OUT/${name}_cpu.json" --skip 8 "${OWN[@]}" -- \
        timeout $((seconds + 60)) .venv/bin/locust -f bench/locustfile.py --headless \
        -u "$USERS" -r 10 -t "${seconds}s" --host "$HOST" --reset-stats --stop-timeout 10 \
        --csv "$OUT/$name" --only-summary --loglevel WARNING "$@" >"$OUT/$name.log" 2>&1 || true
}
for p in $PHASES; do
    case $p in
        warmup) phase warmup "$WARMUP_SECONDS" 1 Clerk Handler Supervisor Worker Baseline; drain warmup "$WARMUP_SECONDS" ;;
        mixed) phase mixed "$MIXED_SECONDS" 1 Clerk Handler Supervisor Worker Baseline; drain mixed "$MIXED_SECONDS" ;;
        intake) phase intake "$SATURATION_SECONDS" 0 IntakeOnly; drain intake "$SATURATION_SECONDS" ;;
        baseline) phase baseline "$SATURATION_SECONDS" 0 Baseline ;;
        ratio)
            # Idle first: nothing pending (no transaction of the worker's is open when it stops).
            [ "$CELERY" = worker ] && .venv/bin/python bench/drain.py before-ratio >/dev/null
            signal_worker STOP
            for r in $(seq "$RATIO_ROUNDS"); do
                phase "ratio$r-baseline" "$RATIO_SECONDS" 0 Baseline
                phase "ratio$r-intake" "$RATIO_SECONDS" 0 IntakeOnly
            done
            phase "ratio$((RATIO_ROUNDS + 1))-baseline" "$RATIO_SECONDS" 0 Baseline
            signal_worker CONT
            drain ratio ;;
        *) echo "unknown phase $p"; exit 2 ;;
    esac
done
stop
.venv/bin/python bench/report.py "$OUT" | tee "$OUT/report.txt"
