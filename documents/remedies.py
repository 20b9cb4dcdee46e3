"""Where an inspection decision is reviewed and sued, derived from the level of the body that issues it.

An order to correct or a penalty decision names the review body and the court (监察条例 art 19). Both follow
from who issued the act, never from where the case or the employer is:

- Review (行政复议法, revised 2023, in force 2024-01-01): art 24(1)1 — the people's government at the same
  level handles applications against its working departments; art 24(2) — also against an agency (派出机构)
  of a department acting in its own name. A city-level inspection 支队 acts for the city's 人社局 →
  潍坊市人民政府; a county's 大队 for the county's 人社局 → that county/district's 人民政府. Art 20: 60 days.
- Litigation (行政诉讼法): art 18 — the court where the body that first acted is located; art 14 — a basic
  court hears it at first instance; art 46 — 6 months. For a county body that is the county's basic court.
  A city body sits in one of the city's districts and a province may assign administrative cases to
  designated courts (集中管辖): with no seat court entered the document says 人民法院 without naming one,
  which is never wrong.

Source rows are data (REMEDY_RULES); statutory-rules.md §3 marks them [M, high confidence].
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import Remedies

CITY = "潍坊市"
# Development zones of Weifang have no GB/T 2260 county code: their bodies are treated as the city's (the zone
# committees are agencies of the city government). The leading digits 37077 are the zones' statistical codes.
ZONE_CODE_PREFIX = "37077"


@dataclass(frozen=True)
class RemedyRule:
    level: str
    review_body: str  # {county} / {city} filled in
    court: str
    source: str


REMEDY_RULES = {
    "city": RemedyRule(
        "city", "{city}人民政府", "人民法院",
        "行政复议法 (2023) arts 20, 24; 行政诉讼法 arts 14, 18, 46",
    ),
    "county": RemedyRule(
        "county", "{county}人民政府", "{county}人民法院",
        "行政复议法 (2023) arts 20, 24; 行政诉讼法 arts 14, 18, 46",
    ),
}


def issuer_level(org) -> tuple[str, str]:
    """("city", "") for a city-level body, ("county", 潍城区) for a body of a county-level division."""
    division = getattr(org, "division", None)
    if division is None or division.code.startswith(ZONE_CODE_PREFIX):
        return "city", ""
    return "county", division.name


def remedies_for(org) -> Remedies:
    """The review body and the court named in a decision the organisation issues."""
    level, county = issuer_level(org)
    rule = REMEDY_RULES[level]
    return Remedies(review_body=rule.review_body.format(city=CITY, county=county),
                    court=rule.court.format(city=CITY, county=county))
