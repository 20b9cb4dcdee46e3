"""What the case file needs from arbitration, registered from ArbitrationConfig.ready() (disputes.registry)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disputes import registry
from disputes.choices import Outcome

from . import statistics, status_page
from .employer_records import employer_records
from .models import ArbitrationDocumentKind, ArbitrationFile, PostAwardRecord
from .presentation import ACTIONS, arbitration_event_label

# Facts of the arbitration file recorded by its service (not stage changes), as the timeline names them.
RECORD_LABELS = {
    "copy_served": _("Application copy served on the respondent"),
    "defence_received": _("Defence received"),
}


def cases_by_number(text: str):
    """Cases known by an arbitration number, a non-acceptance number or a court's number in a suit after the
    award (disputes.search)."""
    return [
        ArbitrationFile.objects.filter(Q(official_number=text) | Q(rejection_number=text)).values_list("case_id", flat=True),
        PostAwardRecord.objects.filter(court_case_number=text).values_list("file__case_id", flat=True),
    ]


def register() -> None:
    registry.add_case_number_lookup("arbitration", cases_by_number)
    registry.add_event_labels({**dict.fromkeys(ACTIONS, arbitration_event_label), **RECORD_LABELS})
    registry.add_document_kinds(ArbitrationDocumentKind.choices)
    # Each stands for a record and a document only the arbitration service makes (the official number and
    # notices, the award and its 裁决书).
    registry.add_track(
        "arbitration", page=_("Arbitration file and workbench"),
        steps=("accept_application", "reject_application", "award", "reopen_arbitration"),
        outcomes=(Outcome.AWARD,),
    )
    registry.add_track_link("arbitration", "arbitration/track_link.html")
    # What the worker is told by text message (the template's wording is data: notifications.MessageTemplate).
    registry.add_worker_notice("accept_application", "application_accepted")
    registry.add_worker_notice("reject_application", "application_rejected")
    registry.add_worker_notice("award", "award_issued")
    registry.add_employer_records("arbitration", employer_records)
    registry.add_statistics_part("arbitration", statistics.statistics_part)
    registry.add_status_page_part("arbitration", status_page.status_part, after=status_page.AFTER)
