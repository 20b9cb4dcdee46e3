"""Evidence files are checked on their content, not only their name: a renamed .exe is refused."""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import ValidationFailed

# Detected type -> (MIME type, file-name endings accepted for it).
ALLOWED = {
    "pdf": ("application/pdf", {"pdf"}),
    "jpg": ("image/jpeg", {"jpg", "jpeg"}),
    "png": ("image/png", {"png"}),
    "heic": ("image/heic", {"heic"}),
    "webp": ("image/webp", {"webp"}),
    "doc": ("application/msword", {"doc"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}),
    "xls": ("application/vnd.ms-excel", {"xls"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}),
    "odt": ("application/vnd.oasis.opendocument.text", {"odt"}),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", {"ods"}),
}
MAX_FILES = 20


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    name: str
    content_type: str
    size: int
    sha256: str


def check_evidence(files) -> list[CheckedFile]:
    files = list(files or [])
    errors = []
    checked = []
    if len(files) > MAX_FILES:
        raise ValidationFailed(fields={"evidence": [_("At most %(n)d files per registration.") % {"n": MAX_FILES}]})
    limit = settings.EVIDENCE_MAX_BYTES
    for f in files:
        name = (getattr(f, "name", "") or "file")[-200:]
        if f.size > limit:
            errors.append(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // (1024 * 1024)})
            continue
        if f.size == 0:
            errors.append(_("%(name)s is empty.") % {"name": name})
            continue
        f.seek(0)
        head = f.read(8192)
        kind = filetype.guess(head)
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        allowed = ALLOWED.get(kind.extension) if kind else None
        if allowed is None:
            errors.append(
                _("%(name)s is not an accepted kind of file (PDF, image, Word, Excel).") % {"name": name}
            )
            continue
        if ext not in allowed[1]:
            errors.append(_("%(name)s is not what its name says: its content is %(kind)s.") % {"name": name, "kind": kind.extension.upper()})
            continue
        digest = hashlib.sha256()
        f.seek(0)
        for chunk in f.chunks():
            digest.update(chunk)
        f.seek(0)
        checked.append(CheckedFile(upload=f, name=name, content_type=allowed[0], size=f.size, sha256=digest.hexdigest()))
    if errors:
        raise ValidationFailed(fields={"evidence": errors})
    return checked
