"""The application through PgBouncer in transaction mode: a Django connection's consecutive transactions run on
whichever server session is free, so nothing may rely on a session's state (core.rows' prepared statements are
off with DB_TRANSACTION_POOLER). Needs POOLER_TEST_URL (tests/db/conftest.py)."""

import random

import psycopg2
import pytest
from django.db import Error, connections
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from core import rows
from core.identifiers import make_credit_code, make_id_number
from core.rows import fetch_row
from disputes.models import Case
from tests.concurrency import race
from tests.db.conftest import raw

NUMBER_SQL = f"SELECT c.number FROM {Case._meta.db_table} c WHERE c.id = %s"
WORKERS = ["赵甲", "钱乙", "孙丙", "李丁", "周戊", "吴己"]


def backend_pid(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_it_is_a_transaction_pooler_where_a_session_state_is_lost(pooler):
    """What the application is protected from: a statement prepared in one transaction is gone in the next,
    once another client holds the session it was prepared on."""
    name = connections["default"].settings_dict["NAME"]
    a, b = raw(pooler, name), raw(pooler, name)
    try:
        with a.cursor() as cursor:
            cursor.execute("PREPARE ow_pooler_probe AS SELECT 1")
        first = backend_pid(a)
        b.autocommit = False
        assert backend_pid(b) == first  # b's open transaction now holds the session a used last
        assert backend_pid(a) != first
        with pytest.raises(psycopg2.errors.InvalidSqlStatementName), a.cursor() as cursor:
            cursor.execute("EXECUTE ow_pooler_probe")
        b.rollback()
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("prepared", [True, False])
def test_core_rows_reads_work_behind_it_only_with_prepared_statements_off(pooler, register, settings, prepared):
    case = register(seed=1).case
    settings.DATABASE_PREPARED_STATEMENTS = prepared
    rows._prepared.clear()
    assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)
    other = raw(pooler, connections["default"].settings_dict["NAME"])
    other.autocommit = False
    try:
        backend_pid(other)  # holds the session the read above ran on
        if prepared:
            with pytest.raises(Error, match="prepared statement .* does not exist"):
                fetch_row(NUMBER_SQL, [case.pk])
        else:
            assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)
    finally:
        other.rollback()
        other.close()


def complaint(division, i: int) -> dict:
    rng = random.Random(100 + i)
    return {
        "worker_name": WORKERS[i], "worker_id_number": make_id_number(rng), "worker_phone": "13912345678",
        "worker_occupation": "courier", "employer_name": f"潍坊快运{i}有限公司",
        "employer_credit_code": make_credit_code(rng), "employer_address": "潍坊市潍城区东风西街1号",
        "employer_industry": "express_delivery", "division": division.pk, "channel": "online",
        "facts": "拖欠工资三个月。", "violation_started_on": "2026-08-01", "claims": [{"type": "wages", "amount": "12000"}],
    }


def test_the_main_flows_interleave_on_shared_server_sessions(pooler, people, division):
    """Six clients at once on four server sessions: register, queue, case page, a transition with its
    version (and a stale one refused), the status page, search and the receipt PDF."""
    clerk = people["clerk"]
    token = Token.objects.get_or_create(user=clerk)[0].key
    pids: dict[int, set] = {}

    def seen(i):
        pids.setdefault(i, set()).add(backend_pid(connections["default"]))

    def flow(i):
        # A plain client: the schema check the suite wraps APIClient in is not made for threads.
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        registered = client.post("/api/v1/complaints/", complaint(division, i), content_type="application/json")
        assert registered.status_code == 201, registered.json()
        case, code = registered.json()["case"], registered.json()["query_code"]
        seen(i)
        queue = client.get("/api/v1/cases/", {"page_size": 50})
        assert case["id"] in [c["id"] for c in queue.json()["results"]]
        seen(i)
        web = Client()
        web.force_login(clerk)
        page = web.get(reverse("disputes:case", args=[case["id"]]))
        assert page.status_code == 200 and case["number"] in page.content.decode()
        seen(i)
        moved = client.post(f"/api/v1/cases/{case['id']}/transitions/",
                            {"action": "suspend", "version": case["version"], "reason": "等待工伤认定"},
                            content_type="application/json")
        assert moved.status_code == 200, moved.json()
        stale = client.post(f"/api/v1/cases/{case['id']}/transitions/",
                            {"action": "suspend", "version": case["version"], "reason": "再次"},
                            content_type="application/json")
        assert stale.status_code == 409
        seen(i)
        status = Client().post(reverse("portal:lookup"), {"n": case["number"], "c": code})
        assert status.status_code == 200 and case["number"] in status.content.decode()
        found = client.get("/api/v1/cases/search/", {"q": WORKERS[i]})
        assert [c["id"] for c in found.json()["results"]] == [case["id"]]
        seen(i)
        receipt = client.get(f"/api/v1/cases/{case['id']}/receipt/", HTTP_ACCEPT="application/pdf")
        body = b"".join(receipt.streaming_content) if receipt.streaming else receipt.content
        assert receipt.status_code == 200 and body.startswith(b"%PDF")
        seen(i)
        return case["id"]

    results = race(*[lambda i=i: flow(i) for i in range(len(WORKERS))])
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    every = set().union(*pids.values())
    # Fewer server sessions than clients, and a client's transactions ran on more than one of them.
    assert len(every) <= 4
    assert any(len(p) > 1 for p in pids.values())
    assert Case.objects.filter(pk__in=results, status="suspended").count() == len(WORKERS)
