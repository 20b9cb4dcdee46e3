"""What the case file needs from union and court mediation, registered from MediationConfig.ready()
(disputes.registry): its event labels, who it involves (a consultation's participants), its documents, the steps
only its services take (the agreement moves the case to confirmation, the court's ruling closes it or keeps it in
court), its link in the case page's Tracks card and the dashboard's list of agreements not paid on time."""

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from disputes import registry

from .court_models import JudicialConfirmation, MediationAgreement, MediationFile, PaymentOrder, Ruling
from .employer_records import employer_records
from .court_presentation import ACTIONS, court_mediation_event_label
from .court_selectors import UNPAID, consulting, unpaid_agreement_filter, unpaid_agreements_for


class CourtMediationDocumentKind(models.TextChoices):
    MEDIATION_AGREEMENT = "mediation_agreement", _("Mediation agreement")
    MEDIATION_FAILURE = "mediation_failure", _("Notice that mediation ended without agreement")
    CONFIRMATION_APPLICATION = "confirmation_application", _("Application for judicial confirmation")
    PAYMENT_ORDER_APPLICATION = "payment_order_application", _("Application for a payment order")


def cases_by_number(text: str):
    """Cases known by a court's case number (an entrustment, a confirmation ruling), a mediation agreement's
    number or a payment order's (disputes.search)."""
    return [
        MediationFile.objects.filter(court_case_number=text).values_list("case_id", flat=True),
        MediationAgreement.objects.filter(number=text).values_list("file__case_id", flat=True),
        JudicialConfirmation.objects.filter(court_case_number=text).values_list("agreement__file__case_id", flat=True),
        PaymentOrder.objects.filter(order_number=text).values_list("agreement__file__case_id", flat=True),
    ]


def register() -> None:
    registry.add_case_number_lookup("union_mediation", cases_by_number)
    registry.add_event_labels(dict.fromkeys(ACTIONS, court_mediation_event_label))
    registry.add_involvement("consultation", consulting)
    # The applications to a court name the parties in full, as the agreement does.
    registry.add_document_kinds(CourtMediationDocumentKind.choices, personal=[
        CourtMediationDocumentKind.CONFIRMATION_APPLICATION, CourtMediationDocumentKind.PAYMENT_ORDER_APPLICATION])
    registry.add_track("union_mediation", page=_("Union and court mediation"),
                       steps=("agree", "confirm", "refuse_confirmation"))
    registry.add_track_link("union_mediation", "mediation/court_track_link.html")
    # The window, the courts and the mediation organisation see the agreements an employer has not paid on time,
    # closed cases too (a confirmed agreement's case is closed).
    # The queue's filter of the same agreements (a supervisor sees the organisation's with scope "org"); a
    # confirmed agreement's case has ended, so the filter lists ended cases too.
    registry.add_queue_filter("agreement", unpaid_agreement_filter, label=_("Mediation agreement"),
                              choices=[(UNPAID, _("Not paid by its date"))], ended=True)
    registry.add_dashboard_part(
        "union_mediation", lambda *, profile: {"unpaid_agreements": unpaid_agreements_for(profile.organization_id)},
        template="mediation/dashboard_unpaid.html",
    )
    # The same list heads the queue page, where the window's clerk works: once the mediation organisation has
    # accepted the case it has left the window's queue (the filter above reads only the queue's own cases), but
    # the window that received it still answers to the worker for an agreement the employer does not pay.
    registry.add_queue_part("union_mediation", queue_unpaid_part, template="mediation/queue_unpaid.html")
    # The worker is told the session's date and place, and the court's confirmation of the agreement.
    registry.add_employer_records("union_mediation", employer_records)
    registry.add_worker_notice("mediation_session_scheduled", "mediation_session_scheduled", context=session_values)
    registry.add_worker_notice("confirmation_ruled", "agreement_confirmed",
                               when=lambda event: event.payload.get("ruling") == Ruling.CONFIRMED)


QUEUE_UNPAID_ROWS = 10


def queue_unpaid_part(*, profile) -> dict:
    """The organisation's agreements not paid by their date (green channel first, then the longest overdue),
    and whether more follow."""
    rows = unpaid_agreements_for(profile.organization_id, limit=QUEUE_UNPAID_ROWS + 1)
    return {"queue_unpaid_agreements": rows[:QUEUE_UNPAID_ROWS], "queue_unpaid_more": len(rows) > QUEUE_UNPAID_ROWS}


def session_values(event) -> dict:
    starts = parse_datetime(event.payload.get("starts_at", ""))
    local = timezone.localtime(starts) if starts else None
    return {"date": local.date().isoformat() if local else "", "time": local.strftime("%H:%M") if local else "",
            "place": " ".join(p for p in (event.payload.get("place", ""), event.payload.get("room", "")) if p)}
