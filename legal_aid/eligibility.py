"""Whether an applicant is eligible for legal aid, by the rules kept as data (legal_aid.EligibilityRule).

- no means test for a migrant worker claiming pay or work-injury compensation, or for a recipient of social
  or judicial assistance (法律援助法 art 42);
- otherwise Shandong's hardship test: household income per person per month below `multiplier` × the previous
  year's minimum living allowance (低保) of the county where the legal-aid body sits (山东省法律援助条例 art 8);
- urgent when fewer than `days` days remain on the case's limitation period: aid first, review later (art 44).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from core.errors import ValidationFailed

from .models import Category, EligibilityRule, LivingAllowance, RuleKind


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    rule: EligibilityRule | None
    reason: str  # the rule and the figures, as the decision states them
    threshold: Decimal | None = None
    per_person: Decimal | None = None
    allowance: LivingAllowance | None = None


def active_rules(kind: str) -> list[EligibilityRule]:
    return list(EligibilityRule.objects.filter(kind=kind, is_active=True).order_by("code"))


def urgency(limitation_ends_on: datetime.date | None, today: datetime.date) -> tuple[bool, EligibilityRule | None]:
    """Urgent (art 44) when the case's limitation period ends within the rule's days from today."""
    if limitation_ends_on is None:
        return False, None
    for rule in active_rules(RuleKind.URGENT):
        if rule.days is not None and 0 <= (limitation_ends_on - today).days < rule.days:
            return True, rule
    return False, None


def county_allowance(division, year: int) -> LivingAllowance:
    allowance = LivingAllowance.objects.filter(division=division, year=year).select_related("division").first()
    if allowance is None:
        raise ValidationFailed(
            _("No minimum living allowance of %(county)s for %(year)s is entered: an administrator must enter it "
              "before the hardship test can be applied.") % {"county": division, "year": year},
            fields={"monthly_income": [_("The county's minimum living allowance is missing.")]},
        )
    return allowance


def assess(*, category: str, division, today: datetime.date, household_size: int | None = None,
           monthly_income: Decimal | None = None) -> Assessment:
    """The rule that decides this applicant and whether it makes them eligible.

    division: the county of the legal-aid body (whose previous-year 低保 the hardship test uses)."""
    for rule in active_rules(RuleKind.EXEMPT):
        if category in rule.categories:
            return Assessment(
                eligible=True, rule=rule,
                reason=_("%(rule)s: no economic-hardship test (%(source)s).") % {"rule": rule.name, "source": rule.basis},
            )
    rules = [r for r in active_rules(RuleKind.HARDSHIP) if not r.categories or category in r.categories]
    if not rules:
        rules = active_rules(RuleKind.HARDSHIP)
    if not rules:
        raise ValidationFailed(_("No active economic-hardship rule: an administrator must enter one."))
    rule = rules[0]
    if household_size is None or monthly_income is None:
        raise ValidationFailed(fields={
            name: [_("Needed for the economic-hardship test.")]
            for name, value in (("household_size", household_size), ("monthly_income", monthly_income))
            if value is None
        })
    allowance = county_allowance(division, today.year - 1)
    threshold = (allowance.monthly_amount * (rule.multiplier or Decimal(1))).quantize(Decimal("0.01"))
    per_person = (monthly_income / household_size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    eligible = per_person < threshold
    figures = {
        "rule": rule.name, "source": rule.basis, "per_person": per_person, "threshold": threshold,
        "county": allowance.division, "year": allowance.year, "allowance": allowance.monthly_amount,
        "multiplier": rule.multiplier, "allowance_source": allowance.source,
    }
    if eligible:
        reason = _("%(rule)s (%(source)s): household income of %(per_person)s yuan per person per month is below "
                   "%(threshold)s yuan (%(multiplier)s × the %(year)s minimum living allowance of %(county)s, "
                   "%(allowance)s yuan; %(allowance_source)s).") % figures
    else:
        reason = _("%(rule)s (%(source)s): household income of %(per_person)s yuan per person per month is not "
                   "below %(threshold)s yuan (%(multiplier)s × the %(year)s minimum living allowance of "
                   "%(county)s, %(allowance)s yuan; %(allowance_source)s).") % figures
    return Assessment(eligible=eligible, rule=rule, reason=reason, threshold=threshold, per_person=per_person,
                      allowance=allowance)


def category_label(category: str) -> str:
    return str(Category(category).label)
