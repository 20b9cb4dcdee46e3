"""The restore drill of docs/deployment.md, on a small database: back up the primary and the documents, restore
both into a fresh database and directory, and the restored copy passes `manage.py restore_check`."""

import os
import shutil
import subprocess
import sys
import tarfile
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.conftest import skip_unless_real

from .cluster import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _run(*args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, f"{args[0]}: {result.stderr[-3000:]}"
    return result


@pytest.fixture
def restored_database():
    if connection.vendor != "postgresql":
        skip_unless_real("the drill dumps and restores a PostgreSQL database", "REQUIRE_POSTGRES")
    if settings.FILE_STORAGE != "filesystem":
        pytest.skip("the drill archives the media directory; the object store's bucket is copied instead (docs)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        skip_unless_real("pg_dump and pg_restore are not installed (postgresql-client)", "REQUIRE_POSTGRES")
    name = f"{connection.settings_dict['NAME']}_restored_{os.getpid()}"
    drop = ["psql", "-d", _url("postgres"), "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']
    _run(*drop)
    _run("psql", "-d", _url("postgres"), "-c", f'CREATE DATABASE "{name}"')
    yield name
    _run(*drop)


def _check(database: str, media, *args):
    env = {**os.environ, "DATABASE_URL": _url(database), "DJANGO_SETTINGS_MODULE": "config.test_settings",
           "TEST_MEDIA_ROOT": str(media)}
    return subprocess.run([sys.executable, "manage.py", "restore_check", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_backup_restores_into_a_fresh_database_that_passes_the_checks(restored_database, register, tmp_path):
    from disputes.models import Case, Document

    cases = [register(seed=i).case for i in range(3)]  # each with its receipt, rendered in-process (eager)
    assert Document.objects.filter(case__in=cases, kind="receipt").count() == 3

    # Backup, as the document says: counts, the database (custom format), then the documents' store.
    counts = tmp_path / "counts.json"
    call_command("restore_check", "--write-counts", str(counts))
    dump = tmp_path / "onewindow.dump"
    started = time.monotonic()
    _run("pg_dump", "-Fc", "--no-owner", "-d", _url(connection.settings_dict["NAME"]), "-f", str(dump))
    with tarfile.open(tmp_path / "media.tar.gz", "w:gz") as archive:
        archive.add(settings.MEDIA_ROOT, arcname=".")

    # Restore into a fresh database and an empty directory.
    _run("pg_restore", "--no-owner", "--exit-on-error", "-d", _url(restored_database), str(dump))
    media = tmp_path / "restored-media"
    media.mkdir()
    with tarfile.open(tmp_path / "media.tar.gz") as archive:
        archive.extractall(media, filter="data")
    restored_in = time.monotonic() - started

    result = _check(restored_database, media, "--expect-counts", str(counts), "--page")
    assert result.returncode == 0, result.stderr
    assert "restore check passed" in result.stdout
    assert f"case {Case.objects.order_by('-pk').first().number}: page rendered" in result.stdout
    assert restored_in < 60

    # The checks can fail: a document missing from the restored store, and a row lost, are both named.
    receipt = Document.objects.filter(case=cases[0], kind="receipt").first()
    (media / receipt.file.name).unlink()
    _run("psql", "-d", _url(restored_database), "-c",
         "DELETE FROM notifications_workermessage WHERE id = (SELECT min(id) FROM notifications_workermessage)")
    broken = _check(restored_database, media, "--expect-counts", str(counts))
    assert broken.returncode != 0
    assert f"document {receipt.pk} ({receipt.file.name})" in broken.stderr
    assert "notifications.WorkerMessage: 2 rows, 3 at backup time" in broken.stderr
