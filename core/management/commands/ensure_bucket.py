"""Create the object store's bucket if it is missing (FILE_STORAGE=s3), then prove the application can write,
read and delete there: run once per deployment (docker-compose.yml's object-store-bucket), safe to run again."""

import hashlib
import secrets

from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the S3 bucket of FILE_STORAGE=s3 if missing, and check a write, read and delete in it."

    def handle(self, *args, **options):
        if not hasattr(default_storage, "bucket_name"):
            raise CommandError("FILE_STORAGE is not s3: the files are kept on the local filesystem (MEDIA_ROOT)")
        client = default_storage.connection.meta.client
        try:
            client.head_bucket(Bucket=default_storage.bucket_name)
        except ClientError as exc:
            if exc.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                raise CommandError(f"bucket {default_storage.bucket_name}: {exc}") from exc
            region = default_storage.region_name
            # us-east-1, S3's default, is the one region that must not be named.
            where = {} if region in (None, "", "us-east-1") else {
                "CreateBucketConfiguration": {"LocationConstraint": region}}
            client.create_bucket(Bucket=default_storage.bucket_name, **where)
            self.stdout.write(f"bucket {default_storage.bucket_name} created")
        probe = secrets.token_bytes(32)
        name = default_storage.save(f"health/{secrets.token_hex(8)}", ContentFile(probe))
        try:
            with default_storage.open(name, "rb") as fh:
                if hashlib.sha256(fh.read()).digest() != hashlib.sha256(probe).digest():
                    raise CommandError(f"bucket {default_storage.bucket_name}: an object read back differs")
        finally:
            default_storage.delete(name)
        self.stdout.write(f"bucket {default_storage.bucket_name}: write, read and delete work")
