"""The registration page refuses bad input in our own plain Chinese, never Django's stock messages (from its
zh_Hans catalogue), and shows every mistake at once, in one round."""

import gettext
import re
from pathlib import Path

import django
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CATALOGUE = Path(django.__file__).parent / "conf" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
MANAGEMENT = {"claims-TOTAL_FORMS": "3", "claims-INITIAL_FORMS": "0", "claims-MAX_NUM_FORMS": "30"}


def stock_fragments() -> set[str]:
    """The fixed parts (between placeholders) of every message in Django's own Chinese catalogue."""
    with CATALOGUE.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    fragments = set()
    for msgstr in catalog.values():
        for part in re.split(r"%\(\w+\)[sdr]|%[sd]", msgstr):
            part = part.strip(" 。.：:，,“”\"'（）()")
            if len(part) >= 5 and re.search(r"[\u4e00-\u9fff]", part):
                fragments.add(part)
    return fragments


def errors_on(html: str) -> list[str]:
    items = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    return [re.sub(r"<[^>]+>", "", li) for block in items for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def submit(client, people, data):
    client.force_login(people["clerk"])
    response = client.post(reverse("intake:register"), {**MANAGEMENT, **data})
    assert response.status_code == 400
    return errors_on(response.content.decode())


def assert_our_own(errors):
    stock = stock_fragments()
    assert len(stock) > 100  # the catalogue was read
    leaked = [(e, s) for e in errors for s in stock if s in e]
    assert leaked == []


def test_an_empty_submission_is_refused_in_our_own_words(client, people):
    errors = submit(client, people, {})
    assert "请填写此项。" in errors and len(errors) >= 10
    assert_our_own(errors)


def test_short_and_invalid_input_shows_every_mistake_at_once_in_our_own_words(client, people, division):
    errors = submit(client, people, {
        "worker_name": "王小明", "worker_id_number": "37070219", "worker_phone": "12", "worker_email": "abc",
        "worker_occupation": "astronaut", "employer_name": "某公司", "employer_credit_code": "91370",
        "employer_address": "潍坊", "employer_industry": "food_delivery", "division": "999999", "channel": "window",
        "facts": "字" * 5001, "violation_started_on": "2026-13-45",
        "claims-0-type": "wages", "claims-1-amount": "abc", "claims-2-description": "加班费",
    })
    text = "\n".join(errors)
    # One round: the ID number, the claims and the date are all refused together, each in plain words.
    assert "居民身份证号码为 18 位" in text and "请以元为单位" in text
    assert "请填写请求金额。" in errors and "请选择请求类型。" in errors
    assert "请按“年-月-日”填写日期，例如 2026-09-01。" in errors
    assert "请从列表中选择一项。" in errors
    assert any("最多 5000 个字" in e for e in errors)
    assert_our_own(errors)
