"""One-window intake: register a complaint once, warn of duplicates, flag collective disputes."""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import staff_of
from core.citations import cite
from core.errors import Conflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Role
from core.parameters import int_parameter
from core.refdata import division_by_id
from core.query_codes import hash_query_code, new_query_code, seal_query_code
from core import sqlbatch
from core.rows import fetch_row
from core.sequences import next_in_sequence, next_in_sequence_sql
from core.validators import (
    normalize_credit_code,
    normalize_id_number,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)
from disputes.choices import (
    ACTIVE_STATES,
    MONETARY_CLAIM_TYPES,
    Channel,
    ClaimType,
    Industry,
    Occupation,
)
from disputes.kit import inputs
from disputes.kit.inputs import FieldErrors, optional_money
from disputes.collective import collective_link, collective_representatives_set
from disputes.models import Case, CaseEvent, Claim, Employer, Evidence, Worker
from disputes import registry
from disputes.selectors import case_visible_to
from disputes.services import CASE_NUMBER_DIGITS, bump_version, case_number, event_append, event_build, event_recorded, lock_case  # noqa: F401
from deadlines.limitation import limitations_for

from .child_labour import WorkerUnderAge, child_labour, confirmation_needed
from .evidence import CheckedFile, check_evidence
from .selectors import open_cases_for_pair, parties_on_file
from .models import PendingReceipt
from .tasks import receipts_kick

INTAKE_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.LEGAL_AID)
MAX_CLAIMS = 30


@dataclass
class ComplaintInput:
    worker_name: str
    worker_id_number: str
    worker_phone: str
    worker_occupation: str
    worker_platform: str
    employer_name: str
    employer_credit_code: str
    employer_address: str
    employer_is_platform: bool
    employer_industry: str
    division_id: int | None
    channel: str
    facts: str
    violation_started_on: datetime.date | None
    violation_ended_on: datetime.date | None
    claims: list[dict] = field(default_factory=list)
    employment_ended_on: datetime.date | None = None
    # Required only when a limitation period has expired: why the window goes on (recorded on the case).
    limitation_reason: str = ""
    # Where the worker is also told each step by e-mail (optional), and whether the worker wants the messages.
    worker_email: str = ""
    worker_notices: bool = True
    # The clerk checked an ID number that makes the worker a child against the card (intake.child_labour).
    child_labour_confirmed: bool = False


@dataclass
class RegistrationResult:
    case: Case
    query_code: str | None
    linked: bool
    collective: bool


class PossibleDuplicate(Conflict):
    code = "possible_duplicate"

    def __init__(self, cases):
        self.cases = list(cases)
        super().__init__(
            _("This worker already has an open complaint against this employer. Link to it, or register anew."),
            code=self.code,
            fields={"candidates": [{"id": c.pk, "number": c.number, "status": c.status} for c in self.cases]},
        )


