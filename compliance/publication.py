"""The publication of major labour-protection violations (MOHRSS Order 29): the quarter's list, each step one
service, and the reads of the staff page, the public page and the employer's compliance file.

- **Who**: a supervisor of a labour-inspection body (prefecture or county: both publish quarterly) assembles,
  reviews, approves and publishes its own list. Order 29 makes the publication the department's act and names
  no internal approver; the system's one role above the inspectors is the supervisor, so approval is a
  supervisor's, possibly the one who assembled the list. Approval is still its own step: it freezes the entries
  (and checks them once more), and what is published is what was approved.
- **What**: the cases the body handles with a decision dated in the quarter: orders to correct, penalty
  decisions, wage-arrears listings (Order 45). One candidate per case, prefilled from those records; the
  supervisor includes it (category, texts complete) or excludes it with a reason. "Major" is the supervisor's
  judgement, never the system's.
- **Never personal data** (art 6): the texts are prefilled with the names of the case's workers and of those
  who gave statements replaced by "X某", and ID-number- or phone-like digits removed; a text still holding
  any of them is refused when saved and again when the list is approved.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import OrgKind, Role
from disputes.kit.inputs import FieldErrors
from disputes.models import Case
from disputes.registry import EmployerRecord
from inspection.models import ComplianceRecord, CorrectionItem, CorrectionOrder, PenaltyProposal, ProposalState
from inspection.models import Statement

from .models import BlacklistListing, ListingState
from .publication_models import (
    EntryDecision,
    Publication,
    PublicationCategory,
    PublicationEntry,
    PublicationState,
)

PUBLISHER_ROLES = (Role.SUPERVISOR,)
READER_ROLES = (Role.SUPERVISOR, Role.INSPECTOR)


# --- quarters ---------------------------------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The quarter's first day and the day after its last."""
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, end


