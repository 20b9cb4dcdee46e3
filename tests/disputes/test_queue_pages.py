"""A queue is read as disjoint parts, each in the queue's order (disputes.selectors.queue_page); its pages must
be exactly the queue as one query would list it, whichever way they are turned."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from disputes import views
from disputes.models import Case
from disputes.selectors import queue_for

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def crowded(register, people, orgs):
    """The clerk's queue from every part at once: cases the clerk handles, the window's unassigned ones,
    cases the clerk received that another organisation now handles without having accepted them (first-asked
    responsibility), some flagged collective and some registered at the very same instant; beside them, cases
    that are not the clerk's (another clerk's, a released one, a closed one)."""
    cases = [register(seed=100 + i).case for i in range(9)]
    mine, unassigned, received = cases[:4], cases[4:6], cases[6:9]
    Case.objects.filter(pk__in=[c.pk for c in unassigned]).update(owner_user=None)
    Case.objects.filter(pk__in=[c.pk for c in received]).update(owner_org=orgs["inspection"], owner_user=None)
    Case.objects.filter(pk__in=[mine[1].pk, unassigned[0].pk, received[2].pk]).update(is_collective=True)
    same_instant = timezone.now() - datetime.timedelta(hours=1)
    Case.objects.filter(pk__in=[mine[2].pk, mine[3].pk, received[0].pk]).update(registered_at=same_instant)
    other = register(seed=200, actor=people["clerk2"]).case
    released = register(seed=201).case
    Case.objects.filter(pk=released.pk).update(
        owner_org=orgs["inspection"], owner_user=None, first_handler_released_at=timezone.now()
    )
    closed = register(seed=202).case
    Case.objects.filter(pk=closed.pk).update(status="closed")
    return {"queue": cases, "not_mine": [other, released, closed]}


def turn_forward(client, size, **params):
    pages, url, query = [], "/api/v1/cases/", {"page_size": size, **params}
    while url:
        body = client.get(url, query).json()
        pages.append([c["id"] for c in body["results"]])
        url, query = body["next"], None
    return pages, body


def test_the_api_pages_list_the_queue_as_one_query_would(crowded, people):
    reference = list(queue_for(people["clerk"]).values_list("id", flat=True))
    assert sorted(reference) == sorted(c.pk for c in crowded["queue"])
    collective = set(Case.objects.filter(is_collective=True).values_list("id", flat=True))
    assert set(reference[:3]) == collective  # collective cases first

    for size in (1, 2, 4, 9, 20):
        pages, _ = turn_forward(api(people["clerk"]), size)
        assert [i for page in pages for i in page] == reference
        assert all(len(page) == size for page in pages[:-1])


def test_previous_links_turn_back_through_the_same_pages(crowded, people):
    client = api(people["clerk"])
    pages, last = turn_forward(client, 2)
    back, body = [], last
    while body["previous"]:
        body = client.get(body["previous"]).json()
        back.append([c["id"] for c in body["results"]])
    assert back == pages[-2::-1]
    assert client.get("/api/v1/cases/", {"page_size": 2}).json()["previous"] is None


def test_a_case_registered_between_two_pages_repeats_nothing(crowded, people, register):
    client = api(people["clerk"])
    first = client.get("/api/v1/cases/", {"page_size": 4}).json()
    newest = register(seed=300).case
    rest, _ = turn_forward(client, 4, cursor=parse_qs(urlparse(first["next"]).query)["cursor"][0])
    seen = [c["id"] for c in first["results"]] + [i for page in rest for i in page]
    assert newest.pk not in seen and len(seen) == len(set(seen)) == len(crowded["queue"])


def test_the_supervisors_organisation_view_pages_the_same_way(crowded, people):
    reference = list(queue_for(people["supervisor"], scope="org").values_list("id", flat=True))
    # Everything the window handles (the other clerk's too) and what it received first and still answers for.
    assert crowded["not_mine"][0].pk in reference and crowded["not_mine"][1].pk not in reference
    # What it received that another organisation handles without having released it: its own part, read from
    # an index of such cases only (case_queue_first_elsewhere).
    received = {c.pk for c in crowded["queue"][6:9]}
    assert received <= set(reference)
    pages, _ = turn_forward(api(people["supervisor"]), 3, scope="org")
    assert [i for page in pages for i in page] == reference


def test_filters_apply_to_every_part(crowded, people):
    received = crowded["queue"][7]
    Case.objects.filter(pk=received.pk).update(status="suspended")
    pages, _ = turn_forward(api(people["clerk"]), 5, status="suspended")
    assert pages == [[received.pk]]
    pages, _ = turn_forward(api(people["clerk"]), 5, q=received.number)
    assert pages == [[received.pk]]


def test_a_damaged_cursor_is_a_clear_error(people):
    response = api(people["clerk"]).get("/api/v1/cases/", {"cursor": "bm90IGEgY3Vyc29y"})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_the_web_queue_pages_list_the_same_cases(crowded, people, client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    reference = list(queue_for(people["clerk"]).values_list("number", flat=True))
    client.force_login(people["clerk"])
    shown, page = [], 1
    while True:
        response = client.get(reverse("disputes:queue"), {"page": page})
        shown += [c.number for c in response.context["cases"]]
        if not response.context["has_next"]:
            break
        page += 1
    assert shown == reference and page == 3


@pytest.mark.parametrize("who, scope", [("clerk", "mine"), ("supervisor", "org")])
def test_the_parts_written_as_sql_hold_what_the_orms_parts_hold(crowded, people, register, who, scope):
    """An unfiltered queue's pages are read through its parts as the ORM compiled them once, with stand-in ids
    (core.rows); filled with this person's, each must hold exactly
    the rows of the ORM's part, the negation's NULL cases included (a case the clerk received that a colleague
    of the same window now handles is still the clerk's to answer for; one nobody there is assigned to is
    in the window's unassigned part instead)."""
    from core.rows import select_related_rows
    from disputes.selectors import _QUEUE_CASE, queue

    colleague = register(seed=301).case
    Case.objects.filter(pk=colleague.pk).update(owner_user=people["clerk2"])

    written = queue(people[who], scope=scope)
    assert written.written is not None and len(written.written) == len(written.parts)
    for (where, params), part in zip(written.written, written.parts):
        assert sorted(c.pk for c in select_related_rows(_QUEUE_CASE, [], where, params)) == sorted(
            part.values_list("id", flat=True)
        )
    in_parts = [set(part.values_list("id", flat=True)) for part in written.parts]
    assert colleague.pk in set().union(*in_parts)
    assert sum(len(p) for p in in_parts) == len(set().union(*in_parts))  # disjoint
    # With a filter the ORM's parts are read, as before.
    assert queue(people[who], scope=scope, status="registered").written is None
