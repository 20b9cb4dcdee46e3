"""Early warning (measure 10): the rules (`WarningRule`, data) read the complaints registered per employer,
platform and industry of each jurisdiction, and raise a warning to the jurisdiction's inspection team and the
industry's supervising department (disputes.choices.INDUSTRY_DEPARTMENT); the team acknowledges and closes it.
Interviews and warnings given to an employer (约谈、警示) are recorded here too.

A warning is raised by the beat sweep (`warnings_sweep`) and, for a collective dispute, as soon as it is
registered (`warnings_for_case`, after commit). Both are idempotent: one warning per rule, team, subject and
month (a unique constraint; a second run or a race inserts nothing)."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Division, Organization, OrgKind
from disputes.choices import INDUSTRY_DEPARTMENT, Channel, SupervisingDepartment
from disputes.kit import inputs
from disputes.kit.inputs import FieldErrors
from disputes.models import Case, Employer

from .warning_models import (
    EarlyWarning,
    EmployerInterview,
    FollowUpResult,
    FollowUpRule,
    InterviewKind,
    WarningKind,
    WarningRule,
    WarningState,
    WarningSubject,
)
from .departments import notify_departments
from .warning_selectors import WARNING_ROLES, teams_read_by

logger = logging.getLogger(__name__)


# What each subject groups the complaints by (values of Case), and how its key is written.
GROUPING = {
    WarningSubject.EMPLOYER: ("employer_id", "employer__industry"),
    WarningSubject.PLATFORM: ("worker__platform",),
    WarningSubject.INDUSTRY: ("employer__industry",),
}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _window(rule: WarningRule, today: datetime.date, back: int = 0) -> tuple[datetime.datetime, datetime.datetime]:
    """The rule's `window_days` days ending with today (back=0), or the same length before it (back=1)."""
    end = today + datetime.timedelta(days=1) - datetime.timedelta(days=rule.window_days * back)
    return _day_start(end - datetime.timedelta(days=rule.window_days)), _day_start(end)


def _grouped(rule: WarningRule, start, end, *, collective: bool = False) -> dict[tuple, int]:
    """Complaints registered in [start, end) per jurisdiction and subject: one grouped query on the
    registration-time index, bounded by the window whatever the number of cases ever registered."""
    keys = GROUPING[rule.subject]
    # An inspection the department opened itself is no complaint.
    rows = Case.objects.filter(registered_at__gte=start, registered_at__lt=end).exclude(channel=Channel.OWN_INITIATIVE)
    if collective:
        rows = rows.filter(is_collective=True)
    if rule.subject == WarningSubject.PLATFORM:
        rows = rows.exclude(worker__platform="")
    rows = rows.values("division_id", *keys).annotate(n=Count("id")).order_by()
    return {(row["division_id"], *(row[k] for k in keys)): row["n"] for row in rows}


def _key(subject: str, values: tuple) -> str:
    return f"{subject}:{values[0]}"


def _teams(division_ids) -> dict[int, int]:
    """The inspection team answering for each division: its own, else the team of the division administering it
    (a development zone), else the city's (a team serving no one division). Three queries at most."""
    division_ids = set(division_ids)
    teams = dict(Organization.objects.filter(kind=OrgKind.INSPECTION, is_active=True, division_id__in=division_ids)
                 .order_by("-pk").values_list("division_id", "pk"))
    missing = division_ids - teams.keys()
    if missing:
        parents = dict(Division.objects.filter(pk__in=missing, administered_by__isnull=False)
                       .values_list("pk", "administered_by_id"))
        parent_teams = dict(Organization.objects.filter(kind=OrgKind.INSPECTION, is_active=True,
                                                        division_id__in=set(parents.values()))
                            .values_list("division_id", "pk"))
        city = (Organization.objects.filter(kind=OrgKind.INSPECTION, is_active=True, division__isnull=True)
                .order_by("pk").values_list("pk", flat=True).first())
        for pk in missing:
            team = parent_teams.get(parents.get(pk)) or city
            if team:
                teams[pk] = team
    return teams


def department_of(industry: str) -> str:
    """The industry's supervising department (measure 10), from the table kept as data in disputes.choices."""
    return str(INDUSTRY_DEPARTMENT.get(industry, "")) if industry else ""


def _candidates(rule: WarningRule, today: datetime.date) -> list[dict]:
    start, end = _window(rule, today)
    current = _grouped(rule, start, end, collective=rule.kind == WarningKind.COLLECTIVE)
    previous = {}
    if rule.kind == WarningKind.RISING:
        previous = _grouped(rule, *_window(rule, today, back=1))
    found = []
    for key, n in current.items():
        before = previous.get(key, 0)
        if n < rule.min_count:
            continue
        if rule.kind == WarningKind.RISING and (n <= before or n * 100 < before * (100 + rule.rise_percent)):
            continue
        found.append({"division_id": key[0], "values": key[1:], "complaints": n,
                      "previous": before if rule.kind == WarningKind.RISING else None})
    return found


def _platform_industries(names) -> dict[str, str]:
    """A platform's industry is its own enterprise's, where it is on file as a platform enterprise."""
    return dict(Employer.objects.filter(is_platform=True, name__in=set(names)).values_list("name", "industry"))


