"""The industry supervising departments' side of early warning (measure 10): transport, commerce, market regulation
and postal departments (disputes.choices.INDUSTRY_DEPARTMENT) have accounts of their own — an organisation of kind
`industry_department` with an `IndustryDepartment` row saying which department it is, and officers of role
`department_officer`.

Scope: a department reads the warnings naming it (`EarlyWarning.department`) in its jurisdiction (its
organisation's division and the zones that division administers; a department serving no one division, the whole
city) and the interviews it attended or that followed those warnings. It handles no case, reads no case file and no
worker's personal data: what it reads is built here from the warning's and the interview's own fields, with ID- and
phone-like numbers taken out of the free texts the team wrote. Anything else is a 404, as a missing id is.

It may acknowledge a warning and record its feedback (the measures it took); both compare the warning's version
(409 when stale). An officer is told of a new warning naming the department by a `WarningNotice`, listed on the
notifications page."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied
from core.models import Division, OrgKind, Role, StaffProfile
from disputes.kit import inputs

from .publication import without_personal_numbers
from .warning_models import EarlyWarning, EmployerInterview, IndustryDepartment, WarningNotice

DEPARTMENT_ROLES = (Role.DEPARTMENT_OFFICER,)


def office_of(profile) -> IndustryDepartment | None:
    """The supervising department the profile's organisation is, if it is one."""
    if profile.organization.kind != OrgKind.INDUSTRY_DEPARTMENT:
        return None
    return IndustryDepartment.objects.filter(organization_id=profile.organization_id).first()


def _divisions(org) -> list[int] | None:
    """The divisions of a department's jurisdiction; None for the whole city."""
    if org.division_id is None:
        return None
    return [org.division_id, *Division.objects.filter(administered_by_id=org.division_id).values_list("pk", flat=True)]


def department_warnings(profile):
    """The warnings naming the profile's department in its jurisdiction (none for anyone else)."""
    office = office_of(profile)
    if office is None:
        return EarlyWarning.objects.none()
    rows = EarlyWarning.objects.filter(department=office.department)
    divisions = _divisions(profile.organization)
    return rows if divisions is None else rows.filter(division_id__in=divisions)


def department_interviews(profile):
    """The interviews and warnings given to employers that the department attended, or that followed a warning
    naming it, held by a team of its jurisdiction (or on a warning of it)."""
    office = office_of(profile)
    if office is None:
        return EmployerInterview.objects.none()
    # The attending departments are a JSON list of codes: matched as text ("transport" with its quotes), which
    # PostgreSQL and SQLite read the same way.
    named = Q(departments__icontains=f'"{office.department}"') | Q(warning__department=office.department)
    rows = EmployerInterview.objects.filter(named)
    divisions = _divisions(profile.organization)
    if divisions is not None:
        rows = rows.filter(Q(organization__division_id__in=divisions) | Q(warning__division_id__in=divisions))
    return rows


def warnings_page(profile, *, limit: int = 200) -> list[EarlyWarning]:
    """Not yet acknowledged by the department first, then newest; one query."""
    rows = department_warnings(profile).select_related("rule", "employer", "organization", "division")
    return [shown(w) for w in rows.order_by(F("department_acknowledged_at").asc(nulls_first=True), "-raised_at",
                                            "-pk")[:limit]]


def interviews_page(profile, *, warning_id: int | None = None, limit: int = 200) -> list[EmployerInterview]:
    rows = department_interviews(profile).select_related("employer", "organization")
    if warning_id is not None:
        rows = rows.filter(warning_id=warning_id)
    rows = list(rows.order_by("-held_on", "-pk")[:limit])
    for row in rows:
        for field in ("attendees", "matters", "commitments", "outcome", "follow_up_note"):
            setattr(row, field, without_personal_numbers(getattr(row, field)))
    return rows


def shown(warning: EarlyWarning) -> EarlyWarning:
    """The warning as a department reads it: the team's note without ID- or phone-like numbers."""
    warning.note = without_personal_numbers(warning.note)
    return warning


def warning_for(profile, pk: int) -> EarlyWarning:
    found = (department_warnings(profile).select_related("rule", "employer", "organization", "division")
             .filter(pk=pk).first())
    if found is None:
        raise NotFound()
    return shown(found)


