"""The worker is told each public step of the case by text message, once, whatever the gateway does."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from disputes.models import Case, CaseEvent
from disputes.services import referral_accept, referral_offer
from notifications.models import MessageState, MessageTemplate, WorkerMessage
from notifications.services import message_send
from notifications.tasks import send_due_messages
from tests.conftest import accept_for_arbitration, make_staff

pytestmark = pytest.mark.django_db


def texts(phone, to="13800138000"):
    return [m["text"] for m in phone.outbox if m["to"] == to]


def test_the_worker_receives_the_case_number_and_query_code_when_the_complaint_is_registered(register, phone):
    result = register()

    (text,) = texts(phone)
    assert result.case.number in text and result.query_code in text
    message = WorkerMessage.objects.get(case=result.case)
    assert message.state == MessageState.SENT and message.sent_at is not None
    # What is kept shows that a code was sent, never the code itself.
    assert result.query_code not in message.text and "********" in message.text
    assert message.sealed == {}


def test_accepting_a_referral_tells_the_worker_which_organisation_took_the_case(register, people, orgs, phone):
    case = register().case
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    assert len(texts(phone)) == 1  # an offer is not a public step for the worker

    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])

    assert len(texts(phone)) == 2
    assert orgs["arbitration"].name in texts(phone)[-1] and case.number in texts(phone)[-1]


def test_accepting_the_arbitration_application_tells_the_worker(register, people, orgs, phone):
    case = register().case
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])
    accept_for_arbitration(Case.objects.get(pk=case.pk), people["arbitrator"])

    assert "已受理" in texts(phone)[-1]


def test_a_message_is_never_written_or_sent_twice_for_one_step(register, phone):
    case = register().case
    message = WorkerMessage.objects.get(case=case)

    assert send_due_messages() == 0  # the sweep after the kick finds nothing due
    assert message_send(message.pk) == ""  # and a late task for the same message does nothing
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkerMessage.objects.create(case=case, event=message.event, channel="sms", recipient="13800138000",
                                     template_key="case_registered", next_attempt_at=timezone.now())
    assert len(texts(phone)) == 1


def test_an_email_goes_too_where_the_worker_gave_an_address(register, phone):
    register(worker_email="wang@example.com")

    assert len(texts(phone)) == 1 and len(texts(phone, to="wang@example.com")) == 1


def test_a_gateway_outage_delays_the_message_with_growing_back_off_and_loses_nothing(register, phone, settings):
    phone.fail_with = "gateway timed out"
    result = register()  # registers all the same

    message = WorkerMessage.objects.get(case=result.case)
    assert message.state == MessageState.PENDING and message.attempts == 1
    first_wait = message.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=settings.NOTIFY_RETRY_BASE_SECONDS - 5) < first_wait <= datetime.timedelta(
        seconds=settings.NOTIFY_RETRY_BASE_SECONDS)
    assert send_due_messages() == 0  # not due yet: no hammering the gateway

    WorkerMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    send_due_messages()
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - timezone.now() > datetime.timedelta(seconds=2 * settings.NOTIFY_RETRY_BASE_SECONDS - 5)

    phone.fail_with = ""
    WorkerMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    send_due_messages()
    assert len(texts(phone)) == 1 and result.query_code in texts(phone)[0]


def test_after_the_last_attempt_a_supervisor_sees_the_failure_masked_and_resends_it(register, people, phone, client, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    phone.fail_with = "gateway refused: 500"
    case = register().case
    message = WorkerMessage.objects.get(case=case)
    assert message.state == MessageState.FAILED

    client.force_login(people["supervisor"])
    page = client.get("/notifications/failed/").content.decode()
    assert case.number in page and "138****8000" in page and "13800138000" not in page
    assert "gateway refused: 500" in page

    phone.fail_with = ""
    response = client.post(f"/notifications/failed/{message.pk}/resend/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.resent_by == people["supervisor"]
    assert len(texts(phone)) == 1


def test_only_a_supervisor_of_an_organisation_answering_to_the_worker_sees_or_resends(register, people, phone, client, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    phone.fail_with = "down"
    case = register().case
    message = WorkerMessage.objects.get(case=case)

    client.force_login(people["clerk"])
    assert client.get("/notifications/failed/").status_code == 403
    client.force_login(people["outsider_supervisor"])
    assert case.number not in client.get("/notifications/failed/").content.decode()
    client.post(f"/notifications/failed/{message.pk}/resend/")
    message.refresh_from_db()
    assert message.state == MessageState.FAILED


def test_the_failed_messages_page_costs_the_same_queries_for_one_or_many(register, people, client, phone, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    phone.fail_with = "down"
    register(seed=1)
    client.force_login(people["supervisor"])
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/failed/")
    for seed in range(2, 7):
        register(seed=seed)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/notifications/failed/").content.decode()
    assert page.count('class="message"') == 6
    assert len(many) == len(one)


def test_the_worker_who_declines_at_the_window_receives_nothing(register, people, orgs, phone):
    case = register(worker_notices=False).case
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])

    assert phone.outbox == []
    assert CaseEvent.objects.filter(case=case, action="worker_notices_off").count() == 1


def test_the_worker_stops_and_restarts_messages_from_the_status_page_with_the_query_code(register, people, orgs, phone, client):
    result = register()
    case = result.case

    assert client.post("/notifications/worker/", {"n": case.number, "c": "WRONGCOD", "receive": "0"}).status_code == 404
    response = client.post("/notifications/worker/", {"n": case.number, "c": result.query_code, "receive": "0"})
    assert response.status_code == 200 and "不再" in response.content.decode()
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=Case.objects.get(pk=case.pk).version)
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])
    assert len(texts(phone)) == 1  # only the registration's

    status = client.post("/status/", {"n": case.number, "c": result.query_code}).content.decode()
    assert 'id="worker-notices-link"' in status

    client.post("/notifications/worker/", {"n": case.number, "c": result.query_code, "receive": "1"})
    accept_for_arbitration(Case.objects.get(pk=case.pk), people["arbitrator"])
    assert len(texts(phone)) == 2 and "已受理" in texts(phone)[-1]


def test_a_message_for_a_reissued_code_is_not_sent(register, people, phone):
    from intake.services import case_reissue_query_code

    phone.fail_with = "down"
    result = register()
    case_reissue_query_code(case_id=result.case.pk, actor=people["clerk"])
    phone.fail_with = ""
    WorkerMessage.objects.update(next_attempt_at=timezone.now())
    send_due_messages()

    assert phone.outbox == []
    assert WorkerMessage.objects.get(case=result.case).state == MessageState.CANCELLED


def test_a_template_using_an_unknown_value_is_refused(db):
    from django.core.exceptions import ValidationError

    template = MessageTemplate.objects.get(key="referral_accepted")
    template.text = "案件${case_number}由${organisation}接收"
    with pytest.raises(ValidationError):
        template.full_clean()
    template.text = "案件${case_number}已由${organization}接收办理，咨询电话见回执。"
    template.full_clean()


def test_an_edited_template_is_what_the_worker_receives(register, phone):
    MessageTemplate.objects.filter(key="case_registered").update(text="新文本：${case_number}")
    case = register().case

    assert texts(phone) == [f"新文本：{case.number}"]


def test_every_template_the_tracks_declare_is_seeded_in_chinese(db):
    from disputes import registry

    keys = {notice.template_key for notice in registry.worker_notices().values()}
    templates = {t.key: t for t in MessageTemplate.objects.filter(key__in=keys)}
    assert set(templates) == keys
    for template in templates.values():
        template.full_clean()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in template.text)


def test_no_table_holds_the_workers_phone_or_email_in_clear(register, phone):
    from django.db import connection

    case = register(worker_phone="13700002222", worker_email="li.si@example.com").case
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM disputes_worker WHERE id = %s", [case.worker_id])
        stored = [cursor.fetchone()[0]]
        cursor.execute("SELECT recipient, text FROM notifications_workermessage WHERE case_id = %s", [case.pk])
        stored += [value for row in cursor.fetchall() for value in row]
    assert not any("13700002222" in v or "li.si@example.com" in v for v in stored)
    assert sorted(WorkerMessage.objects.filter(case=case).values_list("recipient", flat=True)) == [
        "13700002222", "li.si@example.com"]
    assert len(texts(phone, to="li.si@example.com")) == 1
