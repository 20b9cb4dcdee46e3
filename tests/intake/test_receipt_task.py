"""The receipt is issued with the registration and rendered after it commits: by the clerk's print, by the
background worker, or right after the commit when there is no broker (intake.models.PendingReceipt)."""

import datetime
import logging

import pytest
import time_machine
from django.db import transaction

from config.celery import app as celery_app
from core.query_codes import seal_query_code, unseal_query_code
from disputes.models import Document
from intake import tasks
from intake.models import PendingReceipt
from intake.receipt import pending_receipt_render, pending_receipts_render
from intake.services import case_reissue_query_code

pytestmark = pytest.mark.django_db


def receipts(case):
    return Document.objects.filter(case=case, kind="receipt")


def test_registration_leaves_the_receipt_pending_with_the_code_sealed(register, people):
    result = register()  # its commit (and what runs after it) has not happened in this test's transaction

    pending = PendingReceipt.objects.get(case=result.case)
    assert result.query_code not in pending.sealed_code  # the database never keeps the code in clear
    assert unseal_query_code(pending.sealed_code, max_age=None) == result.query_code
    assert pending.issued_at == result.case.registered_at and pending.issued_by == people["clerk"]
    assert not receipts(result.case).exists()


def test_a_registration_that_rolls_back_leaves_no_receipt_behind(register):
    with pytest.raises(RuntimeError), transaction.atomic():
        register()
        raise RuntimeError("rolled back")
    assert not PendingReceipt.objects.exists()


def test_without_a_broker_the_receipt_is_rendered_right_after_the_commit(register, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = register()

    assert receipts(result.case).count() == 1
    assert not PendingReceipt.objects.filter(case=result.case).exists()


def test_the_worker_renders_pending_receipts_oldest_case_first_and_says_what_is_left(register):
    cases = [register(seed=i).case for i in range(3)]

    assert pending_receipts_render(seconds=60, limit=2) == (2, True)
    assert [receipts(c).count() for c in cases] == [1, 1, 0]
    assert pending_receipts_render(seconds=60) == (1, False)
    assert [receipts(c).count() for c in cases] == [1, 1, 1]
    assert pending_receipts_render(seconds=60) == (0, False)


def test_rendering_a_receipt_twice_stores_it_once(register):
    case = register().case
    assert pending_receipt_render(case_id=case.pk) is not None
    assert pending_receipt_render(case_id=case.pk) is None  # nothing pending any more: callers serve the latest
    assert pending_receipts_render(seconds=60) == (0, False)
    assert receipts(case).count() == 1


def test_a_reissue_replaces_the_pending_receipt_so_the_old_code_is_never_printed(register, people):
    result = register()
    case, new_code = case_reissue_query_code(case_id=result.case.pk, actor=people["clerk"])

    [pending] = PendingReceipt.objects.filter(case=case)
    assert unseal_query_code(pending.sealed_code, max_age=None) == new_code
    pending_receipts_render(seconds=60)
    assert receipts(case).count() == 1  # the old code's receipt was never rendered


def test_a_pending_receipt_waits_as_long_as_it_must(register):
    result = register()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)):
        # a worker down for a month: the row, not the seal's age, says the receipt is still owed
        assert pending_receipts_render(seconds=60) == (1, False)
    assert receipts(result.case).count() == 1


def test_a_seal_that_no_longer_opens_is_dropped_and_reported(register, caplog):
    result = register()
    PendingReceipt.objects.filter(case=result.case).update(sealed_code="not-a-seal")

    with caplog.at_level(logging.ERROR, logger="intake.receipt"):
        assert pending_receipts_render(seconds=60) == (1, False)

    assert not receipts(result.case).exists() and not PendingReceipt.objects.exists()
    assert "reissue" in caplog.text


