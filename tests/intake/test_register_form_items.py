"""The registration form guesses nothing (occupation and industry start empty and are required) and says how
long the facts may be, counting as the clerk types; over the limit it refuses and keeps the text."""

import re

import pytest

from disputes.models import Case
from tests.intake.test_register_page import URL, form_data

pytestmark = pytest.mark.django_db


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


def test_occupation_and_industry_start_empty_with_a_prompt(client, people):
    client.force_login(people["clerk"])
    html = client.get(URL).content.decode()
    for name, prompt in (("worker_occupation", "请选择职业"), ("employer_industry", "请选择行业")):
        assert selected(html, name) == [""]
        assert prompt in html
    assert "货车司机" in html  # still offered, just not chosen


def test_occupation_and_industry_are_required_with_our_own_words(client, people, division):
    client.force_login(people["clerk"])
    response = client.post(URL, form_data(division, worker_occupation="", employer_industry=""))
    html = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "请选择劳动者的职业。" in html and "请选择用人单位所属行业。" in html


def test_the_facts_box_states_its_limit_and_is_counted_not_cut(client, people):
    client.force_login(people["clerk"])
    html = client.get(URL).content.decode()
    box = re.search(r'<textarea name="facts"[^>]*>', html).group(0)
    assert "maxlength" not in box  # the browser would cut pasted text without a word
    assert 'data-max-chars="5000"' in box and 'data-counter="已输入 {n} / 5000 字"' in box
    assert "最多 5000 个字。" in html
    assert "js/counter.js" in html


def test_facts_over_the_limit_are_refused_in_chinese_and_kept_whole(client, people, division):
    client.force_login(people["clerk"])
    facts = "欠" * 5001
    response = client.post(URL, form_data(division, facts=facts))
    html = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert "内容过长：最多 5000 个字（现有 5001 个）。" in html
    assert facts in html


def test_line_breaks_count_once_as_the_counter_counts_them(client, people, division):
    client.force_login(people["clerk"])
    facts = ("欠" * 99 + "\r\n") * 50  # 5000 characters with one-character line breaks
    response = client.post(URL, form_data(division, facts=facts.strip()))
    assert response.status_code == 302
    assert Case.objects.get().facts == facts.strip().replace("\r\n", "\n")
