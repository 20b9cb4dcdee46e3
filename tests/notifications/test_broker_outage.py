"""A broker outage during registration: the complaint registers, its message waits as a row, and beat's sweep
sends it once the broker is back, once. The broker is really unreachable (a closed port), as in
tests/test_outbox.py."""

import pytest

from core.models import PendingTask
from notifications.models import MessageState, WorkerMessage
from notifications.tasks import send_due_messages
from tests.api.test_complaints import URL, api, payload
from tests.test_outbox import broker  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_registration_while_the_broker_is_down_is_texted_later_by_the_sweep_once(people, division, broker, phone):  # noqa: F811
    broker.down()
    response = api(people["clerk"]).post(URL, payload(division, seed=81), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    message = WorkerMessage.objects.get(case_id=body["case"]["id"])
    assert message.state == MessageState.PENDING and message.attempts == 0
    assert phone.outbox == []
    # The row is the message: nothing extra is kept for the broker to resend.
    assert not PendingTask.objects.filter(task_name__startswith="notifications.").exists()

    broker.back()
    send_due_messages()  # what beat sends every NOTIFY_SWEEP_SECONDS
    send_due_messages()  # and again, a minute later

    assert len(phone.outbox) == 1
    assert body["query_code"] in phone.outbox[0]["text"] and body["case"]["number"] in phone.outbox[0]["text"]
    message.refresh_from_db()
    assert message.state == MessageState.SENT
