"""Messages to workers (SMS, e-mail): an outbox written in the case's transaction, sent after it by Celery.

Each row is one message for one case event on one channel; the unique (event, channel) is the idempotency
key, so a hook or a sweep run twice never writes or sends a second message for the same step."""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from disputes.models import Case, CaseEvent

# Values every template may use, besides those its notice adds (MessageTemplate.variables).
COMMON_VARIABLES = ("case_number",)


class MessageChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class MessageState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("not sent")


def placeholders(text: str) -> set[str]:
    """The names a text uses as $name or ${name}."""
    return {named or braced for _escaped, named, braced, _invalid in string.Template.pattern.findall(text) if named or braced}


class MessageTemplate(models.Model):
    """The wording of one kind of message, edited by a supervisor in the admin; values go in as ${name}."""

    key = models.CharField(_("template key"), max_length=48, unique=True)
    description = models.CharField(_("when it is sent"), max_length=200)
    text = models.TextField(_("text"), max_length=500)
    variables = models.CharField(
        _("values it may use"), max_length=300, blank=True,
        help_text=_("Comma-separated names, written in the text as ${name}; case_number is always available."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self):
        return f"{self.key}: {self.description}"

    def allowed(self) -> set[str]:
        return {v for v in re.split(r"[,\s]+", self.variables) if v} | set(COMMON_VARIABLES)

    def clean(self):
        unknown = placeholders(self.text) - self.allowed()
        if unknown:
            raise ValidationError({"text": _("Unknown values: %(names)s. Use only: %(allowed)s.") % {
                "names": ", ".join(sorted(unknown)), "allowed": ", ".join(sorted(self.allowed()))}})
        if "$" in string.Template.pattern.sub("", self.text):
            raise ValidationError({"text": _("A $ must start a value such as ${case_number}; write $$ for a dollar sign.")})

    def render(self, values: dict) -> str:
        return string.Template(self.text).safe_substitute(values)


class WorkerMessage(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=8, choices=MessageChannel.choices)
    # The worker's phone or e-mail, encrypted at rest like the worker's own (core.crypto).
    recipient = EncryptedTextField(_("recipient"))
    template_key = models.CharField(_("template"), max_length=48)
    context = models.JSONField(default=dict, blank=True)
    # Values kept sealed until the moment of sending (the query code, core.query_codes), then erased.
    sealed = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=MessageState.choices, default=MessageState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # What was sent, with sealed values masked: the query code is never stored in clear.
    text = models.TextField(_("text sent"), blank=True)
    provider_ref = models.CharField(_("gateway reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resent by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message to a worker")
        verbose_name_plural = _("messages to workers")
        constraints = [
            models.UniqueConstraint(fields=["event", "channel"], name="uniq_worker_message_per_event_channel"),
        ]
        indexes = [
            # The sweep reads only what is due; sent messages leave the index.
            models.Index(fields=["next_attempt_at"], condition=Q(state="pending"), name="worker_message_due"),
            models.Index(fields=["state", "-created_at"], name="worker_message_state"),
        ]

    def __str__(self):
        return self.idempotency_key

    @property
    def idempotency_key(self) -> str:
        """Sent to the gateway with the message, so a send repeated after a crash can be dropped there."""
        return f"ow-{self.event_id}-{self.channel}"
