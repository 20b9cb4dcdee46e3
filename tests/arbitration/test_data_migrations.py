"""The arbitration track's data migrations keep what the record says: awards get their lawful ground from the
hearing record (0006); minimum wages re-keyed from calendar year to effective date (0007) keep every entered
value."""

import datetime
from importlib import import_module
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from arbitration.models import MinimumWage
from core.models import Division

BEFORE = [("arbitration", "0006_award_ground")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_seeded_copies_become_one_row_from_the_notice_date_and_entered_values_survive():
    # 0007 cannot be unapplied over its own rows (the yearly key is gone): empty the table, step back, and seed
    # it as 0002 seeded a database of that time.
    MinimumWage.objects.all().delete()
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE + [("core", "0004_zones_without_codes")]).apps
    import_module("arbitration.migrations.0002_minimum_wages_and_parameters").forward(old, None)
    OldWage, OldDivision = old.get_model("arbitration", "MinimumWage"), old.get_model("core", "Division")
    seeded = OldWage.objects.filter(division__code="370781")
    assert sorted(seeded.values_list("year", flat=True)) == [2024, 2025, 2026]
    # An administrator corrected 2025 for this county-level city, and entered a zone its own figure for 2026.
    seeded.filter(year=2025).update(monthly_amount=Decimal("2000.00"), source="鲁政字〔2025〕entered by hand")
    zone = OldDivision.objects.filter(administered_by__isnull=False).order_by("code").first()
    assert zone is not None
    zone_rows_before = OldWage.objects.filter(division=zone).count()
    OldWage.objects.update_or_create(division=zone, year=2026,
                                     defaults={"monthly_amount": Decimal("2222.00"), "source": "zone's own notice"})
    plain = OldDivision.objects.get(code="370724")  # a county: tier 3 as seeded, nobody touched it

    _migrate(executor.loader.graph.leaf_nodes())

    city = Division.objects.get(code="370781")
    assert [(w.effective_from, w.monthly_amount, w.verified) for w in
            MinimumWage.objects.filter(division=city).order_by("effective_from")] == [
        (datetime.date(2021, 10, 1), Decimal("1900.00"), False),
        (datetime.date(2025, 1, 1), Decimal("2000.00"), False),
    ]
    entered = MinimumWage.objects.get(division=city, effective_from=datetime.date(2025, 1, 1))
    assert entered.source == "鲁政字〔2025〕entered by hand"
    assert "calendar year 2025" in entered.note
    notice_row = MinimumWage.objects.get(division=city, effective_from=datetime.date(2021, 10, 1))
    assert "2021-10-01" in notice_row.source and "第二档" in notice_row.source

    assert [(w.effective_from, w.monthly_amount) for w in MinimumWage.objects.filter(division_id=plain.pk)] == [
        (datetime.date(2021, 10, 1), Decimal("1700.00"))]
    # The zone's seeded copies (if it had any) are gone; the figure entered for it is kept and wins.
    assert zone_rows_before in (0, 3)
    assert [(w.effective_from, w.monthly_amount) for w in MinimumWage.objects.filter(division_id=zone.pk)] == [
        (datetime.date(2026, 1, 1), Decimal("2222.00"))]
    assert not MinimumWage.objects.filter(verified=True).exists()


@pytest.mark.django_db(transaction=True)
def test_awards_made_before_grounds_were_recorded_get_theirs_from_the_hearing_record(heard, arb):
    """arbitration/0006: an award rests on the case's latest hearing held by its date; the respondent's absence
    makes the ground a default after notice; an award with no such hearing on record keeps an empty ground."""
    from arbitration.models import Award, AwardItem
    from arbitration.services import award_issue
    from hearings.models import Hearing

    from .conftest import at
    from .test_awards import TEXTS, items_for

    with at("2026-04-10"):
        absent = heard(respondent_absent=True)
        award_issue(case_id=absent.pk, actor=arb.arbitrator, version=absent.version,
                    items=items_for(absent, {"wages": "8600.00"}), **TEXTS)
        unheard = heard(held=True)
        award_issue(case_id=unheard.pk, actor=arb.arbitrator, version=unheard.version,
                    items=items_for(unheard, {"wages": "8600.00"}), **TEXTS)
    AwardItem.objects.update(minimum_wage=None)
    MinimumWage.objects.all().delete()  # 0007 cannot be unapplied over its own rows
    executor = _migrate([("arbitration", "0005_number_patterns_move_to_documents")])
    old = executor.loader.project_state([("arbitration", "0005_number_patterns_move_to_documents"),
                                         ("hearings", "0003_statutory_parameters")]).apps
    # On the record of that time, the second case's hearing never took place.
    old.get_model("hearings", "Hearing").objects.filter(case_id=unheard.pk).update(state="scheduled")

    _migrate(executor.loader.graph.leaf_nodes())

    on_absent = Award.objects.get(file__case_id=absent.pk)
    assert (on_absent.ground, on_absent.hearing_id) == ("default_after_notice", Hearing.objects.get(case=absent).pk)
    on_unheard = Award.objects.get(file__case_id=unheard.pk)
    assert (on_unheard.ground, on_unheard.hearing_id) == ("", None)
