import datetime
import hashlib
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from core import pdf
from core.masking import mask_id_number
from disputes.choices import ClaimType
from disputes.models import Case, CaseEvent, Document
from documents import issue
from intake import receipt
from intake.receipt import person_name, receipt_store, render_receipt, status_url_for

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt install poppler-utils",
)

DAY_ONE = datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC)

CLAIMS = [
    {"type": "wages", "amount": "8600.00", "description": ""},
    {"type": "overtime", "amount": "1234.5", "description": ""},
    {"type": "employment_relationship", "amount": "", "description": ""},
]


def pdf_text(data: bytes, tmp_path) -> str:
    """The text with all whitespace removed: table cells and wrapped lines break wherever the layout puts them."""
    path = tmp_path / "receipt.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return "".join(out.stdout.split())


def zh(label) -> str:
    with translation.override("zh-hans"):
        return "".join(str(label).split())


@pytest.fixture
def issued(register, people):
    """A registered complaint with a Chinese-named clerk, a fixed registration moment and its query code."""
    clerk = people["clerk"]
    clerk.last_name, clerk.first_name = "李", "娜"
    clerk.save()
    result = register(claims=CLAIMS)
    # 17:05 UTC on the 28th is 01:05 on the 29th in Beijing: the receipt must show the 29th.
    Case.objects.filter(pk=result.case.pk).update(registered_at=datetime.datetime(2026, 11, 28, 17, 5, tzinfo=datetime.UTC))
    result.case.refresh_from_db()
    return result


def render(issued, **kwargs):
    case, code = issued.case, issued.query_code
    return render_receipt(case=case, query_code=code, status_url=status_url_for(case.number, code), **kwargs)


@needs_poppler
def test_it_prints_what_the_worker_needs_to_follow_the_case(issued, orgs, tmp_path):
    case = issued.case
    text = pdf_text(render(issued), tmp_path)
    assert case.number in text
    assert "二〇二六年十一月二十九日" in text
    assert "李娜" in text
    assert orgs["window"].name in text
    assert "0536-1234567" in text
    assert case.worker.name in text
    assert case.employer.name in text
    assert issued.query_code in text
    assert zh(ClaimType.WAGES.label) in text
    assert zh(ClaimType.OVERTIME.label) in text
    assert zh(ClaimType.EMPLOYMENT_RELATIONSHIP.label) in text
    assert "8,600.00" in text
    assert "1,234.50" in text
    assert "9,834.50" in text  # the total of the claimed sums


@needs_poppler
def test_it_masks_the_worker_id_number(issued, tmp_path):
    id_number = issued.case.worker.id_number
    text = pdf_text(render(issued), tmp_path)
    assert mask_id_number(id_number) in text
    assert id_number not in text
    assert id_number[4:14] not in text  # not even the birth date part


@needs_poppler
def test_it_embeds_every_font_it_uses(issued, tmp_path):
    if pdf.find_cjk_font() is None:
        pytest.skip("no embeddable CJK font in PDF_CJK_FONT_PATHS (apt install fonts-wqy-zenhei)")
    path = tmp_path / "receipt.pdf"
    path.write_bytes(render(issued))
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows


