"""A real S3-compatible object store for the storage tests: OpenStack Swift with its S3 API, started on loopback
by .ci/start-object-store (Debian's swift packages; .ci/run installs them). Without them the tests skip,
unless REQUIRE_OBJECT_STORE=1 (CI), where that is a failure."""

import os
import shlex
import shutil
import subprocess
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from tests.conftest import skip_unless_real

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "start-object-store"


def _exports(text: str) -> dict[str, str]:
    env = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if words[:1] == ["export"]:
            env.update(word.split("=", 1) for word in words[1:])
    return env


@pytest.fixture(scope="session")
def object_store():
    """The store's settings (the environment FILE_STORAGE=s3 reads); stopped at the end if this run started it."""
    if not shutil.which("swift-proxy-server"):
        skip_unless_real("OpenStack Swift is not installed (Debian: swift swift-proxy swift-account "
                         "swift-container swift-object)", "REQUIRE_OBJECT_STORE")
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        skip_unless_real(f"the object store did not start: {done.stderr[-2000:]}", "REQUIRE_OBJECT_STORE")
    env = _exports(done.stdout)
    yield env
    if env.get("OBJECT_STORE_STARTED"):
        subprocess.run(["bash", str(SCRIPT), "stop"], check=False, timeout=60)


@pytest.fixture
def bucket(object_store, settings, tmp_path):
    """The app's default storage on the object store, under a key prefix of this test's own; what the bucket
    holds is read with a client of its own (boto3), not through the app. MEDIA_ROOT is an empty directory, to
    show that nothing lands on the local disk."""
    env = object_store
    prefix = f"tests/{uuid.uuid4().hex}"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "core.object_storage.ObjectStorage", "OPTIONS": {
        "endpoint_url": env["AWS_S3_ENDPOINT_URL"], "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
        "access_key": env["AWS_ACCESS_KEY_ID"], "secret_key": env["AWS_SECRET_ACCESS_KEY"],
        "region_name": env["AWS_S3_REGION_NAME"], "addressing_style": env["AWS_S3_ADDRESSING_STYLE"],
        "location": prefix,
    }}}
    client = boto3.client(
        "s3", endpoint_url=env["AWS_S3_ENDPOINT_URL"], region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required",
                      response_checksum_validation="when_required"),
    )
    store = Bucket(client, env["AWS_STORAGE_BUCKET_NAME"], prefix)
    yield store
    for key in store.keys():
        client.delete_object(Bucket=store.name, Key=f"{prefix}/{key}")


class Bucket:
    def __init__(self, client, name, prefix):
        self.client, self.name, self.prefix = client, name, prefix

    def keys(self) -> set[str]:
        """Every key under this test's prefix, without the prefix."""
        keys = set()
        for page in self.client.get_paginator("list_objects").paginate(Bucket=self.name, Prefix=self.prefix + "/"):
            keys |= {entry["Key"].removeprefix(self.prefix + "/") for entry in page.get("Contents", ())}
        return keys

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=f"{self.prefix}/{key}")["Body"].read()

    def put(self, key: str, body: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=f"{self.prefix}/{key}", Body=body)


def local_files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if os.path.exists(root) else []
