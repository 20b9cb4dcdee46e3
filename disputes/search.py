"""Finding a case among all those the user's organisation may read, open or ended, handled here or handed on.

One box: a case number, an official number a track keeps (arbitration, inspection, a court's), a full ID number,
a phone, a credit code, a worker's name or an employer's name. What the text can be is tried, each an equality
or a prefix on an index; the ID number and phone through their blind indexes (core.crypto), never in clear.
Then one query reads the matching cases the user may see (disputes.selectors.cases_visible_to, the one scope
rule), ranked:

    0  the exact identifier: case number, official number, ID number, phone, credit code
    1  a worker or employer of exactly that name
    2  a name beginning with the text
    3  an employer whose name contains the text (three characters or more; pg_trgm's index on PostgreSQL)

and within a rank the newest first. Pages follow a keyset cursor (rank, registered, id). Each kind of match
reads at most MATCH_CAP workers or employers (FUZZY_CAP for a name's beginning or fragment): past that the page
says so (`partial`), and a fuller identifier (the ID number or phone) finds the person. A two-character fragment of an employer's name is matched only as
its beginning: a trigram index cannot serve fewer than three characters, and scanning every employer would not.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re
from urllib.parse import parse_qsl, urlencode
from dataclasses import dataclass, field

from django.db.models import Case as CaseExpression
from django.db.models import IntegerField, Q, Value, When

from core.crypto import normalize_phone
from core.validators import normalize_credit_code, normalize_id_number

from . import registry
from .models import Case, Employer, Worker
from .selectors import _LIST_RELATED, _attach_related, cases_visible_to

MATCH_CAP = 500
# A name's beginning or fragment may match hundreds of employers with thousands of cases between them: fewer are
# read (the page then says the list is partial), which bounds the cases read from the table.
FUZZY_CAP = 100
SUBSTRING_MIN = 3
EXACT, NAME, PREFIX, CONTAINS = 0, 1, 2, 3

_ID_NUMBER = re.compile(r"\d{17}[\dX]")
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
_PHONE_TEXT = re.compile(r"[\d\s+()-]+")
_CASE_NUMBER = re.compile(r"WF\d{8,}")
# How the official numbers of documents and courts are written: 〔2026〕第12号, (2026)鲁0702民初88号.
_OFFICIAL_NUMBER = re.compile(r"号|[〔〕()（）\[\]［］]")


@dataclass(frozen=True)
class SearchKey:
    """A result's place in the order (what a cursor holds)."""

    rank: int
    registered_at: datetime.datetime
    id: int

    def token(self) -> str:
        text = urlencode({"r": self.rank, "t": self.registered_at.isoformat(), "i": self.id})
        return base64.urlsafe_b64encode(text.encode()).decode()

    @classmethod
    def from_token(cls, token: str) -> SearchKey:
        """The key a token holds; ValueError for anything that is not one."""
        try:
            fields = dict(parse_qsl(base64.urlsafe_b64decode(token.encode()).decode(), strict_parsing=True))
            key = cls(int(fields["r"]), datetime.datetime.fromisoformat(fields["t"]), int(fields["i"]))
        except (KeyError, UnicodeDecodeError, ValueError, TypeError, binascii.Error) as exc:
            raise ValueError("not a search cursor") from exc
        if key.registered_at.tzinfo is None:
            raise ValueError("not a search cursor")
        return key


@dataclass
class SearchPage:
    cases: list[Case]
    has_next: bool
    # Some kind of match found more people or employers than are read (MATCH_CAP): narrow the search.
    partial: bool = False
    matched: tuple[str, ...] = field(default_factory=tuple)

    def key_of(self, case: Case) -> SearchKey:
        return SearchKey(case.search_rank, case.registered_at, case.pk)


@dataclass
class _Matches:
    conditions: dict[int, Q] = field(default_factory=dict)
    partial: bool = False
    matched: list[str] = field(default_factory=list)

    def add(self, rank: int, condition: Q, what: str) -> None:
        self.conditions[rank] = self.conditions[rank] | condition if rank in self.conditions else condition
        if what not in self.matched:
            self.matched.append(what)

    def ids(self, queryset, cap: int = MATCH_CAP) -> list[int]:
        found = list(queryset.values_list("pk", flat=True)[: cap + 1])
        if len(found) > cap:
            self.partial = True
            found = found[:cap]
        return found


