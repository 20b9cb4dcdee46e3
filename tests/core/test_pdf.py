import datetime
import shutil
import subprocess

import pytest
from reportlab.lib.units import mm

from core import pdf
from core.pdf import CentredLine, OfficialDocument, chinese_date, cjk_font_name, find_cjk_font

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt install poppler-utils",
)
needs_embeddable_font = pytest.mark.skipif(
    find_cjk_font() is None,
    reason="no embeddable CJK font in PDF_CJK_FONT_PATHS (apt install fonts-wqy-zenhei)",
)


def pdf_text(data: bytes, tmp_path) -> str:
    """The document's text with all whitespace removed: line breaks fall wherever the layout puts them."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return "".join(out.stdout.split())


def pdf_fonts(data: bytes, tmp_path) -> list[dict]:
    """pdffonts rows as dicts: the font name and whether it is embedded."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: count from the right, types contain spaces.
        rows.append({"name": parts[0], "embedded": parts[-5] == "yes"})
    return rows


def sample_document(**overrides) -> OfficialDocument:
    doc = OfficialDocument(
        issuer=overrides.get("issuer", "潍城区劳动人事争议仲裁院"),
        title="受理通知书",
        number_line="潍城劳人仲案字〔2026〕第12号",
    )
    doc.add_addressee("王小明")
    doc.add_paragraph("你于二〇二六年十一月二十九日提交的仲裁申请，经审查符合受理条件，本院决定予以受理。")
    doc.add_key_values([("案号", "WF20260000001"), ("申请人", "王小明"), ("被申请人", "潍坊速达配送有限公司")])
    doc.add_table(["序号", "请求事项", "金额（元）"], [["1", "支付拖欠工资", "8,600.00"]], col_widths=[1, 8, 3], right_aligned=(2,))
    doc.add_signature(signer="潍城区劳动人事争议仲裁院", date=datetime.date(2026, 11, 29))
    return doc


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 1, 10), "二〇二六年一月十日"),
        (datetime.date(2026, 11, 29), "二〇二六年十一月二十九日"),
        (datetime.date(2026, 10, 31), "二〇二六年十月三十一日"),
        (datetime.date(2026, 12, 20), "二〇二六年十二月二十日"),
        (datetime.date(2026, 2, 19), "二〇二六年二月十九日"),
        (datetime.date(2026, 3, 30), "二〇二六年三月三十日"),
        (datetime.date(2000, 1, 1), "二〇〇〇年一月一日"),
        (datetime.date(2019, 12, 5), "二〇一九年十二月五日"),
        (datetime.date(2030, 7, 21), "二〇三〇年七月二十一日"),
    ],
)
def test_it_writes_dates_in_chinese_numerals(day, expected):
    assert chinese_date(day) == expected


def test_it_dates_a_moment_by_the_day_in_beijing_not_utc():
    late_utc = datetime.datetime(2026, 11, 28, 16, 30, tzinfo=datetime.UTC)  # 00:30 on the 29th in Beijing
    assert chinese_date(late_utc) == "二〇二六年十一月二十九日"


def test_it_refuses_a_naive_datetime_whose_day_is_ambiguous():
    with pytest.raises(ValueError):
        chinese_date(datetime.datetime(2026, 11, 29, 12, 0))


def test_it_skips_font_files_reportlab_cannot_load(settings, tmp_path):
    broken = tmp_path / "NotoSansCJK-Regular.ttc"
    broken.write_bytes(b"not a font at all")
    settings.PDF_CJK_FONT_PATHS = [str(tmp_path / "missing.ttf"), str(broken)]
    assert find_cjk_font() is None


@needs_embeddable_font
def test_it_finds_the_first_loadable_font_and_its_face_in_a_collection(settings, tmp_path):
    real = find_cjk_font()
    settings.PDF_CJK_FONT_PATHS = [str(tmp_path / "missing.ttc"), f"{real.path}#0"]
    assert find_cjk_font() == (real.path, 0)


@needs_poppler
@needs_embeddable_font
def test_it_embeds_the_cjk_font_and_no_other(tmp_path):
    fonts = pdf_fonts(sample_document().render(), tmp_path)
    assert fonts, "the PDF lists no fonts"
    assert all(f["embedded"] for f in fonts), fonts


