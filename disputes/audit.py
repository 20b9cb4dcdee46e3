"""The read audit: who read which case, downloaded which document, ran which export (docs/security.md).

`record_read(request, kind, ...)` is the one entry point. Within a request it only notes the read; the
middleware writes the request's reads in one INSERT when the response is closed, after its body has gone
to the client, so the page waits for no audit query. Outside a request (no middleware) it writes at once.
"""

import logging

from django.utils import timezone

from core.access import staff_of
from core.errors import PermissionDenied
from core.models import Role

from .models import ReadKind, ReadRecord

log = logging.getLogger(__name__)

_PENDING = "_read_records"


def record_read(request, kind: str, *, case_id: int | None = None, object_id: int | None = None, detail: str = "") -> None:
    """Note that the request's user read something: `kind` is a ReadKind (a case page, a case read through the
    API, a document/evidence/receipt download, an export), `case_id` the case, `object_id` the downloaded
    document's id, `detail` a short description (an export's name)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    profile = getattr(request, "profile", None)
    if profile is None:
        try:
            profile = staff_of(user)
        except PermissionDenied:  # a superuser without a profile, reading through the admin
            profile = None
    record = ReadRecord(
        at=timezone.now(), user_id=user.pk, kind=ReadKind(kind), case_id=case_id, object_id=object_id,
        detail=detail[:200], organization_id=profile.organization_id if profile else None,
        role=profile.role if profile else "",
    )
    pending = getattr(request, _PENDING, None)
    if pending is None:
        ReadRecord.objects.bulk_create([record])
    else:
        pending.append(record)


def _write(records: list[ReadRecord]) -> None:
    try:
        if len(records) == 1:
            # One row in autocommit: a single INSERT, where bulk_create wraps it in BEGIN ... COMMIT (three round
            # trips, each holding the web worker that has just answered).
            records[0].save(force_insert=True)
        else:
            ReadRecord.objects.bulk_create(records)
    except Exception:  # the response has gone: say so loudly rather than fail a finished request
        log.exception("read audit: %d record(s) could not be written", len(records))


class ReadAuditMiddleware:
    """Collects the request's reads and writes them when the response closes (HttpResponse.close runs its
    resource closers after the WSGI server has sent the body, before request_finished)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, _PENDING, [])
        response = self.get_response(request)
        records = getattr(request, _PENDING)
        setattr(request, _PENDING, None)  # a read noted after this point is written at once
        if records:
            response._resource_closers.append(lambda: _write(records))
        return response


def reads_for_supervisor(profile, *, case_number: str = "", before_id: int | None = None, limit: int = 50):
    """The reads by the supervisor's organisation's staff, newest first, a page of `limit` and whether there
    is more (one extra row, no COUNT). Only a supervisor reads them."""
    if profile.role != Role.SUPERVISOR:
        raise PermissionDenied()
    rows = ReadRecord.objects.filter(organization_id=profile.organization_id).select_related("user", "case")
    if case_number:
        rows = rows.filter(case__number=case_number.strip().upper())
    if before_id is not None:
        rows = rows.filter(id__lt=before_id)
    page = list(rows.order_by("-at", "-id")[: limit + 1])
    return page[:limit], len(page) > limit
