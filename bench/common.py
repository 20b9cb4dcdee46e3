"""What the generator, the load test and the dashboard timer must agree on."""

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The query codes' HMAC key is the SECRET_KEY: the generator and the server under test must share it.
BENCH_SECRET_KEY = "bench-only-key-not-for-any-deployment-0123456789abcdef"
# Personal data is encrypted at rest (core.crypto): the generator writes ciphertext and blind indexes the
# server under test must read, so both use these keys.
BENCH_FIELD_ENCRYPTION_KEYS = "YmVuY2gtb25seS1maWVsZC1rZXktbm90LWZvci11c2U="
BENCH_BLIND_INDEX_KEY = "bench-only-blind-index-key-not-for-any-deployment"
BENCH_PASSWORD = "bench-password-2026"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/onewindow_province"
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # core.query_codes.ALPHABET (checked at load)


def query_code_for(case_id: int) -> str:
    """The worker's query code of a generated case, derived from its id (same formula as the SQL in
    generate.py), so the load test can look any case up without a table of secrets."""
    digest = hashlib.md5(f"qc{case_id}".encode()).digest()
    return "".join(QUERY_CODE_ALPHABET[digest[i] % 31] for i in range(8))


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    os.environ.setdefault("FIELD_ENCRYPTION_KEYS", BENCH_FIELD_ENCRYPTION_KEYS)
    os.environ.setdefault("BLIND_INDEX_KEY", BENCH_BLIND_INDEX_KEY)
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
