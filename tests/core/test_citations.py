"""Legal sources are stored in one compact form and printed as the reader's language writes them: a Chinese page
says 第十八条 and 第十九至二十条, an English page keeps "art 18"."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from core.citations import chinese_number, cite
from tests.conftest import ensure_reference_data


@pytest.mark.parametrize(("stored", "chinese"), [
    ("劳动保障监察条例 art 18", "劳动保障监察条例第十八条"),
    ("若干规定 arts 19-20", "若干规定第十九至二十条"),
    ("劳动争议调解仲裁法 art 29; 办案规则 arts 30-31, 81", "劳动争议调解仲裁法第二十九条；办案规则第三十至三十一条、第八十一条"),
    ("中华人民共和国法律援助法 art 42(2)", "中华人民共和国法律援助法第四十二条第（二）项"),
    ("劳动争议调解仲裁法 art 27 para 2", "劳动争议调解仲裁法第二十七条第二款"),
    ("民事诉讼法 art 205 (2023)", "民事诉讼法第二百零五条 (2023)"),
    ("《劳动合同法》第三十条", "《劳动合同法》第三十条"),
    ("", ""),
])
def test_a_stored_source_reads_as_chinese_writes_it_and_stays_as_stored_in_english(stored, chinese):
    assert cite(stored, "zh-hans") == chinese
    assert cite(stored, "en") == stored


def test_article_numbers_are_written_in_chinese_numerals():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 47, 100, 101, 110, 205, 1000)] == [
        "一", "十", "十一", "二十", "四十七", "一百", "一百零一", "一百一十", "二百零五", "一千"]


@pytest.mark.django_db
def test_no_seeded_legal_source_prints_english_on_a_chinese_page():
    ensure_reference_data()
    english = []
    for model in apps.get_models():
        for field in ("source", "interruption_source"):
            if any(f.name == field and f.get_internal_type() == "CharField" for f in model._meta.fields):
                for value in model.objects.values_list(field, flat=True).distinct():
                    if re.search(r"[A-Za-z]{2,}", cite(value, "zh-hans")):
                        english.append((model.__name__, value))
    assert english == []


@pytest.mark.django_db
def test_the_case_page_prints_its_clocks_sources_per_language(client, register, people, orgs):
    from disputes.services import referral_offer

    case = register().case
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk,
                   purpose="inspection", expected_version=case.version)
    client.force_login(people["clerk"])
    body = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert "若干规定第十八条" in body and " art 18" not in body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert "若干规定 art 18" in english
