"""What the case file needs from the one window, registered from IntakeConfig.ready() (disputes.registry)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from disputes import registry

from .models import IntakeDocumentKind, PendingReceipt

RECORD_LABELS = {
    "registered": gettext_lazy("Complaint registered"),
    "complaint_linked": gettext_lazy("A further complaint was added to this case"),
    "collective_flagged": gettext_lazy("Marked as a collective dispute"),
    "query_code_reissued": gettext_lazy("Receipt reissued with a new query code"),
}


def receipt_url(request, case_id: int) -> str:
    path = reverse("api-v1:case-receipt", kwargs={"pk": case_id})
    return request.build_absolute_uri(path) if request is not None else path


def sealed_query_code(event) -> dict:
    """The registration's query code, still sealed as its pending receipt keeps it (written just before)."""
    token = PendingReceipt.objects.filter(case_id=event.case_id).values_list("sealed_code", flat=True).first()
    return {"query_code": token} if token else {}


def register() -> None:
    registry.add_event_labels(RECORD_LABELS)
    # The worker is told the case number and query code by text message too (the receipt stays the record).
    registry.add_worker_notice("registered", "case_registered", sealed=sealed_query_code)
    # A receipt prints the worker's query code: only the organisations answerable to the worker get it.
    registry.add_document_kinds(IntakeDocumentKind.choices, private=(IntakeDocumentKind.RECEIPT,))
    # Under the case's documents: print the receipt (those answerable to the worker), reissue it with a new query
    # code (the first-responsible organisation).
    registry.add_documents_control("intake", "intake/receipt_controls.html")
