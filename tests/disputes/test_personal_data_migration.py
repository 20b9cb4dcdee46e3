"""Workers' ID numbers and phones move to encrypted columns with blind indexes (disputes/0016): every row keeps
its values, the table holds them in clear no more, and going back restores them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.identifiers import make_id_number
from disputes.models import Worker

BEFORE = [("disputes", "0015_worker_email")]
AFTER = [("disputes", "0016_worker_personal_data_encrypted")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _raw_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, id_number, phone FROM disputes_worker ORDER BY id")
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_existing_workers_are_encrypted_without_loss_and_found_by_their_numbers():
    executor = _migrate(BEFORE)
    OldWorker = executor.loader.project_state(BEFORE).apps.get_model("disputes", "Worker")
    people = [(make_id_number(), f"1380013{n:04d}", f"工人{n}") for n in range(12)]
    people.append((make_id_number()[:17] + "X", "0536-8123456", "带X的人"))  # a check character X; a landline
    for id_number, phone, name in people:
        OldWorker.objects.create(id_number=id_number, phone=phone, name=name, occupation="delivery_rider")
    ids = [w.pk for w in OldWorker.objects.order_by("pk")]

    _migrate(AFTER)

    raw = _raw_rows()
    assert [r[0] for r in raw] == ids
    stored = " ".join(f"{r[1]} {r[2]}" for r in raw)
    for id_number, phone, _name in people:
        assert id_number not in stored and phone not in stored  # nothing in clear in the table
        worker = Worker.objects.get(id_number_index=Worker.id_number_digest(id_number.lower()))
        assert (worker.id_number, worker.phone) == (id_number, phone)
        assert Worker.objects.filter(phone_index=Worker.phone_digest(phone)).get() == worker

    _migrate(BEFORE)
    assert [(r[1], r[2]) for r in _raw_rows()] == [(i, p) for i, p, _ in people]
    _migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_email_addresses_and_message_recipients_are_encrypted_and_come_back_going_back():
    """disputes/0021 and notifications/0003: the addresses messages go to are no longer kept in clear."""
    from notifications.models import WorkerMessage

    before = [("disputes", "0020_statistics_indexes"), ("notifications", "0002_seed_message_templates")]
    executor = _migrate(before)
    Worker17 = executor.loader.project_state(before).apps.get_model("disputes", "Worker")
    worker = Worker17.objects.create(name="王五", occupation="delivery_rider", email="wang.wu@example.com")
    with connection.cursor() as cursor:  # 0017's Worker encrypts ID and phone itself; email is clear there
        cursor.execute("SELECT email FROM disputes_worker WHERE id = %s", [worker.pk])
        assert cursor.fetchone()[0] == "wang.wu@example.com"

    _migrate([("disputes", "0021_personal_data_encrypted"), ("notifications", "0003_personal_data_encrypted")])

    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM disputes_worker WHERE id = %s", [worker.pk])
        assert "wang.wu" not in cursor.fetchone()[0]
    assert Worker.objects.get(pk=worker.pk).email == "wang.wu@example.com"
    assert WorkerMessage._meta.get_field("recipient").get_internal_type() == "TextField"

    _migrate(before)
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM disputes_worker WHERE id = %s", [worker.pk])
        assert cursor.fetchone()[0] == "wang.wu@example.com"
    _migrate(executor.loader.graph.leaf_nodes())
