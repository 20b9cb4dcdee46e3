"""Gunicorn settings for the container image (docs/deployment.md); every value can be overridden by env."""

import os

# Inside a container the port is published by Compose; listening on localhost only would be unreachable.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Fixed default rather than a CPU-count formula: in a container the CPU count is the host's, not the quota.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))

# Official PDFs are rendered in the request; the default 30 s is tight for a long case file on a busy host.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30

# The worker heartbeat file on the image's overlay filesystem can stall workers; tmpfs does not.
worker_tmp_dir = "/dev/shm"

# Recycle workers now and then so slow leaks (e.g. reportlab font caches) cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100

# Logs to stdout/stderr, collected by the container runtime.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
