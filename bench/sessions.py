#!/usr/bin/env python
"""Web sessions for the load test's staff, made before the phases: the simulated people open the web pages
already logged in, as at a window at ten in the morning.

    bench/sessions.py OUT.json      (run by run_load.sh; DATABASE_URL and the bench settings from the env)

Logging in is a password check (PBKDF2, Django's 1,000,000 iterations: ~0.5 s of CPU on this machine), which
a person does once a day. Each Locust phase starts new users, and the 33 web users of the mixed workload all
logged in within its first seconds: ~15 s of CPU on two cores, which set the phase's p95 (the ninth
session's runs: the first 30 s of a phase at p50 300-500 ms, the rest at 30-40 ms). A session made here is
the one django.contrib.auth.login makes (user id, backend, the password's session hash), stored by the
configured session engine; the password check itself is not what the targets are about.
"""

import json
import sys
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402


def main(out: str) -> None:
    setup_django()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string

    store = import_module(settings.SESSION_ENGINE).SessionStore
    # The backend login() would record: the first that can load a user back (django-axes' own only counts failures).
    backend = next(path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user"))
    staff = get_user_model().objects.filter(staff__organization__division__isnull=False, is_active=True)
    sessions = {}
    for user in staff.only("id", "username", "password"):
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions[user.username] = session.session_key
    Path(out).write_text(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}))
    print(f"{len(sessions)} staff sessions made ({settings.SESSION_ENGINE})")


if __name__ == "__main__":
    main(sys.argv[1])
