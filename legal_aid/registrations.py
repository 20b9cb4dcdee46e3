"""What the case file needs from legal aid, registered from LegalAidConfig.ready() (disputes.registry)."""

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from core.access import staff_of
from core.models import OrgKind
from disputes import registry
from disputes.choices import Channel, ReferralPurpose
from disputes.presentation import WorkerStep

from . import selectors, services
from .api import CaseAidSerializer
from .models import AidState

EVENT_LABELS = {
    "aid_materials_requested": _("Legal aid: materials requested from the applicant"),
    "aid_materials_received": _("Legal aid: materials received"),
    "aid_granted": _("Legal aid granted"),
    "aid_refused": _("Legal aid refused"),
    "lawyer_assigned": _("Legal-aid lawyer assigned"),
    "lawyer_replaced": _("Legal-aid lawyer replaced"),
    "aid_agreement_signed": _("Legal aid: client agreement signed"),
    "aid_work_recorded": _("Legal aid: work recorded"),
    "aid_outcome_recorded": _("Legal aid: outcome recorded"),
    "aid_closed": _("Legal aid closed"),
}

DOCUMENT_KINDS = [
    ("legal_aid_decision", _("Decision on legal aid")),
    ("legal_aid_agreement", _("Legal-aid client agreement")),
]


def case_part(*, case, profile, today=None):
    """The stations giving legal aid on the case, their lawyers and phones (the panel shows them)."""
    aid = selectors.case_aid(case=case)
    return {"legal_aid": aid, "legal_aid_desk": any(a.station.pk == profile.organization_id for a in aid)}


def status_part(*, case):
    """The worker's lawyer, once a station granted aid; the materials a station asked the worker for. The
    station's own deadlines (assigning a lawyer, the client agreement) are not the worker's and are not shown."""
    aid = selectors.case_aid(case=case)
    steps = [
        WorkerStep(what=gettext("Bring the materials the legal-aid station asked for"),
                   where=" ".join(filter(None, (a.station.name, a.station.address))), phone=a.station.phone,
                   bring=gettext("Call the station if you are not sure what is missing."))
        for a in aid if a.aid_file and a.aid_file.state == AidState.MATERIALS
    ]
    return {"legal_aid": [a for a in aid if a.aid_file and a.aid_file.state in selectors.GRANTED_STATES],
            "worker_steps": steps}


def open_aid_file(*, case, event, fresh_case=False):
    """Accepting a legal-aid referral is receiving the application (受理): the station's aid file opens in the
    same transaction, so the case is in its queue from that moment."""
    payload = event.payload or {}
    if event.action == "referral_accepted" and payload.get("purpose") == ReferralPurpose.LEGAL_AID:
        services.aid_file_open(referral_id=payload["referral"], case=case, on=timezone.localdate())
    elif (event.action == "registered" and payload.get("channel") == Channel.LEGAL_AID
          and event.actor_org is not None and event.actor_org.kind == OrgKind.LEGAL_AID):
        services.aid_application_register(case=case, actor=event.actor, profile=staff_of(event.actor),
                                          on=timezone.localdate())


def register() -> None:
    registry.add_event_labels(EVENT_LABELS)
    # The client agreement prints the worker's ID number and address in full.
    registry.add_document_kinds(DOCUMENT_KINDS, personal=["legal_aid_agreement"])
    registry.add_case_page_part("legal_aid", case_part, template="legal_aid/_case_panel.html")
    # The API's case file: the stations, their phones and the lawyers, as the case page shows them.
    registry.add_case_api_part("legal_aid", lambda *, case: selectors.case_aid(case=case), serializer=CaseAidSerializer)
    registry.add_track_link("legal_aid", "legal_aid/_track_link.html")
    registry.add_status_page_part("legal_aid", status_part, template="legal_aid/_status_panel.html",
                                   after=("aid_granted", "aid_materials_requested"))
    registry.add_personal_data_reader("legal_aid", selectors.station_granted_aid)
    registry.add_event_hook("legal_aid", open_aid_file)
    registry.add_worker_notice("lawyer_assigned", "lawyer_assigned",
                               context=lambda event: {"lawyer": event.payload.get("lawyer", "")})