@needs_poppler
def test_the_qr_code_opens_the_status_page_for_this_case(issued, tmp_path):
    """Decode the printed QR code from the rendered page, the way a worker's phone camera would."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    (tmp_path / "receipt.pdf").write_bytes(render(issued))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "receipt.pdf"), str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    codes = [r for r in zxingcpp.read_barcodes(Image.open(page)) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert [c.text for c in codes] == [status_url_for(issued.case.number, issued.query_code)]


@needs_poppler
def test_it_comes_out_in_chinese_whatever_language_the_clerk_uses(issued, monkeypatch, tmp_path):
    # Tag every label with the language active when it was translated.
    monkeypatch.setattr(receipt, "_", lambda msg: f"[{translation.get_language()}]{msg}")
    with translation.override("en"):
        text = pdf_text(render(issued), tmp_path)
    assert "[zh-hans]" in text
    assert "[en]" not in text


def test_the_same_case_and_code_give_the_same_bytes(issued):
    assert render(issued) == render(issued)


@needs_poppler
def test_a_reissued_receipt_is_signed_on_the_day_of_reissue(issued, tmp_path):
    later = datetime.datetime(2027, 1, 10, 2, 0, tzinfo=datetime.UTC)
    text = pdf_text(render(issued, issued_at=later), tmp_path)
    assert "二〇二六年十一月二十九日" in text  # registered
    assert "二〇二七年一月十日" in text  # signed


def test_status_url_is_the_public_status_page_with_number_and_code(settings):
    settings.PUBLIC_BASE_URL = "https://ow.example.cn/"
    url = status_url_for("WF2026 0000001&x", "ABCD2345")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://ow.example.cn/status/"
    assert parse_qs(parts.query) == {"n": ["WF2026 0000001&x"], "c": ["ABCD2345"]}


@pytest.mark.parametrize(
    ("last", "first", "username", "expected"),
    [
        ("王", "小明", "wxm", "王小明"),
        ("欧阳娜娜", "", "oyn", "欧阳娜娜"),
        ("Li", "Anna", "ali", "Anna Li"),
        ("", "", "clerk7", "clerk7"),
    ],
)
def test_staff_names_print_in_their_own_order(db, last, first, username, expected):
    user = get_user_model()(username=username, last_name=last, first_name=first)
    assert person_name(user) == expected


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_it_stores_each_issue_as_a_new_version_and_keeps_the_earlier_file(issued, people, media):
    case, code, clerk = issued.case, issued.query_code, people["clerk"]
    first = receipt_store(case=case, query_code=code, actor=clerk, issued_at=DAY_ONE)
    first_bytes = (media / first.file.name).read_bytes()
    # Printed again on a later day: the signature date differs, so it is a new version.
    second = receipt_store(case=case, query_code=code, actor=people["clerk2"], issued_at=DAY_ONE + datetime.timedelta(days=1))

    assert (first.version, second.version) == (1, 2)
    assert first.kind == second.kind == "receipt"
    assert first.file.name == f"documents/{case.pk}/receipt-v1.pdf"
    assert second.file.name == f"documents/{case.pk}/receipt-v2.pdf"
    assert (media / first.file.name).read_bytes() == first_bytes
    assert first.sha256 == hashlib.sha256(first_bytes).hexdigest()
    assert second.sha256 == hashlib.sha256((media / second.file.name).read_bytes()).hexdigest()
    assert first_bytes.startswith(b"%PDF")
    assert (second.created_by, first.created_by) == (people["clerk2"], clerk)
    issued_events = CaseEvent.objects.filter(case=case, action="document_issued").order_by("id")
    assert [(e.payload, e.actor, e.is_public) for e in issued_events] == [
        ({"kind": "receipt", "version": 1, "sha256": first.sha256}, clerk, False),
        ({"kind": "receipt", "version": 2, "sha256": second.sha256}, people["clerk2"], False),
    ]


def test_storing_the_same_receipt_twice_keeps_one_version(issued, people, media):
    """A redelivered task or a double click must not add a second, identical version."""
    case, code = issued.case, issued.query_code
    first = receipt_store(case=case, query_code=code, actor=people["clerk"], issued_at=DAY_ONE)
    again = receipt_store(case=case, query_code=code, actor=people["clerk"], issued_at=DAY_ONE)

    assert again == first
    assert Document.objects.filter(case=case, kind="receipt").count() == 1
    assert CaseEvent.objects.filter(case=case, action="document_issued").count() == 1


def test_a_writer_that_lost_the_race_takes_the_next_version_and_leaves_no_stray_file(issued, people, media, monkeypatch):
    case, code = issued.case, issued.query_code
    receipt_store(case=case, query_code=code, actor=people["clerk"], issued_at=DAY_ONE)
    real_latest = issue._latest_version
    calls = []

    def stale_then_real(c, kind):
        calls.append(c)
        # The first read happened before the other writer committed version 1.
        return 0 if len(calls) == 1 else real_latest(c, kind)

    monkeypatch.setattr(issue, "_latest_version", stale_then_real)
    document = receipt_store(case=case, query_code=code, actor=people["clerk2"], issued_at=DAY_ONE + datetime.timedelta(days=1))

    assert document.version == 2
    assert list(Document.objects.filter(case=case).order_by("version").values_list("version", flat=True)) == [1, 2]
    assert sorted(p.name for p in (media / "documents" / str(case.pk)).iterdir()) == ["receipt-v1.pdf", "receipt-v2.pdf"]


def test_it_refuses_to_print_a_code_that_does_not_open_the_case(issued, people, media):
    with pytest.raises(ValueError):
        receipt_store(case=issued.case, query_code="WRONG234", actor=people["clerk"])
    assert not Document.objects.filter(case=issued.case).exists()


def test_a_pending_receipt_prints_what_the_case_and_its_people_would_print(issued, media):
    """The worker and the clerk's print read the case for the receipt in one statement written out
    (intake.receipt._case_to_print); the stored receipt must be byte for byte the one rendered from the
    ORM's case, with the same worker, employer, first handler and organisation."""
    from intake.models import PendingReceipt
    from intake.receipt import pending_receipt_render

    pending = PendingReceipt.objects.get(case=issued.case)
    orm_case = Case.objects.select_related("worker", "employer", "first_handler", "first_handler_org").get(
        pk=issued.case.pk
    )
    expected = render_receipt(
        case=orm_case, query_code=issued.query_code,
        status_url=status_url_for(orm_case.number, issued.query_code), issued_at=pending.issued_at,
    )

    document = pending_receipt_render(case_id=issued.case.pk)

    assert (media / document.file.name).read_bytes() == expected
    assert not PendingReceipt.objects.filter(case=issued.case).exists()


