"""The admin speaks Chinese like the rest of the system: its title and every model it lists."""

import re

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_the_admin_index_has_no_english_word_on_a_chinese_page(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-root-12345"))
    body = client.get("/admin/").content.decode()
    visible = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", "\n", body, flags=re.S)
    english = sorted({line.strip() for line in visible.splitlines() if re.search(r"[A-Za-z]{3,}", line)} - {"root"})
    assert english == []
    assert "劳动者联动维权服务窗口 管理" in body and "Django" not in visible