def _matches(text: str) -> _Matches:
    m = _Matches()
    upper = text.upper()
    compact = re.sub(r"\s+", "", upper)
    if _CASE_NUMBER.fullmatch(compact):
        m.add(EXACT, Q(number=compact), "case_number")
    has_digit = any(c.isdigit() for c in text)
    if has_digit and _OFFICIAL_NUMBER.search(text):
        # Official numbers (潍劳人仲案字〔2026〕第12号, a court's (2026)鲁0702民初88号) as the tracks keep them,
        # read to ids first: as subqueries inside the ranking's CASE, PostgreSQL ran them once per case read.
        ids = {i for found in registry.case_number_lookups(text) for i in found[:MATCH_CAP]}
        if ids:
            m.add(EXACT, Q(pk__in=sorted(ids)), "official_number")
    if _ID_NUMBER.fullmatch(compact):
        workers = Worker.objects.filter(id_number_index=Worker.id_number_digest(normalize_id_number(compact)))
        if ids := m.ids(workers):
            m.add(EXACT, Q(worker_id__in=ids), "id_number")
    if _CREDIT_CODE.fullmatch(compact):
        employers = Employer.objects.filter(credit_code=normalize_credit_code(compact))
        if ids := m.ids(employers):
            m.add(EXACT, Q(employer_id__in=ids), "credit_code")
    digits = normalize_phone(text)
    phone_like = bool(_PHONE_TEXT.fullmatch(text))
    if phone_like and 7 <= len(digits) <= 12:
        if ids := m.ids(Worker.objects.filter(phone_index=Worker.phone_digest(text))):
            m.add(EXACT, Q(worker_id__in=ids), "phone")
    # Names, unless the text has the shape of an identifier (a name may hold digits: 58同城, 第3分公司).
    if not (phone_like or _CASE_NUMBER.fullmatch(compact) or _ID_NUMBER.fullmatch(compact)
            or _CREDIT_CODE.fullmatch(compact)):
        name = text.strip()
        for rank, workers, employers, cap in (
            (NAME, Worker.objects.filter(name=name), Employer.objects.filter(name=name), MATCH_CAP),
            (
                PREFIX,
                Worker.objects.filter(name__startswith=name).exclude(name=name),
                Employer.objects.filter(name__startswith=name).exclude(name=name),
                FUZZY_CAP,
            ),
        ):
            if ids := m.ids(workers, cap):
                m.add(rank, Q(worker_id__in=ids), "worker_name")
            if ids := m.ids(employers, cap):
                m.add(rank, Q(employer_id__in=ids), "employer_name")
        if len(name) >= SUBSTRING_MIN:
            employers = Employer.objects.filter(name__contains=name).exclude(name__startswith=name)
            if ids := m.ids(employers, FUZZY_CAP):
                m.add(CONTAINS, Q(employer_id__in=ids), "employer_name")
    return m


def search_cases(user, text: str, *, size: int = 20, after: SearchKey | None = None) -> SearchPage:
    """One page of the cases the user's organisation may read that `text` identifies, best match first."""
    text = (text or "").strip()[:128]
    if not text:
        return SearchPage(cases=[], has_next=False)
    m = _matches(text)
    if not m.conditions:
        return SearchPage(cases=[], has_next=False, partial=m.partial, matched=tuple(m.matched))
    any_match = Q()
    for condition in m.conditions.values():
        any_match |= condition
    # A case matching in two ways takes its best rank (When is tried in order).
    rank = CaseExpression(
        *(When(condition, then=Value(r)) for r, condition in sorted(m.conditions.items())),
        default=Value(CONTAINS + 1), output_field=IntegerField(),
    )
    found = cases_visible_to(user).filter(any_match).annotate(search_rank=rank)
    if after is not None:
        found = found.filter(
            Q(search_rank__gt=after.rank)
            | Q(search_rank=after.rank, registered_at__lt=after.registered_at)
            | Q(search_rank=after.rank, registered_at=after.registered_at, pk__lt=after.id)
        )
    rows = list(found.order_by("search_rank", "-registered_at", "-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    _attach_related(rows, _LIST_RELATED)
    return SearchPage(cases=rows, has_next=more, partial=m.partial, matched=tuple(m.matched))
