"""Case files (evidence, documents, receipts, exports, staged uploads) live behind Django's storage API only:
the local filesystem by default (`make run`), an S3-compatible object store with FILE_STORAGE=s3
(core.object_storage; docs/deployment.md, "File storage"). Nothing reads a file's `.path`, and nothing hands
out a bucket URL: every download is streamed through the view that checked who may have it.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from django.db.models.fields.files import FieldFile
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024


class StoredFileMismatch(Exception):
    """A stored file's bytes differ from the SHA-256 recorded when it was written."""


def _open(file: FieldFile):
    storage = file.storage
    if hasattr(storage, "open_stream"):
        return storage.open_stream(file.name)
    stream = storage.open(file.name, "rb")
    return stream, stream.size


class _CheckedChunks:
    """The stream in chunks, the last held back until the whole has been hashed: a file whose bytes no longer
    match its recorded SHA-256 is cut short (the client sees fewer bytes than Content-Length) and logged,
    never delivered whole as if it were the original. The response closes it, read or not (HEAD, a client
    gone): a generator never started would keep the file or the store's connection open."""

    def __init__(self, stream, sha256: str, name: str):
        self.stream, self.sha256, self.name = stream, sha256, name

    def __iter__(self):
        digest = hashlib.sha256()
        held = b""
        while chunk := self.stream.read(CHUNK_BYTES):
            if held:
                yield held
            digest.update(chunk)
            held = chunk
        if self.sha256 and digest.hexdigest() != self.sha256:
            logger.error("stored file %s does not match its recorded SHA-256 %s", self.name, self.sha256)
            raise StoredFileMismatch(self.name)
        if held:
            yield held

    def close(self):
        self.stream.close()


def stored_file_response(file: FieldFile, *, filename: str, content_type: str, sha256: str = "",
                         as_attachment: bool = True) -> StreamingHttpResponse:
    """A stored file streamed from its storage in chunks, never buffered whole nor redirected to the store.

    With the SHA-256 the case file recorded for it, the response carries it (as the entity tag, an RFC 9530
    digest and in hex, X-Content-SHA256) and the bytes are checked against it on the way out."""
    stream, size = _open(file)
    response = StreamingHttpResponse(_CheckedChunks(stream, sha256, file.name), content_type=content_type)
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = "private, no-store"
    if sha256:
        response["ETag"] = f'"{sha256}"'
        response["Repr-Digest"] = "sha-256=:" + base64.b64encode(bytes.fromhex(sha256)).decode() + ":"
        response["X-Content-SHA256"] = sha256
    return response
