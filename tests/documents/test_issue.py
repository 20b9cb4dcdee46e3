import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

import documents
from core.errors import PermissionDenied
from disputes.models import CaseEvent, Document
from documents import issue
from documents.issue import document_issue

from . import samples


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def award_pdfs():
    first = documents.render("award", samples.award())
    corrected = documents.render("award", samples.award(intermediate_court="山东省潍坊市中级人民法院"))
    assert first != corrected
    return first, corrected


def test_each_issue_is_a_new_version_and_the_first_file_stays_as_served(case, people, media, award_pdfs):
    arbitrator = people["arbitrator"]
    first_pdf, corrected_pdf = award_pdfs
    with transaction.atomic():
        first = document_issue(case=case, kind="award", pdf_bytes=first_pdf, actor=arbitrator)
    with transaction.atomic():
        second = document_issue(case=case, kind="award", pdf_bytes=corrected_pdf, actor=arbitrator)

    assert (first.version, second.version) == (1, 2)
    assert first.file.name == f"documents/{case.pk}/award-v1.pdf"
    assert second.file.name == f"documents/{case.pk}/award-v2.pdf"
    assert (media / first.file.name).read_bytes() == first_pdf
    assert (media / second.file.name).read_bytes() == corrected_pdf
    assert first.sha256 == hashlib.sha256(first_pdf).hexdigest()
    assert second.sha256 == hashlib.sha256(corrected_pdf).hexdigest()


def test_versions_are_counted_per_kind(case, people, media, award_pdfs):
    with transaction.atomic():
        document_issue(case=case, kind="award", pdf_bytes=award_pdfs[0], actor=people["arbitrator"])
        notice = document_issue(
            case=case, kind="hearing_notice", pdf_bytes=award_pdfs[1], actor=people["arbitrator"]
        )
    assert notice.version == 1


def test_it_records_an_internal_event_with_kind_version_and_hash(case, people, media, award_pdfs):
    with transaction.atomic():
        document = document_issue(case=case, kind="award", pdf_bytes=award_pdfs[0], actor=people["arbitrator"])
    event = CaseEvent.objects.get(case=case, action="document_issued")
    assert event.payload == {"kind": "award", "version": 1, "sha256": document.sha256}
    assert event.actor == people["arbitrator"]
    assert event.actor_org.name == "潍城区劳动人事争议仲裁院"
    assert event.actor_role == "arbitrator"
    assert event.is_public is False


def test_a_writer_that_lost_the_race_takes_the_next_version_and_leaves_no_stray_file(
    case, people, media, award_pdfs, monkeypatch
):
    with transaction.atomic():
        document_issue(case=case, kind="award", pdf_bytes=award_pdfs[0], actor=people["arbitrator"])
    real_latest = issue._latest_version
    calls = []

    def stale_then_real(c, kind):
        calls.append(kind)
        # The first read happened before the other writer committed version 1.
        return 0 if len(calls) == 1 else real_latest(c, kind)

    monkeypatch.setattr(issue, "_latest_version", stale_then_real)
    with transaction.atomic():
        document = document_issue(case=case, kind="award", pdf_bytes=award_pdfs[1], actor=people["arbitrator"])

    assert document.version == 2
    assert len(calls) == 2
    assert sorted(p.name for p in (media / "documents" / str(case.pk)).iterdir()) == ["award-v1.pdf", "award-v2.pdf"]
    assert CaseEvent.objects.filter(case=case, action="document_issued").count() == 2


def test_it_refuses_bytes_that_are_not_a_pdf_or_an_unknown_kind(case, people, media, award_pdfs):
    with transaction.atomic():
        with pytest.raises(ValueError):
            document_issue(case=case, kind="award", pdf_bytes=b"<html>", actor=people["arbitrator"])
        with pytest.raises(ValueError):
            document_issue(case=case, kind="verdict", pdf_bytes=award_pdfs[0], actor=people["arbitrator"])
    assert not Document.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, action="document_issued").exists()


def test_it_refuses_an_actor_who_is_not_staff(case, media, award_pdfs):
    nobody = get_user_model().objects.create_user(username="nobody", password="pw-nobody")
    with transaction.atomic():
        with pytest.raises(PermissionDenied):
            document_issue(case=case, kind="award", pdf_bytes=award_pdfs[0], actor=nobody)
    assert not Document.objects.filter(case=case).exists()
    assert not (media / "documents").exists()


@pytest.mark.django_db(transaction=True)
def test_it_must_run_inside_the_callers_transaction(case, people, media, award_pdfs):
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError):
        document_issue(case=case, kind="award", pdf_bytes=award_pdfs[0], actor=people["arbitrator"])
    # (The registration's receipt is there: in a transactional test its task ran at commit.)
    assert not Document.objects.filter(case=case, kind="award").exists()
