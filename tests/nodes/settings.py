"""Settings of the processes tests/nodes starts (web nodes, workers, beat): the test settings, but with tasks
going through the broker and texts to a file every process appends to, as a gateway would receive them."""

import os

from config.test_settings import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
NOTIFY_SMS_BACKEND = NOTIFY_EMAIL_BACKEND = "notifications.backends.ConsoleSmsBackend"
# This run's keys only, on a Redis database other runs may share.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = os.environ.get("NODES_CACHE_PREFIX", "")  # noqa: F405
# The one proxy in front is HAProxy, which appends the client's address.
TRUSTED_PROXY_COUNT = 1
