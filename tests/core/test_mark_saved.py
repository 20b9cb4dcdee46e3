"""core.sqlbatch.mark_saved is the one place that writes Django's private Model._state (a registration written
in one statement must leave instances as Model.save would). If Django changes that detail, this fails first."""

import pytest
from django.db.models.base import ModelState

from core.sqlbatch import mark_saved
from disputes.models import Worker

pytestmark = pytest.mark.django_db


def _worker(**extra):
    return Worker(id_number="370702199001011234", name="王伟", phone="13800138000", occupation="employee", **extra)


def test_django_still_keeps_whether_an_instance_is_saved_where_mark_saved_writes_it():
    state = ModelState()
    assert (state.adding, state.db) == (True, None), "Django's Model._state changed: revisit core.sqlbatch.mark_saved"
    assert Worker.from_db("default", ["id"], [1])._state.adding is False  # what loading from the database sets


def test_an_instance_marked_saved_is_updated_by_save_never_inserted_again():
    stored = _worker()
    stored.save()
    written_elsewhere = _worker()  # the same row, as a statement of core.sqlbatch would have written it

    mark_saved(written_elsewhere, stored.pk)
    written_elsewhere.name = "王伟伟"
    written_elsewhere.save()

    assert (written_elsewhere._state.adding, written_elsewhere._state.db) == (False, "default")
    assert list(Worker.objects.values_list("pk", "name")) == [(stored.pk, "王伟伟")]
