"""Reads for the window: earlier open complaints of the same worker against the same employer; receipts."""

from django.db.models import Max, QuerySet

from core.validators import normalize_credit_code, normalize_id_number
from disputes.choices import ACTIVE_STATES
from disputes.models import Case, Document, DocumentKind


def open_cases_for_pair(*, id_number: str, credit_code: str) -> QuerySet[Case]:
    return (
        Case.objects.filter(
            worker__id_number=normalize_id_number(id_number),
            employer__credit_code=normalize_credit_code(credit_code),
            status__in=ACTIVE_STATES,
        )
        .select_related("owner_org", "first_handler")
        .order_by("-registered_at")
    )


def open_worker_count_against(employer_id: int) -> int:
    return (
        Case.objects.filter(employer_id=employer_id, status__in=ACTIVE_STATES)
        .values("worker_id")
        .distinct()
        .count()
    )


def latest_receipt(case) -> Document | None:
    return Document.objects.filter(case=case, kind=DocumentKind.RECEIPT).order_by("-version").first()


def latest_receipt_version(case_id: int) -> int:
    return Document.objects.filter(case_id=case_id, kind=DocumentKind.RECEIPT).aggregate(v=Max("version"))["v"] or 0
