"""Where messages go: one backend per channel, chosen by settings (NOTIFY_SMS_BACKEND, NOTIFY_EMAIL_BACKEND).

A backend's send() returns the provider's reference or raises SendFailed; the caller retries with back-off.
`key` is the message's idempotency key, passed on so that a provider that deduplicates drops a repeat."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import time
import urllib.error
import urllib.request
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from core.masking import mask_phone

logger = logging.getLogger(__name__)


class SendFailed(Exception):
    """The message did not go out (the gateway refused it or did not answer); it is retried later."""


class ConsoleSmsBackend:
    """Development: each SMS as a line on standard output and, when NOTIFY_OUTBOX_FILE is set, appended to
    that file as JSON (one line a message), for a developer or a demo to read what a phone would receive."""

    def send(self, *, to: str, text: str, key: str, subject: str = "") -> str:
        line = {"channel": "sms", "to": to, "key": key, "text": text}
        sys.stdout.write(f"[SMS {mask_phone(to)} {key}] {text}\n")
        path = getattr(settings, "NOTIFY_OUTBOX_FILE", "")
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return key


class MemoryBackend:
    """Tests: what was sent, kept in `outbox`; `fail_with` makes every send fail (a gateway outage)."""

    outbox: list[dict] = []
    fail_with: str = ""

    def send(self, *, to: str, text: str, key: str, subject: str = "") -> str:
        if MemoryBackend.fail_with:
            raise SendFailed(MemoryBackend.fail_with)
        MemoryBackend.outbox.append({"to": to, "text": text, "key": key, "subject": subject})
        return key


class GovernmentSmsGateway:
    """The government SMS platform (政务短信平台), over HTTPS with a signed JSON request.

    Settings (NOTIFY_SMS_GATEWAY, from the environment): URL, ACCOUNT, SECRET, SIGN (the registered signature
    put before every text, e.g. 【潍坊人社】), TIMEOUT seconds. The request body is
    {"account", "mobile", "content", "sign", "client_msg_id", "timestamp"}, with header X-Signature =
    hex HMAC-SHA256(SECRET, body); the platform answers {"code": "0", "msg_id": ...} on success and
    deduplicates by client_msg_id. A platform speaking another dialect is a subclass overriding request()
    and parse(). Anything but code "0" (or no answer within TIMEOUT) is SendFailed, retried with back-off."""

    def __init__(self, config: dict | None = None):
        self.config = config if config is not None else settings.NOTIFY_SMS_GATEWAY
        if not self.config.get("URL") or not self.config.get("ACCOUNT") or not self.config.get("SECRET"):
            raise SendFailed("NOTIFY_SMS_GATEWAY needs URL, ACCOUNT and SECRET")

    def request(self, *, to: str, text: str, key: str) -> urllib.request.Request:
        body = json.dumps({
            "account": self.config["ACCOUNT"], "mobile": to, "content": text, "sign": self.config.get("SIGN", ""),
            "client_msg_id": key, "timestamp": int(time.time()),
        }, ensure_ascii=False).encode()
        signature = hmac.new(self.config["SECRET"].encode(), body, hashlib.sha256).hexdigest()
        return urllib.request.Request(
            self.config["URL"], data=body, method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "X-Signature": signature},
        )

    def parse(self, raw: bytes) -> str:
        try:
            answer = json.loads(raw)
        except ValueError as exc:
            raise SendFailed("the gateway's answer is not JSON") from exc
        if str(answer.get("code")) != "0":
            raise SendFailed(f"gateway refused: {answer.get('code')} {answer.get('message', '')}"[:400])
        return str(answer.get("msg_id", ""))

    def send(self, *, to: str, text: str, key: str, subject: str = "") -> str:
        try:
            with urllib.request.urlopen(self.request(to=to, text=text, key=key),
                                        timeout=float(self.config.get("TIMEOUT", 10))) as response:
                return self.parse(response.read())
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SendFailed(f"gateway unreachable: {exc}"[:400]) from exc


class DjangoEmailBackend:
    """E-mail through Django's mail (EMAIL_BACKEND: console in development, SMTP in production)."""

    def send(self, *, to: str, text: str, key: str, subject: str = "") -> str:
        message = EmailMessage(subject=subject, body=text, to=[to], headers={"X-OneWindow-Message": key})
        try:
            message.send(fail_silently=False)
        except OSError as exc:
            raise SendFailed(f"mail server: {exc}"[:400]) from exc
        return key


@cache
def _backend(path: str):
    return import_string(path)()


def backend_for(channel: str):
    path = settings.NOTIFY_SMS_BACKEND if channel == "sms" else settings.NOTIFY_EMAIL_BACKEND
    return _backend(path)
