"""The compliance file's panel on the case page, for those who act on the employer (inspectors, supervisors)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Role
from disputes import registry

from .selectors import compliance_file

READERS = (Role.INSPECTOR, Role.SUPERVISOR, Role.CLERK)


def case_part(*, case, profile, today=None):
    if profile.role not in READERS:
        return {}
    return {"employer_compliance": compliance_file(case.employer.credit_code, today=today or timezone.localdate())}


EVENT_LABELS = {
    "blacklist_proposed": _("Listing as a serious wage-arrears defaulter proposed"),
    "blacklist_notified": _("Employer notified of the proposed listing; objection window open"),
}


def register() -> None:
    registry.add_event_labels(EVENT_LABELS)
    registry.add_case_page_part("compliance", case_part, template="compliance/_case_panel.html")
