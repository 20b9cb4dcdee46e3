"""What every official document shares: the header fields, parties, claims, and how they are printed.

Contexts are small frozen dataclasses of plain values (str, Decimal, datetime.date), never ORM objects: a
service reads the case, decides what the document says, and hands the template only what is printed. That keeps
rendering free of queries and makes a document reproducible from its context alone.

Personal data. Which documents print a worker's identity in full is decided per kind (FULL_PARTICULARS):

* an arbitral award, an arbitral mediation statement and a joint mediation agreement are enforceable
  instruments (LDMAL arts 42, 51; 人民调解法 art 33) that a court must be able to match to a person, and
  practice names the parties in full: name, ID number, address;
* every other document is a notice: it only has to identify the case, and most are served on the other side
  (应诉通知书, 开庭通知书) or may be published (行政处罚决定书 under 政府信息公开). There the worker's ID number is
  masked (3707**********1234) and the worker's address is left out.

An employer's name, credit code, address and legal representative are registration data, not personal data,
and always print in full.

Wording (Chinese string constants in the track modules): these are legal documents, always issued in Chinese,
whose wording follows the standard forms of labour arbitration and labour inspection practice. They are not
user-interface text, so they are not gettext msgids: a translation catalogue must never be able to change what
an award says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from core.masking import mask_id_number

# --- numbers, money, times --------------------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 as used for item numbers and times: 一, 十, 十一, 二十, 九十九 (never 一十)."""
    if not 0 <= n <= 99:
        raise ValueError(n)
    if n == 0:
        return "零"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def chinese_time(value: datetime.time) -> str:
    """09:30 -> 上午九时三十分; 14:05 -> 下午二时零五分; 12:00 -> 中午十二时."""
    hour, minute = value.hour, value.minute
    if hour < 12:
        period, shown = "上午", hour
    elif hour == 12:
        period, shown = "中午", 12
    elif hour < 18:
        period, shown = "下午", hour - 12
    else:
        period, shown = "晚上", hour - 12
    if minute == 0:
        return f"{period}{chinese_number(shown)}时"
    minutes = ("零" + _DIGITS[minute]) if minute < 10 else chinese_number(minute)
    return f"{period}{chinese_number(shown)}时{minutes}分"


def format_yuan(amount: Decimal | None) -> str:
    """8600 -> "8,600.00"; None (a claim with no sum, e.g. confirming a relationship) -> "—"."""
    if amount is None:
        return "—"
    if not isinstance(amount, Decimal):
        raise TypeError("amounts are Decimal, never float")
    return f"{amount.quantize(Decimal('0.01')):,}"


def yuan(amount: Decimal) -> str:
    """An amount inside a sentence: 8,600.00元."""
    return f"{format_yuan(amount)}元"


def ordinal_list(numbers: list[int]) -> str:
    """[1, 3] -> 一、三 (the items an award's rights paragraph refers to)."""
    return "、".join(chinese_number(n) for n in numbers)


def _require_decimal(amount, what: str) -> None:
    if amount is not None and not isinstance(amount, Decimal):
        raise TypeError(f"{what}: amounts are Decimal, never float")


def _require_date(value, what: str) -> None:
    # A datetime is a date subclass but has no single calendar day until a time zone is chosen.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"{what}: a datetime.date is needed")


# --- contexts ---------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Party:
    """A worker (person) or an employer (organisation) as named on a document."""

    name: str
    is_organisation: bool = False
    id_number: str = ""  # 公民身份号码, persons
    credit_code: str = ""  # 统一社会信用代码, organisations
    address: str = ""
    legal_representative: str = ""  # 法定代表人 (or 主要负责人), organisations
    agent: str = ""  # 委托代理人 as printed, e.g. "李华，山东某律师事务所律师"
    # 代表人: the representatives the workers of a collective dispute elected (LDMAL art 7), persons
    representatives: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.name.strip():
            raise ValueError("a party needs a name")

    @property
    def you(self) -> str:
        """How a notice addresses this party: 你 for a person, 你单位 for an organisation."""
        return "你单位" if self.is_organisation else "你"

    def particulars(self, *, full: bool) -> str:
        """The identifying sentence after the party's role, e.g. 王小明，公民身份号码…，住…."""
        parts = [self.name]
        if self.is_organisation:
            if self.credit_code:
                parts.append(f"统一社会信用代码{self.credit_code}")
            if self.address:
                parts.append(f"住所地{self.address}")
        else:
            if self.id_number:
                parts.append(f"公民身份号码{self.id_number if full else mask_id_number(self.id_number)}")
            if full and self.address:
                parts.append(f"住{self.address}")
        return "，".join(parts) + "。"


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One claim (仲裁请求 / 投诉请求) or one ordered payment: a text and, if it is a sum, a Decimal in yuan."""

    text: str
    amount: Decimal | None = None

    def __post_init__(self):
        _require_decimal(self.amount, self.text)

    def sentence(self) -> str:
        return self.text + (yuan(self.amount) if self.amount is not None else "")


@dataclass(frozen=True, kw_only=True)
class DocumentContext:
    """Header fields of every document: who issues it, its number, and the date it is signed."""

    issuer: str  # e.g. 潍城区劳动人事争议仲裁委员会
    document_number: str  # e.g. 潍城劳人仲案字〔2026〕第12号
    issued_on: datetime.date

    def __post_init__(self):
        _require_date(self.issued_on, "issued_on")
        if not self.issuer.strip() or not self.document_number.strip():
            raise ValueError("a document needs an issuer and a number")


@dataclass(frozen=True, kw_only=True)
class Tribunal:
    """The arbitral tribunal: a presiding arbitrator and two members, or one sole arbitrator (no members)."""

    presiding: str
    members: tuple[str, ...] = ()
    clerk: str = ""

    def __post_init__(self):
        if len(self.members) not in (0, 2):
            raise ValueError("a tribunal is one sole arbitrator or three arbitrators (LDMAL art 31)")

    @property
    def is_sole(self) -> bool:
        return not self.members

    def signatures(self) -> list[tuple[str, str]]:
        if self.is_sole:
            return [("仲裁员", self.presiding)]
        return [("首席仲裁员", self.presiding)] + [("仲裁员", m) for m in self.members]


@dataclass(frozen=True, kw_only=True)
class Remedies:
    """Where an administrative act is reviewed and sued: 行政复议机关 and 人民法院 (the caller names them)."""

    review_body: str  # e.g. 潍城区人民政府
    court: str  # e.g. 潍城区人民法院


def require_dates(obj, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None:
            _require_date(value, name)


def require_amounts(obj, *names: str) -> None:
    for name in names:
        _require_decimal(getattr(obj, name), name)

