"""The worker's query code: random, printed once on the receipt, stored only as an HMAC.

HMAC (not a password hash) keeps the status lookup fast; the rate limit is what stops guessing, and a
leaked table alone does not reveal the codes.
"""

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken

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


# --- sealing: the code kept until its receipt is rendered ---------------------------------------------------
# The receipt is rendered after the registration commits (intake.models.PendingReceipt), so the code must be
# kept until then. It is kept sealed (Fernet: AES-CBC + HMAC, with a timestamp), under a key derived from the
# same secret as the HMAC but for this purpose only. A seal in a message (intake.tasks.receipt_render, the
# earlier design) older than SEAL_MAX_AGE is refused, so a message stuck in a queue cannot print a receipt
# days later; a pending row has no age limit (max_age=None): the row itself says the receipt is still owed.
SEAL_MAX_AGE = 24 * 3600


class SealInvalid(ValueError):
    pass


def _fernet() -> Fernet:
    derived = hashlib.sha256(b"onewindow:query-code-seal:" + _key()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def seal_query_code(code: str) -> str:
    return _fernet().encrypt(code.encode()).decode()


def unseal_query_code(token: str, *, max_age: int | None = SEAL_MAX_AGE) -> str:
    try:
        return _fernet().decrypt(token.encode(), ttl=max_age).decode()
    except (InvalidToken, ValueError) as exc:
        raise SealInvalid("the sealed query code is invalid or too old") from exc
