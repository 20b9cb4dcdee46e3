"""Case files through Django's storage API on the default filesystem storage (`make test`, `make run`): the
download streams in chunks with the recorded SHA-256 and refuses to pass off changed bytes; staged uploads
are kept in the storage and purged after a day; FILE_STORAGE names the backend or stops start-up."""

import datetime
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.files import CHUNK_BYTES, StoredFileMismatch
from disputes.models import Evidence
from intake import staging
from tests.intake.test_register_page import form_data

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 1024 + b"\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def evidence(client, people, division, media):
    client.force_login(people["clerk"])
    response = client.post(reverse("intake:register"), {**form_data(division), "evidence": [SimpleUploadedFile("工资条.pdf", PDF)]})
    assert response.status_code == 302
    return Evidence.objects.get()


def test_evidence_downloads_in_chunks_with_its_recorded_hash(client, evidence):
    response = client.get(reverse("disputes:evidence", args=[evidence.pk]))
    chunks = list(response.streaming_content)
    assert len(chunks) == -(-len(PDF) // CHUNK_BYTES) and b"".join(chunks) == PDF
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert evidence.sha256 == sha256 and response["X-Content-SHA256"] == sha256 and response["ETag"] == f'"{sha256}"'
    assert response["Content-Length"] == str(len(PDF)) and response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;") and "filename*=utf-8''" in response["Content-Disposition"]


def test_a_file_changed_on_disk_is_cut_short_not_served_as_the_original(client, evidence, media, caplog):
    (media / evidence.file.name).write_bytes(PDF.replace(b"%%EOF", b"%%EOX"))
    response = client.get(reverse("disputes:evidence", args=[evidence.pk]))
    received = b""
    with pytest.raises(StoredFileMismatch):
        for chunk in response.streaming_content:
            received += chunk
    assert len(received) == len(PDF) - len(PDF) % CHUNK_BYTES < int(response["Content-Length"])
    assert "does not match its recorded SHA-256" in caplog.text


def test_another_window_gets_no_evidence(client, people, evidence):
    client.force_login(people["outsider"])
    assert client.get(reverse("disputes:evidence", args=[evidence.pk])).status_code == 404


def test_staged_uploads_live_in_the_storage_and_go_when_registered(client, people, division, media):
    client.force_login(people["clerk"])
    data = form_data(division, facts="")
    refused = client.post(reverse("intake:register"), {**data, "evidence": [SimpleUploadedFile("合同.pdf", PDF)]})
    token = refused.context["staged"]
    assert default_storage.listdir(f"staging/{token}")[1] and (media / "staging" / token / "0.bin").read_bytes() == PDF

    assert client.post(reverse("intake:register"), {**data, "facts": "补充了事实", "staged": token}).status_code == 302
    assert Evidence.objects.get().file.read() == PDF
    assert not (media / "staging" / token).exists()


def test_staging_older_than_a_day_is_purged_and_newer_is_kept(media):
    for token in ("old", "new"):
        default_storage.save(f"staging/{token}/0.bin", ContentFile(b"x"))
        default_storage.save(f"staging/{token}/index.json", ContentFile(b"[]"))
    day_and_a_bit_ago = (timezone.now() - datetime.timedelta(hours=25)).timestamp()
    for name in ("0.bin", "index.json"):
        os.utime(media / "staging" / "old" / name, (day_and_a_bit_ago, day_and_a_bit_ago))

    assert staging.purge() == 1
    assert default_storage.listdir("staging")[0] == ["new"]


@pytest.mark.parametrize(("env", "message"), [
    ({"FILE_STORAGE": "ftp"}, "FILE_STORAGE must be filesystem or s3, got 'ftp'"),
    ({"FILE_STORAGE": "s3"}, "FILE_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"),
])
def test_a_storage_setting_it_cannot_use_stops_start_up(env, message):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", **env},
    )
    assert result.returncode != 0 and message in result.stderr


def test_s3_settings_select_the_object_store_backend():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.core.files.storage import storages;"
         " s = storages['default']; print(type(s).__name__, s.bucket_name, s.file_overwrite, s.endpoint_url,"
         " s.addressing_style)"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "FILE_STORAGE": "s3",
             "AWS_STORAGE_BUCKET_NAME": "case-files", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
             "AWS_S3_ADDRESSING_STYLE": "path"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ObjectStorage", "case-files", "False", "http://127.0.0.1:9", "path"]


def test_ensure_bucket_refuses_the_filesystem(settings):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="FILE_STORAGE is not s3"):
        call_command("ensure_bucket")


def test_compose_offers_the_object_store_as_an_option_the_app_does_not_need():
    import yaml

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    store, bucket_job = services["object-store"], services["object-store-bucket"]
    assert store["profiles"] == bucket_job["profiles"] == ["object-store"]  # only with --profile object-store
    assert bucket_job["command"][-1] == "ensure_bucket"
    assert bucket_job["depends_on"]["object-store"]["condition"] == "service_healthy" and "healthcheck" in store
    long_running = [name for name, s in services.items() if "FILE_STORAGE" in s.get("environment", {}) and "healthcheck" in s]
    assert long_running
    for name in long_running:
        environment, wait = services[name]["environment"], services[name]["depends_on"]["object-store-bucket"]
        assert environment["FILE_STORAGE"] == "${FILE_STORAGE:-filesystem}", name  # the volume unless told otherwise
        assert wait == {"condition": "service_completed_successfully", "required": False}, name
        port = next(arg for arg in store["command"] if arg.startswith("-s3.port=")).split("=")[1]
        assert environment["AWS_S3_ENDPOINT_URL"] == f"${{AWS_S3_ENDPOINT_URL:-http://object-store:{port}}}"
    identities = compose["configs"]["object-store-identities"]["content"]
    assert '"accessKey": "${AWS_ACCESS_KEY_ID:-}"' in identities and '"secretKey": "${AWS_SECRET_ACCESS_KEY:-}"' in identities