def _build(rule: WarningRule, found: list[dict], period: datetime.date, *, case_id=None) -> list[EarlyWarning]:
    teams = _teams(c["division_id"] for c in found)
    industries = _platform_industries(c["values"][0] for c in found) if rule.subject == WarningSubject.PLATFORM else {}
    warnings = []
    for c in found:
        team = teams.get(c["division_id"])
        if team is None:
            logger.warning("early warning %s: no inspection team answers for division %s", rule.code, c["division_id"])
            continue
        first = c["values"][0]
        row = EarlyWarning(rule=rule, subject=rule.subject, subject_key=_key(rule.subject, c["values"]),
                           organization_id=team, division_id=c["division_id"], period_start=period,
                           complaints=c["complaints"], previous_complaints=c["previous"], trigger_case_id=case_id)
        if rule.subject == WarningSubject.EMPLOYER:
            row.employer_id, row.industry = first, c["values"][1]
        elif rule.subject == WarningSubject.PLATFORM:
            row.platform, row.industry = first, industries.get(first, "")
        else:
            row.industry = first
        row.department = department_of(row.industry)
        warnings.append(row)
    return warnings


def _insert(rule: WarningRule, rows: list[EarlyWarning], period: datetime.date) -> int:
    """Insert the warnings not raised yet this month; a concurrent run's rows are skipped by the constraint."""
    if not rows:
        return 0
    raised = set(EarlyWarning.objects.filter(rule=rule, period_start=period)
                 .values_list("organization_id", "subject_key"))
    new = [w for w in rows if (w.organization_id, w.subject_key) not in raised]
    EarlyWarning.objects.bulk_create(new, ignore_conflicts=True)
    if any(w.department for w in new):
        # Read back (bulk_create with ignore_conflicts gives no ids): the departments named are told.
        inserted = EarlyWarning.objects.filter(rule=rule, period_start=period,
                                               subject_key__in={w.subject_key for w in new},
                                               organization_id__in={w.organization_id for w in new})
        notify_departments(inserted.exclude(department=""))
    return len(new)


def warnings_sweep(*, today: datetime.date | None = None) -> int:
    """Every active rule over its window: the warnings not raised yet this month. Returns how many were raised."""
    today = today or timezone.localdate()
    period = month_start(today)
    raised = 0
    for rule in WarningRule.objects.filter(active=True):
        raised += _insert(rule, _build(rule, _candidates(rule, today), period), period)
    return raised


def warnings_for_case(*, case_id: int) -> int:
    """A collective dispute just registered: the collective rules raise their warning now rather than at the next
    sweep (the same warning the sweep would raise, so it is raised once)."""
    case = Case.objects.filter(pk=case_id, is_collective=True).select_related("employer", "worker").first()
    if case is None:
        return 0
    today = timezone.localdate(case.registered_at)
    period = month_start(today)
    raised = 0
    for rule in WarningRule.objects.filter(active=True, kind=WarningKind.COLLECTIVE):
        values = {
            WarningSubject.EMPLOYER: (case.employer_id, case.employer.industry),
            WarningSubject.PLATFORM: (case.worker.platform if case.worker_id else "",),
            WarningSubject.INDUSTRY: (case.employer.industry,),
        }[rule.subject]
        if not values[0]:
            continue
        start, end = _window(rule, today)
        rows = Case.objects.filter(registered_at__gte=start, registered_at__lt=end, is_collective=True,
                                   division_id=case.division_id)
        rows = rows.filter(**{GROUPING[rule.subject][0]: values[0]})
        n = rows.count()
        if n < rule.min_count:
            continue
        found = [{"division_id": case.division_id, "values": values, "complaints": n, "previous": None}]
        raised += _insert(rule, _build(rule, found, period, case_id=case.pk), period)
    return raised


# --- acknowledging and closing ------------------------------------------------------------------------------


def _warning_step(warning_id: int, actor, version: int | None, states) -> tuple[EarlyWarning, object]:
    profile = staff_of(actor)
    warning = EarlyWarning.objects.select_for_update().filter(pk=warning_id).first()
    if warning is None:
        raise NotFound()
    if warning.organization_id not in teams_read_by(profile):
        raise NotFound()
    if profile.role not in WARNING_ROLES:
        raise PermissionDenied()
    if version != warning.version:
        raise Conflict()
    if warning.state not in states:
        raise Conflict(_("This warning is already %(state)s.") % {"state": warning.get_state_display()},
                       code="warning_state")
    return warning, profile


def warning_acknowledge(*, warning_id: int, actor, version: int | None, note: str = "") -> EarlyWarning:
    """The team has read the warning and is looking into it."""
    with transaction.atomic():
        warning, _profile = _warning_step(warning_id, actor, version, (WarningState.OPEN,))
        warning.state, warning.acknowledged_by, warning.acknowledged_at = WarningState.ACKNOWLEDGED, actor, timezone.now()
        warning.note = inputs.stripped(note) or warning.note
        warning.version += 1
        warning.save(update_fields=["state", "acknowledged_by", "acknowledged_at", "note", "version"])
    return warning


