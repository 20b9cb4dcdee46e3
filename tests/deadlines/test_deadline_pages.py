"""Deadlines where people look: the case page, the queue filters, the dashboard and the worker's page."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from disputes.services import referral_accept, referral_offer
from tests.conftest import accept_for_arbitration

pytestmark = pytest.mark.django_db
D = datetime.date
BJ = datetime.timezone(datetime.timedelta(hours=8))


def at(y, m, d):
    return time_machine.travel(datetime.datetime(y, m, d, 10, tzinfo=BJ), tick=False)


def to_arbitration(register, people, orgs, **kw):
    result = register(violation_started_on=D(2026, 1, 5), **kw)
    case = result.case
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
    accept_for_arbitration(case, people["arbitrator"])
    return result


def test_the_case_page_shows_each_clock_with_its_source_and_days_left(client, register, people, orgs):
    with at(2026, 3, 2):
        case = to_arbitration(register, people, orgs).case
        client.force_login(people["arbitrator"])
        body = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert "仲裁结案期限" in body and "2026-04-16" in body
    assert "劳动争议调解仲裁法第四十三条" in body  # the stored "art 43", as Chinese writes it
    assert ">45 " in body  # 45 calendar days left on the day it started


def test_the_queue_filters_overdue_and_due_soon(client, register, people, orgs):
    with at(2026, 3, 2):
        late = to_arbitration(register, people, orgs, seed=1).case
    with at(2026, 4, 14):
        soon = to_arbitration(register, people, orgs, seed=2).case
    client.force_login(people["arbitrator"])
    with at(2026, 4, 20):  # the first award clock (due 16 Apr) is overdue
        overdue = client.get(reverse("disputes:queue"), {"due": "overdue"}).content.decode()
        assert late.number in overdue and soon.number not in overdue
    with at(2026, 5, 26):  # the second (14 Apr + 45 = 29 May, a Friday) is within 3 working days
        body = client.get(reverse("disputes:queue"), {"due": "soon"}).content.decode()
        assert soon.number in body and late.number not in body


def test_the_dashboard_warns_when_next_years_calendar_is_missing(client, register, people, orgs):
    with at(2026, 12, 10):
        to_arbitration(register, people, orgs)
        client.force_login(people["arbitrator"])
        body = client.get(reverse("disputes:dashboard")).content.decode()
    assert 'id="calendar-warning"' in body and "2027" in body


def test_the_workers_page_shows_the_next_date_that_concerns_them(client, register, people, orgs):
    cache.clear()
    with at(2026, 3, 2):
        result = to_arbitration(register, people, orgs)
        body = client.post(reverse("portal:lookup"), {"n": result.case.number, "c": result.query_code}).content.decode()
    # The award's clock, in the worker's words rather than the rule's name (仲裁结案期限).
    assert 'id="next-date"' in body and "2026-04-16" in body and "仲裁应作出裁决或调解结案，最迟" in body


def test_the_api_lists_clocks_and_filters_by_deadline(register, people, orgs):
    from rest_framework.test import APIClient

    with at(2026, 3, 2):
        case = to_arbitration(register, people, orgs).case
    api = APIClient()
    api.force_authenticate(people["arbitrator"])
    with at(2026, 4, 20):
        clocks = api.get(f"/api/v1/cases/{case.pk}/").json()["clocks"]
        award = next(c for c in clocks if c["rule"] == "award")
        assert (award["due_on"], award["state"], award["unit"]) == ("2026-04-16", "running", "cd")
        listed = api.get("/api/v1/cases/", {"due": "overdue"}).json()["results"]
        assert [c["number"] for c in listed] == [case.number]


def test_the_dashboard_shows_the_on_time_rate(client, register, people, orgs):
    with at(2026, 3, 2):
        on_time = to_arbitration(register, people, orgs, seed=1).case  # acceptance met the day it was due
    with at(2026, 3, 2):
        late = register(violation_started_on=D(2026, 1, 5), seed=2).case
        ref = referral_offer(case_id=late.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                             purpose="arbitration", expected_version=late.version)
    with at(2026, 3, 20):  # acceptance was due Mon 9 Mar: decided late
        referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
        accept_for_arbitration(late, people["arbitrator"])
        client.force_login(people["arbitrator"])
        body = client.get(reverse("disputes:dashboard")).content.decode()
    assert on_time.pk
    assert 'id="on-time-rate">50.0%<' in body
