"""core.rows statements are prepared once per PostgreSQL session and then only executed (planned once)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import rows
from core.rows import fetch_row, statement_text
from disputes.models import Case
from intake.selectors import parties_on_file
from tests.conftest import skip_unless_real

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        skip_unless_real("prepared statements are PostgreSQL's (set DATABASE_URL)", "REQUIRE_POSTGRES")
    # Tests share the session: start each from none prepared.
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    rows._prepared.pop(connection.connection, None)


def prepared(sql_start: str) -> list[tuple]:
    """(name, executions, generic plans) of this session's prepared statements starting so."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, generic_plans + custom_plans, generic_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            [f"PREPARE %% AS {sql_start}%%"],
        )
        return cursor.fetchall()


NUMBER_SQL = f'SELECT c.number FROM {Case._meta.db_table} c WHERE c.id = %s'


def test_placeholders_become_numbered_parameters():
    assert rows._numbered("SELECT %s, '100%%', %s") == "SELECT $1, '100%', $2"


def test_a_statement_is_prepared_once_and_executed_each_time(postgres, register):
    case = register(seed=1).case
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(7):
            assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)
    [(name, executions, _)] = prepared("SELECT c.number")
    assert executions == 7
    logged = [q["sql"] for q in ctx.captured_queries]
    assert logged == [f"EXECUTE {name} ({case.pk})"] * 7
    assert statement_text(logged[0]) == NUMBER_SQL


def test_parties_on_file_is_planned_once_not_per_registration(postgres, register):
    """Its plan must prove the open-cases index's predicate without the values: a generic plan is chosen
    (with the stages as parameters PostgreSQL planned it afresh every time, or chose a plan taking seconds)."""
    case = register(seed=2).case
    for _ in range(8):
        found = parties_on_file(case.worker.id_number, case.employer.credit_code, enough=9)
        assert found.worker.pk == case.worker_id and found.unflagged is True
    [(_, executions, generic)] = prepared('SELECT "w"."id"')
    assert executions >= 8 and generic >= 1


@pytest.mark.django_db(transaction=True)
def test_a_new_session_prepares_again(postgres, register):
    case = register(seed=3).case
    assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)
    connection.close()
    assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)  # not "prepared statement does not exist"
    assert prepared("SELECT c.number")[0][1] == 1


@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_in_a_rolled_back_transaction_stays_usable(postgres, register):
    case = register(seed=4).case
    with pytest.raises(RuntimeError), transaction.atomic():
        fetch_row(NUMBER_SQL, [case.pk])
        raise RuntimeError("roll back")
    assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)


def test_the_setting_turns_it_off(postgres, register, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    case = register(seed=5).case
    with CaptureQueriesContext(connection) as ctx:
        assert fetch_row(NUMBER_SQL, [case.pk]) == (case.number,)
    assert ctx.captured_queries[0]["sql"].startswith("SELECT c.number")
    assert prepared("SELECT c.number") == []