def _validate(data: ComplaintInput, today: datetime.date) -> dict:
    """Every field checked at once, so the clerk sees all mistakes in one pass."""
    errors = FieldErrors()
    err = errors.add

    def required(name, value, label):
        if value is None or (isinstance(value, str) and not value.strip()):
            err(name, _("%(field)s is required.") % {"field": label})
            return False
        return True

    for name, validator in (
        ("worker_id_number", validate_id_number),
        ("employer_credit_code", validate_credit_code),
        ("worker_phone", validate_mobile),
    ):
        value = getattr(data, name)
        if required(name, value, _("This field")):
            try:
                validator(value)
            except ValidationError as exc:
                for m in exc.messages:
                    err(name, m)
    if (data.worker_email or "").strip():
        try:
            validate_email(data.worker_email.strip())
        except ValidationError:
            err("worker_email", _("Enter a valid e-mail address."))
    required("worker_name", data.worker_name, _("The worker's name"))
    required("employer_name", data.employer_name, _("The employer's name"))
    required("employer_address", data.employer_address, _("The employer's address"))
    inputs.facts(data.facts, "facts", errors, missing=_("%(field)s is required.") % {"field": _("The facts")})
    if data.worker_occupation not in Occupation.values:
        err("worker_occupation", _("Choose the worker's occupation."))
    if data.employer_industry not in Industry.values:
        err("employer_industry", _("Choose the employer's industry."))
    if data.channel not in Channel.values or data.channel == Channel.OWN_INITIATIVE:
        err("channel", _("Choose the channel."))
    division = None
    if data.division_id:
        division = division_by_id(data.division_id)
    if division is None:
        err("division", _("Choose the county or district where the work is performed."))
    if data.violation_started_on is None:
        err("violation_started_on", _("Enter the date the violation began."))
    elif data.violation_started_on > today:
        err("violation_started_on", _("The violation cannot begin in the future."))
    if data.violation_ended_on and data.violation_started_on and data.violation_ended_on < data.violation_started_on:
        err("violation_ended_on", _("The end date is before the start date."))
    if data.violation_ended_on and data.violation_ended_on > today:
        err("violation_ended_on", _("The end date cannot be in the future."))
    if data.employment_ended_on and data.employment_ended_on > today:
        err("employment_ended_on", _("The end of employment cannot be in the future."))
    claims = []
    if not data.claims:
        err("claims", _("Add at least one claim."))
    if len(data.claims) > MAX_CLAIMS:
        err("claims", _("At most %(n)d claims.") % {"n": MAX_CLAIMS})
    for i, raw in enumerate(data.claims[:MAX_CLAIMS], start=1):
        ctype = (raw.get("type") or "").strip()
        if ctype not in ClaimType.values:
            err("claims", _("Claim %(i)d: choose a claim type.") % {"i": i})
            continue
        amount_errors = FieldErrors()
        amount = optional_money(raw.get("amount"), "amount", amount_errors)
        if amount_errors:
            errors.add_numbered("claims", i, amount_errors, _("Claim %(i)d: %(message)s"))
            continue
        if ctype in MONETARY_CLAIM_TYPES and amount is None:
            err("claims", _("Claim %(i)d: enter the amount claimed.") % {"i": i})
            continue
        claims.append({"type": ctype, "amount": amount, "description": (raw.get("description") or "").strip()[:500]})
    errors.raise_if_any()
    child = child_labour(data.worker_id_number, violation_started_on=data.violation_started_on, today=today)
    unconfirmed = child is not None and not data.child_labour_confirmed
    try:
        limits = _check_limitations(data, claims, today)
    except LimitationExpired as exc:
        if unconfirmed:  # both questions in one round
            exc.fields.update(confirmation_needed(child))
        raise
    if unconfirmed:
        raise WorkerUnderAge(_("The worker is under the minimum working age."), fields=confirmation_needed(child))
    return {"division": division, "claims": claims, "limits": limits, "child_labour": child}


class LimitationExpired(ValidationFailed):
    code = "limitation_expired"


def _check_limitations(data: ComplaintInput, claims: list[dict], today: datetime.date) -> dict:
    """Compute both limitation periods; an expired one needs a recorded reason to go on."""
    limits = {
        lim.track: lim
        for lim in limitations_for(
            violation_started_on=data.violation_started_on, violation_ended_on=data.violation_ended_on,
            employment_ended_on=data.employment_ended_on, claim_types={c["type"] for c in claims}, today=today,
        )
    }
    expired = [lim for lim in limits.values() if lim.expired]
    if expired and not (data.limitation_reason or "").strip():
        names = {"arbitration": _("arbitration (one year)"), "inspection": _("labour inspection (two years)")}
        messages = [
            _("The limitation period for %(track)s ended on %(date)s (%(source)s).")
            % {"track": names[lim.track], "date": lim.ends_on.isoformat(), "source": cite(lim.source)}
            for lim in expired
        ]
        messages.append(_("To register it anyway, record the reason (e.g. the period was interrupted)."))
        raise LimitationExpired(
            _("A limitation period has expired."), fields={"limitation_reason": messages}
        )
    return limits


