"""The compliance file's panel on the case page, for those who act on the employer (inspectors, supervisors)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Role
from core.outbox import send_after_commit
from disputes import registry
from disputes.kit.guards import handles

from . import departments, publication, warning_selectors
from .models import BlacklistListing
from .selectors import compliance_file
from .services import LISTING_ROLES
from .tasks import warn_collective

READERS = (Role.INSPECTOR, Role.SUPERVISOR, Role.CLERK)


def case_part(*, case, profile, today=None):
    if profile.role not in READERS:
        return {}
    return {"employer_compliance": compliance_file(case.employer.credit_code, today=today or timezone.localdate()),
            "case_listings": list(BlacklistListing.objects.filter(case=case).order_by("-pk")),
            "may_propose_listing": handles(case, profile, LISTING_ROLES)}


EVENT_LABELS = {
    "blacklist_proposed": _("Listing as a serious wage-arrears defaulter proposed"),
    "blacklist_notified": _("Employer notified of the proposed listing; objection window open"),
    "blacklist_objection_received": _("Employer's statement on the proposed listing received"),
    "blacklist_objection_reviewed": _("Employer's statement on the proposed listing verified"),
    "blacklist_decision_extended": _("Listing decision period extended (complex case)"),
    "blacklist_decided": _("Employer listed as a serious wage-arrears defaulter"),
    "blacklist_not_listed": _("Decided not to list the employer"),
    "blacklist_removal_applied": _("Employer applied for early removal from the list"),
    "blacklist_removal_refused": _("Early removal from the list refused"),
    "blacklist_removed": _("Employer removed from the list"),
    "blacklist_relisted": _("Early removal revoked (false information): employer listed again for a new term"),
}

DOCUMENT_KINDS = [
    ("listing_notice", _("Notice of proposed listing")),
    ("listing_decision", _("Listing decision")),
    ("listing_removal", _("Removal from the list")),
    ("listing_reinstatement", _("Revocation of the early removal from the list")),
]


def register() -> None:
    registry.add_event_labels(EVENT_LABELS)
    registry.add_document_kinds(DOCUMENT_KINDS)
    registry.add_case_page_part("compliance", case_part, template="compliance/_case_panel.html")
    registry.add_employer_records("publication", publication.employer_records)
    register_warnings()


def collective_registered(*, case, event, fresh_case=False):
    """A collective dispute registered raises its early warning once the registration commits (the sweep would
    raise the same one later; the warning is unique per rule, team, subject and month)."""
    if event.action == "registered" and case.is_collective:
        send_after_commit(warn_collective, case.pk)


def register_warnings() -> None:
    registry.add_event_hook("compliance_warnings", collective_registered)
    # The industry departments' notices and desk, the team's overdue interview follow-ups.
    registry.add_notifications_part("compliance_warnings", departments.notices_part,
                                    template="compliance/_warning_notices.html")
    registry.add_dashboard_part("compliance_department", departments.dashboard_part,
                                template="compliance/_dashboard_department.html")
    registry.add_dashboard_part("compliance_follow_ups", warning_selectors.dashboard_part,
                                template="compliance/_dashboard_follow_ups.html")
