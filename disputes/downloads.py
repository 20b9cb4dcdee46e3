"""An official document as the answer to a download, on the page and the API alike."""

import base64

from django.http import FileResponse

from .models import Document


def document_response(document: Document) -> FileResponse:
    """The PDF streamed from storage, with the SHA-256 the case file records for it: as the entity tag, as an
    RFC 9530 digest and in hex (X-Content-SHA256), so a client checks what it received against the case file."""
    response = FileResponse(
        document.file.open("rb"), content_type="application/pdf",
        filename=f"{document.case.number}-{document.kind}-v{document.version}.pdf",
    )
    digest = base64.b64encode(bytes.fromhex(document.sha256)).decode()
    response["ETag"] = f'"{document.sha256}"'
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    response["X-Content-SHA256"] = document.sha256
    response["Cache-Control"] = "private, no-store"
    return response
