"""Writes of the arbitration track. Every state change goes through disputes.services.case_transition.

Each service: keyword-only arguments, one transaction that locks the case at the client's version, the
actor's role AND organisation checked (the case's owner_org), a CaseEvent for what happened, and nothing
changed when it refuses (core.errors). Services that change the stage call case_transition inside the same
outer transaction, so the arbitration record and the stage commit or roll back together.

Sources (statutory-rules.md §2): LDMAL = 劳动争议调解仲裁法; 办案规则 = 劳动人事争议仲裁办案规则 (2017);
SPC Interpretation (I) = 法释〔2020〕26号; Shandong = 山东省劳动人事争议调解仲裁条例 (2017).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound, TransitionRefused, ValidationFailed
from core.models import Division, Organization, OrgKind, Role, name_of
from core.parameters import int_parameter, parameter
from deadlines.calendar import CalendarMissing, WorkCalendar
from disputes.choices import CaseState, ClaimType
from disputes.models import Case, CaseEvent, Claim
from disputes.services import bump_version, case_transition, event_append, members_follow
from disputes.kit import inputs
from disputes.kit.guards import lock_as_handler, require_stage
from documents import builders
from documents.models import NumberKind, NumberPattern
from documents.numbering import ensure_default_number_patterns, next_number
from hearings.models import Hearing, HearingState

from . import selectors
from .models import (
    ArbitrationFile,
    Award,
    AwardGround,
    AwardItem,
    AwardParty,
    CourtOutcome,
    FinalityGround,
    MediationStatement,
    MinimumWage,
    PostAwardKind,
    PostAwardRecord,
    Procedure,
    RecusalGround,
    RecusalRequest,
    RecusalRequester,
    RejectionReason,
    RemovalReason,
    SummaryGround,
    TribunalKind,
    TribunalMember,
)

S = CaseState
# Decisions of the commission: the same roles the lifecycle gives accept/reject/award.
DECIDERS = (Role.ARBITRATOR, Role.SUPERVISOR)
# The institute's case-filing clerks (立案) review applications and record filings beside the arbitrators.
RECORDERS = (Role.CLERK, Role.ARBITRATOR, Role.SUPERVISOR)
# Between acceptance and the award: where the tribunal, recusals, mediation and partial awards happen.
PROCEEDING_STATES = (S.ARBITRATION, S.HEARING)

# LDMAL art 47(1): pay, work-injury medical costs, severance, damages; (2) labour standards.
FINAL_MONEY_TYPES = frozenset(
    {ClaimType.WAGES, ClaimType.OVERTIME, ClaimType.INJURY_MEDICAL, ClaimType.SEVERANCE, ClaimType.DAMAGES}
)
LABOUR_STANDARDS_TYPES = frozenset({ClaimType.WORKING_TIME, ClaimType.SOCIAL_INSURANCE})

class MinimumWageMissing(ValidationFailed):
    """No minimum wage entered for the division and year: finality is never guessed."""

    code = "minimum_wage_missing"


# --- helpers --------------------------------------------------------------------------------------

def _today() -> datetime.date:
    return timezone.localdate()


def commission_of(org: Organization) -> Organization:
    """The commission whose numbers and arbitrators a case handled by `org` uses.

    An arbitration institute (仲裁院) is the working body of its commission (仲裁委员会): when the handling
    organisation's parent is an arbitration organisation, that parent is the commission (as in the demo's
    潍坊市劳动人事争议仲裁院 under 潍坊市劳动人事争议仲裁委员会); otherwise the organisation is its own
    commission (a county commission handling cases directly).
    """
    if org.kind != OrgKind.ARBITRATION:
        raise TransitionRefused(_("The case is not with an arbitration commission."), code="not_arbitration")
    parent = org.parent
    if parent is not None and parent.kind == OrgKind.ARBITRATION:
        return parent
    return org


def _received_on(case: Case) -> datetime.date:
    """The day the commission received the application: the latest referral of the case to arbitration."""
    offered = (
        CaseEvent.objects.filter(case=case, action="referral_offered", payload__purpose="arbitration")
        .order_by("-created_at", "-id").values_list("created_at", flat=True).first()
    )
    return timezone.localdate(offered) if offered else _today()


def _file_for(case: Case) -> ArbitrationFile:
    """The case's arbitration file, made on first use (the case row is locked by the caller)."""
    file = ArbitrationFile.objects.filter(case=case).select_related("commission").first()
    if file is None:
        file = ArbitrationFile.objects.create(
            case=case, commission=commission_of(case.owner_org), application_received_on=_received_on(case)
        )
    return file


def ensure_default_patterns(org: Organization, *, prefix: str | None = None) -> list[NumberPattern]:
    """Give the commission of `org` the usual accept/reject patterns where it has none (seed_demo calls this).

    Never overwrites a pattern an administrator has entered. Real commissions enter their own pattern in the
    admin: the defaults follow the common form of statutory-rules §2 (…劳人仲案字〔2026〕第N号).
    """
    return ensure_default_number_patterns(
        commission_of(org), kinds=(NumberKind.ACCEPT, NumberKind.REJECT), prefix=prefix
    )


