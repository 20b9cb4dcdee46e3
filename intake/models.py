from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingReceipt(models.Model):
    """A receipt that has been issued but not rendered yet: its query code (sealed), the time it is dated and
    who issued it, written in the registration's own statement. The row is the receipt's durable to-do: it is
    rendered when someone asks for the receipt (the clerk printing it at the window) or by the worker in the
    background, whichever comes first, and deleted in the transaction that stores the PDF. A reissued code
    replaces the row.

    Why not a Celery message per registration: sending it cost the web ~10 % of a registration's CPU (bench/
    README.md), a broker outage put it at risk, and a burst at the windows left a queue of messages that the
    clerk waiting at the counter could not jump. Here the registration writes one small row and sends nothing;
    the clerk's print renders at once; the background catches up with the rest (intake.tasks).
    """

    case = models.OneToOneField("disputes.Case", on_delete=models.CASCADE, primary_key=True, related_name="+")
    # Fernet token of the query code (core.query_codes.seal_query_code): the plain code is printed on the
    # receipt and never stored; the case keeps only its HMAC.
    sealed_code = models.TextField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("receipt awaiting rendering")
        verbose_name_plural = _("receipts awaiting rendering")

    def __str__(self) -> str:
        return f"receipt of case {self.case_id} issued {self.issued_at:%Y-%m-%d %H:%M}"


class IntakeDocumentKind(models.TextChoices):
    """The documents the one window issues (registered as Document kinds in intake.registrations)."""

    RECEIPT = "receipt", _("Acceptance receipt")


class SplitProceeding(models.Model):
    """A proceeding split off a complaint registered at the window (issue 21): the worker's wage claims go to
    arbitration, say, and a labour-protection matter to inspection, each as a case of its own. The claims chosen
    moved to the new case (a claim belongs to one proceeding); the parties are the same rows; the original case
    keeps its query code and the new one has its own. One row per case split off (intake.split)."""

    case = models.OneToOneField(
        "disputes.Case", verbose_name=_("case split off"), on_delete=models.PROTECT, primary_key=True,
        related_name="+",
    )
    split_from = models.ForeignKey(
        "disputes.Case", verbose_name=_("split from"), on_delete=models.PROTECT, related_name="+",
    )
    split_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    split_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proceeding split off a complaint")
        verbose_name_plural = _("proceedings split off complaints")

    def __str__(self) -> str:
        return f"case {self.case_id} split from case {self.split_from_id}"
