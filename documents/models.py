"""How each issuing body numbers its official documents (no national format exists: statutory-rules §2).

An arbitration commission numbers the applications it accepts and rejects; a labour-inspection organisation its
refusals to file, orders to correct and penalty notices and decisions; a legal-aid station its decisions and client
agreements; a mediation organisation its agreements and notices that mediation ended. Numbers are taken by
documents.numbering.next_number on the yearly core.Sequence: per issuer, kind and year, gap-free.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Organization, OrgKind


class NumberKind(models.TextChoices):
    ACCEPT = "accept", _("Accepted case (案字)")
    REJECT = "reject", _("Notice of non-acceptance (不字)")
    # Labour inspection's written decisions (values = document kinds).
    FILING_REJECTION = "filing_rejection", _("Notice of refusal to file (监不立字)")
    CORRECTION_ORDER = "correction_order", _("Order to correct (监令字)")
    PENALTY_NOTICE = "penalty_notice", _("Notice of proposed penalty (罚告字)")
    PENALTY_DECISION = "penalty_decision", _("Penalty decision (罚决字)")
    # A legal-aid station's decisions to grant or refuse aid and its client agreements.
    AID_DECISION = "aid_decision", _("Decision on legal aid (法援决字)")
    AID_AGREEMENT = "aid_agreement", _("Legal-aid client agreement (法援协字)")
    # A mediation organisation's agreements and notices that mediation ended (values = document kinds).
    MEDIATION_AGREEMENT = "mediation_agreement", _("Mediation agreement (调协字)")
    MEDIATION_FAILURE = "mediation_failure", _("Notice that mediation ended (调终字)")
    # The wage-arrears list (Order 45).
    BLACKLIST_NOTICE = "listing_notice", _("Notice of proposed listing (失信告字)")
    BLACKLIST_DECISION = "listing_decision", _("Listing decision (失信决字)")
    BLACKLIST_REMOVAL = "listing_removal", _("Removal from the list (失信移字)")


# The kind of organisation that issues numbers of each kind.
ISSUER_KIND = {
    NumberKind.ACCEPT: OrgKind.ARBITRATION,
    NumberKind.REJECT: OrgKind.ARBITRATION,
    NumberKind.FILING_REJECTION: OrgKind.INSPECTION,
    NumberKind.CORRECTION_ORDER: OrgKind.INSPECTION,
    NumberKind.PENALTY_NOTICE: OrgKind.INSPECTION,
    NumberKind.PENALTY_DECISION: OrgKind.INSPECTION,
    NumberKind.AID_DECISION: OrgKind.LEGAL_AID,
    NumberKind.AID_AGREEMENT: OrgKind.LEGAL_AID,
    NumberKind.MEDIATION_AGREEMENT: OrgKind.MEDIATION,
    NumberKind.MEDIATION_FAILURE: OrgKind.MEDIATION,
    NumberKind.BLACKLIST_NOTICE: OrgKind.INSPECTION,
    NumberKind.BLACKLIST_DECISION: OrgKind.INSPECTION,
    NumberKind.BLACKLIST_REMOVAL: OrgKind.INSPECTION,
}

PATTERN_FIELDS = {"year", "seq"}


def validate_pattern(value: str) -> None:
    """A pattern names {seq} (and usually {year}) and nothing else, so rendering can never fail later."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name is not None}
    except ValueError:
        raise ValidationError(_("The pattern has an unmatched brace.")) from None
    if "seq" not in names:
        raise ValidationError(_("The pattern must contain {seq}."))
    unknown = names - PATTERN_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Use only {year} and {seq}.") % {"names": ", ".join(sorted(unknown))}
        )


class NumberPattern(models.Model):
    """How one issuing body numbers one kind of document. {seq} restarts every year, per issuer and kind."""

    issuer = models.ForeignKey(
        Organization, verbose_name=_("issuing organisation"), on_delete=models.PROTECT,
        related_name="number_patterns",
        limit_choices_to={"kind__in": (OrgKind.ARBITRATION, OrgKind.INSPECTION, OrgKind.LEGAL_AID, OrgKind.MEDIATION)},
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NumberKind.choices)
    pattern = models.CharField(
        _("pattern"), max_length=64, validators=[validate_pattern],
        help_text=_("For example 潍劳人仲案字〔{year}〕第{seq}号 or 潍城人社监令字〔{year}〕第{seq}号. {year} is the "
                    "year of the decision, {seq} its number in that year."),
    )

    class Meta:
        ordering = ["issuer__name", "kind"]
        verbose_name = _("case-number pattern")
        verbose_name_plural = _("case-number patterns")
        constraints = [models.UniqueConstraint(fields=["issuer", "kind"], name="uniq_number_pattern_per_issuer_kind")]

    def __str__(self):
        return f"{self.issuer}: {self.pattern}"

    def clean(self):
        super().clean()
        if self.issuer_id and self.kind:
            expected = ISSUER_KIND[self.kind]
            if self.issuer.kind != expected:
                raise ValidationError({"kind": _("Numbers of this kind are issued by an organisation of kind "
                                                 "%(kind)s.") % {"kind": OrgKind(expected).label}})

    @property
    def series(self) -> str:
        return series_of(self.issuer_id, self.kind)

    def render(self, *, year: int, seq: int) -> str:
        return self.pattern.format(year=year, seq=seq)


def series_of(issuer_id: int, kind: str) -> str:
    """The core.Sequence series behind a pattern's {seq}."""
    return f"number:{issuer_id}:{kind}"
