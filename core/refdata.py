"""Reference tables read on nearly every request (the working-day calendar, the deadline rules, the statutory
parameters, the divisions), kept in each process's memory and checked against a version stamp.

Which tables: core's own (divisions, statutory parameters) and those an app registers with `watch()` from
its AppConfig.ready() (deadlines: the calendar and the deadline rules).

Why: a registration read them with six queries, a case page with three (issue 5). They
change a few times a year, from the admin or `import_calendar`, and a stale copy would compute a wrong
deadline, so the copy is never trusted on time alone:

- a version stamp lives in the shared cache (Redis in production: every web and Celery process sees it);
  a process keeps what it loaded together with the stamp it read *before* loading, and reloads when the stamp
  differs or is missing (a flushed or restarted Redis only costs a reload);
- saving or deleting one of these rows changes the stamp at once and again when the transaction commits:
  a process that reloaded in between (and so saw the old rows under the new stamp) reloads once more;
- the connection that changed them reads the tables directly until its transaction ends, so it sees its own
  uncommitted rows and never keeps them in memory, in case they are rolled back;
- within one web request the stamp is read once (one cache round trip, then every read is local).

Writes that send no model signals (`bulk_create`, `QuerySet.update`, data migrations) must call
`reference_data_changed()`; `import_calendar` and the tests' reference-data loader do.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save

from .models import Division, StatutoryParameter

T = TypeVar("T")

logger = logging.getLogger(__name__)

VERSION_KEY = "onewindow:refdata:version"

_loaded: dict[str, tuple[str, object]] = {}
_request = threading.local()


def _read_version() -> str | None:
    if getattr(_request, "active", False) and _request.version is not None:
        return _request.version
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001 — the cache being down must cost speed, not correctness or the request
        logger.warning("reference data: cache unavailable, reading the tables directly", exc_info=True)
        return None
    if getattr(_request, "active", False):
        _request.version = version
    return version


def cached(name: str, load: Callable[[], T]) -> T:
    """The value `load()` returns, from memory while the reference data have not changed. Treat it as
    read-only: it is shared by every request of the process."""
    connection = connections[DEFAULT_DB_ALIAS]
    if getattr(connection, "refdata_dirty", False):
        if connection.in_atomic_block:
            return load()
        connection.refdata_dirty = False
    version = _read_version()
    hit = _loaded.get(name)
    if hit is not None and version is not None and hit[0] == version:
        return hit[1]
    value = load()
    if version is not None:
        _loaded[name] = (version, value)
    return value


def _new_stamp() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001
        # Nobody can trust a copy while the stamp cannot be changed: drop ours; the others re-read the stamp
        # (and, with the cache down, read the tables directly).
        logger.error("reference data changed but the version stamp could not be renewed", exc_info=True)
        _loaded.clear()


def _drop_copies() -> None:
    _loaded.clear()
    _new_stamp()
    _request.version = None


def reference_data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Call after changing reference rows by a path that sends no signal (bulk writes, raw SQL)."""
    _drop_copies()
    connection = connections[using]
    if connection.in_atomic_block:
        connection.refdata_dirty = True
        transaction.on_commit(_new_stamp, using=using)


def _on_row_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    reference_data_changed(using)


def _on_request_started(**kwargs) -> None:
    _request.active, _request.version = True, None


def _on_request_finished(**kwargs) -> None:
    _request.active, _request.version = False, None


def watch(*models) -> None:
    """Treat these models' rows as reference data: saving or deleting one renews the version stamp. Each app
    that keeps a table here calls it from its AppConfig.ready() (deadlines: the calendar and the rules)."""
    for model in models:
        post_save.connect(_on_row_change, sender=model, dispatch_uid=f"refdata-save-{model._meta.label}")
        post_delete.connect(_on_row_change, sender=model, dispatch_uid=f"refdata-delete-{model._meta.label}")


def connect_signals() -> None:
    """Called from CoreConfig.ready()."""
    watch(StatutoryParameter, Division)
    request_started.connect(_on_request_started, dispatch_uid="refdata-request-started")
    request_finished.connect(_on_request_finished, dispatch_uid="refdata-request-finished")


def division_by_id(pk) -> object | None:
    """A division (county or district) by id, or None; from the process's copy while current."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        return None
    return cached("divisions", lambda: {d.pk: d for d in Division.objects.all()}).get(key)


def forget_loaded() -> None:
    """Drop this process's copies and stamp a new version: for tests, whose rollbacks and flushes change
    the reference tables without any signal."""
    _drop_copies()
    for connection in connections.all(initialized_only=True):
        connection.refdata_dirty = False
