"""An export of the statistics prepared in the background (a Celery task), with its progress and its file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel")
    PDF = "pdf", _("PDF")


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def _export_path(instance, filename):
    return f"exports/{instance.requested_by_id}/{instance.pk}.{instance.format}"


class Export(models.Model):
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The page's query (period and county) as it was asked; the task reads the figures as the requester sees them.
    query = models.JSONField(default=dict)
    label = models.CharField(_("period"), max_length=120)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    state = models.CharField(max_length=16, choices=ExportState.choices, default=ExportState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_export_path, max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("statistics export")
        verbose_name_plural = _("statistics exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_requester_time")]