# --- application review (办案规则 arts 29-31; LDMAL art 29) ------------------------------------

def application_request_completion(*, case_id: int, actor, items: list[str], version: int) -> ArbitrationFile:
    """The one notice of everything missing from the application (办案规则 art 29): a second is refused."""
    items = [inputs.stripped(i) for i in (items or [])]
    items = [i for i in items if i]
    if not items:
        raise ValidationFailed(fields={"items": [_("List what is missing from the application.")]})
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, RECORDERS, stages=(S.ARBITRATION_REVIEW,))
        file = _file_for(case)
        if file.completion_requested_on is not None:
            raise Conflict(
                _("Everything missing must be asked for at once: a completion notice was already given."),
                code="completion_already_requested",
            )
        file.completion_items, file.completion_requested_on = items, _today()
        file.save(update_fields=["completion_items", "completion_requested_on", "updated_at"])
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="completion_requested",
                     payload={"items": items}, is_public=True)
        members_follow(case, actor=actor, profile=profile, action="completion_requested", payload={"items": items})
        builders.issue(case, "completion_notice", builders.completion_notice(file), actor)
    return file


def application_complete(*, case_id: int, actor, version: int) -> ArbitrationFile:
    """The applicant supplied what was asked for: the acceptance period runs again from today (办案规则 arts 29, 46)."""
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, RECORDERS, stages=(S.ARBITRATION_REVIEW,))
        file = _file_for(case)
        if file.completion_requested_on is None:
            raise TransitionRefused(_("No completion notice was given."), code="completion_not_requested")
        if file.completed_on is not None:
            raise Conflict(_("The materials were already recorded as complete."), code="already_completed")
        file.completed_on = _today()
        file.save(update_fields=["completed_on", "updated_at"])
        bump_version(case, [])
        # "materials_completed" is the trigger the deadline rules restart on (deadlines/rules_data.py).
        event_append(case=case, actor=actor, profile=profile, action="materials_completed", is_public=True)
        members_follow(case, actor=actor, profile=profile, action="materials_completed")
    return file


def _summary_grounds(case: Case, *, facts_clear: bool, parties_agree: bool) -> list[str]:
    """Which of the summary-procedure conditions hold (办案规则 art 56; any one suffices)."""
    if case.is_collective:
        # A collective dispute is heard by three arbitrators (办案规则 art 62); summary procedure has one.
        raise ValidationFailed(
            fields={"procedure": [_("A collective dispute cannot use the summary procedure: it needs three arbitrators.")]}
        )
    grounds = []
    if facts_clear:
        grounds.append(SummaryGround.FACTS_CLEAR)
    amounts = [c.amount for c in case.claims.all()]
    if amounts and all(a is not None for a in amounts):
        if sum(amounts, Decimal("0")) <= parameter("summary_procedure_amount_limit"):
            grounds.append(SummaryGround.AMOUNT_WITHIN_LIMIT)
    if parties_agree:
        grounds.append(SummaryGround.PARTIES_AGREE)
    if not grounds:
        raise ValidationFailed(fields={"procedure": [_(
            "The summary procedure needs clear facts, an amount not above the province's previous-year average "
            "annual wage, or both parties' agreement."
        )]})
    return [str(g) for g in grounds]


def application_accept(
    *, case_id: int, actor, version: int, procedure: str = Procedure.ORDINARY, facts_clear: bool = False,
    parties_agree: bool = False,
) -> ArbitrationFile:
    """Accept the application (LDMAL art 29) and give the case its official number from the commission's pattern."""
    if procedure not in Procedure.values:
        raise ValidationFailed(fields={"procedure": [_("Choose the procedure.")]})
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS, stages=(S.ARBITRATION_REVIEW,))
        file = _file_for(case)
        grounds = _summary_grounds(case, facts_clear=facts_clear, parties_agree=parties_agree) \
            if procedure == Procedure.SUMMARY else []
        today = _today()
        number = next_number(issuer=file.commission, kind=NumberKind.ACCEPT, year=today.year)
        case = case_transition(case_id=case.pk, action="accept_application", actor=actor, expected_version=version,
                               via_service=True)
        file.case = case
        file.official_number, file.accepted_on = number, today
        file.procedure, file.summary_grounds = procedure, grounds
        file.save(update_fields=["official_number", "accepted_on", "procedure", "summary_grounds", "updated_at"])
        event_append(case=case, actor=actor, profile=profile, action="arbitration_number_assigned", is_public=True,
                     payload={"number": number, "kind": NumberKind.ACCEPT.value, "procedure": procedure})
        builders.issue(case, "acceptance_notice", builders.acceptance_notice(file), actor)
        builders.issue(case, "respond_notice", builders.respond_notice(file), actor)
    return file


