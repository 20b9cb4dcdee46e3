"""An official document as the answer to a download, on the page and the API alike."""

from django.http import StreamingHttpResponse

from core.files import stored_file_response

from .models import Document


def document_response(document: Document) -> StreamingHttpResponse:
    """The PDF streamed from storage, with the SHA-256 the case file records for it: as the entity tag, as an
    RFC 9530 digest and in hex (X-Content-SHA256), so a client checks what it received against the case file;
    the bytes are checked against it on the way out (core.files)."""
    return stored_file_response(
        document.file, sha256=document.sha256, content_type="application/pdf", as_attachment=False,
        filename=f"{document.case.number}-{document.kind}-v{document.version}.pdf",
    )
