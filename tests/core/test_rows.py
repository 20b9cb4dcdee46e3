"""Rows read as written-out SQL (core.rows) come back as the same instances the ORM would build."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.access import staff_of
from core.models import StaffProfile
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
