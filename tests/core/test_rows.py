"""Rows read as written-out SQL (core.rows) come back as the same instances the ORM would build."""

import inspect

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.access import staff_of
from core.models import Organization, StaffProfile
from core.rows import Columns, fetch_row
from disputes.models import Case, CaseEvent, Claim

pytestmark = pytest.mark.django_db


def fields_of(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("model", [Case, CaseEvent, Claim], ids=lambda m: m.__name__)
def test_every_column_type_converts_as_the_orm_converts_it(register, model):
    """Dates, timestamps with their zone, decimals, booleans and JSON (each backend returns them differently)."""
    case = register(seed=1, claims=[{"type": "wages", "amount": "8600.50"}]).case
    stored = model.objects.filter(**({"pk": case.pk} if model is Case else {"case_id": case.pk})).first()
    cols = Columns(model, "t")
    qn = connection.ops.quote_name
    row = fetch_row(f"SELECT {cols.sql(connection)} FROM {qn(model._meta.db_table)} t WHERE t.{qn('id')} = %s", [stored.pk])
    built = cols.build(row, 0, connection)
    assert fields_of(built) == fields_of(stored)
    assert {k: type(v) for k, v in fields_of(built).items()} == {k: type(v) for k, v in fields_of(stored).items()}


def test_a_missing_outer_row_is_none(db):
    cols = Columns(Case, "c")
    assert cols.build((None,) * cols.width, 0, connection) is None


def test_the_actor_is_resolved_in_one_statement_with_organisation_and_division(people):
    clerk = people["clerk"]
    expected = StaffProfile.objects.select_related("organization__division").get(user=clerk)
    clerk = type(clerk).objects.get(pk=clerk.pk)  # nothing cached on it
    with CaptureQueriesContext(connection) as ctx:
        profile = staff_of(clerk)
        org, division = profile.organization, profile.organization.division
    assert len(ctx.captured_queries) == 1
    assert fields_of(profile) == fields_of(expected)
    assert fields_of(org) == fields_of(expected.organization)
    assert fields_of(division) == fields_of(expected.organization.division)


def test_an_organisation_without_a_division_loads_without_one(people, orgs):
    from core.models import Organization

    Organization.objects.filter(pk=orgs["window"].pk).update(division=None)
    clerk = type(people["clerk"]).objects.get(pk=people["clerk"].pk)
    assert staff_of(clerk).organization.division is None


INTERNALS = (
    "core.rows builds the ORM's instances with parts of Django that its documentation does not promise: "
    "the converters of the backend and the field (connection.ops.get_db_converters(col) + "
    "field.get_db_converters(connection), each called convert(value, col, connection)), field.get_col(alias), "
    "connection.ops.integer_field_range(internal_type) and the relation cache select_related fills "
    "(field.set_cached_value(instance, related)). Django changed {what}: adapt core/rows.py, or read through the "
    "ORM there."
)


@pytest.mark.parametrize("model", [Case, CaseEvent, Claim, StaffProfile, Organization], ids=lambda m: m.__name__)
def test_the_converters_it_applies_are_called_as_it_calls_them(db, model):
    ops = connection.ops
    assert list(inspect.signature(ops.get_db_converters).parameters) == ["expression"], INTERNALS.format(
        what="connection.ops.get_db_converters")
    for field in model._meta.concrete_fields:
        col = field.get_col("t")
        assert (col.alias, col.target) == ("t", field), INTERNALS.format(what="Field.get_col")
        for convert in ops.get_db_converters(col) + field.get_db_converters(connection):
            assert len(inspect.signature(convert).parameters) == 3, INTERNALS.format(
                what=f"the converters' call ({convert!r})")


def test_the_relation_cache_it_fills_is_the_one_a_relation_is_read_from(db):
    case, org = Case(pk=1, owner_org_id=2), Organization(pk=2)
    field = Case._meta.get_field("owner_org")
    field.set_cached_value(case, org)
    with CaptureQueriesContext(connection) as ctx:
        try:
            read = case.owner_org
        except Organization.DoesNotExist:  # not cached, so read from the database, which has no such row
            read = None
    assert (read, ctx.captured_queries) == (org, []), INTERNALS.format(what="Field.set_cached_value")


def test_the_integer_range_it_checks_ids_against_is_the_columns(db):
    low, high = connection.ops.integer_field_range("BigAutoField")
    assert (low, high) == (-(2**63), 2**63 - 1), INTERNALS.format(what="connection.ops.integer_field_range")
