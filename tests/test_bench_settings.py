"""The benchmark's baseline app and URL exist only under the benchmark's settings, never in production's."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.urls import resolve, Resolver404
try:
    url = resolve("/api/v1/_baseline/").url_name
except Resolver404:
    url = None
print(json.dumps({"installed": "bench_baseline" in settings.INSTALLED_APPS, "url": url}))
"""


def _probe(settings_module: str, **extra) -> str:
    env = {**extra,
        "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "bench-settings-probe-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "FIELD_ENCRYPTION_KEYS": "YmVuY2gtc2V0dGluZ3MtcHJvYmUta2V5LTAxMjM0NTY=",
        "BLIND_INDEX_KEY": "bench-settings-probe-blind-index-key-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_production_settings_carry_no_baseline():
    assert "bench_baseline" not in settings.INSTALLED_APPS
    with pytest.raises(Resolver404):
        resolve("/api/v1/_baseline/")


def test_production_settings_in_a_clean_process_carry_no_baseline():
    # The switch the production settings once read from the environment is gone: nothing there turns it on.
    assert _probe("config.settings", BENCH_BASELINE="1") == '{"installed": false, "url": null}'


def test_bench_settings_install_the_baseline_and_its_url():
    assert _probe("bench.settings_bench") == '{"installed": true, "url": "bench-baseline"}'
