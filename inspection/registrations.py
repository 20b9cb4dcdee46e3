"""What the case file needs from labour inspection, registered from InspectionConfig.ready()
(disputes.registry)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.errors import TransitionRefused
from disputes import registry
from disputes.choices import CaseState, Outcome, ReferralPurpose

from . import statistics, status_page
from .employer_records import employer_records
from .models import InspectionDocumentKind
from .models import CorrectionOrder, FilingDecision, InspectionDocumentKind, PenaltyProposal

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


def accepted_only_by_filing(*, referral, via_service: bool) -> None:
    """For inspection, accepting the referral IS filing the case (若干规定 art 18), with its inspector in charge
    and its decision record (inspection.services.inspection_file): a bare "accept" would leave a case in
    inspection that nobody filed."""
    if referral.purpose == ReferralPurpose.INSPECTION and not via_service:
        raise TransitionRefused(
            _("A complaint referred for inspection is accepted by filing it (or refused in writing) on the "
              "inspection page."),
            code="inspection_needs_filing",
        )
def cases_by_number(text: str):
    """Cases known by an inspection document's number: a refusal to file, an order to correct, a penalty's
    notice or decision (disputes.search)."""
    return [
        FilingDecision.objects.filter(number=text).values_list("case_id", flat=True),
        CorrectionOrder.objects.filter(number=text).values_list("case_id", flat=True),
        PenaltyProposal.objects.filter(Q(notice_number=text) | Q(decision_number=text)).values_list("case_id", flat=True),
    ]


def register() -> None:
    registry.add_case_number_lookup("inspection", cases_by_number)
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
    registry.add_referral_accept_guard("inspection", accepted_only_by_filing)
    registry.add_referral_action(ReferralPurpose.INSPECTION, "inspection/referral_action.html")
    # The worker is told of the decision (accepting the referral, i.e. filing, is told by the case file).
    registry.add_worker_notice("penalty_decided", "penalty_decided")
    registry.add_employer_records("inspection", employer_records)
    registry.add_statistics_part("inspection", statistics.statistics_part)
    registry.add_status_page_part("inspection", status_page.status_part, after=("order_correction", "inspection_closed"))
