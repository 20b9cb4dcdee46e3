"""The Simplified Chinese catalogue: complete, compiled, and what users actually see.

The .mo is committed because a fresh machine may lack GNU gettext; these tests catch a .po edited
without recompiling, a source string added without a translation, and a language switch that
does not reach the page.
"""

import ast
import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from disputes.choices import CaseState

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# The same exclusions as the documented makemessages command.
SKIP_DIRS = {".venv", "bench", "tests", "node_modules", "staticfiles", "media", "locale", "__pycache__"}

# Functions from django.utils.translation whose first argument is a msgid (pgettext: the second).
GETTEXT_FUNCS = {"gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_FUNCS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
# The names xgettext recognises when makemessages runs on Python files; any other alias is invisible to it.
EXTRACTED_NAMES = GETTEXT_FUNCS | CONTEXT_FUNCS | {"_"}

PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdifr]|\{\{.*?\}\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _po():
    return polib.pofile(str(PO_PATH))


def _live_entries(po):
    return [e for e in po if not e.obsolete]


def _source_files(pattern):
    for path in ROOT.rglob(pattern):
        if not SKIP_DIRS.intersection(path.relative_to(ROOT).parts[:-1]):
            yield path


def _python_msgids():
    """(msgctxt, msgid, location) of every literal passed to a gettext function, by alias."""
    for path in _source_files("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for name in node.names:
                    if name.name in GETTEXT_FUNCS | CONTEXT_FUNCS:
                        aliases[name.asname or name.name] = name.name
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in aliases):
                continue
            func, args = aliases[node.func.id], node.args
            where = f"{path.relative_to(ROOT)}:{node.lineno} ({node.func.id})"
            ctx = None
            if func in CONTEXT_FUNCS:
                if not (args and isinstance(args[0], ast.Constant)):
                    continue
                ctx, args = args[0].value, args[1:]
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                yield ctx, args[0].value, where


TRANSLATE_TAG = re.compile(r"""\{%\s*trans(?:late)?\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?[^%]*%\}""")
BLOCK_TAG = re.compile(r"\{%\s*blocktrans(?:late)?\b([^%]*)%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S)


def _block_msgid(body, trimmed):
    # Mirrors django.utils.translation.template: literal % doubled, {{ var }} -> %(var)s.
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body.replace("%", "%%"))
    if trimmed:
        text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text


def _template_msgids():
    for path in _source_files("*.html"):
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        for m in TRANSLATE_TAG.finditer(text):
            yield m.group(4), m.group(2), where
        for m in BLOCK_TAG.finditer(text):
            options, body = m.group(1), m.group(2)
            ctx = re.search(r"""context\s+(["'])(.*?)\1""", options)
            singular = re.split(r"\{%\s*plural\s*%\}", body)[0]
            yield (ctx.group(2) if ctx else None), _block_msgid(singular, "trimmed" in options), where


def test_it_has_a_chinese_translation_for_every_entry_and_nothing_fuzzy():
    po = _po()
    entries = _live_entries(po)
    assert len(entries) > 300
    assert not po.metadata_is_fuzzy, "a fuzzy header makes msgfmt ignore the Plural-Forms and charset"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert fuzzy == [], f"fuzzy entries are skipped by compilemessages: {fuzzy[:5]}"
    empty = [e.msgid for e in entries if not (e.msgstr_plural[0] if e.msgid_plural else e.msgstr).strip()]
    assert empty == [], f"untranslated: {empty[:5]}"
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_it_keeps_every_placeholder_of_the_english_text():
    broken = []
    for e in _live_entries(_po()):
        strings = e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]
        for s in strings:
            if sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(s)):
                broken.append((e.msgid, s))
    assert broken == []


def test_it_ships_a_compiled_catalogue_that_matches_the_po(tmp_path):
    assert MO_PATH.exists(), "run: manage.py compilemessages --ignore=.venv"
    fresh = tmp_path / "django.mo"
    _po().save_as_mofile(str(fresh))
    with fresh.open("rb") as f:
        expected = gettext.GNUTranslations(f)._catalog
    with MO_PATH.open("rb") as f:
        committed = gettext.GNUTranslations(f)._catalog
    expected.pop("", None), committed.pop("", None)
    stale = sorted(str(k) for k in expected.keys() ^ committed.keys())
    changed = sorted(str(k) for k in expected.keys() & committed.keys() if expected[k] != committed[k])
    assert stale == [] and changed == [], f"django.mo is out of date; recompile. Differences: {(stale + changed)[:5]}"


def test_it_only_uses_gettext_aliases_that_makemessages_extracts():
    invisible = sorted({where for _ctx, _msgid, where in _python_msgids() if where.rsplit("(", 1)[1][:-1] not in EXTRACTED_NAMES})
    assert invisible == [], f"makemessages does not extract these aliases; import gettext_lazy as _ instead: {invisible[:5]}"


def test_it_has_every_source_string_in_the_catalogue():
    known = {(e.msgctxt, e.msgid) for e in _live_entries(_po())}
    found = list(_python_msgids()) + list(_template_msgids())
    assert len(found) > 300
    missing = sorted({f"{where}: {msgid!r}" for ctx, msgid, where in found if (ctx, msgid) not in known})
    assert missing == [], f"run makemessages -l zh_Hans and translate: {missing[:10]}"


def test_it_shows_case_states_and_key_messages_in_chinese():
    with translation.override("zh-hans"):
        labels = {state: str(state.label) for state in CaseState}
        assert str(CaseState.REGISTERED.label) == "窗口已登记"
        assert all(CJK.search(label) for label in labels.values()), labels
        assert translation.gettext("My queue") == "我的待办"
        assert translation.gettext("Cases that need my action") == "需要我处理的案件"
        assert "其他人" in translation.gettext(
            "Someone else changed this case after you opened it. Reload it and try again."
        )
        assert translation.ngettext(
            "%(n)s referral is waiting for your organisation to accept or decline.",
            "%(n)s referrals are waiting for your organisation to accept or decline.",
            3,
        ) % {"n": 3} == "有 3 项移送等待本机构接收或退回。"
    with translation.override("en"):
        assert str(CaseState.REGISTERED.label) == "Registered at the window"


@pytest.mark.django_db
def test_it_shows_the_login_page_in_chinese_by_default(client):
    html = client.get("/login/").content.decode()
    assert "工作人员登录" in html
    assert '<html lang="zh-hans">' in html
    assert "Staff sign-in" not in html


@pytest.mark.django_db
def test_it_shows_the_login_page_in_english_when_the_language_cookie_says_so(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/login/").content.decode()
    assert "Sign in" in html
    assert "Staff sign-in" in html
    assert "工作人员登录" not in html


def test_an_english_browser_still_gets_chinese_until_the_user_chooses(client, db):
    body = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "工作人员登录" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Staff sign-in" in client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
