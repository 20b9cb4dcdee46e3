"""The worker's status page: number + query code, same answer for any wrong input, rate-limited."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from disputes.models import Case
from disputes.services import case_add_note, referral_accept, referral_offer

pytestmark = pytest.mark.django_db
URL = reverse("portal:lookup")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_shows_the_stage_handler_and_public_timeline(client, register, people, orgs):
    result = register()
    case = result.case
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
    case_add_note(case_id=case.pk, actor=people["arbitrator"], text="内部意见：雇主态度强硬")

    resp = client.post(URL, {"n": case.number, "c": result.query_code})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "仲裁" in body  # the stage, in Chinese
    assert orgs["arbitration"].name in body and orgs["arbitration"].phone in body
    assert "内部意见" not in body  # internal notes never reach the worker
    assert people["arbitrator"].last_name in body


def test_the_qr_link_opens_the_page_directly(client, register):
    result = register()
    resp = client.get(URL, {"n": result.case.number, "c": result.query_code.lower()})
    assert resp.status_code == 200 and result.case.number in resp.content.decode()


def test_wrong_number_and_wrong_code_get_the_same_answer(client, register):
    result = register()
    wrong_code = client.post(URL, {"n": result.case.number, "c": "AAAAAAAA"})
    wrong_number = client.post(URL, {"n": "WF20269999999", "c": result.query_code})
    assert wrong_code.status_code == wrong_number.status_code == 404

    def strip(r):
        body = r.content.decode().replace(result.case.number, "").replace("WF20269999999", "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    # Only the echoed number differs; nothing tells which part was wrong.
    assert strip(wrong_code).replace('value=""', "") == strip(wrong_number).replace('value=""', "")


def _lookup(client, number, code, address):
    return client.post(URL, {"n": number, "c": code}, REMOTE_ADDR=address)


def test_guessing_at_one_case_from_many_addresses_locks_that_number_for_the_guessers(client, register, settings):
    settings.STATUS_LOOKUP_CASE_FAILURES = 5
    result = register()
    number = result.case.number
    for n in range(5):
        assert _lookup(client, number, f"AAAAAAA{n + 2}", f"203.0.113.{n}").status_code == 404

    # Any address that has failed is refused without its code being compared, even the right code.
    limited = _lookup(client, number, result.query_code, "203.0.113.1")
    assert limited.status_code == 429
    body = limited.content.decode()
    assert "该案件编号的查询码输错次数过多" in body and "回执上印的联系电话" in body
    assert "status-result" not in body
    # A fresh address gets one try: a wrong code counts against it like any other failure ...
    assert _lookup(client, number, "BBBBBBBB", "198.51.100.9").status_code == 404
    assert _lookup(client, number, result.query_code, "198.51.100.9").status_code == 429
    # ... and the worker on their own phone, who never failed, gets in with the right code.
    assert _lookup(client, number, result.query_code, "198.51.100.200").status_code == 200


def test_a_locked_number_does_not_stop_other_cases_from_the_same_address(client, register, settings):
    settings.STATUS_LOOKUP_CASE_FAILURES = 3
    target, other = register(), register()
    for _ in range(3):
        _lookup(client, target.case.number, "AAAAAAAA", "203.0.113.7")
    assert _lookup(client, target.case.number, target.query_code, "203.0.113.7").status_code == 429
    assert _lookup(client, other.case.number, other.query_code, "203.0.113.7").status_code == 200


def test_a_guesser_behind_a_shared_address_does_not_lock_out_the_workers_behind_it(client, register, settings):
    settings.STATUS_LOOKUP_CASE_FAILURES = 3
    settings.STATUS_LOOKUP_ADDRESS_FAILURES = 20
    worker = register()
    for n in range(19):
        _lookup(client, f"WF2026{n:07d}", "AAAAAAAA", "100.64.0.1")
    assert _lookup(client, worker.case.number, worker.query_code, "100.64.0.1").status_code == 200


def test_an_address_failing_at_the_address_limit_is_limited_on_every_number(client, register, settings):
    settings.STATUS_LOOKUP_ADDRESS_FAILURES = 4
    worker = register()
    for n in range(4):
        _lookup(client, f"WF2026{n:07d}", "AAAAAAAA", "100.64.0.2")
    limited = _lookup(client, worker.case.number, worker.query_code, "100.64.0.2")
    assert limited.status_code == 429 and "您所在网络的查询失败次数过多" in limited.content.decode()
    assert _lookup(client, worker.case.number, worker.query_code, "100.64.0.3").status_code == 200


def test_a_missing_number_is_limited_exactly_like_a_real_one(client, register, settings):
    settings.STATUS_LOOKUP_CASE_FAILURES = 2
    real = register().case.number
    missing = "WF20269999999"
    answers = {}
    for number in (real, missing):
        statuses = [_lookup(client, number, "AAAAAAAA", "203.0.113.50").status_code for _ in range(3)]
        body = _lookup(client, number, "AAAAAAAA", "203.0.113.50").content.decode().replace(number, "")
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
        # Each number's window ends at its own minute (django-ratelimit staggers windows by key), found or not.
        answers[number] = statuses, re.sub(r"\d\d:\d\d", "", body)
    assert answers[real] == answers[missing]
    assert answers[real][0] == [404, 404, 429]


def test_the_right_code_uses_up_no_allowance(client, register, settings):
    settings.STATUS_LOOKUP_CASE_FAILURES = 2
    settings.STATUS_LOOKUP_ADDRESS_FAILURES = 2
    worker = register()
    for _ in range(5):
        assert _lookup(client, worker.case.number, worker.query_code, "203.0.113.60").status_code == 200


def test_a_reissued_code_replaces_the_old_one(client, register, people):
    from intake.services import case_reissue_query_code

    result = register()
    _, new_code = case_reissue_query_code(case_id=result.case.pk, actor=people["clerk"])
    assert client.post(URL, {"n": result.case.number, "c": result.query_code}).status_code == 404
    assert client.post(URL, {"n": result.case.number, "c": new_code}).status_code == 200


def test_the_page_is_made_for_a_phone(client):
    body = client.get(URL).content.decode()
    assert 'name="viewport"' in body and "width=device-width" in body
    assert "http://" not in body.replace("http://testserver", "") and "https://" not in body


def test_it_works_without_any_case_in_the_database(client):
    assert Case.objects.count() == 0
    assert client.post(URL, {"n": "", "c": ""}).status_code == 200


def test_the_lookup_costs_the_same_queries_for_3_or_40_public_events(client, register, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from disputes.services import case_transition

    result = register()
    case = result.case

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(URL, {"n": case.number, "c": result.query_code}).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(20):  # suspend/resume pairs: public events
        for action in ("suspend", "resume"):
            case_transition(case_id=case.pk, action=action, actor=people["clerk"],
                            expected_version=Case.objects.get(pk=case.pk).version, reason=f"第{i}次")
    assert queries() == few


def test_the_case_is_found_with_its_organisation_and_handler_in_one_statement(register, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.selectors import case_for_worker

    result = register()
    with CaptureQueriesContext(connection) as ctx:
        found = case_for_worker(number=result.case.number.lower(), code=result.query_code)
        org, handler = found.owner_org, found.owner_user
    assert len(ctx.captured_queries) == 1
    stored = Case.objects.select_related("owner_org", "owner_user").get(pk=result.case.pk)
    assert (found.pk, found.status, found.version, found.registered_at) == (
        stored.pk, stored.status, stored.version, stored.registered_at
    )
    assert (org.pk, org.name, handler.pk, handler.last_name) == (
        stored.owner_org.pk, stored.owner_org.name, people["clerk"].pk, people["clerk"].last_name
    )


def test_a_case_without_a_named_handler_shows_the_organisation_only(client, register, orgs):
    result = register()
    Case.objects.filter(pk=result.case.pk).update(owner_user=None)
    resp = client.post(URL, {"n": result.case.number, "c": result.query_code})
    assert resp.status_code == 200
    assert orgs["window"].name in resp.content.decode()
    assert "承办人" not in resp.content.decode()  # the "Handler" line
