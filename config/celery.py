import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("onewindow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Queues by kind of work, each with workers of its own (docker-compose.yml, docs/deployment.md "Several nodes"): a burst
# of statistics exports or a long sweep never holds up a receipt the clerk is printing or a worker's text.
RECEIPTS, NOTIFICATIONS, SWEEPS, EXPORTS = "receipts", "notifications", "sweeps", "exports"
QUEUES = (RECEIPTS, NOTIFICATIONS, SWEEPS, EXPORTS)
# Every task of the project, by name (tests/test_task_routes.py fails on a task missing here).
TASK_QUEUES = {
    "intake.tasks.receipts_render_pending": RECEIPTS,
    "intake.tasks.receipt_render": RECEIPTS,
    "notifications.tasks.send_due_messages": NOTIFICATIONS,
    "disputes.tasks.notify_event": NOTIFICATIONS,
    "mediation.tasks.notify_participants": NOTIFICATIONS,
    # A collective complaint's early warning to the supervisors: an alert, not a sweep.
    "compliance.tasks.warn_collective": NOTIFICATIONS,
    "deadlines.tasks.sweep_clocks_parallel": SWEEPS,
    "deadlines.tasks.sweep_clocks": SWEEPS,
    "compliance.tasks.sweep_warnings": SWEEPS,
    "compliance.tasks.remove_expired_listings": SWEEPS,
    "core.tasks.resend_pending": SWEEPS,
    "intake.tasks.purge_staging": SWEEPS,
    "reports.tasks.export_render": EXPORTS,
}


def queue_name(kind: str, prefix: str | None = None) -> str:
    from django.conf import settings

    return f"{settings.CELERY_QUEUE_PREFIX if prefix is None else prefix}{kind}"


def worker_queues(*kinds: str, prefix: str | None = None) -> str:
    """The -Q argument of a worker for these kinds; the sweeps' worker also takes the default queue ("celery"),
    where Celery's own tasks and anything queued by a release before the split land."""
    names = [queue_name(kind, prefix) for kind in kinds]
    if SWEEPS in kinds:
        names.append(queue_name("celery", prefix))
    return ",".join(names)


def route_task(name, args, kwargs, options, task=None, **kw):
    """CELERY_TASK_ROUTES: a task's queue by its kind. CELERY_QUEUE, when set, puts every task on that one queue
    (one worker for everything: the benchmark)."""
    from django.conf import settings

    if settings.CELERY_QUEUE:
        return {"queue": settings.CELERY_QUEUE}
    kind = TASK_QUEUES.get(name)
    return {"queue": queue_name(kind)} if kind else None


# Celery's Django fix-up closes every database connection before and after each task unless
# CELERY_DB_REUSE_MAX is set (it ignores CONN_MAX_AGE since celery#9824), so each receipt paid for a new
# PostgreSQL backend: ~10 ms of the database's CPU per task, more than the receipt's own queries.
# With CELERY_DB_REUSE_MAX set (settings), connections between tasks follow Django's own
# rules, as between two requests: reused until CONN_MAX_AGE, dropped after an error that left them unusable.
# An eager task (no broker) runs inside the caller's request, whose connection is the request's to manage.
@task_prerun.connect
@task_postrun.connect
def _close_old_connections(sender=None, **kwargs):
    if sender is None or getattr(sender.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