def application_reject(*, case_id: int, actor, version: int, reason_code: str, reason: str) -> ArbitrationFile:
    """Refuse the application in writing (LDMAL art 29): the applicant may then sue directly."""
    errors = inputs.FieldErrors()
    if reason_code not in RejectionReason.values:
        errors.add("reason_code", _("Choose why the application is not accepted."))
    reason = inputs.reason(reason, errors)
    errors.raise_if_any()
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS, stages=(S.ARBITRATION_REVIEW,))
        file = _file_for(case)
        today = _today()
        number = next_number(issuer=file.commission, kind=NumberKind.REJECT, year=today.year)
        case = case_transition(case_id=case.pk, action="reject_application", actor=actor, expected_version=version,
                               reason_code=reason_code, reason=reason, via_service=True)
        file.case = case
        file.rejection_number, file.rejected_on = number, today
        file.rejection_reason_code, file.rejection_reason = reason_code, reason
        file.save(update_fields=["rejection_number", "rejected_on", "rejection_reason_code", "rejection_reason",
                                 "updated_at"])
        event_append(case=case, actor=actor, profile=profile, action="arbitration_number_assigned", is_public=True,
                     payload={"number": number, "kind": NumberKind.REJECT.value})
        builders.issue(case, "rejection_notice", builders.rejection_notice(file), actor)
    return file


def procedure_convert_to_ordinary(*, case_id: int, actor, version: int, reason: str) -> ArbitrationFile:
    """Summary to ordinary procedure. The 45 days still run from acceptance (办案规则 arts 56-61), so no restart event."""
    reason = inputs.reason(reason)
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS, stages=PROCEEDING_STATES)
        file = _file_for(case)
        if file.procedure != Procedure.SUMMARY:
            raise TransitionRefused(_("The case is not in the summary procedure."), code="not_summary")
        file.procedure, file.converted_to_ordinary_on, file.conversion_reason = Procedure.ORDINARY, _today(), reason
        file.save(update_fields=["procedure", "converted_to_ordinary_on", "conversion_reason", "updated_at"])
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action="procedure_converted", reason=reason,
                     payload={"to": Procedure.ORDINARY.value}, is_public=True)
        members_follow(case, actor=actor, profile=profile, action="procedure_converted", reason=reason,
                       payload={"to": Procedure.ORDINARY.value})
    return file


# --- the tribunal (LDMAL arts 31-33; 办案规则 art 62) -----------------------------------------

def active_members(file: ArbitrationFile):
    return file.tribunal_members.filter(removed_at__isnull=True).select_related("arbitrator")


def tribunal_is_complete(file: ArbitrationFile) -> bool:
    if not file.tribunal_kind:
        return False
    needed = 1 if file.tribunal_kind == TribunalKind.SOLE else 3
    return active_members(file).count() == needed


def _eligible_arbitrator(user, commission: Organization) -> bool:
    profile = getattr(user, "staff", None) if user is not None else None
    if profile is None or not user.is_active or profile.role != Role.ARBITRATOR:
        return False
    org = profile.organization
    return org.is_active and (org.pk == commission.pk or org.parent_id == commission.pk)


def tribunal_compose(*, case_id: int, actor, version: int, arbitrators: list, presiding=None) -> ArbitrationFile:
    """Compose the tribunal: a sole arbitrator or three with one presiding (LDMAL art 31).

    A collective dispute needs three (LDMAL art 7; 办案规则 art 62); the summary procedure has one. Every
    member is an arbitrator of the commission or one of its institutes. A complete tribunal is not
    recomposed; after a granted recusal the whole tribunal is composed again.
    """
    arbitrators = list(arbitrators or [])
    ids = [getattr(a, "pk", None) for a in arbitrators]
    if len(arbitrators) not in (1, 3) or None in ids or len(set(ids)) != len(ids):
        raise ValidationFailed(fields={"arbitrators": [_("Choose one arbitrator, or three different ones.")]})
    if presiding is None and len(arbitrators) == 1:
        presiding = arbitrators[0]
    if presiding is None or getattr(presiding, "pk", None) not in ids:
        raise ValidationFailed(fields={"presiding": [_("The presiding arbitrator must be one of the tribunal.")]})
    kind = TribunalKind.SOLE if len(arbitrators) == 1 else TribunalKind.THREE
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS, stages=PROCEEDING_STATES)
        file = _file_for(case)
        if case.is_collective and kind != TribunalKind.THREE:
            raise ValidationFailed(fields={"arbitrators": [_("A collective dispute is heard by three arbitrators.")]})
        if file.procedure == Procedure.SUMMARY and kind != TribunalKind.SOLE:
            raise ValidationFailed(fields={"arbitrators": [_("The summary procedure has a sole arbitrator.")]})
        if tribunal_is_complete(file):
            raise Conflict(_("The tribunal is already composed."), code="tribunal_complete")
        refused = [a for a in arbitrators if not _eligible_arbitrator(a, file.commission)]
        if refused:
            raise ValidationFailed(fields={"arbitrators": [_("%(names)s is not an arbitrator of this commission.") % {
                "names": "、".join(name_of(a) for a in refused)}]})
        recused = set(RecusalRequest.objects.filter(member__file=file, granted=True).values_list("member__arbitrator_id", flat=True))
        if recused & set(ids):
            raise ValidationFailed(fields={"arbitrators": [_("An arbitrator who was recused cannot sit again.")]})
        now = timezone.now()
        file.tribunal_members.filter(removed_at__isnull=True).update(removed_at=now, removal_reason=RemovalReason.RECOMPOSED)
        TribunalMember.objects.bulk_create(
            TribunalMember(file=file, arbitrator=a, is_presiding=a.pk == presiding.pk, appointed_by=actor)
            for a in arbitrators
        )
        file.tribunal_kind = kind
        file.save(update_fields=["tribunal_kind", "updated_at"])
        bump_version(case, [])
        composed = {"kind": kind.value, "arbitrators": [name_of(a) for a in arbitrators], "presiding": name_of(presiding)}
        event_append(case=case, actor=actor, profile=profile, action="tribunal_composed", is_public=True,
                     payload=composed)
        members_follow(case, actor=actor, profile=profile, action="tribunal_composed", payload=composed)
        builders.issue(case, "tribunal_notice", builders.tribunal_notice(file), actor)
    return file


