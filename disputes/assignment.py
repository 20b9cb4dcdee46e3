"""Who in the handling organisation works a case: a supervisor assigns and reassigns (one case or many, with a
reason on each case's timeline); a staff member takes an unassigned case; the supervisor sees each person's
open cases.

Only the handler within the organisation moves here (`owner_user`). The organisation and the first-responsible
handler (首问负责) do not: accountability moves only when another organisation accepts a referral
(disputes.services.referral_accept), as before.

A collective dispute (disputes.collective) has one handler: assigning or taking its lead moves every member with
it, in the same statements, each member's event naming the lead; a member is not assigned or taken alone (409
`group_member`). In a bulk assignment a member chosen together with its lead is accepted (it would move anyway),
a member chosen without its lead refuses the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Role, StaffProfile

from .choices import ACTIVE_STATES
from .kit import guards
from .models import HANDLERS, Case, CaseEvent
from .selectors import QUEUE_ORDER
from .services import event_recorded, lead_payload

# Who may be given cases: the roles that handle them (a supervisor too, who may keep one).
ASSIGNABLE_ROLES = HANDLERS
SUPERVISORS = (Role.SUPERVISOR, Role.ADMIN)
MAX_BULK = 200


def _require_supervisor(profile) -> None:
    if profile.role not in SUPERVISORS:
        raise PermissionDenied(_("Only a supervisor may assign cases."))


def _assignee(profile, to_user_id) -> object:
    """The colleague a case goes to: active staff of the supervisor's organisation, in a handling role."""
    target = (
        StaffProfile.objects.select_related("user")
        .filter(user_id=to_user_id, organization_id=profile.organization_id, role__in=ASSIGNABLE_ROLES,
                user__is_active=True)
        .first()
    )
    if target is None:
        raise ValidationFailed(fields={"to_user": [str(_("Choose a colleague of your organisation who handles cases."))]})
    return target


def _name(user) -> str:
    return user.get_full_name() or user.get_username() if user is not None else ""


def _lock_with_groups(ids: list[int], org_id: int) -> tuple[list[Case], dict[int, Case]]:
    """Lock the chosen cases and the members of the chosen leads: (every case that moves, in lock order; the
    chosen leads by id). Two statements whatever the groups' sizes.

    The chosen cases that are in no group as members are locked first, in id order, then the members of those of
    them that lead a group, in id order: the order every write of a group takes (the lead before its members), so
    an assignment and a step on the lead cannot deadlock. A chosen member is covered by its lead's lock; one whose
    lead was not chosen refuses the batch (`group_member`), one that is nowhere is missing (404)."""
    heads = list(
        Case.objects.select_for_update(of=("self",)).select_related("owner_user")
        .filter(pk__in=ids, lead__isnull=True).order_by("pk")
    )
    members = list(
        Case.objects.select_for_update(of=("self",)).select_related("owner_user")
        .filter(lead_id__in=[c.pk for c in heads]).order_by("pk")
    )
    leading = {m.lead_id for m in members}
    leads = {c.pk: c for c in heads if c.pk in leading}
    cases = [*heads, *members]
    uncovered = set(ids) - {c.pk for c in cases}
    if uncovered:
        found = list(Case.objects.filter(pk__in=uncovered).values_list("number", "owner_org_id").order_by("pk"))
        if len(found) != len(uncovered) or any(org != org_id for _n, org in found):
            raise NotFound(_("No such case."))
        # Members of a lead that was not chosen: the group moves only with its lead.
        raise TransitionRefused(
            _("Cases %(numbers)s are members of a collective dispute: choose their lead case, they move with it.")
            % {"numbers": "、".join(n for n, _o in found)},
            code="group_member",
        )
    return cases, leads


def cases_assign(*, case_ids, actor, to_user_id: int, reason: str, versions: dict | None = None) -> list[Case]:
    """Give these open cases of the supervisor's organisation to one colleague, all or none, with the reason on
    each case's timeline. `versions` (case id → version read) refuses a case changed meanwhile (409).

    A chosen lead brings its members (disputes.collective), each member's event naming the lead. The cases are
    locked in a fixed order (_lock_with_groups: two supervisors moving overlapping sets cannot deadlock), then
    written with one UPDATE and their events in one INSERT: the same number of statements for one case or a
    hundred, for a group of two or of twelve."""
    profile = staff_of(actor)
    _require_supervisor(profile)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [str(_("Give the reason for the assignment."))]})
    ids = sorted({int(i) for i in case_ids})
    if not ids:
        raise ValidationFailed(fields={"cases": [str(_("Choose at least one case."))]})
    if len(ids) > MAX_BULK:
        raise ValidationFailed(fields={"cases": [str(_("At most %(n)d cases at a time.") % {"n": MAX_BULK})]})
    target = _assignee(profile, to_user_id)
    with transaction.atomic():
        cases, leads = _lock_with_groups(ids, profile.organization_id)
        if any(c.owner_org_id != profile.organization_id for c in cases):
            # A case elsewhere answers as a missing one: a supervisor learns nothing of other organisations' cases.
            raise NotFound(_("No such case."))
        for case in cases:
            if versions and versions.get(case.pk, case.version) != case.version:
                raise Conflict(fields={"version": case.version, "case": case.number})
            if case.status not in ACTIVE_STATES:
                raise TransitionRefused(_("Case %(number)s has ended; only open cases are assigned.") % {"number": case.number})
        moving = [c for c in cases if c.owner_user_id != target.user_id]
        if not moving:
            raise ValidationFailed(fields={"to_user": [str(_("These cases are already with this colleague."))]})
        now = timezone.now()
        Case.objects.filter(pk__in=[c.pk for c in moving]).update(
            owner_user_id=target.user_id, version=F("version") + 1, updated_at=now
        )
        events = [
            CaseEvent(
                case=case, actor=actor, actor_org=profile.organization, actor_role=profile.role,
                action="case_assigned" if case.owner_user_id is None else "case_reassigned", reason=reason,
                payload={"from_user": case.owner_user_id, "from_name": _name(case.owner_user),
                         "to_user": target.user_id, "to_name": _name(target.user),
                         **lead_payload(leads.get(case.lead_id))},
            )
            for case in moving
        ]
        CaseEvent.objects.bulk_create(events)
        for case in moving:
            case.owner_user, case.version, case.updated_at = target.user, case.version + 1, now
        for event in events:
            event_recorded(event)
    return moving


