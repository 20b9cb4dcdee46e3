"""core.sqlbatch keeps the text of an INSERT once Django has compiled it for a shape of rows: what it sends must
still be, text and parameters, what Django would compile for the rows in hand."""

import datetime
import decimal
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from core import crypto, sqlbatch
from disputes.models import CaseEvent, Claim, Worker
from tests.conftest import skip_unless_real

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("core.sqlbatch is PostgreSQL's (set DATABASE_URL)", "REQUIRE_POSTGRES")


def _django(objs, **options):
    """What Django compiles for these rows, at the same instant as the call being checked."""
    return sqlbatch._compiled(
        objs, sqlbatch._insert_fields(type(objs[0])), options.get("returning", ()),
        options.get("update_conflicts_on", ()), options.get("update_fields", ()), "default",
    )


def _clear(params):
    """Encrypted values (a new nonce each time they are prepared, core.crypto) compared by what they hold."""
    return tuple(crypto.decrypt(p) if isinstance(p, str) and p.startswith(crypto.PREFIX) else p for p in params)


def _same(statement, expected):
    sql, params = statement
    return sql == expected[0] and sqlbatch._same_params(_clear(params), _clear(expected[1]), connection)


def _worker(n):
    return Worker(id_number=f"37070219900101{n:04d}", name=f"王{n}", phone="13800138000", occupation="employee")


def _events(n_rows, *, payload):
    return [
        CaseEvent(case_id=sqlbatch.returned("ow_case"), action="registered", to_state="registered", payload=payload)
        for _ in range(n_rows)
    ]


UPSERT = {
    "returning": ["id"], "update_conflicts_on": ["id_number_index"], "update_fields": ["name", "phone", "phone_index", "occupation"],
}


def test_a_second_upsert_of_the_same_shape_is_djangos_text_with_its_own_values():
    sqlbatch.insert_sql([_worker(1)], **UPSERT)
    second = _worker(2)
    assert _same(sqlbatch.insert_sql([second], **UPSERT), _django([_worker(2)], **UPSERT))
    assert "ON CONFLICT" in sqlbatch.insert_sql([_worker(3)], **UPSERT)[0]


def test_an_encrypted_value_is_kept_in_the_text_once_and_encrypted_anew_for_each_row():
    sqlbatch.insert_sql([_worker(4)], **UPSERT)
    with mock.patch.object(sqlbatch, "_compiled", wraps=sqlbatch._compiled) as compiled:
        first, second = (sqlbatch.insert_sql([_worker(5)], **UPSERT)[1] for _ in range(2))
    assert compiled.call_count == 0
    ciphertexts = [p for p in (*first, *second) if isinstance(p, str) and p.startswith(crypto.PREFIX)]
    assert len(set(ciphertexts)) == 4  # ID number and phone, twice, never the same text
    assert "370702199001010005" not in first and "13800138000" not in first


def test_rows_referring_to_another_clause_keep_the_reference_and_their_own_json_and_dates():
    at = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=at):
        sqlbatch.insert_sql(_events(2, payload={"claims": 1}), returning=["id"])
        kept = sqlbatch.insert_sql(_events(2, payload={"claims": 3, "channel": "窗口"}), returning=["id"])
        expected = _django(_events(2, payload={"claims": 3, "channel": "窗口"}), returning=["id"])
    assert _same(kept, expected)
    assert '(SELECT "id" FROM ow_case)' in kept[0]
    # The JSON carried is this call's, not the first one's.
    assert [p.adapted for p in kept[1] if hasattr(p, "adapted")] == [{"claims": 3, "channel": "窗口"}] * 2


def test_a_different_number_of_rows_or_other_clauses_is_not_served_anothers_text():
    one = sqlbatch.insert_sql(_events(1, payload={}), returning=["id"])
    two = sqlbatch.insert_sql(_events(2, payload={}), returning=["id"])
    plain = sqlbatch.insert_sql(_events(2, payload={}))
    assert one[0].count("(SELECT \"id\" FROM ow_case)") == 1
    assert two[0].count("(SELECT \"id\" FROM ow_case)") == 2
    assert "RETURNING" in two[0] and "RETURNING" not in plain[0]


def test_plain_rows_that_django_sends_as_arrays_are_compiled_every_time(register):
    """Several rows of plain values go as UNNEST arrays: a per-row text would not fit, so none is kept."""
    case = register().case
    claims = lambda: [Claim(case_id=case.pk, type="wages", amount=decimal.Decimal(n)) for n in (100, 200)]  # noqa: E731
    sqlbatch.insert_sql(claims())
    again = sqlbatch.insert_sql(claims())
    assert "UNNEST" in again[0]
    assert _same(again, _django(claims()))


def test_a_registration_compiles_no_insert_once_its_shape_is_known(register):
    register(seed=7100)
    with mock.patch.object(sqlbatch, "_compiled", wraps=sqlbatch._compiled) as compiled:
        register(seed=7101)
    assert compiled.call_count == 0


def test_a_row_of_a_clause_that_returned_several_is_found_by_its_place(register):
    """A row written for one of several events (a worker's message for the second, say) refers to that event's id."""
    case = register().case
    events = [CaseEvent(case_id=case.pk, action=action) for action in ("registered", "collective_flagged", "x")]
    second = sqlbatch.returned("ow_events", row=1)
    sql, params = sqlbatch.with_statement(
        [("ow_events", sqlbatch.insert_sql(events, returning=["id"]))],
        f"SELECT (SELECT array_agg(id ORDER BY id) FROM ow_events), {second.sql}", second.params,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids, picked = cursor.fetchone()
    assert picked == ids[1] and CaseEvent.objects.get(pk=picked).action == "collective_flagged"
