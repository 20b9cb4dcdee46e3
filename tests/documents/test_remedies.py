"""The review body and the court an inspection decision names follow the level of the body that issued it."""

from core.models import Division, Organization, OrgKind
from documents.remedies import REMEDY_RULES, remedies_for


def test_the_citys_team_is_reviewed_by_the_city_government_not_a_district():
    team = Organization(name="潍坊市劳动保障监察支队", kind=OrgKind.INSPECTION, division=None)
    remedies = remedies_for(team)
    assert remedies.review_body == "潍坊市人民政府"
    # Which basic court hears a city body's case is not recorded: the court is named without a place.
    assert remedies.court == "人民法院"


def test_a_countys_team_is_reviewed_by_that_countys_government_and_sued_in_its_court():
    team = Organization(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION,
                        division=Division(code="370781", name="青州市"))
    remedies = remedies_for(team)
    assert (remedies.review_body, remedies.court) == ("青州市人民政府", "青州市人民法院")


def test_each_rule_cites_its_articles():
    assert all("行政复议法 (2023) arts 20, 24" in rule.source and "行政诉讼法" in rule.source
               for rule in REMEDY_RULES.values())