def _upsert(model, known, key: str, value: str, fields: dict):
    """Write a party only when something changed: the big employers are named in many complaints at once,
    and rewriting an unchanged row would lock it (and queue the other windows) until this commit."""
    if known is not None:
        changed = {k: v for k, v in fields.items() if getattr(known, k) != v}
        if changed:
            model.objects.filter(pk=known.pk).update(**changed)
            for k, v in changed.items():
                setattr(known, k, v)
        return known
    # New to the system: an upsert in one statement, so two windows registering the same new person at once
    # both succeed (no savepoint, no retry).
    # PostgreSQL and SQLite both return the row's id, inserted or updated.
    (row,) = model.objects.bulk_create(
        [model(**{key: value}, **fields)], update_conflicts=True, unique_fields=[key], update_fields=list(fields),
    )
    return row


def _party_rows(data: ComplaintInput):
    """(model, key field, key value, other fields) of the worker and of the employer, as the complaint gives them."""
    return (
        (
            # Keyed by the ID number's blind index (the number itself is stored encrypted, core.crypto); the
            # phone's index goes with the phone, so an update of a known worker keeps both in step.
            Worker, "id_number_index", Worker.id_number_digest(data.worker_id_number),
            Worker.index_values(
                id_number=normalize_id_number(data.worker_id_number),
                name=data.worker_name.strip(),
                phone=data.worker_phone.strip(),
                occupation=data.worker_occupation,
                platform=(data.worker_platform or "").strip(),
                # Kept from an earlier complaint when this one gives none.
                **({"email": data.worker_email.strip()} if (data.worker_email or "").strip() else {}),
                exclude=("id_number_index",),
            ),
        ),
        (
            Employer, "credit_code", normalize_credit_code(data.employer_credit_code),
            {
                "name": data.employer_name.strip(),
                "address": data.employer_address.strip(),
                "is_platform": bool(data.employer_is_platform),
                "industry": data.employer_industry,
            },
        ),
    )


def _upsert_parties(parties, known=(None, None)) -> tuple[Worker, Employer]:
    """Write each party of _party_rows as _upsert does, given what parties_on_file found (None: not on file)."""
    worker, employer = (
        _upsert(model, on_file, key, value, fields) for (model, key, value, fields), on_file in zip(parties, known)
    )
    return worker, employer


def _store_claims_and_evidence(case, claims, files: list[CheckedFile], actor) -> None:
    Claim.objects.bulk_create([Claim(case=case, **c) for c in claims])
    _store_evidence(case, files, actor)


def _store_evidence(case, files: list[CheckedFile], actor) -> None:
    for f in files:
        ev = Evidence(
            case=case, original_name=f.name, content_type=f.content_type, size=f.size, sha256=f.sha256,
            uploaded_by=actor,
        )
        # Files are written last: a rollback after this point leaves at most an orphan file, never a row.
        ev.file.save(f.sha256, f.upload, save=False)
        ev.save()


def _flag_other_cases(case: Case, profile, actor, threshold: int) -> None:
    """Flag the employer's other open cases (the new one was created flagged) and record it on each."""
    newly = list(
        Case.objects.select_for_update()
        .filter(employer_id=case.employer_id, status__in=ACTIVE_STATES, is_collective=False)
        .exclude(pk=case.pk)
        .values_list("pk", flat=True)
    )
    if not newly:
        return
    Case.objects.filter(pk__in=newly).update(is_collective=True, version=F("version") + 1, updated_at=timezone.now())
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_id=pk, actor=actor, actor_org=profile.organization, actor_role=profile.role,
                action="collective_flagged", payload={"threshold": threshold}, is_public=False,
            )
            for pk in newly
        ]
    )


