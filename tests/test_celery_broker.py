"""A task crosses the real broker to a real worker process (CI: Redis + `celery worker`)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from disputes.models import Notification
from disputes.services import referral_offer
from tests.conftest import skip_unless_real

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.broker]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    if settings.CELERY_BROKER_URL == "memory://":
        skip_unless_real("no CELERY_BROKER_URL: tasks run eagerly in-process", "REQUIRE_BROKER")
    if connection.vendor != "postgresql":
        skip_unless_real("the worker process needs a database server it can share with the test", "REQUIRE_POSTGRES")
    db = connection.settings_dict
    env = dict(os.environ)
    # The worker must write to the test database the test is looking at, not the configured one.
    env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    env["CELERY_WORKER_ONLY_FOR_TESTS"] = "1"
    queue = f"test-{os.getpid()}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue, "-l", "warning",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    eager, routes = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield proc
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = eager, routes
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_referral_notifies_the_receiver_through_the_worker(worker, case, people, orgs):
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                   purpose="arbitration", expected_version=case.version)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Notification.objects.filter(recipient=people["arbitrator"], case=case).exists():
            break
        assert worker.poll() is None, worker.stdout.read().decode(errors="replace")
        time.sleep(0.2)
    else:
        pytest.fail("the worker did not write the notification within 60 s")
    note = Notification.objects.get(recipient=people["arbitrator"], case=case)
    assert case.number in note.text
