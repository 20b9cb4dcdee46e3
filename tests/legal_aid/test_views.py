"""The station's pages through the test client: queue, desk, the case page and the worker's page, six haves."""

import csv
import io

import pytest
from django.urls import reverse

from core.models import Organization, Role
from core.query_codes import hash_query_code, new_query_code
from disputes.models import Case
from legal_aid import services
from legal_aid.models import AidFile
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def desk_url(name, referral):
    return reverse(f"legal_aid:{name}", args=[referral.case_id])


def post(client, name, referral, **data):
    aid_file = AidFile.objects.get(referral=referral)
    return client.post(desk_url(name, referral), {"referral": referral.pk, "version": aid_file.version, **data})


def test_the_station_finds_the_accepted_case_in_its_queue_and_decides_on_its_desk(client, aid_referral, people):
    station = signed_in(client, people["legal_aid"])
    queue = station.get(reverse("legal_aid:queue"))
    assert queue.status_code == 200
    number = aid_referral.case.number
    assert f'data-case="{number}"' in queue.content.decode()
    assert desk_url("desk", aid_referral) in queue.content.decode()

    desk = station.get(desk_url("desk", aid_referral))
    assert desk.status_code == 200 and 'id="decide-form"' in desk.content.decode()
    answer = post(station, "decide", aid_referral, grant="1", category="migrant_pay")
    assert answer.status_code == 302
    assert AidFile.objects.get(referral=aid_referral).state == "granted"
    page = station.get(desk_url("desk", aid_referral)).content.decode()
    assert 'id="assign-form"' in page and 'data-kind="legal_aid_decision"' in page


def test_a_refused_grant_keeps_what_was_typed_and_says_why(client, aid_referral, people, allowance):
    station = signed_in(client, people["legal_aid"])
    answer = post(station, "decide", aid_referral, grant="1", category="other", household_size="2",
                  monthly_income="3800.00")
    assert answer.status_code == 302
    page = station.get(desk_url("desk", aid_referral)).content.decode()
    assert 'value="3800.00"' in page  # nothing retyped
    assert "errorlist" in page
    assert AidFile.objects.get(referral=aid_referral).state == "review"


def test_the_lawyer_assigned_on_the_page_shows_on_the_case_page_and_the_worker_s_page(
        client, aid_referral, people, firm):
    station = signed_in(client, people["legal_aid"])
    post(station, "decide", aid_referral, grant="1", category="migrant_pay")
    answer = post(station, "assign", aid_referral, lawyer=f"partner:{firm.pk}")
    assert answer.status_code == 302
    case_page = station.get(reverse("disputes:case", args=[aid_referral.case_id])).content.decode()
    assert 'id="legal-aid"' in case_page and "赵明" in case_page and "13700000001" in case_page
    assert "0536-1234567" in case_page  # the station's phone

    case = Case.objects.get(pk=aid_referral.case_id)
    code = new_query_code()
    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
    client.logout()
    status = client.post(reverse("portal:lookup"), {"n": case.number, "c": code})
    text = status.content.decode()
    assert status.status_code == 200 and 'id="aid-lawyer"' in text
    assert "赵明" in text and "13700000001" in text and "0536-1234567" in text


def test_the_desk_shows_the_client_s_phone_in_full_only_after_granting(client, aid_referral, people):
    station = signed_in(client, people["legal_aid"])
    phone = aid_referral.case.worker.phone
    assert phone not in station.get(desk_url("desk", aid_referral)).content.decode()
    post(station, "decide", aid_referral, grant="1", category="migrant_pay")
    assert phone in station.get(desk_url("desk", aid_referral)).content.decode()
    assert phone in station.get(reverse("disputes:case", args=[aid_referral.case_id])).content.decode()


def test_a_station_that_granted_aid_reads_the_phone_but_never_gets_the_receipt_with_the_query_code(
        client, aid_referral, people):
    station = signed_in(client, people["legal_aid"])
    post(station, "decide", aid_referral, grant="1", category="migrant_pay")
    case_id = aid_referral.case_id
    page = station.get(reverse("disputes:case", args=[case_id])).content.decode()
    assert aid_referral.case.worker.phone in page
    assert 'id="print-receipt"' not in page
    assert station.get(reverse("intake:receipt", args=[case_id])).status_code == 404
    assert station.get(f"/api/v1/cases/{case_id}/receipt/").status_code == 403
    receipt = aid_referral.case.documents.filter(kind="receipt").first()
    if receipt is not None:
        assert station.get(reverse("disputes:document", args=[receipt.pk])).status_code == 404
    # The window that received the complaint still prints it.
    window = signed_in(client, people["clerk"])
    assert window.get(reverse("intake:receipt", args=[case_id])).status_code == 200


def test_nobody_else_reaches_the_desk(client, aid_referral, people, other_station):
    assert signed_in(client, other_station["officer"]).get(desk_url("desk", aid_referral)).status_code == 404
    assert signed_in(client, people["inspector"]).get(desk_url("desk", aid_referral)).status_code == 404
    assert signed_in(client, people["inspector"]).get(reverse("legal_aid:queue")).status_code == 403


def test_the_union_sees_every_station_side_by_side_and_exports_them(client, aid_referral, people, orgs, station):
    services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    services.lawyer_assign(referral_id=aid_referral.pk, actor=people["legal_aid"], lawyer_name="钱律师",
                           lawyer_phone="13700000002")
    services.aid_outcome_record(referral_id=aid_referral.pk, actor=people["legal_aid"], outcome="won",
                                amount_recovered="8600.00")
    union = Organization.objects.create(name="潍坊市总工会", kind="union")
    head = make_staff(union, Role.SUPERVISOR, "union-head")

    page = signed_in(client, head).get(reverse("legal_aid:stations"))
    text = page.content.decode()
    assert page.status_code == 200 and station.name in text
    assert '<span class="granted">1</span>' in text and '<span class="recovered">8600.00</span>' in text

    export = client.get(reverse("legal_aid:stations") + "?format=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == station.name)
    assert row[8] == "1" and row[12] == "8600.00"
    assert signed_in(client, people["clerk"]).get(reverse("legal_aid:stations")).status_code == 403


def test_the_worker_s_page_shows_no_station_deadline_once_aid_is_granted(client, aid_referral, people):
    station = signed_in(client, people["legal_aid"])
    post(station, "decide", aid_referral, grant="1", category="migrant_pay")
    case = Case.objects.get(pk=aid_referral.case_id)
    code = new_query_code()
    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
    client.logout()
    text = client.post(reverse("portal:lookup"), {"n": case.number, "c": code}).content.decode()
    assert 'id="aid-lawyer"' in text and "将在三日内为您指派律师" in text
    assert "指派承办人员" not in text  # the station's own three days to assign a lawyer
