"""Splitting a complaint into several proceedings (issue 21): one complaint registered at the window holds, say,
wage claims for arbitration and a labour-protection or social-insurance matter for inspection; each part becomes
a case of its own, routed on its own.

The rules chosen:
- **Who and when**: staff of the organisation handling the case, as clerk or supervisor (the window's roles),
  while the case is still registered at the window and no referral of it is waiting for an answer: once another
  team has it (or is deciding whether to take it), what it was offered must not change under it.
- **Claims move, they are not copied**: a claim belongs to exactly one proceeding, so no sum is asked or awarded
  twice. The new case takes at least one claim; the original keeps at least one (sending the whole complaint
  elsewhere is a referral, not a split).
- **Parties are the same rows** (worker, employer); facts are written for the new case; the dates, division,
  channel and limitation periods are the complaint's. Evidence chosen is copied as a record pointing at the
  same stored file (files are content-addressed and never changed), so each proceeding has its own list.
- **Accountability and query codes**: the first-responsible handler of the complaint answers for both, the
  handling organisation and handler stay; the original keeps the worker's query code, the new case is given
  its own, with a receipt to print, as a registration is. The green channel is not carried over: its ground
  belongs to one proceeding, and the handler marks the new case if it applies.
- **Link and timeline**: a SplitProceeding row links the two; each case's timeline (the worker's too) records
  "split into" / "split from" with the other's number.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, ValidationFailed
from core.models import Role
from core.query_codes import hash_query_code, new_query_code, seal_query_code
from core.sequences import next_in_sequence
from disputes.choices import CaseState, ReferralState
from disputes.kit import guards, inputs
from disputes.models import Case, Claim, Evidence, Referral
from disputes.services import bump_version, event_append
from notifications.selectors import notices_declined

from .models import PendingReceipt, SplitProceeding
from .services import case_number
from .tasks import receipts_kick

SPLIT_ROLES = (Role.CLERK, Role.SUPERVISOR)
SPLIT_STAGES = (CaseState.REGISTERED,)


@dataclass
class SplitResult:
    case: Case  # the new case
    split_from: Case
    query_code: str  # the new case's, shown once (and printed on its receipt)
    claims_moved: int
    evidence_copied: int


def may_split(case, profile) -> bool:
    """Whether the page offers the split (the service decides: an open referral also refuses it)."""
    return guards.handles(case, profile, SPLIT_ROLES) and case.status in SPLIT_STAGES


def _case_number(year: int) -> str:
    """The registration's own numbering, taken last in the transaction (the counter row is shared city-wide)."""
    return case_number(year, next_in_sequence("case", year))