class TestKick:
    """How often the web asks the worker to render: at once when quiet, at most once a second when busy, and
    never so that a committed receipt is left to the periodic sweep."""

    @pytest.fixture
    def sent(self, monkeypatch):
        sent = []
        monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
        monkeypatch.setattr(tasks.receipts_render_pending, "apply_async", lambda *a, **kw: sent.append(kw.get("countdown")))
        monkeypatch.setattr(tasks, "_kick_runs_at", float("-inf"))
        return sent

    @pytest.fixture
    def clock(self, monkeypatch):
        now = [1000.0]
        monkeypatch.setattr(tasks.time, "monotonic", lambda: now[0])
        return now

    def test_a_quiet_window_gets_its_receipt_rendered_at_once(self, sent, clock, settings):
        settings.RECEIPT_KICK_SECONDS = 1.0
        tasks.receipts_kick()
        clock[0] += 5
        tasks.receipts_kick()
        assert sent == [None, None]

    def test_a_busy_window_sends_one_message_a_second_and_covers_every_commit(self, sent, clock, settings):
        settings.RECEIPT_KICK_SECONDS = 1.0
        tasks.receipts_kick()  # runs at 1000.0
        clock[0] += 0.1
        tasks.receipts_kick()  # after the first ran: a second one, due a second after the first
        for _ in range(8):
            clock[0] += 0.1
            tasks.receipts_kick()  # covered by the one due at 1001.0
        clock[0] = 1001.05
        tasks.receipts_kick()  # the one due at 1001.0 may have run already: one more, due at 1002.0

        assert len(sent) == 3
        assert sent[0] is None and sent[1] == pytest.approx(0.9) and sent[2] == pytest.approx(0.95)

    def test_a_broker_that_cannot_take_the_kick_fails_nothing(self, monkeypatch, clock, settings):
        from kombu.exceptions import OperationalError

        calls = []

        def refuse(*args, **kwargs):
            calls.append(1)
            raise OperationalError("connection refused")

        monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
        monkeypatch.setattr(tasks, "_kick_runs_at", float("-inf"))
        monkeypatch.setattr(tasks.receipts_render_pending, "apply_async", refuse)
        tasks.receipts_kick()
        clock[0] += 10
        tasks.receipts_kick()  # not tried again while the broker is likely still down
        clock[0] += tasks.KICK_BACKOFF_SECONDS
        tasks.receipts_kick()
        assert len(calls) == 2


# --- the receipt as a message of its own: the earlier release's messages still render ---------------------


def test_an_earlier_release_message_stores_the_receipt_once_even_when_delivered_twice(register, people):
    result = register()
    args = (result.case.pk, seal_query_code(result.query_code), people["clerk"].pk, result.case.registered_at.isoformat())

    tasks.receipt_render(*args)
    tasks.receipt_render(*args)  # acks_late: a worker lost after storing gets the message again

    assert receipts(result.case).count() == 1


def test_an_earlier_release_message_for_a_reissued_code_prints_nothing(register, people):
    result = register()
    old = seal_query_code(result.query_code)
    case_reissue_query_code(case_id=result.case.pk, actor=people["clerk"])  # its own rendering is not run here

    tasks.receipt_render(result.case.pk, old, people["clerk"].pk, result.case.registered_at.isoformat())

    assert not receipts(result.case).exists()


@pytest.mark.parametrize("tamper", ["garbage", "expired"])
def test_an_earlier_release_message_with_a_forged_or_expired_seal_prints_nothing(register, people, tamper):
    result = register()
    if tamper == "garbage":
        sealed = seal_query_code(result.query_code)[:-4] + "AAAA"
    else:
        with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)):
            sealed = seal_query_code(result.query_code)

    tasks.receipt_render(result.case.pk, sealed, people["clerk"].pk, result.case.registered_at.isoformat())

    assert not receipts(result.case).exists()


def test_a_receipt_that_fails_to_render_stays_pending_and_does_not_hold_up_the_others(register, monkeypatch, caplog):
    from intake import receipt as receipt_module

    cases = [register(seed=i).case for i in range(3)]
    real_render = receipt_module.render_receipt

    def render(**kwargs):
        if kwargs["case"].pk == cases[0].pk:
            raise OSError("disk full")
        return real_render(**kwargs)

    monkeypatch.setattr(receipt_module, "render_receipt", render)
    with caplog.at_level(logging.ERROR, logger="intake.receipt"):
        assert pending_receipts_render(seconds=60) == (2, False)  # nothing else left for this run to do

    assert [receipts(c).count() for c in cases] == [0, 1, 1]
    assert PendingReceipt.objects.filter(case=cases[0]).exists()  # tried again by the next run
    assert "disk full" in caplog.text
    monkeypatch.setattr(receipt_module, "render_receipt", real_render)
    assert pending_receipts_render(seconds=60) == (1, False)
    assert receipts(cases[0]).count() == 1
