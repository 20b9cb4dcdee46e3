"""Case search (disputes.search): any case the organisation may read, open or ended, here or handed on, by a
number, an ID number, a phone, a credit code or a name; ranked, paged, in the one scope rule."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.identifiers import make_credit_code, make_id_number
from disputes.models import Case
from disputes.search import SearchKey, search_cases
from disputes.services import referral_accept, referral_offer
from tests.conftest import accept_for_arbitration

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def numbers(page):
    return [c.number for c in page.cases]


@pytest.fixture
def handed_on_and_closed(register, people, orgs):
    """A worker's case the window handed to arbitration, which accepted it, gave it its number and closed it."""
    result = register(id_number="37070219900307006X", worker_phone="13912345678", worker_name="李春风",
                      employer_name="潍坊顺达物流有限公司", credit_code=make_credit_code())
    case = result.case
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=referral.pk, actor=people["arbitrator"])
    case = accept_for_arbitration(case, people["arbitrator"])
    Case.objects.filter(pk=case.pk).update(status="closed", outcome="award")
    return Case.objects.select_related("worker", "employer", "arbitration_file").get(pk=case.pk)


def test_the_window_finds_a_case_arbitration_closed_by_the_workers_id_number(handed_on_and_closed, people):
    case = handed_on_and_closed
    assert case.owner_org_id != people["clerk"].staff.organization_id
    for typed in ("37070219900307006X", "37070219900307006x", " 370702 19900307006X "):
        assert numbers(search_cases(people["clerk"], typed)) == [case.number]


@pytest.mark.parametrize("typed", ["13912345678", "139-1234-5678", "+86 139 1234 5678"])
def test_a_phone_finds_the_case_however_it_is_written(handed_on_and_closed, people, typed):
    assert numbers(search_cases(people["clerk"], typed)) == [handed_on_and_closed.number]


def test_numbers_and_names_find_it_too(handed_on_and_closed, people):
    case = handed_on_and_closed
    for typed in (case.number, case.number.lower(), case.arbitration_file.official_number, case.employer.credit_code,
                  "李春风", "李春", "潍坊顺达物流有限公司", "顺达物流"):
        assert numbers(search_cases(people["supervisor"], typed)) == [case.number], typed


def test_what_the_organisation_may_not_read_it_cannot_find(handed_on_and_closed, people):
    case = handed_on_and_closed
    for typed in ("37070219900307006X", "13912345678", case.number, "李春风", case.arbitration_file.official_number):
        assert search_cases(people["outsider"], typed).cases == []
        assert search_cases(people["inspector"], typed).cases == []


def test_an_exact_match_ranks_above_a_name_that_only_begins_with_the_text(register, people):
    longer = register(seed=1, worker_name="张伟明").case
    exact = register(seed=2, worker_name="张伟").case
    page = search_cases(people["clerk"], "张伟")
    assert numbers(page) == [exact.number, longer.number]
    assert [c.search_rank for c in page.cases] == [1, 2]


def test_two_characters_of_an_employer_name_match_only_its_beginning(register, people):
    register(seed=3, employer_name="潍坊顺达物流有限公司")
    assert search_cases(people["clerk"], "顺达").cases == []
    assert len(search_cases(people["clerk"], "潍坊").cases) == 1
    assert len(search_cases(people["clerk"], "顺达物").cases) == 1


def test_nothing_typed_finds_nothing_and_an_unknown_id_number_nothing(register, people):
    register(seed=4)
    assert search_cases(people["clerk"], "  ").cases == []
    assert search_cases(people["clerk"], make_id_number()).cases == []


def test_pages_by_cursor_list_each_case_once_in_order(register, people):
    cases = [register(seed=10 + i, worker_name="赵敏", id_number=make_id_number(), credit_code=make_credit_code(),
                      force_new=True).case for i in range(7)]
    seen, after = [], None
    while True:
        page = search_cases(people["clerk"], "赵敏", size=3, after=after)
        seen += numbers(page)
        if not page.has_next:
            break
        after = SearchKey.from_token(page.key_of(page.cases[-1]).token())
    expected = [c.number for c in sorted(cases, key=lambda c: (c.registered_at, c.pk), reverse=True)]
    assert seen == expected


def test_the_api_searches_pages_and_refuses_a_bad_cursor(register, people):
    for i in range(5):
        register(seed=30 + i, worker_name="孙丽", id_number=make_id_number(), credit_code=make_credit_code())
    client = api(people["clerk"])
    body = client.get("/api/v1/cases/search/", {"q": "孙丽", "page_size": 2}).json()
    ids = [c["id"] for c in body["results"]]
    assert [c["rank"] for c in body["results"]] == [1, 1] and body["partial"] is False
    while body["next"]:
        body = client.get(body["next"]).json()
        ids += [c["id"] for c in body["results"]]
    assert len(ids) == len(set(ids)) == 5
    assert "id_number" not in body["results"][0] and "phone" not in body["results"][0]
    bad = client.get("/api/v1/cases/search/", {"q": "孙丽", "cursor": "nonsense"})
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]["fields"]
    assert client.get("/api/v1/cases/search/").status_code == 400


def test_the_search_page_lists_results_in_chinese(handed_on_and_closed, client, people):
    client.force_login(people["clerk"])
    response = client.get(reverse("disputes:search"), {"q": "37070219900307006X"})
    text = response.content.decode()
    assert response.status_code == 200
    assert handed_on_and_closed.number in text and "查找案件" in text
    results = text[text.index('id="results"'):text.index("</table>")]
    assert handed_on_and_closed.number in results and "李春风" in results
    assert "37070219900307006X" not in results and "13912345678" not in results  # no personal numbers listed


def test_a_page_of_results_costs_the_same_queries_for_few_or_many(register, people):
    def count(n):
        for i in range(n):
            register(seed=500 + n * 10 + i, worker_name=f"周{n:02d}", id_number=make_id_number(),
                     credit_code=make_credit_code())
        with CaptureQueriesContext(connection) as ctx:
            search_cases(people["clerk"], f"周{n:02d}", size=20)
        return len(ctx.captured_queries)

    assert count(2) == count(12)


def test_the_table_holds_no_id_number_or_phone_in_clear(register):
    case = register(seed=77, id_number="370702199103070016", worker_phone="13700001111").case
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, id_number_index, phone_index FROM disputes_worker WHERE id = %s",
                       [case.worker_id])
        row = " ".join(cursor.fetchone())
    assert "370702199103070016" not in row and "13700001111" not in row
    assert case.worker.id_number == "370702199103070016"


def test_a_name_with_digits_is_still_searched_as_a_name(register, people):
    case = register(seed=950, employer_name="潍坊58同城物流有限公司第3分公司").case
    for typed in ("潍坊58同城物流有限公司第3分公司", "潍坊58同城", "58同城物流"):
        assert numbers(search_cases(people["clerk"], typed)) == [case.number], typed