@needs_poppler
def test_the_receipt_lists_the_evidence_received_with_check_values(issued, people, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disputes.models import Evidence

    settings.MEDIA_ROOT = str(tmp_path / "media")
    case = issued.case
    content = b"%PDF-1.4 wage slip"
    Evidence.objects.create(case=case, file=SimpleUploadedFile("slip.pdf", content), original_name="工资条.pdf",
                            content_type="application/pdf", size=300 * 1024, sha256=hashlib.sha256(content).hexdigest(),
                            description="2026年9月工资条", uploaded_by=people["clerk"])
    Evidence.objects.create(case=case, file=SimpleUploadedFile("chat.png", b"png"), original_name="聊天记录.png",
                            content_type="image/png", size=2 * 1024 * 1024, sha256="ab" * 32,
                            uploaded_by=people["clerk"])
    text = pdf_text(render(issued), tmp_path)
    assert "收到的证据材料" in text
    assert f"2026年9月工资条（工资条.pdf）300KB{hashlib.sha256(content).hexdigest()[:12]}" in text
    assert "聊天记录.png2.0MBabababababab" in text


@needs_poppler
def test_a_receipt_without_evidence_says_none_was_handed_in(issued, tmp_path):
    assert "收到的证据材料未随投诉提交" in pdf_text(render(issued), tmp_path)


@needs_poppler
def test_the_status_address_is_printed_whole_on_a_line_of_its_own(issued, tmp_path, settings):
    settings.PUBLIC_BASE_URL = "https://weiquan.weifang.gov.cn:8443/onewindow"
    path = tmp_path / "receipt.pdf"
    path.write_bytes(render(issued))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    assert "https://weiquan.weifang.gov.cn:8443/onewindow/status/" in out.stdout.splitlines()
