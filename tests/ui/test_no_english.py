"""No English on a Chinese page: every staff page, as each demo login on the demo's cases in every stage, and
the public pages (sign-in, the worker's status page), with Chinese active. What a person sees is read (the
text, and the placeholders, titles, labels for screen readers and confirmation questions) and every Latin
word is a failure unless it is a proper noun, a code or a unit on the allow-list below.
The admin has its own test (tests/core/test_admin_language.py)."""

from __future__ import annotations

import html as html_lib
import re
from collections import defaultdict

import pytest
from django.test import Client

from tests.ui.walk import demo, public_urls, staff_pages  # noqa: F401 - demo is a fixture

# Words that stay as they are in Chinese text: names of formats, products, standards and units, and the
# language switch's own name for English.
ALLOWED = {
    "PDF", "Excel", "Word", "API", "ID", "QR", "SMS", "URL", "HTTP", "HTTPS", "JSON", "YAML", "CSV", "XLSX", "DOCX",
    "JPG", "JPEG", "PNG", "HEIC", "WebP", "MB", "KB", "GB", "TOTP", "English", "OpenAPI", "Swagger",
}

_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_ATTRS = re.compile(r"""\b(placeholder|title|aria-label|alt|data-confirm)\s*=\s*(["'])(.*?)\2""", re.S | re.I)
_BUTTON_VALUE = re.compile(r"""<input\b[^>]*type=["'](?:submit|button)["'][^>]*\bvalue=(["'])(.*?)\1""", re.S | re.I)
# E-mail addresses, links, file names as uploaded (工资条.pdf) and codes with digits (WF2026…, ID numbers).
_NOT_WORDS = re.compile(
    r"[\w.+-]+@[\w.-]+|https?://\S+|/[\w./?=&%-]+|[^\s/]+\.(?:pdf|jpe?g|png|heic|webp|docx?|xlsx?|odt|ods)\b"
    r"|\b[\w-]*\d[\w-]*\b", re.I)
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


def visible_text(page: str) -> list[str]:
    """The lines a person reads or hears on the page."""
    body = _HIDDEN.sub(" ", page)
    said = [m.group(3) for m in _ATTRS.finditer(body)] + [m.group(2) for m in _BUTTON_VALUE.finditer(body)]
    text = re.sub(r"<[^>]+>", "\n", body)
    return [html_lib.unescape(line).strip() for line in text.splitlines() + said if line.strip()]


def english_in(page: str) -> set[str]:
    found = set()
    for line in visible_text(page):
        words = _WORD.findall(_NOT_WORDS.sub(" ", line))
        if any(w not in ALLOWED for w in words):
            found.add(line[:160])
    return found


def _report(found: dict) -> str:
    lines = [f"{len(found)} lines with English on Chinese pages:"]
    for line, where in sorted(found.items()):
        lines.append(f"  {line!r}  ({', '.join(sorted(where)[:3])})")
    return "\n".join(lines)


@pytest.mark.django_db
def test_no_staff_page_shows_english_to_any_demo_login(demo):
    found, pages = defaultdict(set), 0
    for user in demo["users"]:
        client = Client(raise_request_exception=True)
        client.force_login(user)
        for url, response in staff_pages(client, user):
            pages += 1
            for line in english_in(response.content.decode()):
                found[line].add(f"{user.username} {url}")
    assert pages > 200  # the walk opened the pages, not only error pages
    assert not found, _report(found)


@pytest.mark.django_db
def test_no_public_page_shows_english(demo):
    client = Client(raise_request_exception=True)
    urls = public_urls(demo["codes"])
    found, opened = defaultdict(set), 0
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        opened += "id=\"stage\"" in response.content.decode()
        for line in english_in(response.content.decode()):
            found[line].add(url)
    assert opened >= 5  # the status page of cases in several stages, not only the lookup form
    assert not found, _report(found)


def test_the_check_sees_english_in_text_and_attributes_but_not_codes_or_allowed_words():
    page = ('<p>案件 WF20260000012，身份证号 37070219900101123X</p><p title="Close the case">结案</p>'
            '<script>var x = "English words";</script><p>上传 PDF 或 Excel</p><p>Pending review</p>'
            '<a href="/cases/1/">打开</a><p>联系 a@b.cn</p><p>工资条.pdf、x.PDF</p>')
    assert english_in(page) == {"Close the case", "Pending review"}
