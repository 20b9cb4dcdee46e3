"""The compliance file's panel on the case page, for those who act on the employer (inspectors, supervisors)."""

from django.utils import timezone

from core.models import Role
from disputes import registry

from .selectors import compliance_file

READERS = (Role.INSPECTOR, Role.SUPERVISOR, Role.CLERK)


def case_part(*, case, profile, today=None):
    if profile.role not in READERS:
        return {}
    return {"employer_compliance": compliance_file(case.employer.credit_code, today=today or timezone.localdate())}


def register() -> None:
    registry.add_case_page_part("compliance", case_part, template="compliance/_case_panel.html")
