"""The receipt is rendered after the registration commits, from a sealed query code."""

import datetime

import pytest
import time_machine

from core.query_codes import seal_query_code
from disputes.models import Document
from intake import tasks
from intake.services import case_reissue_query_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(monkeypatch):
    """What registration hands to Celery, instead of sending it."""
    sent = []
    monkeypatch.setattr(tasks.receipt_render, "apply_async", lambda args, *_, **__: sent.append(tuple(args)))
    return sent


def test_registration_schedules_the_receipt_with_the_code_sealed(register, scheduled, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = register()

    ((case_id, sealed, actor_id, issued_at),) = scheduled
    assert case_id == result.case.pk
    assert result.query_code not in sealed  # the broker never carries the code in clear
    assert datetime.datetime.fromisoformat(issued_at) == result.case.registered_at


def test_nothing_is_scheduled_when_registration_rolls_back(register, scheduled, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            register()
            raise RuntimeError("rolled back")
    assert scheduled == []


def test_the_task_stores_the_receipt_once_even_when_delivered_twice(register, people):
    result = register()
    args = (result.case.pk, seal_query_code(result.query_code), people["clerk"].pk, result.case.registered_at.isoformat())

    tasks.receipt_render(*args)
    tasks.receipt_render(*args)  # acks_late: a worker lost after storing gets the message again

    assert Document.objects.filter(case=result.case, kind="receipt").count() == 1


def test_a_task_for_a_reissued_code_prints_nothing(register, people):
    result = register()
    old = seal_query_code(result.query_code)
    case_reissue_query_code(case_id=result.case.pk, actor=people["clerk"])  # its own task is not run here

    tasks.receipt_render(result.case.pk, old, people["clerk"].pk, result.case.registered_at.isoformat())

    assert not Document.objects.filter(case=result.case, kind="receipt").exists()


@pytest.mark.parametrize("tamper", ["garbage", "expired"])
def test_a_forged_or_expired_seal_prints_nothing(register, people, tamper):
    result = register()
    if tamper == "garbage":
        sealed = seal_query_code(result.query_code)[:-4] + "AAAA"
    else:
        with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)):
            sealed = seal_query_code(result.query_code)

    tasks.receipt_render(result.case.pk, sealed, people["clerk"].pk, result.case.registered_at.isoformat())

    assert not Document.objects.filter(case=result.case, kind="receipt").exists()
