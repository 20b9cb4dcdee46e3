"""The acceptance receipt (受理回执) handed to the worker when a complaint is registered.

It is the only place the query code is ever printed, so it carries the code large and as a QR code that
opens the public status page.

Language: the receipt is an official Chinese document, so render_receipt() itself switches to
RECEIPT_LANGUAGE whatever language the clerk's screen uses; callers need not wrap it.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import time
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.masking import mask_id_number
from core.models import name_of
from core.pdf import OfficialDocument, chinese_date
from core.query_codes import SealInvalid, query_code_matches, unseal_query_code
from disputes.models import Case, Document
from disputes.services import lock_case
from documents.common import format_yuan
from documents.issue import document_issue

from .models import IntakeDocumentKind, PendingReceipt

logger = logging.getLogger(__name__)

RECEIPT_LANGUAGE = "zh-hans"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def person_name(user) -> str:
    """A staff member's name as printed: 王小明 (surname first, no space) for Chinese names."""
    if user is None:
        return ""
    last, first = (user.last_name or "").strip(), (user.first_name or "").strip()
    if _CJK.search(last + first):
        return last + first
    return name_of(user)


def status_url_for(case_number: str, query_code: str) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}/status/?{urlencode({'n': case_number, 'c': query_code})}"


def _claim_rows(case: Case) -> list[list[str]]:
    rows, total, any_amount = [], Decimal("0.00"), False
    for i, claim in enumerate(case.claims.all(), start=1):
        label = str(claim.get_type_display())
        if claim.description:
            label = _("%(label)s (%(description)s)") % {"label": label, "description": claim.description}
        rows.append([str(i), label, format_yuan(claim.amount)])
        if claim.amount is not None:
            total += claim.amount
            any_amount = True
    if any_amount:
        rows.append(["", _("Total"), format_yuan(total)])
    return rows


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _evidence_rows(case: Case) -> list[list[str]]:
    """What the worker handed in, each file with its check value, so both sides can prove what was received."""
    return [
        [str(i), f"{e.description}（{e.original_name}）" if e.description else e.original_name, _size(e.size),
         e.sha256[:12]]
        for i, e in enumerate(case.evidence.all(), start=1)
    ]


def render_receipt(
    *, case: Case, query_code: str, status_url: str, issued_at: datetime.datetime | None = None
) -> bytes:
    """The receipt as PDF bytes. issued_at (the signature date) defaults to the registration time so the
    same case and code always give the same bytes; a reissue passes the time of reissue."""
    with translation.override(RECEIPT_LANGUAGE):
        return _render(case=case, query_code=query_code, status_url=status_url, issued_at=issued_at or case.registered_at)


def _render(*, case, query_code, status_url, issued_at) -> bytes:
    org = case.first_handler_org
    handler = person_name(case.first_handler)
    worker, employer = case.worker, case.employer
    registered_on = chinese_date(case.registered_at)

    doc = OfficialDocument(
        issuer=org.name,
        title=str(IntakeDocumentKind.RECEIPT.label),
        number_line=_("Case number: %(number)s") % {"number": case.number},
        subject=case.number,
    )
    doc.add_addressee(worker.name)
    doc.add_paragraph(
        _(
            "Your labour-dispute complaint against %(employer)s was registered by %(org)s on %(date)s. "
            "%(handler)s is the first-responsible handler and remains responsible for your case until "
            "another organisation formally takes it over. The details are as follows:"
        )
        % {"employer": employer.name, "org": org.name, "date": registered_on, "handler": handler}
    )
    rows = [
        (_("Case number"), case.number),
        (_("Registered on"), registered_on),
        (_("Worker"), worker.name),
        (_("ID number"), mask_id_number(worker.id_number)),
        (_("Employer"), employer.name),
        (_("First-responsible handler"), handler),
        (_("Handling organisation"), org.name),
    ]
    if org.phone:
        rows.append((_("Contact phone"), org.phone))
    if not case.evidence.exists():
        rows.append((_("Evidence received"), _("None handed in with the complaint")))
    doc.add_key_values(rows, pairs_per_line=2, wide=(_("Employer"),))

    doc.add_heading(_("Claims"))
    doc.add_table(
        [_("No."), _("Claim"), _("Amount (yuan)")],
        _claim_rows(case),
        col_widths=[1.2, 8, 3],
        right_aligned=(2,),
    )
    evidence = _evidence_rows(case)
    if evidence:
        doc.add_heading(_("Evidence received"))
        doc.add_table(
            [_("No."), _("Material"), _("Size"), _("Check value (SHA-256, first 12)")],
            evidence,
            col_widths=[1.2, 7, 2, 4],
            right_aligned=(2,),
        )
    doc.add_spacer(10)
    doc.add_qr_panel(
        status_url,
        caption=_("Query code (keep it to yourself; it is printed only on this receipt)"),
        value=query_code,
        note=_(
            "To check how your case is progressing, scan the QR code, or open the address below and enter the "
            "case number and this query code. If you lose this receipt, bring your ID card to %(org)s to have "
            "a new code issued; the old code then stops working."
        )
        % {"org": org.name}
        # On a line of its own, so the address is never broken inside a word.
        + "\n" + settings.PUBLIC_BASE_URL.rstrip("/") + "/status/",
    )
    doc.add_spacer(4)
    doc.add_signature(signer=org.name, date=issued_at)
    return doc.render()


