"""Keep a clerk's checked uploads across a re-displayed form, so a warning or a typo loses no file.

Staged files are kept in the file storage under staging/<token>/ (the object store where one is configured, so
any node of the installation can take the next submission) and the token is remembered in the clerk's
session, so nobody else can claim them. Staging left behind (a form never submitted again) is removed after a
day by intake.tasks.purge_staging.
"""

import datetime
import json
import secrets

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "intake_staging"
ROOT = "staging"
INDEX = "index.json"
KEEP = datetime.timedelta(days=1)


def _folder(token: str) -> str:
    return f"{ROOT}/{token}"


def stash(request, files) -> str:
    token = secrets.token_hex(16)
    index = []
    for i, f in enumerate(files):
        f.seek(0)
        # Wrapped, so the storage copies the upload instead of moving its temporary file away.
        stored = default_storage.save(f"{_folder(token)}/{i}.bin", File(f, name=f"{i}.bin"))
        index.append({"file": stored.rsplit("/", 1)[-1], "name": f.name})
    # Written last: an index names only files that are there.
    default_storage.save(f"{_folder(token)}/{INDEX}", ContentFile(json.dumps(index, ensure_ascii=False).encode()))
    request.session.setdefault(SESSION_KEY, [])
    request.session[SESSION_KEY] = [*request.session[SESSION_KEY][-9:], token]
    return token


def names(request, token: str) -> list[str]:
    return [row["name"] for row in _index(request, token)]


def _index(request, token: str) -> list[dict]:
    if not token or token not in request.session.get(SESSION_KEY, []) or not token.isalnum():
        return []
    name = f"{_folder(token)}/{INDEX}"
    if not default_storage.exists(name):
        return []
    with default_storage.open(name, "rb") as fh:
        return json.loads(fh.read())


def load(request, token: str) -> list[File]:
    return [File(default_storage.open(f"{_folder(token)}/{row['file']}", "rb"), name=row["name"])
            for row in _index(request, token)]  # closed by discard after use


def _remove(token: str) -> None:
    _dirs, files = default_storage.listdir(_folder(token))
    # The index first: a half-removed folder is then never read as staging.
    for name in sorted(files, key=lambda n: n != INDEX):
        default_storage.delete(f"{_folder(token)}/{name}")
    # The emptied folder itself (a directory on the filesystem; an object store has no folders to remove).
    default_storage.delete(_folder(token))


def discard(request, token: str, files=()) -> None:
    for f in files:
        f.close()
    if token and token.isalnum():
        try:
            _remove(token)
        except FileNotFoundError:
            pass
    if token in request.session.get(SESSION_KEY, []):
        request.session[SESSION_KEY] = [t for t in request.session[SESSION_KEY] if t != token]


def purge(now: datetime.datetime | None = None) -> int:
    """Remove staging older than KEEP; the number of folders removed."""
    cutoff = (now or timezone.now()) - KEEP
    try:
        tokens, _files = default_storage.listdir(ROOT)
    except FileNotFoundError:
        return 0
    removed = 0
    for token in tokens:
        _dirs, files = default_storage.listdir(_folder(token))
        stamps = [default_storage.get_modified_time(f"{_folder(token)}/{name}") for name in files]
        if all(stamp < cutoff for stamp in stamps):
            _remove(token)
            removed += 1
    return removed
