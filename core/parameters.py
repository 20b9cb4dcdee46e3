"""Read statutory parameters. A missing one is an error, never a default: the law is not guessed."""

from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from .models import StatutoryParameter


def parameter(key: str) -> Decimal:
    row = StatutoryParameter.objects.filter(key=key).values_list("value", flat=True).first()
    if row is None:
        raise ImproperlyConfigured(f"statutory parameter {key!r} is missing: enter it in the admin")
    return row


def int_parameter(key: str) -> int:
    return int(parameter(key))