def last_ended_quarter(today: datetime.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3  # the one before the current quarter
    return (today.year, quarter) if quarter else (today.year - 1, 4)


# --- personal data --------------------------------------------------------------------------------------

# Citizen ID numbers (18 characters, or the old 15 digits) and phone numbers (mobile, or a landline with its
# area code), standing alone: a credit code (letters among its 18 characters) or an amount is not matched.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
REMOVED = "＊＊"


# In a prefilled text, the number goes with the words that announce it ("身份证号：", "联系电话").
ID_LABEL = re.compile(r"(?:公民)?身份证(?:号码|号)?[:：]?\s*$")
PHONE_LABEL = re.compile(r"(?:联系)?(?:电话|手机)(?:号码|号)?[:：]?\s*$")


def _remove(pattern, label, text: str) -> str:
    out, at = [], 0
    for match in pattern.finditer(text):
        before = text[at:match.start()]
        out.append(label.sub("", before))
        out.append(REMOVED)
        at = match.end()
    return "".join(out) + text[at:]


def _scrub(text: str, names) -> str:
    text = _remove(ID_NUMBER, ID_LABEL, text or "")
    text = _remove(PHONE, PHONE_LABEL, text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, name[0] + "某")
    return text


def without_personal_numbers(text: str) -> str:
    """The text without ID- or phone-like numbers (and the words announcing them): for readers outside the case."""
    return _scrub(text, ())


def personal_data_in(text: str, names) -> list[str]:
    """What in `text` must not be published: an ID number, a phone number, the name of a person of the case."""
    found = []
    if ID_NUMBER.search(text or ""):
        found.append(str(gettext_lazy("an ID number")))
    if PHONE.search(text or ""):
        found.append(str(gettext_lazy("a phone number")))
    found += [name for name in names if name in (text or "")]
    return found


def _protected_names(case_ids) -> dict[int, set[str]]:
    """Per case: the worker's name and the names of those who gave statements (two letters or more: a one-letter
    name would match inside any word)."""
    names: dict[int, set[str]] = defaultdict(set)
    for case_id, name in Case.objects.filter(pk__in=case_ids).values_list("pk", "worker__name"):
        names[case_id].add(name)
    for case_id, name in Statement.objects.filter(case_id__in=case_ids).values_list("case_id", "name"):
        names[case_id].add(name)
    return {k: {n.strip() for n in v if n and len(n.strip()) >= 2} for k, v in names.items()}


# --- candidates -------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    case: Case
    decided_on: datetime.date
    facts: list
    handling: list
    keys: list  # "listing:<ground>", "penalty:<article>", "order:<item kind>", most serious first


def _money(amount) -> str:
    return f"{amount:,.2f}"


def _candidates(org, start: datetime.date, end: datetime.date) -> dict[int, _Candidate]:
    """The cases the body handles with a decision dated in [start, end): a constant number of queries."""
    found: dict[int, dict] = defaultdict(lambda: {"on": [], "facts": [], "handling": [], "keys": []})
    in_org = Q(case__owner_org=org)
    for case_id, ground, number, on, reason in BlacklistListing.objects.filter(
        in_org, state__in=(ListingState.LISTED, ListingState.REMOVED), decided_on__gte=start, decided_on__lt=end,
    ).values_list("case_id", "ground", "decision_number", "decided_on", "reason"):
        c = found[case_id]
        c["on"].append(on)
        c["keys"].insert(0, f"listing:{ground}")
        c["facts"].append(reason)
        c["handling"].append(_("Listed as a serious wage-arrears defaulter (%(number)s, MOHRSS Order 45).")
                             % {"number": number or "—"})
    for case_id, article, amount, number, on, facts in PenaltyProposal.objects.filter(
        in_org, state=ProposalState.DECIDED, decided_on__gte=start, decided_on__lt=end,
    ).values_list("case_id", "article", "amount", "decision_number", "decided_on", "facts"):
        c = found[case_id]
        c["on"].append(on)
        c["keys"].append(f"penalty:{article}")
        if facts:
            c["facts"].append(facts)
        c["handling"].append(_("Penalty decision %(number)s: %(amount)s yuan (监察条例 art %(article)s).")
                             % {"number": number or "—", "amount": _money(amount), "article": article})
    orders = list(CorrectionOrder.objects.filter(in_org, issued_on__gte=start, issued_on__lt=end).values_list(
        "pk", "case_id", "number", "issued_on", "due_on", "workers_covered", "findings"))
    items = defaultdict(list)
    for order_id, kind, label_amount, workers in CorrectionItem.objects.filter(
        order_id__in=[o[0] for o in orders]
    ).values_list("order_id", "kind", "amount", "workers"):
        items[order_id].append((kind, label_amount, workers))
    for order_id, case_id, number, issued, due, workers, findings in orders:
        c = found[case_id]
        c["on"].append(issued)
        c["keys"] += [f"order:{kind}" for kind, _a, _w in items[order_id]]
        total = sum((a for _k, a, _w in items[order_id]), start=0)
        if findings:
            c["facts"].append(findings)
        if total:
            c["facts"].append(_("%(amount)s yuan owed to %(workers)s workers.")
                              % {"amount": _money(total), "workers": workers})
        c["handling"].append(_("Ordered to correct by %(due)s (%(number)s).")
                             % {"due": due.isoformat(), "number": number or "—"})
    not_complied = set(ComplianceRecord.objects.filter(case_id__in=list(found), complied=False)
                       .values_list("case_id", flat=True))
    cases = Case.objects.filter(pk__in=list(found)).select_related("employer").only(
        "pk", "number", "facts", "employer__name", "employer__credit_code", "employer__address")
    out = {}
    for case in cases:
        c = found[case.pk]
        if case.pk in not_complied:
            c["handling"].append(_("The order was not complied with by its deadline."))
        out[case.pk] = _Candidate(case=case, decided_on=max(c["on"]), facts=c["facts"] or [case.facts],
                                  handling=c["handling"], keys=c["keys"])
    return out


def _suggested_category(keys, categories) -> PublicationCategory | None:
    """The category the most serious record suggests (listing, then penalty, then order), by the data."""
    for key in keys:
        for category in categories:
            if key in (category.suggested_for or []):
                return category
    return None


def _legal_representatives(employer_ids) -> dict[int, str]:
    """The legal representative (or person in charge) named in a wage-arrears listing of the employer."""
    found = {}
    for employer_id, persons in BlacklistListing.objects.filter(employer_id__in=employer_ids).order_by(
            "-proposed_at").values_list("employer_id", "responsible_persons"):
        for person in persons or []:
            if employer_id not in found and ("法定代表人" in person.get("role", "") or "负责人" in person.get("role", "")):
                found[employer_id] = person.get("name", "")
    return found


# --- services ---------------------------------------------------------------------------------------------


def _publisher(actor):
    profile = staff_of(actor)
    if profile.role not in PUBLISHER_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        raise PermissionDenied(_("Only a supervisor of a labour-inspection body assembles and publishes its list."))
    return profile


def publication_assemble(*, actor, year: int, quarter: int, today: datetime.date | None = None) -> Publication:
    """The quarter's list, its candidates prefilled from the decided cases; run again on a list still being
    reviewed, it adds the cases decided since (what was reviewed stays)."""
    today = today or timezone.localdate()
    profile = _publisher(actor)
    errors = FieldErrors()
    if quarter not in (1, 2, 3, 4):
        errors.add("quarter", _("Choose a quarter from 1 to 4."))
    if not 2000 <= year <= today.year:
        errors.add("year", _("Enter a year up to this one."))
    errors.raise_if_any()
    start, end = quarter_bounds(year, quarter)
    if end > today:
        raise ValidationFailed(fields={"quarter": [_("The quarter has not ended yet: its list is assembled after it.")]},
                               code="quarter_not_ended")
    org = profile.organization
    with transaction.atomic():
        try:
            with transaction.atomic():
                publication, _created = Publication.objects.get_or_create(
                    organization=org, year=year, quarter=quarter, defaults={"assembled_by": actor})
        except IntegrityError:  # assembled at the same moment by another supervisor
            publication = Publication.objects.get(organization=org, year=year, quarter=quarter)
        publication = Publication.objects.select_for_update().get(pk=publication.pk)
        if publication.state != PublicationState.DRAFT:
            raise Conflict(_("This quarter's list is already approved; it can no longer change."),
                           code="publication_frozen")
        have = set(publication.entries.values_list("case_id", flat=True))
        candidates = {k: v for k, v in _candidates(org, start, end).items() if k not in have}
        categories = list(PublicationCategory.objects.filter(active=True))
        names = _protected_names(list(candidates))
        representatives = _legal_representatives({c.case.employer_id for c in candidates.values()})
        PublicationEntry.objects.bulk_create([
            PublicationEntry(
                publication=publication, case=c.case, employer=c.case.employer, decided_on=c.decided_on,
                category=_suggested_category(c.keys, categories),
                employer_name=c.case.employer.name, credit_code=c.case.employer.credit_code,
                address=c.case.employer.address,
                legal_representative=representatives.get(c.case.employer_id, ""),
                facts=_scrub("\n".join(dict.fromkeys(c.facts)), names.get(case_id, ())),
                handling=_scrub("\n".join(c.handling), names.get(case_id, ())),
            )
            for case_id, c in sorted(candidates.items(), key=lambda kv: (kv[1].decided_on, kv[0]))
        ])
        if candidates or not have:
            _bump(publication, publication.version)
    return Publication.objects.get(pk=publication.pk)


def _bump(publication: Publication, version: int | None, **changes) -> None:
    """Write `changes` with version + 1 where the version is still the client's: a stale one is a 409."""
    rows = Publication.objects.filter(pk=publication.pk, version=version).update(version=version + 1, **changes) \
        if version is not None else 0
    if rows != 1:
        raise Conflict(_("Someone else changed this list after you opened it. Reload it and try again."))


def _locked(publication_id: int, actor, states=(PublicationState.DRAFT,)):
    profile = _publisher(actor)
    publication = Publication.objects.select_for_update().filter(pk=publication_id).first()
    if publication is None or publication.organization_id != profile.organization_id:
        raise NotFound()
    if publication.state not in states:
        raise Conflict(_("This step is not possible in the list's present state (%(state)s).")
                       % {"state": publication.get_state_display()}, code="publication_state")
    return publication, profile


ENTRY_CHECKED = ("id", "case", "case__number", "decision", "exclusion_reason", "category", "employer_name",
                 "address", "legal_representative", "facts", "handling")


def _check_entry(entry: PublicationEntry, names, errors: FieldErrors, prefix: str = "") -> None:
    if entry.decision == EntryDecision.EXCLUDED:
        if not entry.exclusion_reason.strip():
            errors.add(prefix + "exclusion_reason", _("State why the case is not published."))
        return
    if entry.decision != EntryDecision.INCLUDED:
        errors.add(prefix + "decision", _("Include or exclude the case."))
        return
    if entry.category_id is None:
        errors.add(prefix + "category", _("Choose the category of the violation (Order 29)."))
    required = {"employer_name": entry.employer_name, "address": entry.address,
                "legal_representative": entry.legal_representative, "facts": entry.facts, "handling": entry.handling}
    for field, value in required.items():
        if not (value or "").strip():
            errors.add(prefix + field, _("Order 29 publishes this: fill it in."))
    for field in ("employer_name", "address", "facts", "handling"):
        found = personal_data_in(getattr(entry, field), names)
        if found:
            errors.add(prefix + field, _("Personal data must not be published; remove: %(what)s.")
                       % {"what": "、".join(found)})
    if ID_NUMBER.search(entry.legal_representative) or PHONE.search(entry.legal_representative):
        errors.add(prefix + "legal_representative", _("The name only: no ID or phone number."))


def publication_entry_review(
    *, entry_id: int, actor, version: int | None, decision: str, category_id: int | None = None,
    employer_name: str = "", address: str = "", legal_representative: str = "", facts: str = "",
    handling: str = "", exclusion_reason: str = "",
) -> PublicationEntry:
    """Include an entry (category and texts as they will be published) or exclude it with a reason."""
    if decision not in (EntryDecision.INCLUDED, EntryDecision.EXCLUDED):
        raise ValidationFailed(fields={"decision": [_("Include or exclude the case.")]})
    with transaction.atomic():
        entry = PublicationEntry.objects.filter(pk=entry_id).first()
        if entry is None:
            raise NotFound()
        publication, _profile = _locked(entry.publication_id, actor)
        if category_id is not None and not PublicationCategory.objects.filter(pk=category_id, active=True).exists():
            raise ValidationFailed(fields={"category": [_("Choose the category of the violation (Order 29).")]})
        entry.decision, entry.category_id = decision, category_id
        entry.employer_name, entry.address = employer_name.strip(), address.strip()
        entry.legal_representative, entry.facts = legal_representative.strip(), facts.strip()
        entry.handling = handling.strip()
        entry.exclusion_reason = exclusion_reason.strip() if decision == EntryDecision.EXCLUDED else ""
        errors = FieldErrors()
        _check_entry(entry, _protected_names([entry.case_id]).get(entry.case_id, ()), errors)
        errors.raise_if_any()
        entry.reviewed_by = actor
        _bump(publication, version)
        entry.save()
    return entry


def publication_approve(*, publication_id: int, actor, version: int | None) -> Publication:
    """Approve the reviewed list: every entry decided, every included one complete and free of personal data."""
    with transaction.atomic():
        publication, _profile = _locked(publication_id, actor)
        entries = list(publication.entries.select_related("case").only(*ENTRY_CHECKED))
        names = _protected_names([e.case_id for e in entries])
        errors = FieldErrors()
        for entry in entries:
            own = FieldErrors()
            _check_entry(entry, names.get(entry.case_id, ()), own)
            for messages in own.values():
                for message in messages:
                    errors.add(f"entry_{entry.pk}", f"{entry.case.number}：{message}")
        if errors:
            raise ValidationFailed(_("Some entries are not ready to publish."), fields=dict(errors),
                                   code="entries_not_ready")
        _bump(publication, version, state=PublicationState.APPROVED, approved_by=actor, approved_at=timezone.now())
    return Publication.objects.get(pk=publication.pk)


def publication_publish(*, publication_id: int, actor, version: int | None) -> Publication:
    """Publish the approved list on the public page (and its PDF and Excel); its entries enter the employers'
    compliance files."""
    with transaction.atomic():
        publication, _profile = _locked(publication_id, actor, states=(PublicationState.APPROVED,))
        _bump(publication, version, state=PublicationState.PUBLISHED, published_by=actor,
              published_on=timezone.localdate())
    return Publication.objects.get(pk=publication.pk)


# --- reads ------------------------------------------------------------------------------------------------


def publications_of(profile):
    """The lists of the user's body, newest first, with their entries counted (one query)."""
    return (Publication.objects.filter(organization_id=profile.organization_id)
            .annotate(n_entries=Count("entries"),
                      n_included=Count("entries", filter=Q(entries__decision=EntryDecision.INCLUDED)),
                      n_pending=Count("entries", filter=Q(entries__decision=EntryDecision.PENDING))))


def publication_for(user, pk: int) -> Publication:
    """A list of the user's own body (then its inspectors and supervisors read it: 403 for the others); anything
    else is a 404, as a missing id."""
    profile = staff_of(user)
    found = Publication.objects.select_related("organization").filter(
        pk=pk, organization_id=profile.organization_id).first()
    if found is None:
        raise NotFound()
    if profile.role not in READER_ROLES:
        raise PermissionDenied()
    return found


def entries_of(publication: Publication):
    return publication.entries.select_related("case", "category").order_by("decided_on", "pk")


def published():
    """The published lists, newest first, with how many entries each publishes (one query)."""
    return (Publication.objects.filter(state=PublicationState.PUBLISHED).select_related("organization")
            .annotate(n_included=Count("entries", filter=Q(entries__decision=EntryDecision.INCLUDED)))
            .order_by("-published_on", "-year", "-quarter", "organization__name"))


def public_entries(publication: Publication) -> list[PublicationEntry]:
    """What the public reads of a list: its included entries, only Order 29's items (the case is not read)."""
    return list(publication.entries.filter(decision=EntryDecision.INCLUDED).select_related("category")
                .only("id", "publication_id", "category", "category__number", "category__name", "employer_name", "credit_code",
                      "address", "legal_representative", "facts", "handling", "decided_on")
                .order_by("category__number", "decided_on", "pk"))


def employer_records(employer_ids: list[int]) -> list[EmployerRecord]:
    """The compliance file's rows (disputes.registry.add_employer_records): each published entry (one query)."""
    rows = PublicationEntry.objects.filter(
        employer_id__in=employer_ids, decision=EntryDecision.INCLUDED, publication__state=PublicationState.PUBLISHED,
    ).values_list("case_id", "case__number", "publication__published_on", "publication__year",
                  "publication__quarter", "publication__organization__name", "category__name")
    return [
        EmployerRecord("published", _("Published as a major violation (MOHRSS Order 29)"), on, case_id, number,
                       None, _("%(org)s, %(year)s Q%(quarter)s: %(category)s")
                       % {"org": org, "year": year, "quarter": quarter, "category": category})
        for case_id, number, on, year, quarter, org, category in rows
    ]
