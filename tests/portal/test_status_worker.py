"""The worker's page answers what next, when, where and whom to call, in the worker's words: the hearing or session
to attend, the sums agreed and the date the employer must pay, and no organisation's internal deadline."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.query_codes import hash_query_code, new_query_code
from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from tests.conftest import accept_for_arbitration, agree_by_mediation, schedule_first_hearing

pytestmark = pytest.mark.django_db


def status_page(client, case) -> str:
    code = new_query_code()
    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
    response = client.post(reverse("portal:lookup"), {"n": case.number, "c": code})
    assert response.status_code == 200
    return response.content.decode()


def text_of(html, element_id) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|table|ul)>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def hand_to(case, people, orgs, purpose, receiver):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs[purpose].pk, purpose=purpose,
                         expected_version=Case.objects.get(pk=case.pk).version)
    referral_accept(referral_id=ref.pk, actor=people[receiver])
    return Case.objects.get(pk=case.pk)


def test_a_hearing_booked_is_the_next_thing_with_its_time_place_and_what_to_bring(client, register, people, orgs):
    orgs["arbitration"].address = "潍坊市潍城区胜利东街1号"
    orgs["arbitration"].save()
    case = hand_to(register(violation_started_on=datetime.date(2026, 1, 5)).case, people, orgs, "arbitration",
                   "arbitrator")
    case = accept_for_arbitration(case, people["arbitrator"])
    hearing = schedule_first_hearing(case, people["arbitrator"])

    html = status_page(client, case)

    start = timezone.localtime(hearing.starts_at)
    assert text_of(html, "next-what") == "参加仲裁开庭"
    assert f"{start:%Y-%m-%d}" in text_of(html, "next-when") and f"{start:%H:%M}" in text_of(html, "next-when")
    assert "第一仲裁庭" in text_of(html, "next-where") and "胜利东街1号" in text_of(html, "next-where")
    assert "身份证" in text_of(html, "next-bring")
    assert "0536-1234567" in text_of(html, "next-who")


def test_the_sums_agreed_and_the_employer_s_payment_date_are_shown(client, register, people, orgs):
    case = hand_to(register().case, people, orgs, "mediation", "mediator")
    agreement = agree_by_mediation(case, people["mediator"])
    due = timezone.localdate() + datetime.timedelta(days=10)

    html = status_page(client, case)

    amounts = text_of(html, "worker-amounts")
    assert "8600.00" in amounts and f"应于{due:%Y-%m-%d}前支付" in amounts
    assert agreement.total == 8600
    # The employer's payment date is the next thing; the worker's own date (apply for judicial confirmation
    # within 30 days) is shown in the worker's words beside it.
    assert "8,600.00" in text_of(html, "next-what") and f"{due:%Y-%m-%d}" in text_of(html, "next-when")
    assert text_of(html, "next-date").startswith("请在此日期前向法院申请司法确认")


def test_a_case_with_nothing_to_attend_says_what_happens_next_and_whom_to_call(client, register, orgs):
    html = status_page(client, register().case)
    assert text_of(html, "next-step")  # the stage in plain words
    assert orgs["window"].name in text_of(html, "next-who") and "0536-1234567" in text_of(html, "next-who")



def test_the_page_asks_only_the_tracks_the_case_has_met(client, register, django_assert_max_num_queries):
    """A case still at the window: the case, its timeline, its kinds of event and its clocks; no track is asked
    about a case it has never seen (the busiest public page, 1M cases). The tests above show each track's part
    read once the case has met it."""
    case = register().case
    code = new_query_code()
    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
    with django_assert_max_num_queries(4):
        assert client.post(reverse("portal:lookup"), {"n": case.number, "c": code}).status_code == 200
