"""Settings for the test suite: production settings with test-only relaxations stated here."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("TESTING", "1")

from .settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
# The test client and the browser tests speak plain HTTP on localhost.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test is handed the test's media directory, so both see the same files.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="onewindow-test-media-"))  # noqa: F405
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="onewindow-test-static-"))  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Tests run Celery tasks in-process unless a test opts into the real broker (tests/test_celery_broker.py).
CELERY_TASK_ALWAYS_EAGER = True
# Messages to workers are kept in memory (notifications.backends.MemoryBackend.outbox), for the tests to read.
NOTIFY_SMS_BACKEND = NOTIFY_EMAIL_BACKEND = "notifications.backends.MemoryBackend"
