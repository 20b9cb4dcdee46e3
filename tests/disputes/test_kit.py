"""The track kit's service inputs and handler guard (disputes.kit): one rule each, for every track."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from core.errors import PermissionDenied, ValidationFailed
from disputes.kit import inputs
from disputes.kit.guards import handles, require_handler


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("value, expected", [
    ("12.34", Decimal("12.34")), (12, Decimal("12.00")), (Decimal("0.5"), Decimal("0.50")), (" 7 ", Decimal("7.00")),
    ("0", Decimal("0.00")),
])
def test_money_takes_strings_ints_and_decimals_as_they_are(value, expected):
    assert inputs.money(value, "amount") == expected


@pytest.mark.parametrize("value", ["12.345", 12.5, 12.0, True, "abc", "", None, "-1", "NaN", "1e12", "9" * 40, "-" + "9" * 40])
def test_money_refuses_a_third_decimal_a_float_a_negative_and_what_is_not_a_number(value):
    errors = inputs.FieldErrors()
    assert inputs.money(value, "amount", errors) is None
    assert list(errors) == ["amount"] and len(errors["amount"]) == 1


def test_money_refuses_zero_only_when_told():
    assert inputs.money("0", "amount", allow_zero=True) == 0
    with pytest.raises(ValidationFailed) as refused:
        inputs.money("0", "amount", allow_zero=False)
    assert refused.value.fields == {"amount": ["The amount must be more than zero."]}


def test_the_errors_of_every_field_are_raised_once_together():
    errors = inputs.FieldErrors()
    inputs.text("  ", "place", errors, label="The place")
    inputs.count("0", "workers", errors)
    inputs.date("2026-13-01", "on", errors)
    row = inputs.FieldErrors()
    inputs.money(1.5, "amount", row)
    errors.add_numbered("items", 2, row)
    with pytest.raises(ValidationFailed) as refused:
        errors.raise_if_any()
    assert set(refused.value.fields) == {"place", "workers", "on", "items"}
    assert refused.value.fields["items"] == ["Item 2: Enter the amount as a decimal number of yuan."]


def test_text_is_stripped_and_kept_within_its_length():
    assert inputs.text("  大厅  ", "place") == "大厅"
    assert inputs.text(None, "note", required=False) == ""
    with pytest.raises(ValidationFailed) as refused:
        inputs.text("x" * 11, "note", max_length=10)
    assert refused.value.fields == {"note": ["Keep this to at most 10 characters."]}


def test_counts_are_whole_numbers_of_at_least_the_minimum():
    assert inputs.count("3", "workers") == 3
    assert inputs.count(0, "workers", minimum=0) == 0
    for bad in ("1.5", True, None, 0):
        with pytest.raises(ValidationFailed):
            inputs.count(bad, "workers")


def test_dates_and_moments_from_objects_or_iso_text(settings):
    assert inputs.date("2026-06-01", "on") == datetime.date(2026, 6, 1)
    assert inputs.date(datetime.date(2026, 6, 1), "on") == datetime.date(2026, 6, 1)
    with pytest.raises(ValidationFailed):
        inputs.date(datetime.datetime(2026, 6, 1, 9), "on")  # a moment is not a day
    with pytest.raises(ValidationFailed):
        inputs.date(datetime.date.today() + datetime.timedelta(days=2), "on", not_future=True)
    moment = inputs.moment("2026-06-01T09:30", "at")
    assert moment.tzinfo is not None and (moment.hour, moment.minute) == (9, 30)
    with pytest.raises(ValidationFailed):
        inputs.moment("09:30", "at")


def test_ids_are_kept_once_in_order_and_a_wrong_one_refused():
    assert inputs.ids(["3", 1, SimpleNamespace(pk=3)], "people") == [3, 1]
    with pytest.raises(ValidationFailed):
        inputs.ids(["x"], "people")


def test_the_guard_wants_the_role_and_the_handling_organisation():
    case = SimpleNamespace(owner_org_id=1)
    clerk, outsider, handler = (SimpleNamespace(role=r, organization_id=o) for r, o in
                                (("clerk", 1), ("inspector", 2), ("inspector", 1)))
    roles = ("inspector", "supervisor")
    require_handler(case, handler, roles)
    assert handles(case, handler, roles) and not handles(case, clerk, roles) and not handles(case, outsider, roles)
    with pytest.raises(PermissionDenied, match="Only inspectors"):
        require_handler(case, clerk, roles, role_message="Only inspectors may take this action.")
    with pytest.raises(PermissionDenied, match="Only the organisation handling this case"):
        require_handler(case, outsider, roles)
