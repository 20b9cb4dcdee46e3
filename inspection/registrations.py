"""What the case file needs from labour inspection, registered from InspectionConfig.ready()
(disputes.registry)."""

from django.utils.translation import gettext_lazy as _

from disputes import registry
from disputes.choices import CaseState, Outcome

from .models import InspectionDocumentKind

RECORD_LABELS = {
    "inspection_filed": _("Complaint filed for inspection"),
    "inspection_refused": _("Inspection refused in writing"),
    "inspection_visit": _("Inspection visit"),
    "statement_taken": _("Statement taken"),
    "employer_interview": _("Employer interviewed"),
    "evidence_gathered": _("Evidence gathered"),
    "correction_not_complied": _("Order to correct not complied with"),
    "penalty_proposed": _("Penalty proposed; the employer may state its case"),
    "employer_statement": _("Employer's statement recorded"),
    "penalty_decided": _("Penalty decided"),
    "limitation_interrupted": _("Limitation period interrupted"),
    "inspection_closed": _("Inspection closed"),
}


def register() -> None:
    registry.add_event_labels(RECORD_LABELS)
    registry.add_document_kinds(InspectionDocumentKind.choices)
    # In the inspection stages a case ends through inspection_close (or a penalty decision), which records the
    # outcome, the amounts recovered and the workers covered for the inspection statistics; a bare generic
    # close or settle there would end the inspection without its closure record.
    registry.add_track(
        "inspection", page=_("Labour inspection file"),
        steps=("order_correction", "confirm_correction", "decide_penalty"),
        stage_steps={CaseState.INSPECTION: ("close", "settle"), CaseState.CORRECTION_DUE: ("close", "settle")},
        outcomes=(Outcome.PENALTY,),
    )
    registry.add_track_link("inspection", "inspection/track_link.html")