def _write_with_orm(*, case, parties, known, events, recorded, claims, receipt, year) -> None:
    """The registration's rows through the ORM (SQLite; the reference the one-statement path is tested against)."""
    case.worker, case.employer = _upsert_parties(parties, known)
    # A unique placeholder, replaced below before anyone else can see the row.
    case.number = f"~{uuid.uuid4().hex[:24]}"
    case.save(force_insert=True)
    CaseEvent.objects.bulk_create(events)
    Claim.objects.bulk_create(claims)
    receipt.case, receipt.issued_at = case, case.registered_at
    receipt.save(force_insert=True)
    for rows in _by_model(registry.fresh_case_rows(case=case, events=recorded)):
        type(rows[0]).objects.bulk_create(rows)
    # The gap-free number last: its counter row is shared by every window in the city and stays locked
    # until commit, so taking it first made each registration wait for all the others' inserts
    # under load. Now it is held only for these two statements and the commit.
    case.number = case_number(year, next_in_sequence("case", year))
    Case.objects.filter(pk=case.pk).update(number=case.number)


def _by_model(rows) -> list[list]:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(type(row), []).append(row)
    return list(grouped.values())


def _write_in_one_statement(*, case, parties, known, events, recorded, claims, receipt, year) -> None:
    """The same rows as _write_with_orm, sent to PostgreSQL as one statement (core.sqlbatch): new parties,
    the case with its final number (no placeholder to rewrite), its events, claims and pending receipt, and the
    rows other apps owe for its events (the worker's messages: disputes.registry.fresh_case_rows). The
    counter's row is locked by the statement's first clause and held until the commit that follows it.
    recorded: the events whose hooks run after the write (event_recorded), hence those other apps owe rows for."""
    clauses = []
    new_parties = {}
    for (model, key, value, fields), on_file, name, attr in zip(
        parties, known, ("ow_worker", "ow_employer"), ("worker", "employer")
    ):
        if on_file is not None:
            setattr(case, attr, _upsert(model, on_file, key, value, fields))
            continue
        row = model(**{key: value}, **fields)
        clauses.append(
            (name, sqlbatch.insert_sql([row], returning=["id"], update_conflicts_on=[key], update_fields=list(fields)))
        )
        # The case holds the unsaved party until the apps below have read it (the worker's phone).
        setattr(case, attr, row)
        new_parties[attr] = (name, row)
    owed = registry.fresh_case_rows(case=case, events=recorded)
    for attr, (name, row) in new_parties.items():
        setattr(case, f"{attr}_id", sqlbatch.returned(name))
    clauses.append(("ow_number", next_in_sequence_sql("case", year)))
    case.number = RawSQL(
        "(SELECT %s || CASE WHEN length(s.last::text) >= %s THEN s.last::text "
        "ELSE lpad(s.last::text, %s, '0') END FROM ow_number s)",
        (f"WF{year}", CASE_NUMBER_DIGITS, CASE_NUMBER_DIGITS),
    )
    clauses.append(("ow_case", sqlbatch.insert_sql([case], returning=["id", "number", "worker_id", "employer_id"])))
    for row in (*events, *claims):
        row.case_id = sqlbatch.returned("ow_case")
    clauses.append(("ow_events", sqlbatch.insert_sql(events, returning=["id"])))
    if claims:
        clauses.append(("ow_claims", sqlbatch.insert_sql(claims)))
    # registered_at was filled in (auto_now_add) when the case's INSERT was compiled above.
    receipt.case_id, receipt.issued_at = sqlbatch.returned("ow_case"), case.registered_at
    clauses.append(("ow_receipt", sqlbatch.insert_sql([receipt])))
    # Their references to the case and its events, as the rows those clauses returned (restored after).
    references = []
    for row in owed:
        for f in row._meta.concrete_fields:
            target = f.get_cached_value(row, None) if f.is_relation else None
            if target is case:
                references.append((row, f, target))
                setattr(row, f.attname, sqlbatch.returned("ow_case"))
            elif target is not None and (i := next((i for i, e in enumerate(events) if e is target), None)) is not None:
                references.append((row, f, target))
                setattr(row, f.attname, sqlbatch.returned("ow_events", row=i))
    for i, rows in enumerate(_by_model(owed)):
        clauses.append((f"ow_owed{i}", sqlbatch.insert_sql(rows)))
    sql, params = sqlbatch.with_statement(
        clauses,
        "SELECT c.id, c.number, c.worker_id, c.employer_id, (SELECT array_agg(e.id ORDER BY e.id) FROM ow_events e) "
        "FROM ow_case c",
    )
    case_id, case.number, worker_id, employer_id, event_ids = fetch_row(sql, params)
    sqlbatch.mark_saved(case, case_id)
    for attr, row_id in (("worker", worker_id), ("employer", employer_id)):
        if attr in new_parties:
            setattr(case, attr, sqlbatch.mark_saved(new_parties[attr][1], row_id))
    for rows, ids in ((events, event_ids), (claims, [None] * len(claims))):
        for row, row_id in zip(rows, ids):
            row.case = case
            if row_id is not None:
                sqlbatch.mark_saved(row, row_id)
    receipt.case = case
    sqlbatch.mark_saved(receipt)
    for row, f, target in references:
        setattr(row, f.name, target)
    for row in owed:
        sqlbatch.mark_saved(row)


