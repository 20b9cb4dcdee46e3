"""The dashboard, the statistics and their exports read a streaming replica (core.replica): shown by a figure
the replica has not replayed yet, by the queries each connection ran, and by pg_is_in_recovery(). A person
reads their own writes; a replica lagging or down sends the reads to the primary and /healthz/ says so.
Needs REPLICA_TEST_URL (tests/db/conftest.py); stopping the replica itself also REPLICA_TEST_CLUSTER."""

import os
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core import replica
from reports.models import Export
from tests.conftest import skip_unless_real
from tests.db.conftest import REPLICA_ALIAS, wait_replayed
from tests.db.test_pooler import complaint

# The replica alias exists only with REPLICA_TEST_URL; without it replica_db skips (or fails, REQUIRE_REPLICA).
pytestmark = [pytest.mark.django_db(transaction=True, databases=["default", replica.REPLICA])] if REPLICA_ALIAS else []


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def dashboard_total(user) -> int:
    response = api(user).get("/api/v1/dashboard/")
    assert response.status_code == 200, response.content
    return response.json()["totals"]["year"]


def health() -> dict:
    response = Client().get("/healthz/", {"format": "json"})
    assert response.status_code == 200
    return response.json()["replica"]


def on_replica(sql: str):
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


class replay_paused:
    """The replica receives the primary's WAL but applies none of it until the block ends."""

    def __enter__(self):
        on_replica("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 10
        while on_replica("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline, "the replica did not pause"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        on_replica("SELECT pg_wal_replay_resume()")
        wait_replayed()


def test_the_alias_is_the_replica_of_the_test_database(replica_db):
    assert on_replica("SELECT pg_is_in_recovery()") is True
    assert on_replica("SELECT current_database()") == connections["default"].settings_dict["NAME"]


def test_the_dashboard_reads_the_replica_until_it_lags_too_far(replica_db, register, people, settings):
    supervisor = people["supervisor"]
    register(seed=1)
    wait_replayed()
    assert dashboard_total(supervisor) == 1
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_it, CaptureQueriesContext(connections["default"]) as off:
        dashboard_total(supervisor)
    assert any("disputes_case" in q["sql"] for q in on_it.captured_queries)
    assert not any("disputes_case" in q["sql"] and "COUNT" in q["sql"] for q in off.captured_queries)

    with replay_paused():
        register(seed=2)  # a clerk's write, not the supervisor's
        # Within the lag allowed, the supervisor's figures are the replica's: the new case is not there yet.
        assert dashboard_total(supervisor) == 1
        assert health()["state"] == "ok"
        time.sleep(0.3)
        settings.REPLICA_MAX_LAG_SECONDS = 0.2
        # Lagging beyond it: the primary answers, and the health check says why.
        assert dashboard_total(supervisor) == 2
        found = health()
        assert found["state"] == "lagging" and found["reads"] == "primary" and found["lag_seconds"] > 0.2
        assert Client().get("/healthz/").content.decode().startswith("ok\nreplica: lagging")
    settings.REPLICA_MAX_LAG_SECONDS = 30
    found = health()  # other databases of the cluster keep writing: caught up with this one, not always with all
    assert found["state"] == "ok" and found["reads"] == "replica"
    assert dashboard_total(supervisor) == 2


def test_a_person_reads_their_own_writes_on_the_primary(replica_db, people, division):
    clerk, supervisor, clerk2 = people["clerk"], people["supervisor"], people["clerk2"]
    browser = Client()
    browser.force_login(clerk2)
    with replay_paused():
        # An API client (a token, no cookies): the user's mark in the cache.
        assert api(clerk).post("/api/v1/complaints/", complaint(division, 0), format="json").status_code == 201
        assert dashboard_total(clerk) == 1
        assert dashboard_total(supervisor) == 0  # someone else: the replica, which has not replayed it
        # A browser: the cookie set on the answer to its POST.
        note = browser.post(reverse("disputes:note", args=[1 << 40]), {"text": "x", "version": 1})
        assert replica.COOKIE in note.cookies
        with CaptureQueriesContext(connections[replica.REPLICA]) as on_it:
            assert browser.get(reverse("disputes:dashboard")).status_code == 200
        assert on_it.captured_queries == []
        # Once the window has passed (the cookie's time, and the user's mark gone from the cache): the replica.
        browser.cookies[replica.COOKIE] = str(time.time() - 1)
        cache.delete(replica._user_key(clerk2.pk))
        with CaptureQueriesContext(connections[replica.REPLICA]) as on_it:
            assert browser.get(reverse("disputes:dashboard")).status_code == 200
        assert on_it.captured_queries


def test_the_statistics_and_their_export_read_the_replica(replica_db, register, people, django_capture_on_commit_callbacks):
    supervisor = people["supervisor"]
    register(seed=1)
    wait_replayed()
    browser = Client()
    browser.force_login(supervisor)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_it:
        assert browser.get(reverse("reports:statistics")).status_code == 200
    assert any("disputes_case" in q["sql"] for q in on_it.captured_queries)
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_it:
        assert browser.get(reverse("reports:xlsx")).status_code == 200
    assert any("disputes_case" in q["sql"] for q in on_it.captured_queries)
    # The export's figures too, though its request was a write (the worker's reads are not the person's).
    with CaptureQueriesContext(connections[replica.REPLICA]) as on_it, django_capture_on_commit_callbacks(execute=True):
        assert browser.post(reverse("reports:export_create"), {"format": "xlsx"}).status_code == 302
    assert any("disputes_case" in q["sql"] for q in on_it.captured_queries)
    assert Export.objects.get().state == "done"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cluster(action: str):
    version, name = os.environ["REPLICA_TEST_CLUSTER"].split("/")
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action, *(["-m", "fast"] if action == "stop" else [])],
                   check=True, capture_output=True, timeout=120)


@pytest.mark.parametrize("how", ["stopped", "unreachable"])
def test_without_the_replica_the_dashboard_answers_from_the_primary(replica_db, register, people, settings, monkeypatch, how):
    supervisor = people["supervisor"]
    register(seed=1)
    wait_replayed()
    settings.REPLICA_CHECK_SECONDS = 3600
    assert dashboard_total(supervisor) == 1 and health()["state"] == "ok"  # trusted for the next hour
    if how == "stopped":
        if not os.environ.get("REPLICA_TEST_CLUSTER"):
            skip_unless_real("set REPLICA_TEST_CLUSTER (e.g. 15/replica) to stop the replica", "REQUIRE_REPLICA")
        _cluster("stop")
    else:
        connections[replica.REPLICA].close()
        monkeypatch.setitem(connections[replica.REPLICA].settings_dict, "PORT", _free_port())
    try:
        register(seed=2)
        # The replica fails in the middle of the read: the read runs again on the primary.
        assert dashboard_total(supervisor) == 2
        assert health() == {"state": "down", "lag_seconds": None, "reads": "primary"}
        settings.REPLICA_CHECK_SECONDS = 0
        assert dashboard_total(supervisor) == 2
        assert health()["state"] == "down"
        assert Client().get("/healthz/").content.decode() == "ok\nreplica: down; its reads on the primary"
    finally:
        if how == "stopped":
            _cluster("start")
    deadline = time.monotonic() + 30
    while health()["state"] != "ok" and how == "stopped":
        assert time.monotonic() < deadline, "the replica did not come back"
        time.sleep(0.5)