def complaint_split(
    *, case_id: int, actor, claims, facts: str, evidence=(), version: int | None = None,
) -> SplitResult:
    """Split the chosen claims of a complaint still at the window off into a new case of their own."""
    errors = inputs.FieldErrors()
    facts = inputs.facts(facts, "facts", errors, missing=_("Say what the new proceeding is about."))
    claim_ids = inputs.ids(claims, "claims", errors)
    evidence_ids = inputs.ids(evidence, "evidence", errors)
    if not claim_ids and "claims" not in errors:
        errors.add("claims", _("Choose at least one claim for the new proceeding."))
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = guards.lock_as_handler(
            case_id, actor, version, SPLIT_ROLES,
            role_message=_("Only the window's clerk or supervisor handling the case may split the complaint."),
        )
        guards.require_stage(case, SPLIT_STAGES, _("Only a complaint still at the window can be split."),
                             code="not_at_window")
        if Referral.objects.filter(case=case, state=ReferralState.OFFERED).exists():
            raise Conflict(_("A referral of this case is waiting for an answer: withdraw it before splitting the "
                             "complaint."), code="referral_open")
        claims_of_case = list(Claim.objects.filter(case=case).values_list("pk", flat=True))
        if set(claim_ids) - set(claims_of_case):
            errors.add("claims", _("Choose claims of this case."))
        elif len(claim_ids) == len(claims_of_case):
            errors.add("claims", _("At least one claim must stay with this case; to send the whole complaint "
                                   "elsewhere, refer it."))
        # Chosen among the case's own in Python: an id no column could hold must not reach the database.
        wanted = set(evidence_ids)
        files = [f for f in Evidence.objects.filter(case=case).order_by("id") if f.pk in wanted]
        if len(files) != len(evidence_ids):
            errors.add("evidence", _("Choose evidence of this case."))
        errors.raise_if_any()

        declined = notices_declined(case.pk)
        code = new_query_code()
        new = Case(
            query_code_hash=hash_query_code(code), division_id=case.division_id, channel=case.channel, facts=facts,
            violation_started_on=case.violation_started_on, violation_ended_on=case.violation_ended_on,
            employment_ended_on=case.employment_ended_on,
            arbitration_limitation_ends_on=case.arbitration_limitation_ends_on,
            inspection_limitation_ends_on=case.inspection_limitation_ends_on,
            limitation_override_reason=case.limitation_override_reason, is_collective=case.is_collective,
            worker_id=case.worker_id, employer_id=case.employer_id,
            first_handler_id=case.first_handler_id, first_handler_org_id=case.first_handler_org_id,
            owner_org_id=case.owner_org_id, owner_user_id=case.owner_user_id,
            # A unique placeholder, replaced below before anyone else can see the row (as a registration does).
            number=f"~{uuid.uuid4().hex[:24]}",
        )
        new.save(force_insert=True)
        Claim.objects.filter(case=case, pk__in=claim_ids).update(case=new)
        Evidence.objects.bulk_create([
            Evidence(case=new, file=f.file.name, original_name=f.original_name, content_type=f.content_type,
                     size=f.size, sha256=f.sha256, description=f.description, uploaded_by_id=f.uploaded_by_id)
            for f in files
        ])
        now = timezone.now()
        SplitProceeding.objects.create(case=new, split_from=case, split_by=actor, split_at=now)
        PendingReceipt.objects.create(case=new, sealed_code=seal_query_code(code), issued_at=new.registered_at,
                                      issued_by=actor)
        new.number = _case_number(timezone.localdate().year)
        Case.objects.filter(pk=new.pk).update(number=new.number)
        bump_version(case, [])

        # The new case is registered as a complaint is (its clocks start, the worker is sent its number and code),
        # then linked; the original records what left it.
        event_append(
            case=new, actor=actor, profile=profile, action="registered", to_state=new.status, is_public=True,
            payload={"channel": new.channel, "claims": len(claim_ids), "evidence": len(files),
                     "split_from": case.number,
                     # The worker's latest choice on the complaint holds for its parts (notifications).
                     **({"worker_notices": "declined"} if declined else {})},
            notify=False, fresh_case=True,
        )
        event_append(
            case=new, actor=actor, profile=profile, action="split_from", is_public=True, reason=facts,
            payload={"case_id": case.pk, "number": case.number, "claims": claim_ids},
        )
        event_append(
            case=case, actor=actor, profile=profile, action="split_into", is_public=True, reason=facts,
            payload={"case_id": new.pk, "number": new.number, "claims": claim_ids},
        )
        transaction.on_commit(receipts_kick)
    return SplitResult(case=new, split_from=case, query_code=code, claims_moved=len(claim_ids),
                       evidence_copied=len(files))


@dataclass(frozen=True)
class SplitLink:
    case_id: int
    number: str


@dataclass
class SplitLinks:
    split_from: SplitLink | None
    split_into: list[SplitLink]


def split_links(case_id: int) -> SplitLinks:
    """The case this one was split from and the cases split off it, by number, in one query."""
    rows = (
        SplitProceeding.objects.filter(Q(case_id=case_id) | Q(split_from_id=case_id))
        .values_list("case_id", "case__number", "split_from_id", "split_from__number")
        .order_by("split_at", "case_id")
    )
    links = SplitLinks(split_from=None, split_into=[])
    for new_id, new_number, from_id, from_number in rows:
        if new_id == case_id:
            links.split_from = SplitLink(from_id, from_number)
        else:
            links.split_into.append(SplitLink(new_id, new_number))
    return links