def recusal_request(
    *, case_id: int, actor, version: int, arbitrator, ground: str, by_party: str, statement: str = ""
) -> RecusalRequest:
    """Record a request that a member of the tribunal withdraw, on a ground of LDMAL art 33."""
    errors = {}
    if ground not in RecusalGround.values:
        errors["ground"] = [_("Choose a ground for recusal.")]
    if by_party not in RecusalRequester.values:
        errors["by_party"] = [_("Say who asks for the recusal.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, RECORDERS, stages=PROCEEDING_STATES)
        file = _file_for(case)
        member = active_members(file).filter(arbitrator_id=getattr(arbitrator, "pk", None)).first()
        if member is None:
            raise ValidationFailed(fields={"arbitrator": [_("This arbitrator does not sit on the tribunal.")]})
        if RecusalRequest.objects.filter(member=member, decided_at__isnull=True).exists():
            raise Conflict(_("A recusal request for this arbitrator awaits a decision."), code="recusal_pending")
        recusal = RecusalRequest.objects.create(
            member=member, ground=ground, requested_by_party=by_party, statement=inputs.stripped(statement),
            recorded_by=actor,
        )
        bump_version(case, [])
        requested = {"recusal": recusal.pk, "ground": ground, "by": by_party, "arbitrator": name_of(member.arbitrator)}
        event_append(case=case, actor=actor, profile=profile, action="recusal_requested", is_public=True,
                     payload=requested)
        members_follow(case, actor=actor, profile=profile, action="recusal_requested", payload=requested)
    return recusal


def recusal_decide(*, case_id: int, actor, version: int, recusal_id: int, granted: bool, reason: str = "") -> RecusalRequest:
    """The commission's chair (here: a supervisor) decides; a granted recusal empties the seat.

    The decision is the chair's (办案规则 arts 10-11 [M]); the tribunal must then be composed again.
    """
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, (Role.SUPERVISOR,), stages=PROCEEDING_STATES)
        recusal = (
            # of=self: the member and the arbitrator's user row are read, not locked (a locked user row blocks
            # every write naming that person until commit).
            RecusalRequest.objects.select_for_update(of=("self",)).select_related("member__arbitrator")
            .filter(pk=recusal_id, member__file__case=case).first()
        )
        if recusal is None:
            raise NotFound(_("No such recusal request."))
        if recusal.decided_at is not None:
            raise Conflict(_("This recusal request has already been decided."), code="recusal_decided")
        now = timezone.now()
        recusal.granted, recusal.decided_at, recusal.decided_by = bool(granted), now, actor
        recusal.decision_reason = inputs.stripped(reason)
        recusal.save(update_fields=["granted", "decided_at", "decided_by", "decision_reason"])
        if granted:
            member = recusal.member
            member.removed_at, member.removal_reason = now, RemovalReason.RECUSED
            member.save(update_fields=["removed_at", "removal_reason"])
        bump_version(case, [])
        decided = {"recusal": recusal.pk, "granted": bool(granted), "arbitrator": name_of(recusal.member.arbitrator)}
        event_append(case=case, actor=actor, profile=profile, action="recusal_decided", is_public=True,
                     reason=recusal.decision_reason, payload=decided)
        members_follow(case, actor=actor, profile=profile, action="recusal_decided", reason=recusal.decision_reason,
                       payload=decided)
    return recusal


# --- awards (LDMAL arts 43, 47; SPC Interpretation (I) art 19) -------------------------------

@dataclass(frozen=True)
class Finality:
    is_final: bool
    ground: str
    threshold: Decimal | None
    wage: MinimumWage | None = None  # the row the threshold came from (its source and verified flag)


def minimum_wage_row(division_id: int, on_date: datetime.date) -> MinimumWage:
    """The division's monthly minimum wage in force on the day (selectors.minimum_wage_for); missing → refused."""
    wage = selectors.minimum_wage_for(division_id=division_id, on_date=on_date)
    if wage is None:
        name = Division.objects.filter(pk=division_id).values_list("name", flat=True).first() or division_id
        raise MinimumWageMissing(
            _("No minimum wage in force on %(date)s is entered for %(division)s: an administrator must enter it "
              "before an award can be marked final or not.") % {"division": name, "date": on_date.isoformat()}
        )
    return wage


def minimum_wage_threshold(division_id: int, on_date: datetime.date) -> Decimal:
    """12 × the division's monthly minimum wage in force on the day (LDMAL art 47(1)); missing → refused."""
    return minimum_wage_row(division_id, on_date).monthly_amount * int_parameter("final_award_minimum_wage_months")


def claim_finality(claim: Claim, on_date: datetime.date, *, amount: Decimal | None = None) -> Finality:
    """Whether the award on one claim item is final (终局), tested per item (SPC Interpretation (I) art 19).

    Money claims of LDMAL art 47(1) are final when the amount the award determines (`amount`, else the
    claim's own) does not exceed 12 × the monthly minimum wage in force in the case's division on the award's day;
    labour-standards disputes of art 47(2) are final whatever the amount; other claim types are not.
    """
    if claim.type in LABOUR_STANDARDS_TYPES:
        return Finality(True, FinalityGround.LABOUR_STANDARDS, None)
    if claim.type not in FINAL_MONEY_TYPES:
        return Finality(False, FinalityGround.OTHER_TYPE, None)
    amount = claim.amount if amount is None else amount
    if amount is None:
        raise ValidationFailed(fields={"awarded_amount": [_("A money claim needs the amount decided.")]})
    wage = minimum_wage_row(claim.case.division_id, on_date)
    threshold = wage.monthly_amount * int_parameter("final_award_minimum_wage_months")
    if amount <= threshold:
        return Finality(True, FinalityGround.WITHIN_THRESHOLD, threshold, wage)
    return Finality(False, FinalityGround.OVER_THRESHOLD, threshold, wage)


def claim_is_final(claim: Claim, on_date: datetime.date, *, amount: Decimal | None = None) -> bool:
    return claim_finality(claim, on_date, amount=amount).is_final


def _live_awards(file: ArbitrationFile):
    return file.awards.filter(superseded_at__isnull=True)


def group_claims(case: Case) -> dict[int, Claim]:
    """The claims the case's award decides: its own and, for the lead of a collective dispute, every member's
    (one award with an item per member's claim; each member's page shows its own items). Each claim carries
    its own case (the finality test reads the case's division)."""
    cases = {case.pk: case, **{m.pk: m for m in Case.objects.filter(lead=case).select_related("worker")}}
    claims = Claim.objects.filter(case_id__in=list(cases)).order_by("case_id", "id")
    for claim in claims:
        claim.case = cases[claim.case_id]
    return {c.pk: c for c in claims}


def _parse_award_items(case: Case, items: list[dict]) -> list[tuple[Claim, Decimal | None, str]]:
    claims = group_claims(case)
    parsed, seen = [], set()
    for i, item in enumerate(items or []):
        claim = claims.get(item.get("claim_id"))
        if claim is None or claim.pk in seen:
            raise ValidationFailed(fields={f"items.{i}.claim_id": [_("Choose a claim of this case, once.")]})
        seen.add(claim.pk)
        raw = item.get("awarded_amount")
        amount = None if raw in (None, "") else inputs.money(raw, f"items.{i}.awarded_amount")
        if amount is None and claim.type in FINAL_MONEY_TYPES:
            raise ValidationFailed(fields={f"items.{i}.awarded_amount": [_("A money claim needs the amount decided.")]})
        text = inputs.stripped(item.get("decision_text"))
        if not text:
            raise ValidationFailed(fields={f"items.{i}.decision_text": [_("Write the decision on this claim.")]})
        parsed.append((claim, amount, text))
    if not parsed:
        raise ValidationFailed(fields={"items": [_("An award decides at least one claim.")]})
    return parsed


# Generous limits: an award's reasoning runs to pages, but a runaway paste should not reach the PDF renderer.
AWARD_TEXT_LIMITS = {"findings": 20000, "reasoning": 20000, "legal_basis": 2000}


def _award_texts(*, findings, reasoning, legal_basis) -> dict[str, str]:
    """The facts found, the reasons and the provisions relied on (LDMAL art 46): each required."""
    errors = inputs.FieldErrors()
    texts = {
        field: inputs.text(value, field, errors, missing=missing, max_length=AWARD_TEXT_LIMITS[field])
        for field, value, missing in (
            ("findings", findings, _("State the facts the tribunal found.")),
            ("reasoning", reasoning, _("State the tribunal's reasons.")),
            ("legal_basis", legal_basis, _("Cite the legal provisions the award rests on.")),
        )
    }
    errors.raise_if_any()
    return texts


class AwardGroundMissing(TransitionRefused):
    """No held hearing to rest the award on: an award never states a hearing that did not happen."""

    code = "award_ground_missing"


def _award_ground(case: Case, hearing_id) -> tuple[str, object]:
    """The award's lawful ground: the held hearing named (or the case's latest held one) and how it went.

    A hearing still scheduled, postponed or cancelled is no ground (AWARD_GROUND_SOURCES lists the law).
    """
    hearings = Hearing.objects.filter(case=case)
    # After the court sent the case back (post_award_record), the claims are decided afresh on a new hearing:
    # a hearing an earlier, superseded award rested on is no ground.
    hearings = hearings.exclude(
        pk__in=Award.objects.filter(file__case=case, superseded_at__isnull=False, hearing__isnull=False)
        .values("hearing_id")
    )
    if hearing_id not in (None, ""):
        hearing = hearings.filter(pk=hearing_id).first() if str(hearing_id).isdigit() else None
        if hearing is None:
            raise ValidationFailed(fields={"hearing_id": [_("Choose a hearing of this case.")]})
        if hearing.state != HearingState.HELD:
            raise AwardGroundMissing(
                _("This hearing has not been held: record it as held before making an award on it."),
                code="hearing_not_held", fields={"hearing_id": [_("This hearing has not been held.")]},
            )
    else:
        hearing = hearings.filter(state=HearingState.HELD).order_by("-starts_at", "-id").first()
        if hearing is None:
            raise AwardGroundMissing(_(
                "An award needs a held hearing on the record (LDMAL arts 35-36): hold the hearing and record it, "
                "or record the respondent's absence after written notice, first."
            ))
    if hearing.applicant_absent:
        # LDMAL art 36: the applicant's absence is a withdrawal, never a ground for an award.
        raise AwardGroundMissing(_("The applicant was absent from this hearing: the application is treated as withdrawn."),
                                 code="applicant_absent")
    if hearing.respondent_absent:
        return AwardGround.DEFAULT_AFTER_NOTICE, hearing
    return AwardGround.HEARING_HELD, hearing


def award_issue(
    *, case_id: int, actor, version: int, items: list[dict], findings: str, reasoning: str, legal_basis: str,
    partial: bool = False, hearing_id: int | None = None,
) -> Award:
    """Record the award per claim item, each marked final or not; a final award closes the case.

    items: [{claim_id, awarded_amount (Decimal or text, yuan; may be omitted for non-money claims),
    decision_text}]. findings, reasoning, legal_basis: what the award states besides its items (LDMAL art 46),
    printed as 本委查明, 本委认为 and 根据…的规定; required for a partial award too, which is an award of its own.
    A partial award (先行裁决, LDMAL art 43) decides claims whose facts are already clear and leaves the case
    open; the final award must decide every claim not yet decided.
    hearing_id: the held hearing the award rests on (its ground, AwardGround); omitted, the case's latest held
    hearing. Without one the award is refused (AwardGroundMissing, 409).
    """
    texts = _award_texts(findings=findings, reasoning=reasoning, legal_basis=legal_basis)
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS)
        # The lifecycle makes the award from the hearing stage; a partial award may come earlier.
        require_stage(case, PROCEEDING_STATES if partial else (S.HEARING,))
        file = _file_for(case)
        if not tribunal_is_complete(file):
            raise TransitionRefused(_("Compose the tribunal before making an award."), code="tribunal_incomplete")
        ground, hearing = _award_ground(case, hearing_id)
        parsed = _parse_award_items(case, items)
        decided = set(AwardItem.objects.filter(award__in=_live_awards(file)).values_list("claim_id", flat=True))
        again = [c.pk for c, _a, _t in parsed if c.pk in decided]
        if again:
            raise ValidationFailed(fields={"items": [_("Some claims were already decided by an earlier award.")]})
        if not partial:
            left = set(group_claims(case)) - decided - {c.pk for c, _a, _t in parsed}
            if left:
                raise ValidationFailed(fields={"items": [_("The award must decide every claim not yet decided.")]})
        today = _today()
        finality = [claim_finality(claim, today, amount=amount) for claim, amount, _t in parsed]
        award = Award.objects.create(file=file, is_partial=partial, issued_on=today, issued_by=actor,
                                     ground=ground, hearing=hearing, **texts)
        AwardItem.objects.bulk_create(
            AwardItem(award=award, claim=claim, awarded_amount=amount, decision_text=text, is_final=f.is_final,
                      finality_ground=f.ground, final_threshold=f.threshold, minimum_wage=f.wage)
            for (claim, amount, text), f in zip(parsed, finality, strict=True)
        )
        summary = {
            "award": award.pk, "ground": ground, "hearing": hearing.pk,
            "items": [{"claim": c.pk, "case": c.case_id, "type": c.type, "amount": None if a is None else str(a),
                       "final": f.is_final}
                      for (c, a, _t), f in zip(parsed, finality, strict=True)],
        }
        if partial:
            bump_version(case, [])
            event_append(case=case, actor=actor, profile=profile, action="partial_award_issued", payload=summary,
                         is_public=True)
            # A collective dispute's partial award is every member's step: each member's timeline (and with it
            # its status page, arbitration.status_page.AFTER) records it, with that member's own items only.
            members_follow(case, actor=actor, profile=profile, action="partial_award_issued",
                           payload={"award": award.pk, "ground": ground, "hearing": hearing.pk},
                           payload_for=lambda m: {"items": [i for i in summary["items"] if i["case"] == m.pk]})
        else:
            case = case_transition(case_id=case.pk, action="award", actor=actor, expected_version=version,
                                   via_service=True)
            event_append(case=case, actor=actor, profile=profile, action="award_items_recorded", payload=summary,
                         notify=False)
            builders.issue(case, "award", builders.award(award), actor)
    return award


