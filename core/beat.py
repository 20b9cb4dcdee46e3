"""One beat sends, however many run (docs/deployment.md, "Several nodes").

Compose runs a single `beat` service, but a second one started by mistake, or a standby kept on another node so
that the schedule survives the loss of one, must not send every periodic task twice. Each beat holds or waits
for a lock in the broker's Redis: the holder renews it every tick (at most a third of BEAT_LOCK_SECONDS apart),
the others try again at the same pace and send nothing. A holder that dies stops renewing, so a standby takes
over within BEAT_LOCK_SECONDS; one that stops cleanly lets go at once.

The lock is in Redis, not a PostgreSQL advisory lock: a session lock is not kept through a pooler in transaction
mode (PgBouncer), and the broker is what a beat needs anyway. The sweeps stay idempotent for the moment two
beats could overlap (a holder paused past the lock's expiry): each claims its rows with SKIP LOCKED.
"""

import logging
import uuid

import redis
from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger(__name__)


def lock_key() -> str:
    return f"onewindow:{settings.CELERY_QUEUE_PREFIX}beat-lock"


class BeatLock:
    """A lock with an expiry, held by one token at a time. `hold()` takes it or renews it; False if another holds it
    or Redis cannot be reached (then the broker cannot take a task either)."""

    # Renew only if still ours, in one step: a GET then a SET could renew a lock another took in between.
    RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
    RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"

    def __init__(self, url: str, key: str, seconds: int):
        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.key, self.milliseconds = key, int(seconds * 1000)
        self.token = uuid.uuid4().hex
        self.held = False

    def hold(self) -> bool:
        try:
            if self.held and self.client.eval(self.RENEW, 1, self.key, self.token, self.milliseconds):
                return True
            self.held = bool(self.client.set(self.key, self.token, nx=True, px=self.milliseconds))
        except redis.RedisError as exc:
            logger.warning("beat lock: Redis unreachable (%s); sending nothing until it answers", exc)
            self.held = False
        return self.held

    def release(self) -> None:
        if self.held:
            try:
                self.client.eval(self.RELEASE, 1, self.key, self.token)
            except redis.RedisError:
                pass  # it expires by itself
            self.held = False


class SingleBeatScheduler(DatabaseScheduler):
    """django_celery_beat's scheduler, run only while this beat holds the lock."""

    def __init__(self, *args, **kwargs):
        self.beat_lock = BeatLock(settings.CELERY_BROKER_URL, lock_key(), settings.BEAT_LOCK_SECONDS)
        self.every = max(1.0, settings.BEAT_LOCK_SECONDS / 3)
        self.leading = self.said_standby = False
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs):
        if not self.beat_lock.hold():
            if self.leading:
                logger.warning("beat lock lost: standing by")
            elif not self.said_standby:
                logger.info("beat lock held by another beat: standing by")
                self.said_standby = True
            self.leading = False
            return self.every
        if not self.leading:
            logger.info("beat lock taken: this beat sends the periodic tasks")
            self.leading = True
            # Read the schedule afresh: the last runs the previous holder saved, not what was read at start-up.
            self._initial_read, self._heap = True, None
        return min(super().tick(*args, **kwargs), self.every)

    def close(self):
        try:
            super().close()
        finally:
            self.beat_lock.release()
