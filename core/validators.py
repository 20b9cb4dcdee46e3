"""Check digits of Chinese national identifiers. Pure functions; the form and API layers wrap them."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    value = normalize_id_number(value)
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(_("An ID number has 18 characters: 17 digits and a digit or X."), code="id_format")
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("The date of birth inside this ID number does not exist."), code="id_birth") from None
    if birth.year < 1900 or birth > datetime.date.today():
        raise ValidationError(_("The date of birth inside this ID number does not exist."), code="id_birth")
    if id_number_check_char(value[:17]) != value[17]:
        raise ValidationError(_("This ID number's check digit is wrong: please check it against the card."), code="id_check")



def birth_date_of(id_number: str) -> datetime.date | None:
    """The date of birth an 18-character ID number holds (GB 11643, digits 7-14), or None if it holds none."""
    value = normalize_id_number(id_number)
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def full_years(birth: datetime.date, on: datetime.date) -> int:
    """Age in full years (周岁) on a day. A year is complete only the day AFTER the birthday (the courts' reading
    of 周岁: 法释〔2006〕1号 art 2), so on the 16th birthday itself a person is still 15: a warning errs to the
    child's side. Born on 29 February: the birthday of a common year is 1 March."""
    years = on.year - birth.year
    try:
        birthday = birth.replace(year=on.year)
    except ValueError:  # 29 February in a common year
        birthday = datetime.date(on.year, 3, 1)
    if on <= birthday:
        years -= 1
    return max(years, 0)

_CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a unified social credit code."""
    total = sum(_CREDIT_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARSET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    value = normalize_credit_code(value)
    if len(value) != 18 or any(c not in _CREDIT_CHARSET for c in value):
        raise ValidationError(
            _("A unified social credit code has 18 characters (digits and capital letters except I, O, S, V, Z)."),
            code="credit_format",
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(_("This credit code's check character is wrong: please check it against the licence."), code="credit_check")


def validate_mobile(value: str) -> None:
    value = (value or "").strip()
    if not (len(value) == 11 and value.isdigit() and value[0] == "1") and not (
        7 <= len(value.replace("-", "")) <= 12 and value.replace("-", "").isdigit()
    ):
        raise ValidationError(_("Enter an 11-digit mobile number or a landline number."), code="phone")