def complaint_register(
    *, actor, data: ComplaintInput, evidence_files=(), link_to_case_id: int | None = None, force_new: bool = False
) -> RegistrationResult:
    """Register a complaint once, for every track. The receiver becomes the first-responsible handler."""
    profile = staff_of(actor)
    if profile.role not in INTAKE_ROLES:
        raise PermissionDenied(_("Your role may not register complaints."))
    today = timezone.localdate()
    clean = _validate(data, today)
    files = check_evidence(evidence_files)

    if link_to_case_id is not None:
        return _link_complaint(actor=actor, profile=profile, data=data, clean=clean, files=files, case_id=link_to_case_id)

    # The warning spans every organisation (one window for the whole city) but shows only the number, the
    # stage and the handling organisation; linking needs access to the case (see _link_complaint).
    threshold = int_parameter("collective_dispute_min_workers")
    on_file = parties_on_file(
        normalize_id_number(data.worker_id_number), normalize_credit_code(data.employer_credit_code),
        enough=threshold - 1,
    )
    known = (on_file.worker, on_file.employer)
    candidates = open_cases_for_pair(*known)
    if candidates and not force_new:
        raise PossibleDuplicate(candidates)

    code = new_query_code()
    collective = on_file.other_workers + 1 >= threshold
    case = Case(
        query_code_hash=hash_query_code(code),
        division=clean["division"],
        channel=data.channel,
        facts=data.facts.strip(),
        violation_started_on=data.violation_started_on,
        violation_ended_on=data.violation_ended_on,
        employment_ended_on=data.employment_ended_on,
        arbitration_limitation_ends_on=clean["limits"]["arbitration"].ends_on,
        inspection_limitation_ends_on=clean["limits"]["inspection"].ends_on,
        limitation_override_reason=(data.limitation_reason or "").strip()
        if any(lim.expired for lim in clean["limits"].values()) else "",
        first_handler=actor,
        first_handler_org=profile.organization,
        owner_org=profile.organization,
        owner_user=actor,
        # A deliberate second case stays connected to the open one, so neither team works blind.
        related_case=candidates[0] if candidates else None,
        is_collective=collective,
    )
    registered = event_build(
        case=case, actor=actor, profile=profile, action="registered", to_state=case.status, is_public=True,
        payload={
            "channel": data.channel, "claims": len(clean["claims"]), "evidence": len(files),
            "limitation_expired": sorted(t for t, lim in clean["limits"].items() if lim.expired),
            # Read by whoever sends the worker's text messages (the notifications app records the choice).
            **({} if data.worker_notices else {"worker_notices": "declined"}),
        },
        reason=case.limitation_override_reason,
    )
    events = [registered]
    if collective:
        events.append(event_build(
            case=case, actor=actor, profile=profile, action="collective_flagged", payload={"threshold": threshold},
        ))
    if clean["child_labour"] is not None:
        events.append(event_build(
            case=case, actor=actor, profile=profile, action="child_labour_flagged",
            payload=clean["child_labour"].payload(),
        ))
    claims = [Claim(case=case, **c) for c in clean["claims"]]
    # The receipt is dated with the registration (issued_at is filled in with registered_at by the write).
    receipt = PendingReceipt(sealed_code=seal_query_code(code), issued_by=actor)
    registered.pending_receipt = receipt  # read by the worker's text message (intake.registrations)
    write = _write_in_one_statement if sqlbatch.supported() else _write_with_orm
    with transaction.atomic():
        write(
            case=case, parties=_party_rows(data), known=known, events=events, recorded=[registered], claims=claims,
            receipt=receipt, year=today.year,
        )
        event_recorded(registered, fresh_case=True, notify=False)
        if collective and on_file.unflagged:
            _flag_other_cases(case, profile, actor, threshold)
        _store_evidence(case, files, actor)
        transaction.on_commit(receipts_kick)
    return RegistrationResult(case=case, query_code=code, linked=False, collective=collective)


