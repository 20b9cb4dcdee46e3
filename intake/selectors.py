"""Reads for the window: earlier open complaints of the same worker against the same employer; receipts."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Max

from core.rows import Columns, fetch_row
from disputes.choices import ACTIVE_STATES
from disputes.models import Case, Document, DocumentKind, Employer, Worker

_WORKER = Columns(Worker, "w")
_EMPLOYER = Columns(Employer, "e")


@dataclass
class PartiesOnFile:
    worker: Worker | None
    employer: Employer | None
    # Other workers with an open case against this employer, and those open cases not yet flagged collective.
    other_workers: int
    unflagged: int


def parties_on_file(id_number: str, credit_code: str) -> PartiesOnFile:
    """The worker and employer as already on file, and the employer's open cases, in one statement written out
    (core.rows): as three ORM queries they cost a registration ~2 ms of the web's CPU in the query compiler.
    Read before anything is written: counted after the new case's insert it cost an update and a query more."""
    qn = connection.ops.quote_name
    case, worker, employer = (qn(m._meta.db_table) for m in (Case, Worker, Employer))
    active = ", ".join(["%s"] * len(ACTIVE_STATES))
    row = fetch_row(
        f"SELECT {_WORKER.sql(connection)}, {_EMPLOYER.sql(connection)}, "
        f"COALESCE(s.workers, 0), COALESCE(s.unflagged, 0) "
        f"FROM (SELECT 1 AS one) k "
        f"LEFT OUTER JOIN {worker} w ON w.{qn('id_number')} = %s "
        f"LEFT OUTER JOIN {employer} e ON e.{qn('credit_code')} = %s "
        f"LEFT OUTER JOIN ("
        f"SELECT c.{qn('employer_id')} AS employer_id, "
        f"COUNT(DISTINCT CASE WHEN c.{qn('worker_id')} <> COALESCE(("
        f"SELECT {qn('id')} FROM {worker} WHERE {qn('id_number')} = %s), 0) THEN c.{qn('worker_id')} END) AS workers, "
        f"SUM(CASE WHEN c.{qn('is_collective')} THEN 0 ELSE 1 END) AS unflagged "
        f"FROM {case} c WHERE c.{qn('employer_id')} = (SELECT {qn('id')} FROM {employer} WHERE {qn('credit_code')} = %s) "
        f"AND c.{qn('status')} IN ({active}) GROUP BY c.{qn('employer_id')}"
        f") s ON s.employer_id = e.{qn('id')}",
        [id_number, credit_code, id_number, credit_code, *map(str, ACTIVE_STATES)],
    )
    return PartiesOnFile(
        worker=_WORKER.build(row, 0, connection),
        employer=_EMPLOYER.build(row, _WORKER.width, connection),
        other_workers=row[-2],
        unflagged=row[-1],
    )


def open_cases_for_pair(worker: Worker | None, employer: Employer | None, limit: int = 5) -> list[Case]:
    """Open cases of this worker against this employer. Filtered by the two keys already looked up: joined
    on the ID number and credit code instead, PostgreSQL spent ~6 ms planning the five-table query
    (bench/README.md)."""
    if worker is None or employer is None:
        return []  # a party new to the system has no case yet (and an empty QuerySet still costs building one)
    return list(
        Case.objects.filter(worker_id=worker.pk, employer_id=employer.pk, status__in=ACTIVE_STATES)
        .select_related("owner_org", "first_handler")
        .order_by("-registered_at")[:limit]
    )


def latest_receipt(case) -> Document | None:
    return Document.objects.filter(case=case, kind=DocumentKind.RECEIPT).order_by("-version").first()


def latest_receipt_version(case_id: int) -> int:
    return Document.objects.filter(case_id=case_id, kind=DocumentKind.RECEIPT).aggregate(v=Max("version"))["v"] or 0