def mediation_statement_issue(*, case_id: int, actor, version: int, terms: str, amounts: list[dict]) -> MediationStatement:
    """Close the case with an arbitral mediation statement (LDMAL art 42).

    amounts: [{label, amount}] in yuan. The statement takes effect when both parties sign for it; the
    service of it is recorded by the documents track.
    """
    terms = inputs.stripped(terms)
    if not terms:
        raise ValidationFailed(fields={"terms": [_("Write the terms agreed.")]})
    rows = []
    for i, row in enumerate(amounts or []):
        label = inputs.stripped(row.get("label"))
        if not label:
            raise ValidationFailed(fields={f"amounts.{i}.label": [_("Say what the amount is for.")]})
        rows.append({"label": label, "amount": str(inputs.money(row.get("amount"), f"amounts.{i}.amount"))})
    total = sum((Decimal(r["amount"]) for r in rows), Decimal("0.00"))
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, DECIDERS, stages=PROCEEDING_STATES)
        file = _file_for(case)
        statement = MediationStatement.objects.create(
            file=file, terms=terms, amounts=rows, total=total, issued_on=_today(), issued_by=actor
        )
        case = case_transition(case_id=case.pk, action="settle", actor=actor, expected_version=version)
        event_append(case=case, actor=actor, profile=profile, action="mediation_statement_recorded", notify=False,
                     payload={"statement": statement.pk, "total": str(total)})
        builders.issue(case, "mediation_statement", builders.mediation_statement(statement, actor), actor)
    return statement


