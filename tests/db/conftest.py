"""The real PgBouncer and replica for tests/db: their addresses come from POOLER_TEST_URL and REPLICA_TEST_URL
(`.ci/pgbouncer`, `.ci/replica` start them; `.ci/run` sets both and REQUIRE_POOLER=1 REQUIRE_REPLICA=1).
The suite's own database connection stays direct; these fixtures point the application at them for a test."""

import os
import time
from urllib.parse import urlsplit

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.db import connection, connections

from core import replica
from tests.conftest import skip_unless_real


def real(env: str, what: str, require: str):
    if connection.vendor != "postgresql":
        skip_unless_real(f"the {what} tests need PostgreSQL (DATABASE_URL)", require)
    url = os.environ.get(env)
    if not url:
        skip_unless_real(f"set {env} to run the {what} tests", require)
    address = urlsplit(url)
    try:
        psycopg2.connect(host=address.hostname, port=address.port, user=address.username or "postgres",
                         dbname="postgres", connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        skip_unless_real(f"{what} at {url} does not answer: {exc}", require)
    return address


def raw(address, dbname: str, **kwargs):
    """A plain driver connection (no Django) to `dbname` at `address`."""
    conn = psycopg2.connect(host=address.hostname, port=address.port, user=address.username or "postgres",
                            dbname=dbname, connect_timeout=5, **kwargs)
    conn.autocommit = True
    return conn


@pytest.fixture
def pooler(transactional_db, settings):
    """The application's connections (every thread's) go through PgBouncer in transaction mode, set up as
    DB_TRANSACTION_POOLER sets them."""
    address = real("POOLER_TEST_URL", "PgBouncer", "REQUIRE_POOLER")
    default = connections["default"]
    name = default.settings_dict["NAME"]
    default.close()
    # The settings dict is shared by every thread's connection to "default". Restored here, not by monkeypatch,
    # whose undo comes after the test database's flush: that must not go through PgBouncer.
    changed = {"HOST": address.hostname, "PORT": address.port, "DISABLE_SERVER_SIDE_CURSORS": True}
    saved = {key: default.settings_dict.get(key) for key in changed}
    default.settings_dict.update(changed)
    settings.DATABASE_PREPARED_STATEMENTS = False
    yield address
    default.close()
    default.settings_dict.update(saved)
    # PgBouncer keeps its server sessions to the test database open; pytest's DROP DATABASE would wait on them.
    admin = raw(address, "pgbouncer")
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"KILL {name}")
            cursor.execute(f"RESUME {name}")
    finally:
        admin.close()


def _define_the_replica_alias() -> bool:
    """With REPLICA_TEST_URL, the session has a `replica` alias as REPLICA_DATABASE_URL would make it: a test
    mirror of the default database, i.e. the test database as the replica has it (physical replication copies
    every database of the cluster, this one too). It must exist before the test databases are set up; only
    the tests that list it may touch it, and it is used only with the router installed (replica_db)."""
    url = os.environ.get("REPLICA_TEST_URL")
    default = django_settings.DATABASES["default"]
    if not url or "postgresql" not in default["ENGINE"]:
        return False
    address = urlsplit(url)
    django_settings.DATABASES.setdefault(replica.REPLICA, {
        **default, "HOST": address.hostname, "PORT": address.port,
        "OPTIONS": {**default.get("OPTIONS", {}), "connect_timeout": 2},
        "TEST": {**default.get("TEST", {}), "MIRROR": "default"},
    })
    return True


REPLICA_ALIAS = _define_the_replica_alias()


@pytest.fixture
def replica_db(transactional_db, settings):
    """The replica alias with the router installed: as REPLICA_DATABASE_URL sets them up."""
    address = real("REPLICA_TEST_URL", "replica", "REQUIRE_REPLICA")
    settings.DATABASE_ROUTERS = [replica.ROUTER]
    settings.REPLICA_CHECK_SECONDS = 0
    settings.REPLICA_MAX_LAG_SECONDS = 30
    replica.forget_status()
    wait_replayed()
    yield address
    replica.forget_status()
    connections[replica.REPLICA].close()


def wait_replayed(timeout: float = 20):
    """Until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        lsn = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while True:
        with connections[replica.REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if cursor.fetchone()[0]:
                return
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)
