"""What the case file needs from the one window, registered from IntakeConfig.ready() (disputes.registry)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from disputes import registry

from .child_labour import child_labour
from .models import IntakeDocumentKind, PendingReceipt
from .serializers import SplitLinkSerializer
from .split import may_split, split_links

RECORD_LABELS = {
    "registered": gettext_lazy("Complaint registered"),
    "complaint_linked": gettext_lazy("A further complaint was added to this case"),
    "collective_flagged": gettext_lazy("Marked as a collective dispute"),
    "query_code_reissued": gettext_lazy("Receipt reissued with a new query code"),
    # With the other case's number: "由 WF… 案拆分" / "拆分出 WF… 案", on the staff's and the worker's timeline.
    "split_from": lambda event: gettext("Split from case %(n)s") % {"n": event.payload.get("number", "")},
    "split_into": lambda event: gettext("Split into case %(n)s") % {"n": event.payload.get("number", "")},
    "child_labour_flagged": gettext_lazy("Marked as possible child labour for labour inspection"),
}


def split_page_part(*, case, profile, today=None) -> dict:
    return {"split_links": split_links(case.pk), "may_split": may_split(case, profile)}


def split_api_part(*, case) -> list[dict]:
    links = split_links(case.pk)
    rows = [{"relation": "split_from", "case_id": links.split_from.case_id, "number": links.split_from.number}] \
        if links.split_from else []
    return rows + [{"relation": "split_into", "case_id": link.case_id, "number": link.number} for link in links.split_into]


def child_labour_part(*, case, profile, today):
    """The case page says, to everyone reading it, that the worker was a child when employed: read from the ID
    number on the case (no query), as registration found it. A case without a complainant has no worker."""
    if case.worker_id is None:
        return {}
    found = child_labour(case.worker.id_number, violation_started_on=case.violation_started_on,
                         today=timezone.localdate(case.registered_at))
    return {"child_labour": found, "child_labour_source": found.cited_source()} if found else {}


def receipt_url(request, case_id: int) -> str:
    path = reverse("api-v1:case-receipt", kwargs={"pk": case_id})
    return request.build_absolute_uri(path) if request is not None else path


def sealed_query_code(event) -> dict:
    """The registration's query code, still sealed as its pending receipt keeps it (written just before). The
    registration hands its receipt over on the event (`pending_receipt`), saving the busiest write a read-back."""
    receipt = getattr(event, "pending_receipt", None)
    token = receipt.sealed_code if receipt is not None else (
        PendingReceipt.objects.filter(case_id=event.case_id).values_list("sealed_code", flat=True).first()
    )
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
    # A complaint split into several proceedings (intake.split): the link on both cases' pages and API files.
    registry.add_case_page_part("intake_split", split_page_part, template="intake/_split_panel.html")
    registry.add_case_api_part("split", split_api_part, serializer=SplitLinkSerializer)
    registry.add_case_page_part("intake_child_labour", child_labour_part, template="intake/_child_labour.html")
