"""Service inputs: every argument a service takes from a person is checked here, one rule per kind of value.

Each checker takes the value, the field's name and a FieldErrors: a wrong value adds a translatable message
under the name and gives None, so a service collects every field's errors and refuses once
(`errors.raise_if_any()`). Called without `errors`, a checker refuses at once with ValidationFailed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ValidationFailed

FEN = Decimal("0.01")
# No sum in a labour dispute comes near a trillion yuan; beyond it the columns (14 digits, 2 decimals) overflow.
MONEY_LIMIT = Decimal("1e12")
# The facts of a complaint or of a split-off proceeding: long enough for a full account, short enough to read out
# at a hearing. One limit for the registration pages (their counter), the services and the API (its schema's
# maxLength), all read from here.
FACTS_MAX = 5000


class FieldErrors(dict):
    """Messages per field, raised together as one ValidationFailed(fields=...)."""

    def add(self, name: str, message) -> None:
        self.setdefault(name, []).append(str(message))

    def add_numbered(self, name: str, number: int, other: FieldErrors, template=None) -> None:
        """The errors of the number-th row of a list, each under `name` and prefixed by the row's number."""
        for messages in other.values():
            for message in messages:
                text = (template or _("Item %(i)d: %(message)s")) % {"i": number, "message": message}
                self.add(name, text)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationFailed(fields=dict(self))


def _refuse(errors: FieldErrors | None, name: str, message) -> None:
    if errors is None:
        raise ValidationFailed(fields={name: [str(message)]})
    errors.add(name, message)


def money(value, name: str, errors: FieldErrors | None = None, *, allow_zero: bool = True) -> Decimal | None:
    """Yuan as a Decimal with at most two decimals. A string, an int or a Decimal; a float is refused (its binary
    value is not the sum typed), and so is a third decimal: nothing is rounded."""
    if isinstance(value, (float, bool)):
        _refuse(errors, name, _("Enter the amount as a decimal number of yuan."))
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        _refuse(errors, name, _("Enter the amount as a decimal number of yuan."))
        return None
    # The size first: quantizing a number of more digits than the context holds raises InvalidOperation.
    if not amount.is_finite() or abs(amount) >= MONEY_LIMIT or amount != amount.quantize(FEN):
        _refuse(errors, name, _("Enter an amount in yuan with at most two decimals."))
        return None
    if amount < 0:
        _refuse(errors, name, _("The amount cannot be negative."))
        return None
    if amount == 0 and not allow_zero:
        _refuse(errors, name, _("The amount must be more than zero."))
        return None
    return amount.quantize(FEN)


def optional_money(value, name: str, errors: FieldErrors | None = None, *, allow_zero: bool = True) -> Decimal | None:
    """money(), where nothing entered (None or "") is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return money(value, name, errors, allow_zero=allow_zero)


def stripped(value) -> str:
    """Text that may be left empty, without the spaces around it."""
    return str(value or "").strip()


def text(value, name: str = "", errors: FieldErrors | None = None, *, label=None, missing=None,
         required: bool = True, max_length: int | None = None) -> str:
    """The text stripped. Required unless told otherwise: refused empty with `missing`, or "<label> is required."."""
    result = str(value or "").strip()
    if not result:
        if required:
            if missing is None:
                missing = _("%(field)s is required.") % {"field": label} if label else _("This field is required.")
            _refuse(errors, name, missing)
    elif max_length is not None and len(result) > max_length:
        _refuse(errors, name, too_long(max_length))
    return result


def too_long(limit: int) -> str:
    return _("Keep this to at most %(limit)s characters.") % {"limit": limit}


def facts(value, name: str = "facts", errors: FieldErrors | None = None, *, missing=None, required: bool = True) -> str:
    """The facts as told, at most FACTS_MAX characters."""
    return text(value, name, errors, missing=missing, required=required, max_length=FACTS_MAX)


def reason(value, errors: FieldErrors | None = None, *, name: str = "reason") -> str:
    """The reason a step requires (a refusal, a cancellation, a change of course): text, never empty."""
    return text(value, name, errors, missing=_("A reason is required for this action."))


def count(value, name: str, errors: FieldErrors | None = None, *, minimum: int = 1) -> int | None:
    """A whole number of at least `minimum` (a count of people or items: one unless said otherwise)."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            _refuse(errors, name, _("Enter a whole number."))
            return None
    if value < minimum:
        _refuse(errors, name, _("Enter at least %(n)d.") % {"n": minimum})
        return None
    return value


def ids(values, name: str, errors: FieldErrors | None = None, *, message=None) -> list[int]:
    """Primary keys (or objects that have one), each once, in the order given."""
    result: list[int] = []
    for value in values or ():
        try:
            pk = int(getattr(value, "pk", value))
        except (TypeError, ValueError):
            _refuse(errors, name, message or _("Choose from the list."))
            return []
        if pk not in result:
            result.append(pk)
    return result


def date(value, name: str, errors: FieldErrors | None = None, *, not_future: bool = False) -> datetime.date | None:
    """A calendar day: a date or an ISO string (2026-03-01); a datetime is not a day and is refused."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        _refuse(errors, name, _("Enter a date."))
        return None
    if not_future and value > timezone.localdate():
        _refuse(errors, name, _("The date cannot be in the future."))
        return None
    return value


def moment(value, name: str, errors: FieldErrors | None = None) -> datetime.datetime | None:
    """A point in time: a datetime or an ISO string; one without a zone is taken in the local zone."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.datetime):
        _refuse(errors, name, _("Enter a date and time."))
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value