def _link_complaint(*, actor, profile, data, clean, files, case_id) -> RegistrationResult:
    """Add this complaint's claims and evidence to the worker's open case instead of duplicating it."""
    with transaction.atomic():
        case = lock_case(case_id, None)
        same_pair = (
            case.worker.id_number == normalize_id_number(data.worker_id_number)
            and case.employer.credit_code == normalize_credit_code(data.employer_credit_code)
        )
        if not case_visible_to(actor, case.pk):
            raise NotFound()
        if not same_pair or case.status not in ACTIVE_STATES:
            raise ValidationFailed(fields={"link_to_case": [_("Only an open case of the same worker and employer can be linked.")]})
        _upsert_parties(_party_rows(data))
        _store_claims_and_evidence(case, clean["claims"], files, actor)
        Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
        case.version += 1
        event_append(
            case=case, actor=actor, profile=profile, action="complaint_linked", is_public=True,
            reason=data.facts.strip(), payload={"channel": data.channel, "claims": len(clean["claims"]), "evidence": len(files)},
        )
    return RegistrationResult(case=case, query_code=None, linked=True, collective=case.is_collective)


def case_reissue_query_code(*, case_id: int, actor) -> tuple[Case, str]:
    """A new query code (the old one stops working), for a worker who lost the receipt."""
    profile = staff_of(actor)
    code = new_query_code()
    with transaction.atomic():
        # The pending receipt's row before the case's: the order the renderer takes them in (intake.receipt).
        list(PendingReceipt.objects.select_for_update().filter(case_id=case_id))
        case = lock_case(case_id, None)
        if profile.organization_id not in (case.owner_org_id, case.first_handler_org_id):
            raise NotFound()
        if case.worker_id is None:
            raise TransitionRefused(_("A case without a complainant has no query code or receipt."),
                                    code="no_complainant")
        case.query_code_hash = hash_query_code(code)
        bump_version(case, ["query_code_hash"])
        event_append(case=case, actor=actor, profile=profile, action="query_code_reissued", notify=False)
        # Replaces a receipt of the old code still waiting to be rendered: it must never be printed.
        now = timezone.now()
        PendingReceipt.objects.update_or_create(
            case=case, defaults={"sealed_code": seal_query_code(code), "issued_at": now, "issued_by": actor, "created_at": now},
        )
        transaction.on_commit(receipts_kick)
    return case, code


# --- a collective dispute registered at once from one list of workers ----------------------------------


MAX_GROUP_WORKERS = 500
# The service's field names of a worker's own data, and the names a group's list gives them.
_WORKER_FIELDS = {"worker_name": "name", "worker_id_number": "id_number", "worker_phone": "phone",
                  "worker_email": "email", "claims": "claims"}