def case_take(*, case_id: int, actor, version: int | None = None) -> Case:
    """A staff member takes an open case of their organisation that nobody is assigned to."""
    profile = staff_of(actor)
    if profile.role not in ASSIGNABLE_ROLES:
        raise PermissionDenied(_("Your role does not handle cases."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None or case.owner_org_id != profile.organization_id:
            raise NotFound(_("No such case."))
        if version is not None and version != case.version:
            raise Conflict(fields={"version": case.version})
        guards.refuse_group_member(case)
        if case.status not in ACTIVE_STATES:
            raise TransitionRefused(_("Only an open case can be taken."))
        if case.owner_user_id is not None:
            raise Conflict(_("Someone is already assigned to this case."), code="already_assigned")
        # The lead of a collective dispute is taken with its members (locked after it, in id order): one
        # statement for them all, whoever held a member before (the group has one handler).
        members = list(
            Case.objects.select_for_update(of=("self",)).select_related("owner_user").filter(lead=case).order_by("pk")
        )
        now = timezone.now()
        updated = Case.objects.filter(pk=case.pk, version=case.version, owner_user__isnull=True).update(
            owner_user=actor, version=F("version") + 1, updated_at=now
        )
        if updated != 1:
            raise Conflict()
        if members:
            Case.objects.filter(pk__in=[m.pk for m in members]).update(
                owner_user=actor, version=F("version") + 1, updated_at=now
            )
        case.owner_user, case.version = actor, case.version + 1
        taken = {"to_user": actor.pk, "to_name": _name(actor)}
        events = [CaseEvent(case=case, actor=actor, actor_org=profile.organization, actor_role=profile.role,
                            action="case_taken", payload=taken)]
        events += [
            CaseEvent(case=m, actor=actor, actor_org=profile.organization, actor_role=profile.role, action="case_taken",
                      payload={**taken, "from_user": m.owner_user_id, "from_name": _name(m.owner_user),
                               **lead_payload(case)})
            for m in members
        ]
        CaseEvent.objects.bulk_create(events)
        for event in events:
            event_recorded(event)
    return case


@dataclass(frozen=True)
class Workload:
    user: object
    role: str
    open_cases: int


def workload(user) -> tuple[list[Workload], int]:
    """(each colleague who handles cases with their number of open cases, most first; the organisation's open
    cases nobody is assigned to). Two queries: the staff, and the open cases counted by handler."""
    profile = staff_of(user)
    _require_supervisor(profile)
    counts = dict(
        Case.objects.filter(owner_org_id=profile.organization_id, status__in=ACTIVE_STATES)
        .values_list("owner_user_id").annotate(n=Count("id")).order_by()
    )
    staff = (
        StaffProfile.objects.select_related("user")
        .filter(organization_id=profile.organization_id, role__in=ASSIGNABLE_ROLES, user__is_active=True)
        .order_by("user__username")
    )
    rows = [Workload(p.user, p.role, counts.get(p.user_id, 0)) for p in staff]
    rows.sort(key=lambda w: -w.open_cases)
    return rows, counts.get(None, 0)


def assignable_cases(user, *, handler: str = "", limit: int = 100) -> list[Case]:
    """The organisation's open cases for the assignment page, in the queue's order: all, those nobody is assigned
    to (handler="none") or one colleague's (handler=<user id>)."""
    profile = staff_of(user)
    _require_supervisor(profile)
    cases = Case.objects.filter(owner_org_id=profile.organization_id, status__in=ACTIVE_STATES)
    if handler == "none":
        cases = cases.filter(owner_user__isnull=True)
    elif handler.isdigit():
        cases = cases.filter(owner_user_id=int(handler))
    rows = list(
        cases.select_related("worker", "employer", "owner_user", "first_handler")
        .order_by(*QUEUE_ORDER)[:limit]
    )
    # How many member cases each lead on the page brings with it (one query): the page says so beside it.
    sizes = dict(
        Case.objects.filter(lead_id__in=[c.pk for c in rows if c.lead_id is None])
        .values_list("lead_id").annotate(n=Count("id")).order_by()
    )
    for case in rows:
        case.group_members = sizes.get(case.pk, 0)
    return rows


def colleagues(user) -> list:
    """Active colleagues in a handling role (the "assign to" choices)."""
    profile = staff_of(user)
    return list(
        get_user_model().objects.filter(
            staff__organization_id=profile.organization_id, staff__role__in=ASSIGNABLE_ROLES, is_active=True
        ).order_by("username")
    )