@needs_poppler
def test_it_lays_out_header_body_table_and_chinese_signature_date(tmp_path):
    text = pdf_text(sample_document().render(), tmp_path)
    for expected in (
        "潍城区劳动人事争议仲裁院",
        "受理通知书",
        "潍城劳人仲案字〔2026〕第12号",
        "王小明：",
        "本院决定予以受理",
        "潍坊速达配送有限公司",
        "8,600.00",
        "二〇二六年十一月二十九日",
        "—1—",
    ):
        assert expected in text


@needs_poppler
def test_it_prints_user_text_literally_rather_than_as_markup(tmp_path):
    doc = OfficialDocument(issuer="某单位", title="通知")
    doc.add_paragraph("A & B <b>not bold</b>")
    assert "A&B<b>notbold</b>" in pdf_text(doc.render(), tmp_path)


@needs_poppler
def test_it_numbers_every_page_of_a_long_document(tmp_path):
    doc = OfficialDocument(issuer="某单位", title="通知")
    for i in range(60):
        doc.add_paragraph(f"第{i + 1}段：劳动者依法享有取得劳动报酬的权利。")
    text = pdf_text(doc.render(), tmp_path)
    assert "—1—" in text and "—2—" in text


def test_the_same_input_gives_the_same_bytes():
    assert sample_document().render() == sample_document().render()


def test_a_long_issuer_name_shrinks_to_fit_the_line():
    line = CentredLine("潍坊市人力资源和社会保障局劳动人事争议仲裁院", font=cjk_font_name(), size=24)
    line.wrap(150 * mm, 100 * mm)
    assert line.lines == [line.text]
    assert line.size < 24
    assert line._text_width(line.size) <= 150 * mm


def test_a_very_long_issuer_name_wraps_without_losing_characters():
    name = "潍坊市" * 20
    line = CentredLine(name, font=cjk_font_name(), size=24)
    line.wrap(150 * mm, 100 * mm)
    assert len(line.lines) > 1
    assert "".join(line.lines) == name
    assert all(line._text_width(line.size, part) <= 150 * mm for part in line.lines)


def test_the_qr_code_carries_the_given_data():
    drawing = pdf.qr_drawing("https://example.cn/status/?n=WF1&c=ABC", size=30 * mm)
    assert drawing.value == "https://example.cn/status/?n=WF1&c=ABC"
    assert drawing.wrap(100 * mm, 100 * mm) == (30 * mm, 30 * mm)


@needs_poppler
def test_without_an_embeddable_font_it_still_renders_with_the_reader_supplied_song_font(settings, monkeypatch, tmp_path):
    settings.PDF_CJK_FONT_PATHS = []
    monkeypatch.setattr(pdf, "_registered_font_name", None)
    data = sample_document().render()
    fonts = pdf_fonts(data, tmp_path)
    assert [f["name"] for f in fonts] == ["STSong-Light"]
    assert not fonts[0]["embedded"]
    assert "受理通知书" in pdf_text(data, tmp_path)


@needs_embeddable_font
def test_the_font_file_is_not_copied_again_for_every_document(monkeypatch):
    """Each embedded subset needs the font's tables; reading them out of the file is done once per process
    (core.pdf._keep_font_tables), and a document rendered after that is byte for byte the same."""
    cjk_font_name()
    face = pdf._load_first_font(tuple(pdf.settings.PDF_CJK_FONT_PATHS))[1].face
    assert "get_table" in vars(face) and callable(getattr(type(face), "get_table", None)), (
        "reportlab's TTFontFile no longer reads tables through get_table: revisit core.pdf._keep_font_tables"
    )
    first = sample_document().render()
    reads = []
    monkeypatch.setattr(face, "_ttf_data", _Counting(face._ttf_data, reads))

    again = sample_document().render()

    assert again == first
    assert not [r for r in reads if r > 1_000_000], "a table of over 1 MB was sliced out of the font file again"


class _Counting(bytes):
    """The font file's bytes, noting the size of every slice taken of them."""

    def __new__(cls, data, reads):
        obj = super().__new__(cls, data)
        obj.reads = reads
        return obj

    def __getitem__(self, key):
        result = super().__getitem__(key)
        if isinstance(key, slice):
            self.reads.append(len(result))
        return result
