"""The legal-aid station's desk puts the green channel's cases first in each part, with the queue's badge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disputes.models import Referral
from disputes.priority import case_mark_priority
from disputes.services import referral_accept
from tests.legal_aid.conftest import refer_for_aid

pytestmark = pytest.mark.django_db


def numbers_in(page: str, part: str) -> list[str]:
    section = page.split(f'id="{part}"', 1)[1].split('class="card"', 1)[0]
    return [chunk.split('"', 1)[0] for chunk in section.split('data-case="')[1:]]


def test_a_green_channel_case_comes_first_in_the_stations_parts_for_no_more_queries(client, register, people, orgs):
    older, newer = register(seed=1).case, register(seed=2).case
    for case in (older, newer):
        refer_for_aid(case, people, orgs, accept=False)
    client.force_login(people["legal_aid"])
    url = reverse("legal_aid:queue")
    client.get(url)  # the session and the reference data warm up
    with CaptureQueriesContext(connection) as plain:
        page = client.get(url).content.decode()
    assert numbers_in(page, "aid-offered") == [newer.number, older.number]  # newest first
    assert "badge priority" not in page

    case_mark_priority(case_id=older.pk, actor=people["clerk"], ground="flexible_wages", note="外卖骑手欠薪")
    with CaptureQueriesContext(connection) as prioritised:
        page = client.get(url).content.decode()
    assert numbers_in(page, "aid-offered") == [older.number, newer.number]
    assert page.count("badge priority") == 1
    assert len(prioritised) == len(plain)

    # Accepted (the newer last, so newest first would put it on top), both are under review: priority first.
    for referral in Referral.objects.filter(purpose="legal_aid").order_by("id"):
        referral_accept(referral_id=referral.pk, actor=people["legal_aid"])
    page = client.get(url).content.decode()
    assert numbers_in(page, "aid-review") == [older.number, newer.number]
