"""The worker's query code: random, printed once on the receipt, stored only as an HMAC.

HMAC (not a password hash) keeps the status lookup fast; the rate limit is what stops guessing, and a
leaked table alone does not reveal the codes.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L: the code is read off paper and typed on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def new_query_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _key() -> bytes:
    return (getattr(settings, "QUERY_CODE_KEY", "") or settings.SECRET_KEY).encode()


def hash_query_code(code: str) -> str:
    return hmac.new(_key(), code.strip().upper().encode(), hashlib.sha256).hexdigest()


def query_code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_query_code(code or ""), stored_hash or "")
