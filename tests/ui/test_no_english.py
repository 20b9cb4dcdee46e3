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
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from core.query_codes import hash_query_code, new_query_code
from tests.conftest import ensure_reference_data
from tests.schema_walk import path_ids

# Words that stay as they are in Chinese text: names of formats, products, standards and units, and the
# language switch's own name for English.
ALLOWED = {
    "PDF", "Excel", "Word", "API", "ID", "QR", "SMS", "URL", "HTTP", "HTTPS", "JSON", "YAML", "CSV", "XLSX", "DOCX",
    "JPG", "JPEG", "PNG", "HEIC", "WebP", "MB", "KB", "GB", "TOTP", "English", "OpenAPI", "Swagger",
}

SKIP_ROUTES = ("logout/", "i18n/", "favicon.ico", "healthz/")
# Files, not pages (PDF, spreadsheets, evidence as uploaded).
DOWNLOADS = ("evidence/", "documents/", "intake/receipt/", "reports/statistics.xlsx", "compliance/listings/export/")

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


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo (every stage of the lifecycle, every track), built once for the module and rolled back after it;
    a few cases get a known query code for the worker's status page."""
    from demo.data import USERS, seed_demo
    from disputes.models import Case
    from tests.test_doors import _create_rare_records

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            seed_demo(cases=40, seed=7)
            User = get_user_model()
            _create_rare_records(list(User.objects.filter(staff__isnull=False).order_by("pk")[:1]))
            codes = {}
            seen = set()
            for case in Case.objects.order_by("pk"):
                if case.status not in seen:
                    seen.add(case.status)
                    code = new_query_code()
                    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
                    codes[case.number] = code
            yield {"users": [User.objects.get(username=spec.username) for spec in USERS], "codes": codes}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _candidates(label: str, user) -> list[int]:
    """Ids of this kind to open as this user: for cases, those the user sees, one per stage; otherwise a few."""
    from django.apps import apps

    from disputes.selectors import cases_visible_to

    model = apps.get_model(label)
    if label == "disputes.Case":
        chosen, seen = [], set()
        for pk, status in cases_visible_to(user).order_by("pk").values_list("pk", "status"):
            if status not in seen:
                seen.add(status)
                chosen.append(pk)
        return chosen
    fields = {f.name for f in model._meta.fields}
    state = next((f for f in ("status", "state", "purpose") if f in fields), None)
    if state is None:
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:3])
    chosen, seen = [], set()
    for pk, value in model.objects.order_by("pk").values_list("pk", state):
        if value not in seen:
            seen.add(value)
            chosen.append(pk)
    return chosen[:6]


def _is_page(response) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def staff_pages(client, user):
    """(url, response) of every page this user can open with GET."""
    for route in page_routes_all():
        if route.startswith(SKIP_ROUTES + DOWNLOADS) or route.endswith("/download/"):
            continue
        if "<" not in route:
            urls = ["/" + route] + (["/search/?q=王"] if route == "search/" else [])
        else:
            template = "/" + re.sub(r"<int:(\w+)>", r"{\1}", route)
            if "<str:" in template:
                continue  # the referral decisions and the employer file: reached through the case pages' links
            params = path_ids(template)
            if len(params) != 1:
                continue  # a row of a case (a hearing of the case …): writes only
            (param, label), = params
            urls = [template.replace("{" + param + "}", str(pk)) for pk in _candidates(label, user)]
        for url in urls:
            response = client.get(url)
            if response.status_code == 405:
                break  # a write: no page to read
            if _is_page(response):
                yield url, response


def page_routes_all():
    """Every staff page's route, with or without an id (not the API's, not the admin's)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("api/", "admin/")):
                    yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(walk(get_resolver()))


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
    urls = ["/login/", "/status/", "/status/?n=WF20269999999&c=ABCDEFGH"]
    urls += [f"/status/?n={number}&c={code}" for number, code in demo["codes"].items()]
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
