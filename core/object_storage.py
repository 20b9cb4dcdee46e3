"""The S3-compatible object store behind Django's storage API (FILE_STORAGE=s3, config/settings.py)."""

from botocore.config import Config
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class ObjectStorage(S3Storage):
    """django-storages' S3 backend with the case file's rules: a stored name is never overwritten (a document's
    versions and documents.issue's retry rely on fresh names); objects keep the bucket's private default
    (no ACL is sent, no URL handed out)."""

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults["file_overwrite"] = False
        return defaults

    def __init__(self, **settings):
        super().__init__(**settings)
        # Checksums only where S3 requires them: newer SDKs otherwise send CRC trailers in aws-chunked bodies that
        # several S3-compatible servers (Swift's s3api, older MinIO and Ceph) refuse. The content's SHA-256 is
        # kept by the application and checked on every download instead.
        self.client_config = self.client_config.merge(Config(
            request_checksum_calculation="when_required", response_checksum_validation="when_required",
            retries={"max_attempts": 3, "mode": "standard"},
        ))

    def open_stream(self, name: str):
        """The object's body as a stream read straight from the store, and its length: S3File.read would first
        copy the whole object to a temporary file."""
        response = self.bucket.Object(self._normalize_name(clean_name(name))).get()
        return response["Body"], response["ContentLength"]
