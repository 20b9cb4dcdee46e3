"""The wage-arrears list's pages: the queue, the listing's page with its steps, the shared file."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from compliance import services
from compliance.models import BlacklistListing, ListingState
from disputes.priority import case_mark_priority
from tests.conftest import file_for_inspection
from tests.compliance.test_listing_procedure import _v, listing, people  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_the_listing_is_notified_and_its_objection_refused_after_the_window_on_its_page(client, listing, people):
    c = _login(client, people["inspector"])
    page = c.get(f"/compliance/listings/{listing.pk}/")
    assert page.status_code == 200 and "notice-form" in page.content.decode()
    assert "1101**********002X" in page.content.decode() and "11010519491231002X" not in page.content.decode()

    r = c.post(f"/compliance/listings/{listing.pk}/notice/",
               {"version": _v(listing), "notified_on": timezone.localdate().isoformat()}, follow=True)
    assert BlacklistListing.objects.get(pk=listing.pk).state == ListingState.NOTIFIED
    assert "listing_notice" in r.content.decode()

    late = timezone.localdate() + datetime.timedelta(days=1)  # a future date is refused, what was typed kept
    r = c.post(f"/compliance/listings/{listing.pk}/objection/",
               {"version": _v(listing), "received_on": late.isoformat(), "statement": "异议内容"}, follow=True)
    assert BlacklistListing.objects.get(pk=listing.pk).objection_received_on is None
    assert "异议内容" in r.content.decode()


def test_the_queue_shows_the_organisations_listings_to_inspection_staff_only(client, listing, people):
    c = _login(client, people["supervisor"])
    c.get("/compliance/listings/")  # the session and the reference data warm up
    with CaptureQueriesContext(connection) as one:
        page = c.get("/compliance/listings/")
    assert page.status_code == 200 and listing.employer.name in page.content.decode()
    for _ in range(3):  # more listings (closed ones, the same case) cost no more queries
        BlacklistListing.objects.create(case_id=listing.case_id, employer_id=listing.employer_id, ground="mass_incident",
                                        payment_order_due_on=listing.payment_order_due_on, reason="x",
                                        state=ListingState.NOT_LISTED, proposed_by=people["inspector"])
    with CaptureQueriesContext(connection) as four:
        page = c.get("/compliance/listings/")
    assert page.content.decode().count('class="listing"') == 4
    assert len(four) == len(one)
    assert _login(client, people["clerk"]).get("/compliance/listings/").status_code == 403


def test_the_supervisor_downloads_the_listed_employers_with_masked_ids(client, listing, people):
    services.listing_notify(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                            notified_on=timezone.localdate())
    services.listing_objection_record(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      received_on=timezone.localdate(), statement="异议")
    services.listing_objection_review(listing_id=listing.pk, actor=people["inspector"], version=_v(listing),
                                      verification="不成立", upheld=False)
    services.listing_decide(listing_id=listing.pk, actor=people["inspector"], version=_v(listing), listed=True)

    r = _login(client, people["supervisor"]).get("/compliance/listings/export/?format=csv")
    text = r.content.decode("utf-8-sig")
    assert r.status_code == 200 and listing.employer.credit_code in text
    assert "1101**********002X" in text and "11010519491231002X" not in text

    r = client.get("/compliance/listings/export/")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == listing.employer.credit_code and "1101**********002X" in rows[1][3]
    assert _login(client, people["inspector"]).get("/compliance/listings/export/").status_code == 403


def test_the_handling_inspector_proposes_from_the_case_with_persons_one_per_line(client, listing, people):
    BlacklistListing.objects.filter(pk=listing.pk).update(state=ListingState.NOT_LISTED)  # the earlier one closed
    c = _login(client, people["inspector"])
    assert "propose-listing" in c.get(f"/cases/{listing.case_id}/").content.decode()
    r = c.post(f"/compliance/cases/{listing.case_id}/listings/propose/", {
        "version": _v(listing), "ground": "mass_incident", "payment_order_due_on":
        (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "persons": "法定代表人，赵某，11010519491231002X\n项目经理，钱某", "reason": "引发群体性事件。"})
    new = BlacklistListing.objects.exclude(pk=listing.pk).get()
    assert r.status_code == 302 and r["Location"] == f"/compliance/listings/{new.pk}/"
    assert new.responsible_persons == [{"role": "法定代表人", "name": "赵某", "id_number": "11010519491231002X"},
                                       {"role": "项目经理", "name": "钱某"}]


def test_a_green_channel_case_comes_first_in_the_wage_arrears_desk_with_its_badge(client, listing, register, people,
                                                                                  orgs):
    other = file_for_inspection(register(seed=91).case, people, orgs)
    newer = BlacklistListing.objects.create(case_id=other.pk, employer_id=other.employer_id, ground="mass_incident",
                                            payment_order_due_on=listing.payment_order_due_on, reason="x",
                                            state=ListingState.PROPOSED, proposed_by=people["inspector"])
    c = _login(client, people["supervisor"])

    def order():
        page = c.get("/compliance/listings/").content.decode()
        return [chunk.split('"', 1)[0] for chunk in page.split('href="/compliance/listings/')[1:]
                if chunk.split('"', 1)[0].rstrip("/").isdigit()], page

    assert order()[0][:2] == [f"{newer.pk}/", f"{listing.pk}/"]  # newest first
    case_mark_priority(case_id=listing.case_id, actor=people["inspector"], ground="flexible_wages", note="欠薪")
    listed, page = order()
    assert listed[:2] == [f"{listing.pk}/", f"{newer.pk}/"]
    assert page.count("badge priority") == 1
