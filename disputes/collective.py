"""Collective disputes as one matter (LDMAL art 7; the Employment Tribunal's multiples): a lead case with member
cases.

Each member is a full case: its own worker, claims, query code, receipt and status page. The group's steps are
taken on the lead and apply to every member in the same transaction (disputes.services.case_transition and
referral_accept: one event per case, each member's naming the lead); a member takes no step of its own
(disputes.kit.guards.refuse_group_member) until it is split off, with a reason on both timelines. The tracks
hold one record for the group on the lead (arbitration: one file, tribunal, hearing and award, whose items
decide the members' claims; hearings: one notice to each worker of the group).

A group is formed at the window from one list of workers (intake.services.collective_register) or by linking
open cases of the same employer, handled by the same organisation at the same stage, to a lead. The workers
elect representatives among themselves (art 7), recorded on the lead. The collective flag (`is_collective`,
first in the queues, three arbitrators) is set on every case of a group that reaches the statutory number of
workers (`collective_dispute_min_workers`), as intake sets it for an employer's open complaints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict, NotFound, TransitionRefused, ValidationFailed
from core.parameters import int_parameter

from .choices import ACTIVE_STATES
from .kit import guards, inputs
from .models import HANDLERS, Case, Representative, Worker
from .services import bump_version, event_append, lead_payload, members_follow


def _numbers(cases) -> str:
    return "、".join(c.number for c in cases)


def _flag_group(lead: Case, members: list[Case], *, actor, profile) -> None:
    """Flag every case of a group of the statutory size as collective (LDMAL art 7), as intake does."""
    threshold = int_parameter("collective_dispute_min_workers")
    group = [lead, *members]
    if len({c.worker_id for c in group}) < threshold:
        return
    for case in group:
        if not case.is_collective:
            case.is_collective = True
            bump_version(case, ["is_collective"])
            event_append(case=case, actor=actor, profile=profile, action="collective_flagged",
                         payload={"threshold": threshold}, notify=False)


def collective_link(
    *, case_id: int, actor, member_ids: list[int], version: int | None = None, note: str = "",
) -> Case:
    """Make the case the lead of a collective dispute, or add members to its group: open cases of the same
    employer, handled by the same organisation and at the same stage, in no other group. Returns the lead."""
    profile = staff_of(actor)
    note = inputs.stripped(note)
    ids = []
    for raw in member_ids or []:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise ValidationFailed(fields={"members": [_("Give the ids of the member cases.")]})
        if raw not in ids:
            ids.append(raw)
    if not ids:
        raise ValidationFailed(fields={"members": [_("Choose at least one case to add to the group.")]})
    if case_id in ids:
        raise ValidationFailed(fields={"members": [_("A case cannot be a member of its own group.")]})
    with transaction.atomic():
        lead = guards.lock_case(case_id, version)
        guards.refuse_group_member(lead)
        guards.require_handler(lead, profile, HANDLERS)
        guards.require_stage(lead, ACTIVE_STATES, _("Only an open case can lead a collective dispute."))
        if lead.worker_id is None:
            raise TransitionRefused(_("A collective dispute is the workers' own: a case without a complainant "
                                      "neither leads nor joins one."), code="no_complainant")
        # Locked after the lead, in id order (as every write of a group locks them).
        found = {c.pk: c for c in Case.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        missing = [i for i in ids if i not in found or found[i].owner_org_id != lead.owner_org_id]
        if missing:
            # A case of another organisation is not named: to this caller it does not exist.
            raise ValidationFailed(fields={"members": [
                _("Only cases your organisation handles can join the group (not found: %(ids)s).")
                % {"ids": ", ".join(str(i) for i in missing)}]})
        members = [found[i] for i in ids]
        errors = []
        other_employer = [c for c in members if c.employer_id != lead.employer_id]
        if other_employer:
            errors.append(_("Not against the same employer: %(numbers)s.") % {"numbers": _numbers(other_employer)})
        other_stage = [c for c in members if c.status != lead.status]
        if other_stage:
            errors.append(_("Not at the lead's stage (%(stage)s): %(numbers)s.")
                          % {"stage": lead.get_status_display(), "numbers": _numbers(other_stage)})
        no_worker = [c for c in members if c.worker_id is None]
        if no_worker:
            errors.append(_("Without a complainant: %(numbers)s.") % {"numbers": _numbers(no_worker)})
        grouped = [c for c in members if c.lead_id is not None]
        if grouped:
            errors.append(_("Already in a collective dispute: %(numbers)s.") % {"numbers": _numbers(grouped)})
        leading = set(Case.objects.filter(lead_id__in=ids).values_list("lead_id", flat=True))
        if leading:
            errors.append(_("Lead a group of their own: %(numbers)s.")
                          % {"numbers": _numbers(c for c in members if c.pk in leading)})
        if errors:
            raise ValidationFailed(fields={"members": errors})
        for member in members:
            # The group has one handler: a joining case goes to the lead's (disputes.assignment moves them together
            # from then on). While nobody holds the lead, it keeps its own until the lead is assigned or taken.
            handler = {}
            if lead.owner_user_id is not None and member.owner_user_id != lead.owner_user_id:
                handler = {"from_user": member.owner_user_id, "to_user": lead.owner_user_id}
                member.owner_user_id = lead.owner_user_id
            member.lead = lead
            bump_version(member, ["lead", "owner_user_id"] if handler else ["lead"])
            event_append(case=member, actor=actor, profile=profile, action="collective_joined", reason=note,
                         is_public=True, payload={**lead_payload(lead), **handler}, notify=False)
        bump_version(lead, [])
        event_append(case=lead, actor=actor, profile=profile, action="collective_members_added", reason=note,
                     payload={"members": [m.pk for m in members], "numbers": [m.number for m in members]})
        earlier = Case.objects.select_for_update().filter(lead=lead).exclude(pk__in=ids).order_by("pk")
        everyone = [*earlier, *members]
        _flag_group(lead, everyone, actor=actor, profile=profile)
    return lead


def collective_split(*, case_id: int, actor, reason: str, version: int | None = None) -> Case:
    """Take a member out of its collective dispute, with the reason on its timeline and its lead's: from now on
    it is handled on its own. Returns the member."""
    profile = staff_of(actor)
    reason = inputs.reason(reason)
    found = Case.objects.filter(pk=case_id).values_list("pk", "lead_id").first()
    if found is None:
        raise NotFound(_("No such case."))
    lead_id = found[1]
    if lead_id is None:
        raise TransitionRefused(_("This case is not a member of a collective dispute."), code="not_group_member")
    with transaction.atomic():
        # The lead first, then the member: the order every write of a group takes.
        lead = guards.lock_case(lead_id, None)
        member = guards.lock_case(case_id, version)
        if member.lead_id != lead.pk:
            raise Conflict()
        guards.require_handler(member, profile, HANDLERS)
        member.lead = None
        bump_version(member, ["lead"])
        Representative.objects.filter(case=lead, worker_id=member.worker_id).delete()
        event_append(case=member, actor=actor, profile=profile, action="collective_split_off", reason=reason,
                     is_public=True, payload=lead_payload(lead))
        bump_version(lead, [])
        event_append(case=lead, actor=actor, profile=profile, action="collective_member_split_off", reason=reason,
                     payload={"member": member.pk, "number": member.number})
    return member


def collective_representatives_set(*, case_id: int, actor, workers: list[int], version: int | None = None) -> Case:
    """Record the representatives the workers of the group elected among themselves (LDMAL art 7), replacing
    earlier ones: each a worker of the lead or of a member. Returns the lead."""
    profile = staff_of(actor)
    ids = []
    for raw in workers or []:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValidationFailed(fields={"workers": [_("Choose the representatives among the group's workers.")]})
        if raw not in ids:
            ids.append(raw)
    if not ids:
        raise ValidationFailed(fields={"workers": [_("Choose the representatives among the group's workers.")]})
    with transaction.atomic():
        lead = guards.lock_case(case_id, version)
        guards.refuse_group_member(lead)
        guards.require_handler(lead, profile, HANDLERS)
        group_workers = {lead.worker_id, *Case.objects.filter(lead=lead).values_list("worker_id", flat=True)}
        if len(group_workers) < 2:
            raise TransitionRefused(_("Only the lead case of a collective dispute records representatives."),
                                    code="not_group_lead")
        outside = [i for i in ids if i not in group_workers]
        if outside:
            raise ValidationFailed(fields={"workers": [_("A representative is one of the group's workers.")]})
        Representative.objects.filter(case=lead).delete()
        Representative.objects.bulk_create(Representative(case=lead, worker_id=i) for i in ids)
        names = dict(Worker.objects.filter(pk__in=ids).values_list("pk", "name"))
        bump_version(lead, [])
        event_append(case=lead, actor=actor, profile=profile, action="representatives_set", is_public=True,
                     payload={"names": [names[i] for i in ids]})
        members_follow(lead, actor=actor, profile=profile, action="representatives_set",
                       payload={"names": [names[i] for i in ids]})
    return lead


def representatives_of(case: Case) -> list[Representative]:
    """The representatives of the case's collective dispute, recorded on its lead (for a case in no group: on
    itself, as older records are): the one record the case page, the arbitration workbench and the documents
    read. One query."""
    return list(Representative.objects.filter(case_id=case.lead_id or case.pk).select_related("worker").order_by("id"))


# --- reads ---------------------------------------------------------------------------------------------


@dataclass
class GroupMember:
    case: Case
    claimed: Decimal
    is_lead: bool = False
    is_representative: bool = False


@dataclass
class Group:
    """The collective dispute a case belongs to, as its page and the API show it. For a member: `lead` only."""

    lead: Case | None = None
    members: list[GroupMember] = field(default_factory=list)  # on the lead's page: the lead first, then members
    total_claimed: Decimal = Decimal("0.00")
    # Representatives recorded by name only (carried over from the arbitration workbench's older records).
    named_representatives: list[str] = field(default_factory=list)

    @property
    def is_lead(self) -> bool:
        return bool(self.members)

    @property
    def member_count(self) -> int:
        return max(len(self.members) - 1, 0)

    @property
    def workers(self) -> int:
        return len(self.members)

    @property
    def representatives(self) -> list[GroupMember]:
        return [m for m in self.members if m.is_representative]


def group_of(case: Case) -> Group:
    """The case's group in at most three queries, whatever its size: for a member, its lead; for a lead, every
    case of the group with what each claims (summed by the database) and who represents it."""
    if case.lead_id is not None:
        lead = Case.objects.filter(pk=case.lead_id).only("pk", "number", "status").first()
        return Group(lead=lead)
    members = list(
        Case.objects.filter(lead=case).select_related("worker").annotate(claimed=Sum("claims__amount"))
        .order_by("pk")
    )
    if not members:
        return Group()
    recorded = list(Representative.objects.filter(case=case).values_list("worker_id", "name").order_by("id"))
    representatives = {w for w, _n in recorded if w is not None}
    own = sum((c.amount for c in case.claims.all() if c.amount is not None), Decimal("0.00"))
    rows = [GroupMember(case, own, is_lead=True, is_representative=case.worker_id in representatives)]
    rows += [GroupMember(m, m.claimed or Decimal("0.00"), is_representative=m.worker_id in representatives)
             for m in members]
    return Group(members=rows, total_claimed=sum((r.claimed for r in rows), Decimal("0.00")),
                 named_representatives=[n for w, n in recorded if w is None])


def linkable_cases(case: Case, limit: int = 50) -> list[Case]:
    """Open cases that could join this case's group: same employer and organisation, at its stage, in no group."""
    if case.lead_id is not None or case.status not in ACTIVE_STATES or case.worker_id is None:
        return []
    return list(
        Case.objects.filter(employer_id=case.employer_id, owner_org_id=case.owner_org_id, status=case.status,
                            lead__isnull=True, worker__isnull=False)
        .exclude(pk=case.pk).exclude(pk__in=Case.objects.filter(lead__isnull=False).values("lead_id"))
        .select_related("worker").order_by("pk")[:limit]
    )