# --- acknowledging and feedback -------------------------------------------------------------------------------


def _step(warning_id: int, actor, version: int | None) -> EarlyWarning:
    profile = staff_of(actor)
    warning = EarlyWarning.objects.select_for_update().filter(pk=warning_id).first()
    if warning is None or not department_warnings(profile).filter(pk=warning_id).exists():
        raise NotFound()
    if profile.role not in DEPARTMENT_ROLES:
        raise PermissionDenied(_("Only the department's officers act on its warnings."))
    if version != warning.version:
        raise Conflict()
    return warning


def department_acknowledge(*, warning_id: int, actor, version: int | None) -> EarlyWarning:
    """The department has read the warning (the team sees when, on its warnings page)."""
    with transaction.atomic():
        warning = _step(warning_id, actor, version)
        if warning.department_acknowledged_at is not None:
            raise Conflict(_("The department has already acknowledged this warning."), code="warning_state")
        warning.department_acknowledged_by, warning.department_acknowledged_at = actor, timezone.now()
        warning.version += 1
        warning.save(update_fields=["department_acknowledged_by", "department_acknowledged_at", "version"])
    return warning


def department_feedback(*, warning_id: int, actor, version: int | None, feedback: str) -> EarlyWarning:
    """The department's feedback and the measures it took within its remit (a talk with the platform, an
    inspection of its own …); recording it again replaces it. Acknowledges the warning if not done yet."""
    feedback = inputs.text(feedback, "feedback", missing=_("State the feedback or the measures taken."),
                           max_length=5000)
    with transaction.atomic():
        warning = _step(warning_id, actor, version)
        now = timezone.now()
        if warning.department_acknowledged_at is None:
            warning.department_acknowledged_by, warning.department_acknowledged_at = actor, now
        warning.department_feedback, warning.department_feedback_by, warning.department_feedback_at = (
            feedback, actor, now)
        warning.version += 1
        warning.save(update_fields=["department_acknowledged_by", "department_acknowledged_at", "department_feedback",
                                    "department_feedback_by", "department_feedback_at", "version"])
    return warning


# --- telling the department -----------------------------------------------------------------------------------


def notify_departments(warnings) -> int:
    """A notice to every active officer of each department a warning names, in whose jurisdiction it was raised.
    Idempotent (one notice per officer and warning). Four queries however many warnings."""
    warnings = [w for w in warnings if w.department]
    if not warnings:
        return 0
    offices = list(IndustryDepartment.objects.filter(department__in={w.department for w in warnings},
                                                     organization__is_active=True)
                   .values_list("organization_id", "organization__division_id", "department"))
    if not offices:
        return 0
    zones = dict(Division.objects.filter(pk__in={w.division_id for w in warnings}, administered_by__isnull=False)
                 .values_list("pk", "administered_by_id"))
    officers: dict[int, list[int]] = {}
    for org_id, user_id in StaffProfile.objects.filter(
            organization_id__in={o[0] for o in offices}, role__in=DEPARTMENT_ROLES, user__is_active=True,
    ).values_list("organization_id", "user_id"):
        officers.setdefault(org_id, []).append(user_id)
    notices = []
    for w in warnings:
        for org_id, division_id, department in offices:
            if department == w.department and division_id in (None, w.division_id, zones.get(w.division_id)):
                notices += [WarningNotice(recipient_id=user_id, warning=w) for user_id in officers.get(org_id, ())]
    WarningNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return len(notices)


def notices_part(*, user) -> dict:
    """The notifications page's part: the officer's notices of warnings (newest 50), marked read once shown."""
    rows = list(WarningNotice.objects.filter(recipient=user).select_related("warning__rule", "warning__employer",
                                                                            "warning__division")[:50])
    if any(n.read_at is None for n in rows):
        WarningNotice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    return {"warning_notices": rows}


def dashboard_part(*, profile) -> dict:
    """An industry department's dashboard: how many warnings naming it it has not acknowledged yet."""
    if office_of(profile) is None:
        return {}
    return {"department_unacknowledged": department_warnings(profile).filter(
        department_acknowledged_at__isnull=True).count(), "department_shown": True}
