"""Where reads go (core.replica), on any database: the settings a pooler and a replica turn on, the router's
answers, and the read-your-writes marks. tests/db/ runs the same against the real PgBouncer and replica."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.test import Client, RequestFactory
from django.urls import reverse

from core import replica
from disputes.models import Case

REPO = Path(__file__).resolve().parent.parent.parent


def settings_under(**env) -> dict:
    """The database settings a process started with this environment has."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'prepared': settings.DATABASE_PREPARED_STATEMENTS, 'routers': settings.DATABASE_ROUTERS, "
        "'databases': {k: {'port': v.get('PORT'), 'cursors': v.get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "'mirror': v.get('TEST', {}).get('MIRROR'), 'timeout': v.get('OPTIONS', {}).get('connect_timeout')} "
        "for k, v in settings.DATABASES.items()}}))"
    )
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REPLICA_DATABASE_URL",
                                                             "DB_TRANSACTION_POOLER", "DB_PREPARED_STATEMENTS")}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                            env={**base, "DJANGO_SETTINGS_MODULE": "config.test_settings", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_behind_a_transaction_pooler_nothing_relies_on_a_session():
    direct = settings_under(DATABASE_URL="postgres://u@db:5432/ow")
    assert direct["prepared"] is True and direct["databases"]["default"]["cursors"] is False
    pooled = settings_under(DATABASE_URL="postgres://u@pgbouncer:6432/ow", DB_TRANSACTION_POOLER="1",
                            DB_PREPARED_STATEMENTS="1")
    assert pooled["prepared"] is False
    assert pooled["databases"]["default"]["cursors"] is True


def test_a_replica_url_adds_the_alias_and_the_router():
    assert settings_under()["routers"] == [] and list(settings_under()["databases"]) == ["default"]
    found = settings_under(DATABASE_URL="postgres://u@db:5432/ow", REPLICA_DATABASE_URL="postgres://u@replica:5433/ow",
                           DB_TRANSACTION_POOLER="1")
    assert found["routers"] == ["core.replica.ReplicaRouter"]
    assert found["databases"]["replica"] == {"port": 5433, "cursors": True, "mirror": "default", "timeout": 2}


def test_the_router_reads_the_primary_outside_the_replica_reads_and_never_writes_the_replica():
    router = replica.ReplicaRouter()
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(replica.REPLICA, "disputes") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "disputes") is None


def test_without_a_replica_a_replica_read_is_a_plain_read_and_the_health_check_says_nothing_of_it(db):
    assert not replica.configured()
    assert replica.on_replica(lambda: "read") == "read"
    assert replica.status() == {"state": "absent", "lag_seconds": None, "reads": "primary"}
    assert Client().get("/healthz/").content == b"ok"
    assert Client().get("/healthz/", {"format": "json"}).json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(replica, "configured", lambda: True)


def test_an_unsafe_request_marks_the_browser_for_the_primary_and_a_safe_one_does_not(db, configured, settings):
    settings.REPLICA_READ_YOUR_WRITES_SECONDS = 10
    client = Client()
    assert replica.COOKIE not in client.get(reverse("portal:lookup")).cookies
    before = time.time()
    cookie = client.post(reverse("portal:lookup"), {"n": "WF20260000001", "c": "AAAAAAAA"}).cookies[replica.COOKIE]
    assert before + 9 < float(cookie.value) <= time.time() + 10
    assert cookie["httponly"] and cookie["max-age"] == 11


def test_a_signed_in_writer_is_marked_in_the_cache_for_clients_without_cookies(configured, people, settings):
    cache.clear()
    client = Client()
    client.force_login(people["clerk"])
    client.post(reverse("disputes:note", args=[1 << 40]), {"text": "x", "version": 1})
    request = RequestFactory().get("/")
    request.user = people["clerk"]
    assert replica.wrote_recently(request)
    request.user = people["clerk2"]
    assert not replica.wrote_recently(request)


@pytest.mark.parametrize(("cookie", "recent"), [(lambda: time.time() + 5, True), (lambda: time.time() - 1, False),
                                                (lambda: "soon", False)])
def test_the_cookie_counts_until_its_time(cookie, recent):
    request = RequestFactory().get("/")
    request.COOKIES[replica.COOKIE] = str(cookie())
    assert replica.wrote_recently(request) is recent
