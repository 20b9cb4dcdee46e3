"""Every model change has its migration: a deployment never meets a schema the code does not expect."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits non-zero when a migration is missing
        pytest.fail(f"missing migrations (exit {exc.code}):\n{out.getvalue()}")


@pytest.mark.django_db
def test_the_busiest_tables_carry_no_prefix_search_index_that_nothing_uses():
    """Every registration writes every index of these tables; the pattern indexes Django adds for LIKE
    'prefix%' serve no query here (disputes/0007, 0016). An AlterField that brings one back fails this. The
    two the case search reads (names by their leading characters, disputes.search) are the only ones."""
    from django.db import connection

    from tests.conftest import skip_unless_real

    if connection.vendor != "postgresql":
        skip_unless_real("pattern indexes exist only on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename IN ('disputes_case', 'disputes_worker', "
            "'disputes_employer') AND indexdef LIKE '%%varchar_pattern_ops%%'"
        )
        assert sorted(cursor.fetchall()) == [("employer_name_pattern",), ("worker_name_pattern",)]
