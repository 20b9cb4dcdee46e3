"""The fields every rule kept as data carries: what it says, where it comes from, whether that was checked."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CitedRule(models.Model):
    description = models.CharField(_("rule"), max_length=300)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("checked against the official text"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.description
