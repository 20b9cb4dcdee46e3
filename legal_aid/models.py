"""Legal aid runs beside the case: a station accepts a referral, then assigns a lawyer (the assignment clock)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LawyerAssignment(models.Model):
    referral = models.OneToOneField("disputes.Referral", on_delete=models.PROTECT, related_name="lawyer_assignment")
    lawyer_name = models.CharField(_("lawyer"), max_length=64)
    lawyer_phone = models.CharField(_("lawyer's phone"), max_length=32)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lawyer assignment")
        verbose_name_plural = _("lawyer assignments")
