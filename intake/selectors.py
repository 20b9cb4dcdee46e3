"""Reads for the window: earlier open complaints of the same worker against the same employer; receipts."""

from django.db.models import Max, QuerySet

from disputes.choices import ACTIVE_STATES
from disputes.models import Case, Document, DocumentKind, Employer, Worker


def open_cases_for_pair(worker: Worker | None, employer: Employer | None) -> QuerySet[Case]:
    """Open cases of this worker against this employer. Filtered by the two keys already looked up: joined
    on the ID number and credit code instead, PostgreSQL spent ~6 ms planning the five-table query
    (bench/README.md)."""
    if worker is None or employer is None:
        return Case.objects.none()
    return (
        Case.objects.filter(worker_id=worker.pk, employer_id=employer.pk, status__in=ACTIVE_STATES)
        .select_related("owner_org", "first_handler")
        .order_by("-registered_at")
    )


def latest_receipt(case) -> Document | None:
    return Document.objects.filter(case=case, kind=DocumentKind.RECEIPT).order_by("-version").first()


def latest_receipt_version(case_id: int) -> int:
    return Document.objects.filter(case_id=case_id, kind=DocumentKind.RECEIPT).aggregate(v=Max("version"))["v"] or 0
