"""Reads for the window: earlier open complaints of the same worker against the same employer; receipts."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Max

from core.rows import Columns, fetch_row
from disputes.choices import ACTIVE_STATES, ACTIVE_STATES_SQL
from disputes.models import Case, Document, Employer, Worker

from .models import IntakeDocumentKind

_WORKER = Columns(Worker, "w")
_EMPLOYER = Columns(Employer, "e")


@dataclass
class PartiesOnFile:
    worker: Worker | None
    employer: Employer | None
    # Other workers with an open case against this employer, counted up to the `enough` asked for.
    other_workers: int
    # Whether any open case of the employer is not flagged collective yet.
    unflagged: bool


def parties_on_file(id_number: str, credit_code: str, *, enough: int) -> PartiesOnFile:
    """The worker (found by the blind index of the ID number, core.crypto) and employer as already on file, and what the collective rule needs of the employer's open
    cases, in one statement written out (core.rows): as three ORM queries they cost a registration ~2 ms of the
    web's CPU in the query compiler. Read before anything is written: counted after the new case's insert it
    cost an update and a query more.

    Other workers are counted only up to `enough` (the collective threshold less the newcomer), so the cost
    does not grow with the employer: a platform with thousands of open cases costs what a shop with ten does.
    Both reads walk the partial index case_open_employer (employer, is_collective, worker) of open cases: the
    distinct workers in order, stopping after `enough` in each half (flagged, not flagged), and the first
    unflagged case. Counting every open case instead read 250 cases per registration for the generated
    province's biggest employer."""
    qn = connection.ops.quote_name
    case, worker, employer = (qn(m._meta.db_table) for m in (Case, Worker, Employer))
    # The stages, flags and limit are written into the statement, not passed: prepared once (core.rows), its
    # plan must prove the partial index's predicate without the values, and with them as parameters PostgreSQL
    # fell back to a plan that read every case of the worker index (seconds).
    open_cases = f"FROM {case} c WHERE c.{qn('employer_id')} = e.{qn('id')} AND c.{qn('status')} IN ({ACTIVE_STATES_SQL})"
    workers = (  # one half; as a derived table, since SQLite takes no parenthesised LIMIT in a UNION
        f"SELECT h.worker_id FROM (SELECT DISTINCT c.{qn('worker_id')} AS worker_id {open_cases} "
        f"AND c.{qn('is_collective')} = {{flag}} AND c.{qn('worker_id')} <> COALESCE(w.{qn('id')}, 0) "
        f"ORDER BY c.{qn('worker_id')} LIMIT {int(enough)}) h"
    )
    row = fetch_row(
        f"SELECT {_WORKER.sql(connection)}, {_EMPLOYER.sql(connection)}, "
        f"(SELECT COUNT(*) FROM ({workers.format(flag='FALSE')} UNION {workers.format(flag='TRUE')}) o), "
        f"EXISTS (SELECT 1 {open_cases} AND c.{qn('is_collective')} = FALSE) "
        f"FROM (SELECT 1 AS one) k "
        f"LEFT OUTER JOIN {worker} w ON w.{qn('id_number_index')} = %s "
        f"LEFT OUTER JOIN {employer} e ON e.{qn('credit_code')} = %s",
        [Worker.id_number_digest(id_number), credit_code],
    )
    # Either half alone reaching `enough` is enough; below it, each half holds all of its workers.
    return PartiesOnFile(
        worker=_WORKER.build(row, 0, connection),
        employer=_EMPLOYER.build(row, _WORKER.width, connection),
        other_workers=min(row[-2], enough),
        unflagged=bool(row[-1]),
    )


def open_cases_for_pair(worker: Worker | None, employer: Employer | None, limit: int = 5) -> list[Case]:
    """Open cases of this worker against this employer. Filtered by the two keys already looked up: joined
    on the ID number and credit code instead, PostgreSQL spent ~6 ms planning the five-table query."""
    if worker is None or employer is None:
        return []  # a party new to the system has no case yet (and an empty QuerySet still costs building one)
    return list(
        Case.objects.filter(worker_id=worker.pk, employer_id=employer.pk, status__in=ACTIVE_STATES)
        .select_related("owner_org", "first_handler")
        .order_by("-registered_at")[:limit]
    )


def latest_receipt(case) -> Document | None:
    return Document.objects.filter(case=case, kind=IntakeDocumentKind.RECEIPT).order_by("-version").first()


def latest_receipt_version(case_id: int) -> int:
    return Document.objects.filter(case_id=case_id, kind=IntakeDocumentKind.RECEIPT).aggregate(v=Max("version"))["v"] or 0