def receipt_store(*, case: Case, query_code: str, actor, issued_at: datetime.datetime | None = None) -> Document:
    """Render the receipt and keep it as the next version of the case's receipt; earlier ones stay as they are.

    Idempotent: rendering is deterministic for (case, code, issued_at), so when a receipt with the same bytes
    is already stored (a redelivered task, a double click) that one is returned and no version is added.

    Rendered before the transaction so the case row is not held while reportlab works; the code is checked
    again against the locked row, since a reissue in between would make this receipt print a dead code.
    The case's version is not bumped: a receipt changes nothing a client edits, and bumping it right after
    registration would make the version the registration response returned stale at once.
    """
    if not query_code_matches(query_code, case.query_code_hash):
        # A receipt with a stale code (e.g. after a reissue) would lock the worker out of the status page.
        raise StaleQueryCode("query code does not belong to this case")
    pdf = render_receipt(
        case=case, query_code=query_code, status_url=status_url_for(case.number, query_code),
        issued_at=issued_at or timezone.now(),
    )
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = lock_case(case.pk, None)
        if not query_code_matches(query_code, locked.query_code_hash):
            raise StaleQueryCode("query code does not belong to this case")
        existing = Document.objects.filter(case=locked, kind=IntakeDocumentKind.RECEIPT, sha256=digest).first()
        if existing is not None:
            return existing
        return document_issue(case=locked, kind=IntakeDocumentKind.RECEIPT, pdf_bytes=pdf, actor=actor)


class StaleQueryCode(ValueError):
    """The code is no longer the case's (reissued since): its receipt must not be printed."""


# --- receipts issued but not rendered yet (intake.models.PendingReceipt) -------------------------------------
#
# Lock order, everywhere: the pending row, then the case (case_reissue_query_code takes them the same way), so
# a reissue and a rendering of the same case queue up instead of deadlocking. The PDF is rendered while only
# the pending row is held; the case row is locked just for storing it.


def pending_receipt_render(*, case_id: int) -> Document | None:
    """Render the case's pending receipt now, if it has one: someone is waiting for it (the clerk printing it
    at the window). When the worker is rendering it at this moment, waits for it and returns None: the
    receipt is then stored, and the caller serves the latest one."""
    with transaction.atomic():
        pending = PendingReceipt.objects.select_for_update().filter(case_id=case_id).first()
        return _render_and_clear(pending) if pending is not None else None


def pending_receipts_render(*, seconds: float, limit: int | None = None) -> tuple[int, bool]:
    """Render pending receipts, oldest case first, for about `seconds` (and at most `limit`): the worker's
    share. Concurrent callers (several worker processes, a clerk's print) skip each other's rows. Returns
    how many were handled and whether any were left."""
    handled, failed, deadline = 0, set(), time.monotonic() + seconds
    # A receipt that fails to render (a storage error, a bug) stays pending and is tried again by the next
    # run; this run goes on with the others, so one bad row neither blocks the rest nor keeps a run spinning.
    waiting = PendingReceipt.objects.all()
    while limit is None or handled < limit:
        if time.monotonic() >= deadline:
            break
        pending = None
        try:
            with transaction.atomic():
                pending = waiting.exclude(pk__in=failed).select_for_update(skip_locked=True).order_by("pk").first()
                if pending is None:
                    return handled, False
                _render_and_clear(pending)
        except Exception:
            if pending is None:  # the database itself failed: nothing to skip; the next kick or sweep tries again
                raise
            logger.exception("receipt of case %s could not be rendered; it stays pending", pending.case_id)
            failed.add(pending.pk)
            continue
        handled += 1
    return handled, waiting.exclude(pk__in=failed).exists()


def _case_to_print(case_id: int) -> Case:
    """The case with what its receipt prints (parties, first handler and organisation)."""
    return Case.objects.select_related("worker", "employer", "first_handler", "first_handler_org").get(pk=case_id)


def _render_and_clear(pending) -> Document | None:
    """Render and store the locked pending receipt, and delete its row in the same transaction."""
    document = None
    try:
        # No age limit: the row, not a message in transit, says whether this receipt is still wanted.
        code = unseal_query_code(pending.sealed_code, max_age=None)
    except SealInvalid:
        # Only a changed QUERY_CODE_KEY/SECRET_KEY does this; nothing can render the receipt any more.
        logger.error("receipt of case %s cannot be rendered: its sealed code no longer opens; reissue the code",
                     pending.case_id)
    else:
        case = _case_to_print(pending.case_id)
        try:
            document = receipt_store(case=case, query_code=code, actor=pending.issued_by, issued_at=pending.issued_at)
        except StaleQueryCode:  # reissues replace the row under the same lock, so this is a safeguard only
            logger.warning("receipt of case %s not rendered: its query code was reissued since", pending.case_id)
    pending.delete()
    return document
