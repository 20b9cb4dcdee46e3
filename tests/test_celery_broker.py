"""Tasks cross the real broker to real worker processes (CI: Redis + `celery worker` + `celery beat`)."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import QUEUES, worker_queues
from config.celery import app as celery_app
from deadlines.models import Clock
from disputes.models import Notification
from disputes.services import referral_offer
from tests.conftest import make_staff, skip_unless_real

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.broker]
ROOT = Path(__file__).resolve().parent.parent


def _env(queue: str) -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    # The processes must use the test database the test is looking at, not the configured one.
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    env.pop("CELERY_QUEUE", None)
    env["CELERY_QUEUE_PREFIX"] = queue
    env["CLOCK_SWEEP_SECONDS"] = "2"
    env["RECEIPT_SWEEP_SECONDS"] = "2"
    env["NOTIFY_SWEEP_SECONDS"] = "2"
    env["TEST_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    return env


def _start(args, queue):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *args], cwd=ROOT, env=_env(queue),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def _stop(*procs):
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def queue(settings):
    """This test's prefix of the queues' names (config.celery.route_task), so its worker and beat take only its
    own tasks on a broker others use too."""
    if settings.CELERY_BROKER_URL == "memory://":
        skip_unless_real("no CELERY_BROKER_URL: tasks run eagerly in-process", "REQUIRE_BROKER")
    if connection.vendor != "postgresql":
        skip_unless_real("the worker process needs a database server it can share with the test", "REQUIRE_POSTGRES")
    prefix = f"test-{os.getpid()}-{time.monotonic_ns()}-"
    settings.CELERY_QUEUE, settings.CELERY_QUEUE_PREFIX = "", prefix
    eager, default_queue = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = f"{prefix}celery"
    yield prefix
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = eager, default_queue


@pytest.fixture
def worker(queue):
    # One worker on every kind's queue, as a small installation runs it.
    proc = _start(["worker", "--pool=solo", "-Q", worker_queues(*QUEUES), "-l", "warning", "--without-heartbeat",
                   "--without-gossip", "--without-mingle"], queue)
    yield proc
    _stop(proc)


def wait_for(check, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
        time.sleep(0.2)
    pytest.fail(f"nothing happened within {seconds} s")


def test_a_referral_notifies_the_receiver_through_the_worker(worker, case, people, orgs):
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                   purpose="arbitration", expected_version=case.version)
    wait_for(lambda: Notification.objects.filter(recipient=people["arbitrator"], case=case).exists(), worker)
    assert case.number in Notification.objects.get(recipient=people["arbitrator"], case=case).text


def test_beat_sweeps_the_clocks_and_the_worker_escalates_an_overdue_one(worker, queue, case, people, orgs):
    from core.models import Role

    chief = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arb-chief")
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                   purpose="arbitration", expected_version=case.version)
    # The acceptance clock's date passed yesterday: the next sweep must escalate it to the supervisor.
    Clock.objects.filter(case=case, rule__code="arbitration_acceptance").update(
        due_on=datetime.date.today() - datetime.timedelta(days=1), remind_on=datetime.date.today() - datetime.timedelta(days=4)
    )
    beat = _start(["beat", "-l", "warning", "--schedule", "/tmp/unused-by-database-scheduler"], queue)
    try:
        wait_for(lambda: Notification.objects.filter(recipient=chief, event__action="clock_overdue").exists(), beat,
                 seconds=90)
        time.sleep(5)  # two or three more beats, each sending two sweeps
    finally:
        _stop(beat)
    clock = Clock.objects.get(case=case, rule__code="arbitration_acceptance")
    assert clock.escalated_at is not None
    # Beat kept firing every 2 s: the escalation still went out once.
    assert Notification.objects.filter(recipient=chief, event__action="clock_overdue").count() == 1


def test_beat_has_the_worker_render_a_receipt_no_kick_reached(worker, queue, register, monkeypatch):
    from disputes.models import Document
    from intake import services as intake_services
    from intake.models import PendingReceipt

    monkeypatch.setattr(intake_services, "receipts_kick", lambda: None)  # as if the kick was lost
    result = register()
    time.sleep(1)
    assert PendingReceipt.objects.filter(case=result.case).exists()  # nothing else is going to render it

    beat = _start(["beat", "-l", "warning", "--schedule", "/tmp/unused-by-database-scheduler"], queue)
    try:
        wait_for(lambda: Document.objects.filter(case=result.case, kind="receipt").exists(), beat, seconds=90)
    finally:
        _stop(beat)
    assert not PendingReceipt.objects.filter(case=result.case).exists()


def test_the_worker_renders_the_receipt_after_registration(worker, register):
    from disputes.models import Document

    result = register()  # committed at once (transactional test): the task goes to the worker
    wait_for(lambda: Document.objects.filter(case=result.case, kind="receipt").exists(), worker)
    receipt = Document.objects.get(case=result.case, kind="receipt")
    assert receipt.file.open("rb").read().startswith(b"%PDF")


def _other_backends() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_the_worker_keeps_its_database_connection_from_task_to_task(worker, register):
    """Celery's Django fix-up closes the connection around every task; a new PostgreSQL backend per receipt
    cost the database ~10 ms of CPU each. config.celery keeps Django's CONN_MAX_AGE."""
    from disputes.models import Document

    first = register()
    wait_for(lambda: Document.objects.filter(case=first.case, kind="receipt").exists(), worker)
    after_first = _other_backends()
    later = [register(), register()]
    wait_for(lambda: Document.objects.filter(case__in=[r.case for r in later], kind="receipt").count() == 2, worker)

    assert len(after_first) == 1, after_first  # the worker's connection, still open after its task
    assert _other_backends() == after_first  # and the same one served the next two


def test_the_worker_sends_the_workers_text_after_registration(worker, register):
    from notifications.models import WorkerMessage

    result = register()
    wait_for(lambda: WorkerMessage.objects.filter(case=result.case, state="sent").exists(), worker)
    assert WorkerMessage.objects.filter(case=result.case).count() == 1


def test_beat_has_the_worker_send_a_text_no_kick_reached(worker, queue, register, monkeypatch):
    from notifications import registrations
    from notifications.models import WorkerMessage

    monkeypatch.setattr(registrations, "messages_kick", lambda: None)  # as if the kick was lost
    result = register()
    time.sleep(1)
    assert WorkerMessage.objects.get(case=result.case).state == "pending"

    beat = _start(["beat", "-l", "warning", "--schedule", "/tmp/unused-by-database-scheduler"], queue)
    try:
        wait_for(lambda: WorkerMessage.objects.filter(case=result.case).exclude(state="pending").exists(), beat,
                 seconds=90)
        time.sleep(4)  # two more sweeps
    finally:
        _stop(beat)
    message = WorkerMessage.objects.get(case=result.case)
    assert (message.state, message.attempts) == ("sent", 1), message.last_error
