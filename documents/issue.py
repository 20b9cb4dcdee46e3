"""Issuing a document: keep its PDF as the next version of that kind for the case, and say so on the timeline.

A document is never overwritten: a correction is a new version, and the earlier file stays byte for byte as it
was served, with the sha256 recorded beside it so anyone can check a paper copy's PDF against the file.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.access import staff_of
from core.errors import Conflict
from disputes import registry
from disputes.models import Case, Document
from disputes.services import event_append

# Two issuers racing for the same version number: the loser retries with the next one.
VERSION_ATTEMPTS = 5
EVENT_ACTION = "document_issued"


def _latest_version(case: Case, kind: str) -> int:
    return Document.objects.filter(case=case, kind=kind).aggregate(v=Max("version"))["v"] or 0


def document_issue(*, case: Case, kind: str, pdf_bytes: bytes, actor) -> Document:
    """Store pdf_bytes as the next version of `kind` for `case` and append an internal "document_issued" event.

    A building block, not an entry point: the calling service has checked the actor's role and organisation,
    holds the transaction and, where the case changes, has locked it (disputes.services.lock_case). The event
    is appended with notify=False for the same reason: the caller decides what the parties are told.

    The file is written before its row, so a version lost to a concurrent issuer costs only a deleted file.
    If the caller's transaction rolls back after this returns, the file stays behind without a row (harmless:
    the storage never reuses a taken name, so the next issue of that version gets a fresh name).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_issue() runs inside the caller's transaction")
    if not registry.is_document_kind(kind):
        raise ValueError(f"{kind!r} is not a registered document kind")
    if not isinstance(pdf_bytes, bytes) or not pdf_bytes.startswith(b"%PDF-"):
        raise ValueError("pdf_bytes is not a PDF")
    profile = staff_of(actor)
    digest = hashlib.sha256(pdf_bytes).hexdigest()
    for _attempt in range(VERSION_ATTEMPTS):
        document = Document(
            case=case, kind=kind, version=_latest_version(case, kind) + 1, sha256=digest, created_by=actor
        )
        # upload_to names the file from the kind and version; the storage never overwrites an existing name.
        document.file.save(f"{kind}.pdf", ContentFile(pdf_bytes), save=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # Another issuer took this version first: drop our copy (its name is unique) and try the next.
            document.file.delete(save=False)
            continue
        event_append(
            case=case,
            actor=actor,
            profile=profile,
            action=EVENT_ACTION,
            payload={"kind": str(kind), "version": document.version, "sha256": digest},
            notify=False,
        )
        return document
    raise Conflict(_("The document could not be stored; please try again."))
