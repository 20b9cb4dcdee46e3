"""Keep a clerk's checked uploads across a re-displayed form, so a warning or a typo loses no file.

Staged files live under MEDIA_ROOT/staging/<token>/ and the token is remembered in the clerk's session, so
nobody else can claim them. Staging older than a day is removed by intake.tasks.purge_staging.
"""

import json
import secrets
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files import File

SESSION_KEY = "intake_staging"


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "staging"


def stash(request, files) -> str:
    token = secrets.token_hex(16)
    folder = _root() / token
    folder.mkdir(parents=True, exist_ok=True)
    index = []
    for i, f in enumerate(files):
        target = folder / f"{i}.bin"
        f.seek(0)
        with open(target, "wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        index.append({"file": target.name, "name": f.name})
    (folder / "index.json").write_text(json.dumps(index, ensure_ascii=False))
    request.session.setdefault(SESSION_KEY, [])
    request.session[SESSION_KEY] = [*request.session[SESSION_KEY][-9:], token]
    return token


def names(request, token: str) -> list[str]:
    return [row["name"] for row in _index(request, token)]


def _index(request, token: str) -> list[dict]:
    if not token or token not in request.session.get(SESSION_KEY, []) or not token.isalnum():
        return []
    path = _root() / token / "index.json"
    if not path.exists():
        return []
    return json.loads(path.read_text())


def load(request, token: str) -> list[File]:
    folder = _root() / token
    out = []
    for row in _index(request, token):
        fh = open(folder / row["file"], "rb")  # noqa: SIM115  (closed by discard after use)
        f = File(fh, name=row["name"])
        out.append(f)
    return out


def discard(request, token: str, files=()) -> None:
    for f in files:
        f.close()
    if token and token.isalnum():
        shutil.rmtree(_root() / token, ignore_errors=True)
    if token in request.session.get(SESSION_KEY, []):
        request.session[SESSION_KEY] = [t for t in request.session[SESSION_KEY] if t != token]