# --- after the award (裁审衔接, LDMAL arts 48-50) ------------------------------------------------

@dataclass(frozen=True)
class Window:
    days: int
    ends_on: datetime.date | None  # None: the calendar year is missing but the filing is in time anyway
    is_late: bool


def filing_window(*, received_on: datetime.date, filed_on: datetime.date, days: int) -> Window:
    """A calendar-day period from receipt of the award; a last day on a rest day moves to the next working day.

    Without the official calendar of the year the end falls in, the answer is given only where rolling
    forward cannot change it (filed on or before the unrolled last day); otherwise it is refused.
    """
    try:
        ends = WorkCalendar.load().add_calendar_days(received_on, days)
    except CalendarMissing as exc:
        if filed_on <= received_on + datetime.timedelta(days=days):
            return Window(days, None, False)
        raise ValidationFailed(
            _("The official calendar for %(year)s has not been entered: the filing window cannot be counted.")
            % {"year": exc.year}, code="calendar_missing",
        ) from None
    return Window(days, ends, filed_on > ends)


def award_is_final(award: Award) -> bool:
    """True when every item is final. An award mixing final and non-final items is treated as non-final when a
    party sues (SPC Interpretation (I) art 20 [M])."""
    flags = list(award.items.values_list("is_final", flat=True))
    return bool(flags) and all(flags)


