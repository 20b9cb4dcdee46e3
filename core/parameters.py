"""Read statutory parameters. A missing one is an error, never a default: the law is not guessed."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from .models import StatutoryParameter
from .refdata import cached


@dataclass(frozen=True)
class Source:
    """Where a parameter comes from, and whether that was checked against the official text."""

    text: str
    verified: bool


def _load() -> dict[str, Decimal]:
    return dict(StatutoryParameter.objects.values_list("key", "value"))


def _load_sources() -> dict[str, Source]:
    return {key: Source(text, verified) for key, text, verified in
            StatutoryParameter.objects.values_list("key", "source", "verified")}


def parameter(key: str) -> Decimal:
    row = cached("statutory_parameters", _load).get(key)
    if row is None:
        raise ImproperlyConfigured(f"statutory parameter {key!r} is missing: enter it in the admin")
    return row


def int_parameter(key: str) -> int:
    return int(parameter(key))


def source_of(key: str) -> Source:
    """The parameter's source; an unknown key has none (empty, unverified)."""
    return cached("statutory_parameter_sources", _load_sources).get(key) or Source("", False)
