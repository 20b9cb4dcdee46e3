"""A statutory parameter says whether its source was checked against the official text: those every cited
provision of which ../shared/domain/statutory-rules.md marks [V] are, as seeded; the others (written from memory,
a placeholder, a local practice) are not, and say 待核实 wherever their source is shown."""

import pytest

from core.citations import cite_source
from core.models import StatutoryParameter
from core.parameters import source_of
from core.refdata import reference_data_changed

pytestmark = pytest.mark.django_db


def test_the_seeded_parameters_are_verified_only_where_their_sources_were_checked(division):
    flags = dict(StatutoryParameter.objects.values_list("key", "verified"))
    assert {k for k, v in flags.items() if v} == {
        "collective_dispute_min_workers", "final_award_minimum_wage_months", "award_suit_days", "award_set_aside_days",
    }
    for unverified in ("minimum_working_age", "hearing_notice_min_days", "hearing_postponement_request_min_days",
                       "summary_procedure_amount_limit", "penalty_statement_period_wd"):
        assert flags[unverified] is False, unverified


def test_a_new_parameter_is_unverified_until_someone_says_otherwise(division):
    StatutoryParameter.objects.create(key="new_rule_days", value=7, unit="days", source="某条例 art 3")
    assert source_of("new_rule_days").verified is False
    assert cite_source(source_of("new_rule_days").text, False) == "某条例第三条（待核实）"
    StatutoryParameter.objects.filter(key="new_rule_days").update(verified=True)
    reference_data_changed()
    assert source_of("new_rule_days").verified is True
    assert cite_source("某条例 art 3", True) == "某条例第三条"
    assert cite_source("", False) == ""  # no source: nothing to mark


def test_the_admin_lists_and_filters_by_the_flag(admin_client, division):
    page = admin_client.get("/admin/core/statutoryparameter/?verified__exact=0").content.decode()
    assert "minimum_working_age" in page and "collective_dispute_min_workers" not in page
