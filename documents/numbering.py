"""Official numbers of documents: one series per issuing body, kind and year (documents.models.NumberPattern).

next_number is the one way a track numbers a document (arbitration's acceptances and rejections, inspection's
written decisions, legal aid's decisions and agreements, mediation's agreements and notices of failure). It runs in the caller's transaction, so a decision refused later in it gives the number back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from core.errors import ValidationFailed
from core.models import Organization
from core.sequences import next_in_sequence

from .models import ISSUER_KIND, NumberKind, NumberPattern

# Prefix of the city-level bodies' numbers (潍坊市…: 潍劳人仲案字, 潍人社监令字).
CITY_PREFIX = "潍"
# The usual form of each kind's numbers (statutory-rules §2): a real issuer enters its own in the admin.
# {prefix} is the short place name (default_prefix).
DEFAULT_PATTERNS = {
    NumberKind.ACCEPT: "{prefix}劳人仲案字〔{{year}}〕第{{seq}}号",
    NumberKind.REJECT: "{prefix}劳人仲案不字〔{{year}}〕第{{seq}}号",
    NumberKind.FILING_REJECTION: "{prefix}人社监不立字〔{{year}}〕第{{seq}}号",
    NumberKind.CORRECTION_ORDER: "{prefix}人社监令字〔{{year}}〕第{{seq}}号",
    NumberKind.PENALTY_NOTICE: "{prefix}人社罚告字〔{{year}}〕第{{seq}}号",
    NumberKind.PENALTY_DECISION: "{prefix}人社罚决字〔{{year}}〕第{{seq}}号",
    # Local forms (no national one): a union station's or a mediation organisation's own, entered in the admin.
    NumberKind.AID_DECISION: "{prefix}工法援决字〔{{year}}〕第{{seq}}号",
    NumberKind.AID_AGREEMENT: "{prefix}工法援协字〔{{year}}〕第{{seq}}号",
    NumberKind.MEDIATION_AGREEMENT: "{prefix}劳调协字〔{{year}}〕第{{seq}}号",
    NumberKind.MEDIATION_FAILURE: "{prefix}劳调终字〔{{year}}〕第{{seq}}号",
    NumberKind.BLACKLIST_NOTICE: "{prefix}人社失信告字〔{{year}}〕第{{seq}}号",
    NumberKind.BLACKLIST_DECISION: "{prefix}人社失信决字〔{{year}}〕第{{seq}}号",
    NumberKind.BLACKLIST_REMOVAL: "{prefix}人社失信移字〔{{year}}〕第{{seq}}号",
}


class NumberingNotConfigured(ValidationFailed):
    """The issuer has no pattern of this kind: an official document is never numbered with a made-up form."""

    code = "numbering_not_configured"


def next_number(*, issuer: Organization, kind: str, year: int) -> str:
    """The next number of this kind in the issuer's series for the year (in the caller's transaction)."""
    pattern = NumberPattern.objects.filter(issuer=issuer, kind=kind).first()
    if pattern is None:
        raise NumberingNotConfigured(
            _("%(commission)s has no case-number pattern for %(kind)s: an administrator must enter one.")
            % {"commission": issuer.name, "kind": NumberKind(kind).label}
        )
    return pattern.render(year=year, seq=next_in_sequence(pattern.series, year))


def default_prefix(issuer: Organization) -> str:
    """The short place name of an issuer's numbers: 潍 for the city, 潍城 for 潍城区, 青州 for 青州市."""
    if issuer.division_id is None:
        return CITY_PREFIX
    name = issuer.division.name
    if len(name) <= 4 and name[-1] in "区县市":
        return name[:-1]
    raise ValueError(f"no default number prefix for {name!r}: pass prefix=")


def ensure_default_number_patterns(
    issuer: Organization, *, kinds: Iterable[str] | None = None, prefix: str | None = None
) -> list[NumberPattern]:
    """Give the issuer the usual pattern of each kind where it has none (seed_demo and the tests call this).

    Never overwrites a pattern an administrator has entered. Without `kinds`, every kind the issuer's kind of
    organisation issues; a kind it does not issue is a programming error (ValueError).
    """
    if kinds is None:
        kinds = [k for k, org_kind in ISSUER_KIND.items() if org_kind == issuer.kind]
    kinds = [NumberKind(k) for k in kinds]
    if not kinds:
        raise ValueError(f"{issuer} issues no numbered documents")
    wrong = [k for k in kinds if ISSUER_KIND[k] != issuer.kind]
    if wrong:
        raise ValueError(f"{issuer} does not issue numbers of kind {', '.join(wrong)}")
    prefix = prefix or default_prefix(issuer)
    return [
        NumberPattern.objects.get_or_create(
            issuer=issuer, kind=kind, defaults={"pattern": DEFAULT_PATTERNS[kind].format(prefix=prefix)}
        )[0]
        for kind in kinds
    ]