@dataclass
class GroupWorker:
    """One worker of a collective complaint: who they are and what they claim (types and amounts of their own)."""

    name: str
    id_number: str
    phone: str
    claims: list[dict] = field(default_factory=list)
    representative: bool = False


@dataclass
class CollectiveRegistration:
    lead: Case
    results: list[RegistrationResult]


def _group_worker_input(data: ComplaintInput, worker: GroupWorker) -> ComplaintInput:
    return dataclasses.replace(
        data, worker_name=worker.name, worker_id_number=worker.id_number, worker_phone=worker.phone,
        worker_email="", claims=list(worker.claims),
    )


def _group_errors(errors: FieldErrors, i: int, exc: ValidationFailed) -> None:
    """A worker's errors under workers.<i>.<field>; the common part's under their own names (once)."""
    for name, messages in exc.fields.items():
        key = f"workers.{i}.{_WORKER_FIELDS[name]}" if name in _WORKER_FIELDS else name
        for message in messages if isinstance(messages, list) else [messages]:
            if str(message) not in errors.get(key, []):
                errors.add(key, str(message))


def collective_register(
    *, actor, data: ComplaintInput, workers: list[GroupWorker], evidence_files=(),
) -> CollectiveRegistration:
    """Register the complaints of several workers against one employer, on one set of facts, as one collective
    dispute (disputes.collective): a case per worker (their own claims, receipt and query code), the first the
    lead, the others its members, and the representatives they elected (LDMAL art 7). All or nothing; every
    mistake of every worker is reported at once (workers.<i>.<field>). A worker who already has an open
    complaint against the employer is refused here: add that case to the group from the lead's page."""
    profile = staff_of(actor)
    if profile.role not in INTAKE_ROLES:
        raise PermissionDenied(_("Your role may not register complaints."))
    errors = FieldErrors()
    if len(workers) < 2:
        errors.add("workers", _("List at least two workers: one complaint is registered on its own."))
    if len(workers) > MAX_GROUP_WORKERS:
        errors.add("workers", _("At most %(n)d workers at once.") % {"n": MAX_GROUP_WORKERS})
    errors.raise_if_any()
    today = timezone.localdate()
    seen: dict[str, int] = {}
    for i, worker in enumerate(workers):
        try:
            _validate(_group_worker_input(data, worker), today)
        except ValidationFailed as exc:
            _group_errors(errors, i, exc)
            continue
        number = normalize_id_number(worker.id_number)
        if number in seen:
            errors.add(f"workers.{i}.id_number", _("The same ID number is listed twice (worker %(n)d).")
                       % {"n": seen[number] + 1})
            continue
        seen[number] = i
        on_file = parties_on_file(number, normalize_credit_code(data.employer_credit_code), enough=0)
        open_cases = open_cases_for_pair(on_file.worker, on_file.employer, limit=1)
        if open_cases:
            errors.add(f"workers.{i}.id_number", _(
                "This worker already has an open complaint against this employer (%(number)s): register the others "
                "and add that case to the group from the lead case's page.") % {"number": open_cases[0].number})
    errors.raise_if_any()
    files = check_evidence(evidence_files)
    with transaction.atomic():
        results = [
            complaint_register(actor=actor, data=_group_worker_input(data, worker), evidence_files=files if i == 0 else ())
            for i, worker in enumerate(workers)
        ]
        lead = results[0].case
        collective_link(case_id=lead.pk, actor=actor, member_ids=[r.case.pk for r in results[1:]],
                        note=_("Registered together at the window."))
        chosen = [r.case.worker_id for r, w in zip(results, workers, strict=True) if w.representative]
        if chosen:
            collective_representatives_set(case_id=lead.pk, actor=actor, workers=chosen)
    # As they are now: each is in the group (the registration's copies were written before the link).
    now = Case.objects.select_related("worker", "owner_org").in_bulk([r.case.pk for r in results])
    for r in results:
        r.case = now[r.case.pk]
    return CollectiveRegistration(lead=results[0].case, results=results)
