"""The status lookup's limits: failures counted per case number and per client address (docs/security.md).

- **Per case number**, from any address: at STATUS_LOOKUP_CASE_FAILURES failures in the window the number is
  being guessed at. From then on a lookup of it is tried only from an address with no failure of its own in
  its window; any other gets the "limited" answer without the code being compared. So a worker on their own
  phone still gets in with the right code, while a guesser gets one more try per fresh address per window.
- **Per address**: at STATUS_LOOKUP_ADDRESS_FAILURES failures every lookup from it is answered "limited". It
  counts failures only and is set high, so the workers sharing a carrier's address with a guesser are turned
  away only while someone there keeps failing, and the number printed on their receipt still helps them.

Both count the number as typed (normalised), found or not, so a limit tells nothing about which numbers exist.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_ratelimit.core import get_usage

CASE_GROUP = "portal.status_lookup.case"
ADDRESS_GROUP = "portal.status_lookup.address"
WINDOW = "h"


def normalised_number(number: str) -> str:
    return (number or "").strip().upper()[:32]


def _case_usage(request, number: str, *, increment: bool):
    return get_usage(
        request, group=CASE_GROUP, key=lambda _group, _request: normalised_number(number),
        rate=f"{settings.STATUS_LOOKUP_CASE_FAILURES}/{WINDOW}", method=get_usage.ALL, increment=increment,
    )


def _address_usage(request, *, increment: bool):
    return get_usage(
        request, group=ADDRESS_GROUP, key="ip",
        rate=f"{settings.STATUS_LOOKUP_ADDRESS_FAILURES}/{WINDOW}", method=get_usage.ALL, increment=increment,
    )


@dataclass(frozen=True)
class Limited:
    reason: str  # "case" or "address"
    until: object  # aware datetime when the window ends


def _until(usage) -> object:
    return timezone.now() + timezone.timedelta(seconds=max(usage["time_left"], 60))


def lookup_limited(request, number: str) -> Limited | None:
    """Whether this lookup is to be answered "limited" before the code is compared (counts nothing)."""
    address = _address_usage(request, increment=False)
    if address is None:  # rate limiting switched off
        return None
    if address["count"] >= address["limit"]:
        return Limited("address", _until(address))
    case = _case_usage(request, number, increment=False)
    if case["count"] >= case["limit"] and address["count"] > 0:
        return Limited("case", _until(case))
    return None


def lookup_failed(request, number: str) -> None:
    _address_usage(request, increment=True)
    _case_usage(request, number, increment=True)