def warning_close(*, warning_id: int, actor, version: int | None, note: str) -> EarlyWarning:
    """Closed with what was done (an inspection, an interview, nothing needed and why)."""
    note = inputs.text(note, "note", missing=_("State what was done about the warning."))
    with transaction.atomic():
        warning, _profile = _warning_step(warning_id, actor, version, (WarningState.OPEN, WarningState.ACKNOWLEDGED))
        now = timezone.now()
        if warning.acknowledged_at is None:
            warning.acknowledged_by, warning.acknowledged_at = actor, now
        warning.state, warning.closed_by, warning.closed_at, warning.note = WarningState.CLOSED, actor, now, note
        warning.version += 1
        warning.save(update_fields=["state", "acknowledged_by", "acknowledged_at", "closed_by", "closed_at", "note",
                                    "version"])
    return warning


# --- interviews and warnings given to an employer (约谈、警示) -------------------------------------------------


def interview_record(
    *, employer_id: int, actor, kind: str, held_on: datetime.date | None, attendees: str, matters: str,
    outcome: str, departments: list[str] | None = None, commitments: str = "",
    follow_up_on: datetime.date | None = None, warning_id: int | None = None,
    rectify_by: datetime.date | None = None,
) -> EmployerInterview:
    """An interview (约谈) or warning (警示) held with the employer by an inspection team, with the supervising
    departments that attended; linked to the early warning that led to it, if any.

    A rectification deadline starts the follow-up clock: due on `follow_up_on` if given, else the deadline plus the
    local service level (`FollowUpRule`, data); a follow-up date alone starts it too."""
    profile = staff_of(actor)
    if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        raise PermissionDenied(_("Interviews and warnings are recorded by the labour inspection team."))
    errors = FieldErrors()
    if kind not in InterviewKind.values:
        errors.add("kind", _("Choose an interview or a warning."))
    held_on = inputs.date(held_on, "held_on", errors, not_future=True)
    departments = list(dict.fromkeys(departments or []))
    if any(d not in SupervisingDepartment.values for d in departments):
        errors.add("departments", _("Choose the departments from the list."))
    texts = {name: inputs.text(value, name, errors, max_length=20000) for name, value in
             (("attendees", attendees), ("matters", matters), ("outcome", outcome))}
    follow_up_on = inputs.date(follow_up_on, "follow_up_on", errors) if follow_up_on else None
    if follow_up_on and held_on and follow_up_on <= held_on:
        errors.add("follow_up_on", _("The follow-up comes after the interview."))
    rectify_by = inputs.date(rectify_by, "rectify_by", errors) if rectify_by else None
    if rectify_by and held_on and rectify_by <= held_on:
        errors.add("rectify_by", _("The rectification deadline comes after the interview."))
    if rectify_by and follow_up_on and follow_up_on < rectify_by:
        errors.add("follow_up_on", _("The follow-up comes on or after the rectification deadline."))
    errors.raise_if_any()
    if rectify_by and not follow_up_on:
        rule = FollowUpRule.objects.filter(active=True).order_by("code").first()
        follow_up_on = rectify_by + datetime.timedelta(days=rule.days_after if rule else 0)
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise NotFound()
    warning = None
    if warning_id is not None:
        warning = EarlyWarning.objects.filter(pk=warning_id, organization_id__in=teams_read_by(profile)).first()
        if warning is None or warning.employer_id not in (None, employer.pk):
            raise ValidationFailed(fields={"warning_id": [_("No such warning for this employer.")]})
    return EmployerInterview.objects.create(
        employer=employer, organization=profile.organization, kind=kind, held_on=held_on, departments=departments,
        commitments=inputs.stripped(commitments), follow_up_on=follow_up_on, rectify_by=rectify_by, warning=warning,
        recorded_by=actor, **texts,
    )


def follow_up_close(*, interview_id: int, actor, version: int | None, result: str, note: str) -> EmployerInterview:
    """The follow-up done: whether the employer rectified, and what was found. Stops the clock; a team's step."""
    profile = staff_of(actor)
    errors = FieldErrors()
    if result not in FollowUpResult.values:
        errors.add("result", _("Choose whether the employer rectified."))
    note = inputs.text(note, "note", errors, missing=_("State what the follow-up found."), max_length=20000)
    with transaction.atomic():
        interview = EmployerInterview.objects.select_for_update().filter(pk=interview_id).first()
        if interview is None or interview.organization_id not in teams_read_by(profile):
            raise NotFound()
        if profile.role not in WARNING_ROLES or profile.organization.kind != OrgKind.INSPECTION:
            raise PermissionDenied()
        if version != interview.version:
            raise Conflict()
        if not interview.follow_up_open:
            raise Conflict(_("This interview has no follow-up open."), code="follow_up_state")
        errors.raise_if_any()
        interview.follow_up_result, interview.follow_up_note = result, note
        interview.follow_up_closed_by, interview.follow_up_closed_at = actor, timezone.now()
        interview.version += 1
        interview.save(update_fields=["follow_up_result", "follow_up_note", "follow_up_closed_by",
                                      "follow_up_closed_at", "version"])
    return interview
