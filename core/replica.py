"""Reads that may go to a streaming replica: the statistics, their exports and the dashboard.

Only code run inside `on_replica` reads the replica (the router answers "default" everywhere else), and even
there it does not when:
- no `replica` database is configured (REPLICA_DATABASE_URL);
- this browser or user wrote within REPLICA_READ_YOUR_WRITES_SECONDS (a cookie set on the answer to any
  unsafe request, and a cache key per user for API clients that keep no cookies), or wrote earlier in this
  request: nobody misses their own write;
- the replica is down, not in recovery (a promoted or misconfigured copy), or lags the primary by more than
  REPLICA_MAX_LAG_SECONDS. Its state is probed at most every REPLICA_CHECK_SECONDS per process and shown by
  /healthz/; a replica failing in the middle of a read is marked down and the read runs again on the primary.
Writes always go to the primary.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.utils.functional import SimpleLazyObject, empty

log = logging.getLogger(__name__)

REPLICA = "replica"
COOKIE = "ow_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Inside on_replica: reads may go to the replica.
_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_allowed", default=False)
# Something was written in this request or task: its later reads go to the primary.
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_wrote", default=False)

_lock = threading.Lock()
_state: dict = {}


ROUTER = "core.replica.ReplicaRouter"


def configured() -> bool:
    """A `replica` database and this module's router (settings install both from REPLICA_DATABASE_URL)."""
    return REPLICA in settings.DATABASES and ROUTER in settings.DATABASE_ROUTERS


def status(*, fresh: bool = False) -> dict:
    """{"state": ok | lagging | down | not_in_recovery | absent, "lag_seconds": float | None, "reads": replica |
    primary}, probed at most every REPLICA_CHECK_SECONDS in this process unless `fresh`."""
    if not configured():
        return {"state": "absent", "lag_seconds": None, "reads": "primary"}
    now = time.monotonic()
    with _lock:
        if not fresh and _state and now - _state["at"] < settings.REPLICA_CHECK_SECONDS:
            return _state["status"]
    found = _probe()
    with _lock:
        _state.update(at=time.monotonic(), status=found)
    return found


def forget_status() -> None:
    with _lock:
        _state.clear()


def mark_down(reason: str) -> None:
    log.warning("replica: reads go to the primary (%s)", reason)
    _close(REPLICA)
    with _lock:
        _state.update(at=time.monotonic(), status={"state": "down", "lag_seconds": None, "reads": "primary"})


def _close(alias: str) -> None:
    try:
        connections[alias].close()
    except Error:
        pass


def _probe() -> dict:
    """The replica's state: in recovery, and caught up with the primary's WAL position read just before, or
    else how old its last replayed commit is (an upper bound of what it misses)."""
    down = {"state": "down", "lag_seconds": None, "reads": "primary"}
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            primary_lsn = cursor.fetchone()[0]
    except Error as exc:
        log.warning("replica: cannot read the primary's WAL position: %s", exc)
        return down
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn, "
                "EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
                [primary_lsn],
            )
            in_recovery, caught_up, age = cursor.fetchone()
    except Error as exc:
        log.warning("replica: down: %s", exc)
        _close(REPLICA)
        return down
    if not in_recovery:
        return {"state": "not_in_recovery", "lag_seconds": None, "reads": "primary"}
    lag = 0.0 if caught_up else (float(age) if age is not None else None)
    if lag is None or lag > settings.REPLICA_MAX_LAG_SECONDS:
        return {"state": "lagging", "lag_seconds": lag, "reads": "primary"}
    return {"state": "ok", "lag_seconds": lag, "reads": "replica"}


# --- read-your-writes ---------------------------------------------------------------------------------------


def _user_key(user_id) -> str:
    return f"replica:wrote:{user_id}"


def _resolved_user(request):
    """The request's user if already loaded (never a query just for this), else None. A DRF request hands its
    authenticated user to the Django request it wraps."""
    request = getattr(request, "_request", request)
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject):
        user = user._wrapped
    if user is None or user is empty:
        return None
    return user if getattr(user, "is_authenticated", False) else None


def wrote_recently(request) -> bool:
    """This browser or this user wrote within REPLICA_READ_YOUR_WRITES_SECONDS."""
    try:
        if float(request.COOKIES.get(COOKIE, "0")) > time.time():
            return True
    except ValueError:
        pass
    user = _resolved_user(request)
    return bool(user is not None and cache.get(_user_key(user.pk)))


class ReadYourWritesMiddleware:
    """After an unsafe request (a POST, PUT, PATCH or DELETE: what the person did), that browser and user read
    the primary for a while. A GET's own bookkeeping (the read audit, a session) does not count."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _wrote.set(False)
        try:
            response = self.get_response(request)
        finally:
            _wrote.reset(token)
        if request.method not in SAFE_METHODS and configured():
            window = settings.REPLICA_READ_YOUR_WRITES_SECONDS
            response.set_cookie(COOKIE, f"{time.time() + window:.3f}", max_age=int(window) + 1, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
            user = _resolved_user(request)
            if user is not None:
                cache.set(_user_key(user.pk), 1, timeout=int(window) + 1)
        return response


# --- where reads go -----------------------------------------------------------------------------------------


def reads_replica() -> bool:
    """Decided once per on_replica (which probed the replica), not per query."""
    return _allowed.get() and not _wrote.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a read-only copy of the primary's schema.
        return False if db == REPLICA else None


@contextmanager
def _replica_allowed(*, fresh: bool):
    token = _allowed.set(True)
    wrote = _wrote.set(False) if fresh else None
    try:
        yield
    finally:
        _allowed.reset(token)
        if wrote is not None:
            _wrote.reset(wrote)


def on_replica(read, request=None, *, after_own_writes: bool = True):
    """`read()` with its reads on the replica when it may (module docstring), else on the primary. Should the
    replica fail while it runs, the replica counts as down and `read()` runs again on the primary: `read` must
    only read. A task whose earlier writes do not bear on this read (its own progress row) passes
    after_own_writes=False."""
    if not configured() or (request is not None and wrote_recently(request)):
        return read()
    if status()["reads"] != "replica":
        return read()
    try:
        with _replica_allowed(fresh=not after_own_writes):
            return read()
    except Error as exc:
        if status(fresh=True)["reads"] == "replica":
            raise
        log.warning("replica: failed during a read, running it on the primary: %s", exc)
        return read()


def replica_view(view):
    """A function view whose reads may go to the replica (on_replica)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return on_replica(lambda: view(request, *args, **kwargs), request)

    return wrapped
