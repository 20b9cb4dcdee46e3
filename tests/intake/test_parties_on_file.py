"""What the window knows before it writes: the parties on file and the employer's open cases, in one read."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from core.identifiers import make_credit_code, make_id_number
from disputes.choices import ACTIVE_STATES, CaseState
from disputes.models import Case, Employer, Worker
from intake.selectors import parties_on_file

pytestmark = pytest.mark.django_db


def as_the_orm_counts(employer, worker, enough):
    """The same figures through the ORM, every open case counted (the reference), then capped."""
    others = ~Q(worker_id=worker.pk) if worker is not None else Q()
    row = Case.objects.filter(employer_id=employer.pk, status__in=ACTIVE_STATES).aggregate(
        workers=Count("worker_id", distinct=True, filter=others), unflagged=Count("pk", filter=Q(is_collective=False))
    )
    return min(row["workers"], enough), row["unflagged"] > 0


def test_parties_not_on_file_are_none_and_nothing_is_counted(db):
    found = parties_on_file(make_id_number(), make_credit_code(), enough=9)
    assert (found.worker, found.employer, found.other_workers, found.unflagged) == (None, None, 0, False)


def test_the_parties_on_file_are_the_rows_the_orm_would_load(register):
    case = register(seed=10).case
    found = parties_on_file(case.worker.id_number, case.employer.credit_code, enough=9)
    for got, stored in ((found.worker, Worker.objects.get(pk=case.worker_id)),
                        (found.employer, Employer.objects.get(pk=case.employer_id))):
        assert type(got) is type(stored)
        assert {f.attname: getattr(got, f.attname) for f in stored._meta.concrete_fields} == {
            f.attname: getattr(stored, f.attname) for f in stored._meta.concrete_fields
        }
        assert not got._state.adding  # saving it again updates, never inserts


def test_the_employers_open_cases_are_counted_as_the_orm_counts_them(register):
    credit = make_credit_code()
    returning_worker = make_id_number()
    register(seed=20, credit_code=credit, id_number=returning_worker)
    for i in range(4):
        register(seed=21 + i, credit_code=credit)
    # A second worker with two open cases counts once; a closed case and a flagged one change the figures.
    twice = make_id_number()
    register(seed=30, credit_code=credit, id_number=twice)
    register(seed=31, credit_code=credit, id_number=twice, force_new=True)
    closed = register(seed=32, credit_code=credit).case
    Case.objects.filter(pk=closed.pk).update(status=CaseState.CLOSED)
    flagged = register(seed=33, credit_code=credit).case
    Case.objects.filter(pk=flagged.pk).update(is_collective=True)

    employer = Employer.objects.get(credit_code=credit)
    for id_number in (returning_worker, twice, make_id_number()):  # on file with one case, with two, new
        worker = Worker.objects.filter(id_number_index=Worker.id_number_digest(id_number)).first()
        for enough in (1, 3, 6, 7, 9):  # below, at and above the true counts (6 and 7)
            found = parties_on_file(id_number, credit, enough=enough)
            assert (found.other_workers, found.unflagged) == as_the_orm_counts(employer, worker, enough)
    assert parties_on_file(make_id_number(), credit, enough=9).other_workers == 7  # 1 + 4 + 1 (twice) + 1 flagged
    assert parties_on_file(twice, credit, enough=9).other_workers == 6
    assert parties_on_file(twice, credit, enough=9).unflagged is True  # 8 open cases, one of them flagged
    assert parties_on_file(twice, credit, enough=2).other_workers == 2
    Case.objects.filter(employer=employer).update(is_collective=True)
    assert parties_on_file(twice, credit, enough=9).unflagged is False
    assert parties_on_file(twice, credit, enough=9).other_workers == 6  # flagged cases still count


def test_workers_with_several_open_cases_on_both_sides_of_the_flag_count_once(register):
    """The two halves (flagged, not flagged) are read apart: one worker in both must count once."""
    credit = make_credit_code()
    both = [make_id_number() for _ in range(3)]
    for i, id_number in enumerate(both):
        register(seed=50 + i, credit_code=credit, id_number=id_number)
        flagged = register(seed=60 + i, credit_code=credit, id_number=id_number, force_new=True).case
        Case.objects.filter(pk=flagged.pk).update(is_collective=True)
    assert parties_on_file(make_id_number(), credit, enough=9).other_workers == 3
    assert parties_on_file(both[0], credit, enough=9).other_workers == 2


def test_one_statement_whatever_is_on_file(register):
    case = register(seed=40).case
    with CaptureQueriesContext(connection) as ctx:
        parties_on_file(case.worker.id_number, case.employer.credit_code, enough=9)
    assert len(ctx.captured_queries) == 1
