"""Numbers under concurrent acceptance: each case gets its own, none is skipped or repeated (PostgreSQL)."""

import pytest
from django.db import connection

from arbitration.models import ArbitrationFile
from arbitration.services import application_accept, tribunal_compose
from core.errors import Conflict
from tests.conftest import skip_unless_real
from tests.concurrency import race

from .conftest import fresh

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_unless_real("row-lock concurrency is tested on PostgreSQL (set DATABASE_URL)", "REQUIRE_POSTGRES")


def test_two_acceptances_at_once_take_consecutive_numbers(in_review, arb):
    a, b = in_review(), in_review()
    results = race(
        lambda: application_accept(case_id=a.pk, actor=arb.arbitrator, version=a.version),
        lambda: application_accept(case_id=b.pk, actor=arb.arbitrator2, version=b.version),
    )
    assert all(isinstance(r, ArbitrationFile) for r in results), results
    numbers = sorted(ArbitrationFile.objects.values_list("official_number", flat=True))
    assert [n[-4:] for n in numbers] == ["〕第1号", "〕第2号"]


def test_two_tribunals_composed_at_once_one_wins(accepted, arb):
    case = accepted()
    results = race(
        lambda: tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=case.version, arbitrators=[arb.arbitrator2]),
        lambda: tribunal_compose(case_id=case.pk, actor=arb.chair, version=case.version, arbitrators=[arb.arbitrator3]),
    )
    assert sum(isinstance(r, ArbitrationFile) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert fresh(case).arbitration_file.tribunal_members.filter(removed_at__isnull=True).count() == 1
