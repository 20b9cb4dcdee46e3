import pytest

from notifications import tasks
from notifications.backends import MemoryBackend


@pytest.fixture(autouse=True)
def phone():
    """What the workers' phones (and mailboxes) received in this test (the memory backend of test settings)."""
    MemoryBackend.outbox = []
    MemoryBackend.fail_with = ""
    yield MemoryBackend
    MemoryBackend.outbox = []
    MemoryBackend.fail_with = ""


@pytest.fixture(autouse=True)
def _no_message_kick_in_flight(monkeypatch):
    monkeypatch.setattr(tasks, "_kick_runs_at", float("-inf"))


@pytest.fixture(autouse=True)
def _sent_at_once(request, monkeypatch):
    """A test inside one transaction never commits, so "after the commit" is "now" there; tests that commit
    for real (transaction=True) keep on_commit as it is."""
    import types

    from notifications import registrations, views

    if request.node.get_closest_marker("django_db") and request.node.get_closest_marker("django_db").kwargs.get("transaction"):
        return
    now = types.SimpleNamespace(on_commit=lambda func, *a, **kw: func())
    monkeypatch.setattr(registrations, "transaction", now)
    monkeypatch.setattr(views, "transaction", now)
