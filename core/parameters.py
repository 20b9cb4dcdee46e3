"""Read statutory parameters. A missing one is an error, never a default: the law is not guessed."""

from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from .models import StatutoryParameter
from .refdata import cached


def _load() -> dict[str, Decimal]:
    return dict(StatutoryParameter.objects.values_list("key", "value"))


def parameter(key: str) -> Decimal:
    row = cached("statutory_parameters", _load).get(key)
    if row is None:
        raise ImproperlyConfigured(f"statutory parameter {key!r} is missing: enter it in the admin")
    return row


def int_parameter(key: str) -> int:
    return int(parameter(key))
