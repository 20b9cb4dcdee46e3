import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("onewindow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
