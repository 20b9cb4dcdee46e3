"""Personal data encrypted at rest, and found again through a keyed blind index.

A worker's ID number and phone are stored as AES-256-GCM ciphertext (`cryptography`, already used for the
query code's seal), each value with its own random nonce, so equal values do not look equal in the table. To
find a worker by either, the table also keeps a blind index: HMAC-SHA256 of the normalised value under a
second key of its own. A leaked table (or backup) therefore shows neither the numbers nor, without the index
key, a way to test guesses against them.

Keys come from the environment (config.settings): FIELD_ENCRYPTION_KEYS (comma-separated, base64 32-byte
keys; the first encrypts, every one decrypts, so a key is rotated by putting the new one first and
re-saving) and BLIND_INDEX_KEY. Production refuses to start without them; DEBUG and the tests derive
development keys.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Stored as PREFIX + base64(nonce | ciphertext+tag). The prefix names the scheme, so a later one can be told
# apart, and a value that lacks it is refused rather than shown (see from_db_value).
PREFIX = "g1:"
_NONCE = 12


class DecryptionFailed(ValueError):
    pass


def _decoded_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except ValueError as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a key that is not base64") from exc
    if len(key) != 32:
        raise ImproperlyConfigured("each FIELD_ENCRYPTION_KEYS key must be 32 bytes (base64 of 32 random bytes)")
    return key


@functools.cache
def _ciphers(keys: tuple[str, ...]) -> tuple[AESGCM, ...]:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is not set")
    return tuple(AESGCM(_decoded_key(k)) for k in keys)


def _current() -> tuple[AESGCM, ...]:
    return _ciphers(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    nonce = os.urandom(_NONCE)
    sealed = _current()[0].encrypt(nonce, text.encode(), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise DecryptionFailed("not a value this field encrypted")
    raw = base64.b64decode(stored[len(PREFIX):])
    nonce, sealed = raw[:_NONCE], raw[_NONCE:]
    for cipher in _current():
        try:
            return cipher.decrypt(nonce, sealed, None).decode()
        except InvalidTag:
            continue
    raise DecryptionFailed("no configured key decrypts this value")


def blind_index(value: str) -> str:
    """HMAC-SHA256 (hex) of an already normalised value under the blind-index key."""
    key = settings.BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is not set")
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column holding ciphertext; Python code reads and writes the clear value.

    Nothing can be looked up by it (the ciphertext differs each time): filtering on it raises, and lookups go
    through the blind index beside it. Empty text stays empty (nothing to hide, and an optional field may be
    blank)."""

    # Read by core.sqlbatch: the prepared value differs on every call, by design.
    randomised_preparation = True

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise TypeError(
                f"{self.model.__name__}.{self.name} is encrypted: look it up through its blind index, not "
                f"'{lookup_name}'"
            )
        return super().get_lookup(lookup_name)


def normalize_phone(value: str) -> str:
    """Digits only, without China's +86/0086 prefix: "138-0013-8000" and "+86 13800138000" are one phone."""
    digits = "".join(c for c in (value or "") if c.isdigit())
    if len(digits) == 13 and digits.startswith("86") and digits[2] == "1":
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    return digits


class BlindIndexField(models.CharField):
    """The blind index of another field of the model: HMAC of `normalize(source)`, filled in whenever the row
    is written through the ORM (save, bulk_create, an upsert, core.sqlbatch), "" when the source is empty.
    A queryset update() of the source bypasses it: such a caller sets the index too (Worker.index_values)."""

    def __init__(self, *args, source: str = "", normalize: str = "", **kwargs):
        self.source, self.normalize = source, normalize
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, normalize=self.normalize)
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def digest_of(self, value) -> str:
        return index_of(self.normalize, value)

    def pre_save(self, model_instance, add):
        digest = self.digest_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, digest)
        return digest


@functools.cache
def _normalizer(path: str):
    from django.utils.module_loading import import_string

    return import_string(path)


def index_of(normalize: str, value) -> str:
    """The blind index of `value` normalised by the function at dotted path `normalize` ("" for no value)."""
    if not value:
        return ""
    return blind_index(_normalizer(normalize)(value))


def rewrite_column(schema_editor, table: str, column: str, transform) -> None:
    """Rewrite one text column of every row through `transform` (clear -> ciphertext or back), in batches by
    id, with plain SQL: a data migration's models would encrypt or decrypt on their own. Empty values stay
    empty; values already in the wanted form are the transform's to leave alone."""
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, {qn(column)} FROM {qn(table)} WHERE id > %s AND {qn(column)} <> '' ORDER BY id LIMIT 2000",
                [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            cursor.executemany(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s",
                               [(transform(value), pk) for pk, value in rows])


def encrypt_clear(value: str) -> str:
    """For data migrations: encrypt a value not yet encrypted (a re-run leaves ciphertext as it is)."""
    return value if value.startswith(PREFIX) else encrypt(value)


def decrypt_sealed(value: str) -> str:
    """For data migrations going back: the clear value of ciphertext; clear text stays as it is."""
    return decrypt(value) if value.startswith(PREFIX) else value