def post_award_record(
    *, case_id: int, actor, version: int, kind: str, filed_on: datetime.date, by_party: str = "",
    award_received_on: datetime.date | None = None, court_name: str = "", court_case_number: str = "",
    court_outcome: str = "", reason: str = "",
) -> PostAwardRecord:
    """Record a suit (15 days, LDMAL arts 48, 50), an application to set aside (employer, 30 days, art 49) or
    the court's result. Late filings are recorded as late, never refused: the court decides on them.

    The windows run from the day the party received the award (`award_received_on`), the award date when
    that is not known. A court result that sends the case back to arbitration reopens it.
    """
    reason = inputs.stripped(reason)
    errors = {}
    if kind not in PostAwardKind.values:
        errors["kind"] = [_("Choose what is recorded.")]
    if not isinstance(filed_on, datetime.date):
        errors["filed_on"] = [_("Enter the date.")]
    if kind in (PostAwardKind.SUIT_FILED, PostAwardKind.SET_ASIDE_APPLIED) and by_party not in AwardParty.values:
        errors["by_party"] = [_("Say which party filed.")]
    if kind == PostAwardKind.SET_ASIDE_APPLIED and by_party == AwardParty.WORKER:
        errors["by_party"] = [_("Only the employer may apply to set aside a final award (LDMAL art 49).")]
    if kind == PostAwardKind.COURT_RESULT:
        if court_outcome not in CourtOutcome.values:
            errors["court_outcome"] = [_("Choose the court's result.")]
        elif court_outcome == CourtOutcome.REMITTED and not reason:
            errors["reason"] = [_("Give the court's reason for sending the case back.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if isinstance(filed_on, datetime.datetime) or filed_on > _today():
        raise ValidationFailed(fields={"filed_on": [_("The date cannot be in the future.")]})
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, RECORDERS)
        file = ArbitrationFile.objects.filter(case=case).first()
        award = _live_awards(file).filter(is_partial=False).order_by("-issued_on", "-id").first() if file else None
        if award is None:
            raise TransitionRefused(_("There is no award to record this against."), code="no_award")
        received = award_received_on or award.issued_on
        if received < award.issued_on or filed_on < award.issued_on:
            raise ValidationFailed(fields={"filed_on": [_("The date cannot be before the award.")]})
        window = None
        if kind == PostAwardKind.SET_ASIDE_APPLIED:
            if not award.items.filter(is_final=True).exists():
                raise ValidationFailed(fields={"kind": [_("Only a final award can be set aside.")]})
            window = filing_window(received_on=received, filed_on=filed_on, days=int_parameter("award_set_aside_days"))
        elif kind == PostAwardKind.SUIT_FILED:
            window = filing_window(received_on=received, filed_on=filed_on, days=int_parameter("award_suit_days"))
        record = PostAwardRecord.objects.create(
            file=file, award=award, kind=kind, by_party=by_party if kind != PostAwardKind.COURT_RESULT else "",
            filed_on=filed_on, award_received_on=received if window else None,
            window_days=window.days if window else None, window_ends_on=window.ends_on if window else None,
            is_late=window.is_late if window else False, court_name=inputs.stripped(court_name),
            court_case_number=inputs.stripped(court_case_number),
            court_outcome=court_outcome if kind == PostAwardKind.COURT_RESULT else "",
            reason=reason, recorded_by=actor,
        )
        if kind == PostAwardKind.COURT_RESULT and court_outcome == CourtOutcome.REMITTED:
            case = case_transition(case_id=case.pk, action="reopen_arbitration", actor=actor,
                                   expected_version=version, reason=reason, via_service=True)
            # The claims are decided afresh; the earlier awards stay on file as history.
            _live_awards(file).update(superseded_at=timezone.now())
        else:
            bump_version(case, [])
        recorded = {"record": record.pk, "kind": kind, "by": record.by_party, "filed_on": filed_on.isoformat(),
                    "late": record.is_late, "court_outcome": record.court_outcome,
                    "window_ends_on": record.window_ends_on and record.window_ends_on.isoformat()}
        event_append(case=case, actor=actor, profile=profile, action="post_award_recorded", reason=reason,
                     is_public=True, payload=recorded)
        members_follow(case, actor=actor, profile=profile, action="post_award_recorded", reason=reason,
                       payload=recorded)
    return record


# --- service of the application and the defence (LDMAL art 30) -------------------------------------

def service_record(*, case_id: int, actor, version: int, kind: str, on_date: datetime.date) -> Case:
    """Record that the application copy was served on the respondent (copy_served) or that the defence was
    received (defence_received): the facts the service and defence clocks wait for (LDMAL art 30)."""
    if kind not in ("copy_served", "defence_received"):
        raise ValidationFailed(fields={"kind": [_("Choose what was served or received.")]})
    if not isinstance(on_date, datetime.date) or on_date > timezone.localdate():
        raise ValidationFailed(fields={"on_date": [_("Enter a date that is not in the future.")]})
    with transaction.atomic():
        case, profile = lock_as_handler(case_id, actor, version, RECORDERS, stages=(S.ARBITRATION, S.HEARING))
        if kind == "defence_received" and not CaseEvent.objects.filter(case=case, action="copy_served").exists():
            raise TransitionRefused(_("The application copy has not been served yet."))
        if CaseEvent.objects.filter(case=case, action=kind).exists():
            raise Conflict(_("This has already been recorded."), code="already_recorded")
        bump_version(case, [])
        event_append(case=case, actor=actor, profile=profile, action=kind, is_public=True,
                     payload={"on_date": on_date.isoformat()})
        members_follow(case, actor=actor, profile=profile, action=kind, payload={"on_date": on_date.isoformat()})
    return case
