"""One beat sends, however many run (core.beat): the lock itself, and two real beat processes on one broker."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from core.beat import BeatLock
from tests.conftest import skip_unless_real

ROOT = Path(__file__).resolve().parent.parent
SENT = "Scheduler: Sending due task"


@pytest.fixture
def broker():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        skip_unless_real("no Redis CELERY_BROKER_URL", "REQUIRE_BROKER")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        skip_unless_real(f"Redis at {url} does not answer: {exc}", "REQUIRE_BROKER")
    return url


@pytest.fixture
def key(broker):
    name = f"test-beat-lock-{os.getpid()}-{time.monotonic_ns()}"
    yield name
    redis.Redis.from_url(broker).delete(name)


def test_one_holder_at_a_time_and_the_next_takes_over_when_it_lets_go(broker, key):
    first, second = BeatLock(broker, key, 5), BeatLock(broker, key, 5)
    assert first.hold()
    assert not second.hold()
    assert first.hold(), "the holder renews its own lock"
    assert not second.hold()
    first.release()
    assert second.hold()
    assert not first.hold()


def test_a_holder_that_stops_renewing_loses_the_lock_when_it_expires(broker, key):
    first, second = BeatLock(broker, key, 1), BeatLock(broker, key, 1)
    assert first.hold()
    time.sleep(1.3)
    assert second.hold()
    assert not first.hold(), "an expired holder must not take the lock back from the new one"


def test_unreachable_redis_holds_nothing(key):
    lock = BeatLock("redis://127.0.0.1:1/0", key, 5)
    assert not lock.hold()


def _beat(env, log: Path):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "info", "--schedule", str(log) + ".unused"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def _sent(log: Path) -> int:
    return log.read_text(errors="replace").count(SENT)


@pytest.mark.django_db(transaction=True)
def test_of_two_beats_one_sends_and_the_other_takes_over_when_it_dies(broker, tmp_path):
    if connection.vendor != "postgresql":
        skip_unless_real("beat's schedule is in a database both processes share", "REQUIRE_POSTGRES")
    db = connection.settings_dict
    prefix = f"test-beats-{os.getpid()}-{time.monotonic_ns()}-"
    env = {key: value for key, value in os.environ.items() if key != "CELERY_QUEUE"}
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        DJANGO_SETTINGS_MODULE="config.test_settings", CELERY_QUEUE_PREFIX=prefix, BEAT_LOCK_SECONDS="3",
        RESEND_PENDING_SECONDS="1", NOTIFY_SWEEP_SECONDS="1", RECEIPT_SWEEP_SECONDS="1",
    )
    logs = [tmp_path / "beat1.log", tmp_path / "beat2.log"]
    beats = [_beat(env, logs[0])]
    try:
        deadline = time.monotonic() + 60
        while not _sent(logs[0]):
            assert beats[0].poll() is None and time.monotonic() < deadline, logs[0].read_text()
            time.sleep(0.3)
        beats.append(_beat(env, logs[1]))
        deadline = time.monotonic() + 60
        while "standing by" not in logs[1].read_text():
            assert beats[1].poll() is None and time.monotonic() < deadline, logs[1].read_text()
            time.sleep(0.3)
        time.sleep(4)  # the second beat tries the lock every second; every task falls due every second
        assert _sent(logs[1]) == 0, "a second beat sent while the first held the lock"
        sent_by_first = _sent(logs[0])

        os.killpg(beats[0].pid, signal.SIGKILL)  # no clean release: the lock must expire
        beats[0].wait(10)
        deadline = time.monotonic() + 30
        while not _sent(logs[1]):
            assert beats[1].poll() is None and time.monotonic() < deadline, logs[1].read_text()
            time.sleep(0.3)
        assert _sent(logs[0]) == sent_by_first
    finally:
        for beat in beats:
            if beat.poll() is None:
                os.killpg(beat.pid, signal.SIGTERM)
                beat.wait(15)
        client = redis.Redis.from_url(broker)
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)
