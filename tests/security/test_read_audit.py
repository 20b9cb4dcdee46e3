"""The read audit: who read which case or downloaded what, written after the response, append-only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disputes import audit
from disputes.models import ReadKind, ReadRecord

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def download(client, url) -> bytes:
    """A file as the server sends it: the response is closed (and its reads written) once it has been read."""
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_supervisor_sees_who_opened_a_case(case, people):
    assert signed_in(people["clerk2"]).get(f"/cases/{case.pk}/").status_code == 200

    page = signed_in(people["supervisor"]).get("/audit/reads/")
    assert page.status_code == 200
    rows = page.content.decode().split('id="read-audit"')[1]
    assert "clerk2" in rows and case.number in rows and "案件页面" in rows


def test_each_kind_of_read_is_recorded_with_who_organisation_and_what(case, people, orgs):
    clerk = signed_in(people["clerk"])
    clerk.get(f"/cases/{case.pk}/")
    clerk.get(f"/api/v1/cases/{case.pk}/")
    assert download(clerk, f"/intake/receipt/{case.pk}/").startswith(b"%PDF")  # renders it: a document now
    receipt = case.documents.get(kind="receipt")
    assert download(clerk, f"/documents/{receipt.pk}/").startswith(b"%PDF")

    records = list(ReadRecord.objects.order_by("id").values_list("user__username", "organization", "role", "kind", "case", "object_id"))
    window = orgs["window"].pk
    assert records == [
        ("clerk", window, "clerk", ReadKind.CASE_PAGE, case.pk, None),
        ("clerk", window, "clerk", ReadKind.CASE_API, case.pk, None),
        ("clerk", window, "clerk", ReadKind.RECEIPT, case.pk, receipt.pk),
        ("clerk", window, "clerk", ReadKind.DOCUMENT, case.pk, receipt.pk),
    ]


def test_a_refused_read_records_nothing(case, people):
    assert signed_in(people["outsider"]).get(f"/cases/{case.pk}/").status_code == 404
    assert not ReadRecord.objects.exists()


def test_the_supervisor_sees_only_their_own_organisations_reads(case, people):
    signed_in(people["clerk"]).get(f"/cases/{case.pk}/")
    page = signed_in(people["outsider_supervisor"]).get("/audit/reads/").content.decode()
    assert case.number not in page.split('id="read-audit"')[1]


def test_only_a_supervisor_opens_the_audit_page(people):
    assert signed_in(people["clerk"]).get("/audit/reads/").status_code == 404


def test_read_records_cannot_be_changed_or_deleted(case, people):
    signed_in(people["clerk"]).get(f"/cases/{case.pk}/")
    record = ReadRecord.objects.get()
    with pytest.raises(TypeError):
        record.save()
    with pytest.raises(TypeError):
        record.delete()
    with pytest.raises(TypeError):
        ReadRecord.objects.update(detail="x")
    with pytest.raises(TypeError):
        ReadRecord.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_a_read_record(case, people):
    from django.db import DatabaseError, transaction

    signed_in(people["clerk"]).get(f"/cases/{case.pk}/")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE disputes_readrecord SET detail = 'x'")


def test_the_case_page_waits_for_no_audit_query(case, people, monkeypatch):
    """The page runs the queries it runs without the audit (15 on SQLite when the audit came); its one INSERT
    runs when the response is closed, after the body has gone to the client."""
    from disputes import views

    client = signed_in(people["clerk"])
    url = f"/cases/{case.pk}/"
    client.get(url)
    with monkeypatch.context() as m:
        m.setattr(views, "record_read", lambda *args, **kwargs: None)
        with CaptureQueriesContext(connection) as without:
            client.get(url)
    at_write = []
    write = audit._write
    monkeypatch.setattr(audit, "_write", lambda records: (at_write.append(len(ctx.captured_queries)), write(records)))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert at_write == [len(without.captured_queries)]
    assert len(ctx.captured_queries) == len(without.captured_queries) + 1
    assert ctx.captured_queries[-1]["sql"].startswith('INSERT INTO "disputes_readrecord"')


@pytest.mark.django_db(transaction=True)
def test_one_read_is_written_as_one_statement_outside_a_transaction(people):
    """The write runs after the answer, in autocommit, while the web worker waits for it: one INSERT, not
    BEGIN, INSERT, COMMIT."""
    record = ReadRecord(at=timezone.now(), user=people["clerk"], kind=ReadKind.CASE_PAGE,
                        organization=people["clerk"].staff.organization, role="clerk")
    with CaptureQueriesContext(connection) as ctx:
        audit._write([record])
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["INSERT"]
    assert ReadRecord.objects.filter(user=people["clerk"]).count() == 1
