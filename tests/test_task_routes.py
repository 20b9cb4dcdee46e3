"""Every task has a queue of its kind (config.celery.TASK_QUEUES), and Compose runs a worker for every queue."""

import re
from pathlib import Path

import pytest
import yaml

from config.celery import QUEUES, SWEEPS, TASK_QUEUES, app, route_task, worker_queues

ROOT = Path(__file__).resolve().parent.parent


def project_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_task_of_the_project_has_a_queue():
    tasks = project_tasks()
    assert len(tasks) >= 12
    assert sorted(tasks - set(TASK_QUEUES)) == [], "route these tasks in config.celery.TASK_QUEUES"


def test_every_routed_name_is_a_task():
    assert sorted(set(TASK_QUEUES) - project_tasks()) == [], "a route names a task that no longer exists"


def test_every_queue_has_tasks():
    assert set(TASK_QUEUES.values()) == set(QUEUES)


@pytest.mark.parametrize(("task", "queue"), [
    ("intake.tasks.receipts_render_pending", "receipts"),
    ("notifications.tasks.send_due_messages", "notifications"),
    ("disputes.tasks.notify_event", "notifications"),
    ("deadlines.tasks.sweep_clocks", "sweeps"),
    ("core.tasks.resend_pending", "sweeps"),
    ("reports.tasks.export_render", "exports"),
])
def test_a_task_is_sent_to_its_kinds_queue(settings, task, queue):
    settings.CELERY_QUEUE, settings.CELERY_QUEUE_PREFIX = "", ""
    assert route_task(task, (), {}, {}) == {"queue": queue}
    # The route Celery itself computes when the task is sent.
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_a_prefix_keeps_a_test_run_on_queues_of_its_own(settings):
    settings.CELERY_QUEUE, settings.CELERY_QUEUE_PREFIX = "", "run7-"
    assert route_task("intake.tasks.receipts_render_pending", (), {}, {}) == {"queue": "run7-receipts"}
    assert worker_queues("receipts", "sweeps") == "run7-receipts,run7-sweeps,run7-celery"


def test_one_queue_takes_everything_when_named(settings):
    settings.CELERY_QUEUE = "bench-1"
    assert route_task("reports.tasks.export_render", (), {}, {}) == {"queue": "bench-1"}


def _worker_queues_in_compose() -> dict[str, list[str]]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found = {}
    for name, service in compose["services"].items():
        command = service.get("command") or []
        if command[:4] == ["celery", "-A", "config", "worker"]:
            found[name] = command[command.index("-Q") + 1].split(",")
    return found


def test_compose_runs_a_worker_service_for_each_queue_and_no_queue_twice():
    workers = _worker_queues_in_compose()
    consumed = [queue for queues in workers.values() for queue in queues]
    assert sorted(consumed) == sorted([*QUEUES, "celery"])
    for name, queues in workers.items():
        kinds = [q for q in queues if q != "celery"]
        assert len(kinds) == 1, f"{name} mixes kinds: {queues}"
        assert re.fullmatch(rf"worker-{kinds[0]}", name)
        if "celery" in queues:
            assert kinds == [SWEEPS], "the default queue goes with the sweeps"
