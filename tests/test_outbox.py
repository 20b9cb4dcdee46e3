"""A broker outage at the window: the complaint registers, nothing is lost, the clerk prints the receipt, and
what would have been sent follows once the broker is back (core.outbox, intake.models.PendingReceipt). The
broker is really unreachable here (a closed port), not mocked."""

import pytest

from config.celery import app as celery_app
from core.models import PendingTask
from disputes.models import Document
from intake.models import IntakeDocumentKind
from intake.models import PendingReceipt
from intake.tasks import receipts_render_pending
from tests.api.test_complaints import URL, api, payload

# Real commits: the messages are sent after them (on_commit), as in production.
pytestmark = pytest.mark.django_db(transaction=True)

UNREACHABLE = "redis://127.0.0.1:9/0"  # the discard port: nothing listens, the connection is refused


def _rebuild_pools():
    # Celery keeps one connection pool and one producer pool per app, made from the broker URL on first
    # use: forget them so that the next send builds them from the URL now configured.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(monkeypatch):
    """Switch between an unreachable broker and none (Celery eager, the tests' default)."""

    class Broker:
        def down(self):
            monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
            monkeypatch.setitem(celery_app.conf, "broker_url", UNREACHABLE)
            # Celery reads the environment's CELERY_BROKER_URL before its configuration (CI sets one).
            monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
            _rebuild_pools()
            connection = celery_app.connection_for_write()
            assert (connection.hostname, connection.port) == ("127.0.0.1", 9)

        def back(self):
            monkeypatch.undo()
            _rebuild_pools()

    yield Broker()
    monkeypatch.undo()
    _rebuild_pools()


def test_the_complaint_registers_while_the_broker_is_down_and_its_receipt_waits(people, division, broker):
    broker.down()
    response = api(people["clerk"]).post(URL, payload(division, seed=71), format="json")

    assert response.status_code == 201, response.content  # not a 500 for a complaint already registered
    body = response.json()
    assert body["query_code"] and body["receipt_ready"] is False
    # The receipt's to-do is a row written with the case, not a message: nothing to keep for resending.
    assert PendingReceipt.objects.filter(case_id=body["case"]["id"]).exists()
    assert not PendingTask.objects.exists()


def test_the_clerk_prints_the_receipt_while_the_broker_is_down(people, division, broker):
    broker.down()
    clerk = api(people["clerk"])
    body = clerk.post(URL, payload(division, seed=72), format="json").json()

    pdf = clerk.get(body["receipt_url"])

    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(case_id=body["case"]["id"], kind=IntakeDocumentKind.RECEIPT).count() == 1


def test_the_periodic_sweep_renders_what_nobody_printed_once_the_broker_is_back(people, division, broker):
    broker.down()
    case_id = api(people["clerk"]).post(URL, payload(division, seed=73), format="json").json()["case"]["id"]
    assert not Document.objects.filter(case_id=case_id, kind=IntakeDocumentKind.RECEIPT).exists()

    broker.back()
    receipts_render_pending()  # what beat sends every RECEIPT_SWEEP_SECONDS

    assert Document.objects.filter(case_id=case_id, kind=IntakeDocumentKind.RECEIPT).count() == 1
    assert not PendingReceipt.objects.exists()


def test_a_referral_notifies_later_instead_of_failing(people, orgs, broker, register):
    from disputes.services import referral_offer

    case = register(seed=74).case
    broker.down()
    referral = referral_offer(
        case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
        expected_version=case.version,
    )
    assert referral.pk  # committed
    assert PendingTask.objects.filter(task_name="disputes.tasks.notify_event").count() == 1
