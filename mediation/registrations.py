"""What the case file needs from joint mediation, registered from MediationConfig.ready()
(disputes.registry)."""

from django.db.models import Exists, OuterRef

from disputes import registry

from . import statistics, status_page
from . import court_registrations

from .models import JointMediationParticipant, MediationDocumentKind
from .presentation import ACTIONS, mediation_event_label


def mediating(org_id: int) -> Exists:
    """An organisation taking part in a joint mediation session (not a cancelled one) reads the case it
    mediates."""
    return Exists(
        JointMediationParticipant.objects.filter(session__case=OuterRef("pk"), organization_id=org_id).exclude(
            session__state="cancelled"
        )
    )


def register() -> None:
    registry.add_event_labels(dict.fromkeys(ACTIONS, mediation_event_label))
    registry.add_involvement("joint_mediation", mediating)
    registry.add_document_kinds(MediationDocumentKind.choices)
    registry.add_track_link("mediation", "mediation/track_link.html")
    registry.add_statistics_part("mediation", statistics.statistics_part)
    registry.add_status_page_part("mediation", status_page.status_part, after=status_page.AFTER)
    # Union and court mediation (诉调对接) registers its own parts.
    court_registrations.register()
