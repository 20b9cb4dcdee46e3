"""Legal citations written the way the reader's language writes them.

Sources are kept as entered, in one compact form that both languages can be printed from: the law's Chinese
name, then ``art 18``, ``arts 19-20``, ``arts 30-31, 81``, ``art 47(1)`` (an item, 项) or ``art 27 para 2`` (a
paragraph, 款). An English page prints them as stored; a Chinese page prints 第十八条, 第十九至二十条,
第三十至三十一条、第八十一条, 第四十七条第（一）项, 第二十七条第二款. Anything else in the text is left as it is.
"""

import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

_DIGITS = "零一二三四五六七八九"

# One article reference: a number, optionally a range, an item "(n)" and a paragraph "para n".
_REF = r"\d+(?:\s*[-–]\s*\d+)?(?:\(\d+\))?(?:\s+para\s+\d+)?"
_CITATION = re.compile(rf"(\s*)\barts?\.?\s+({_REF}(?:\s*(?:,|、|and|&)\s*{_REF})*)")
_ONE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?(?:\((\d+)\))?(?:\s+para\s+(\d+))?")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 18 → 十八, 20 → 二十, 105 → 一百零五, as article numbers are written (up to 9999)."""
    if n < 0 or n > 9999:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero:
                parts.append("零")
                zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            zero = True
    return "".join(parts)


def _chinese_refs(refs: str) -> str:
    out = []
    for match in _ONE.finditer(refs):
        first, last, item, paragraph = match.groups()
        text = f"第{chinese_number(int(first))}"
        text += f"至{chinese_number(int(last))}条" if last else "条"
        if paragraph:
            text += f"第{chinese_number(int(paragraph))}款"
        if item:
            text += f"第（{chinese_number(int(item))}）项"
        out.append(text)
    return "、".join(out)


def cite(text: str, language: str | None = None) -> str:
    """The source as the reader's language writes it (the active language unless one is given)."""
    if not text:
        return text
    language = (language or get_language() or "").lower()
    if not language.startswith("zh"):
        return text
    def chinese(match):
        # 条例第十八条: no space after a Chinese name or its closing mark; kept after anything else.
        space, start = match.group(1), match.start()
        joined = start > 0 and not text[start - 1].isascii()
        return ("" if joined or not space else " ") + _chinese_refs(match.group(2))

    return _CITATION.sub(chinese, text).replace("; ", "；")


def cite_source(text: str, verified: bool) -> str:
    """cite(), followed by 待核实 when the source was not checked against the official text (written from
    memory): the reader is told not to rely on it as checked."""
    cited = cite(text)
    return cited if verified or not cited else f"{cited}（{_('to be verified')}）"
