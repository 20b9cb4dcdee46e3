"""The shared kernel: administrative divisions, organisations and staff roles. No case logic here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class Division(models.Model):
    """An administrative division of Weifang (GB/T 2260 code where it has one)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64)
    # A development zone without a GB/T 2260 code of its own: the county-level division whose rates (the
    # minimum wage) apply in it. Its code is then local (the administering division's code and a suffix).
    administered_by = models.ForeignKey(
        "self", verbose_name=_("administered by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="zones",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self):
        return self.name


class OrgKind(models.TextChoices):
    RIGHTS_CENTRE = "rights_centre", _("Rights-protection centre (one window)")
    INSPECTION = "inspection", _("Labour inspection team")
    ARBITRATION = "arbitration", _("Arbitration commission / institute")
    MEDIATION = "mediation", _("Mediation organisation")
    UNION = "union", _("Federation of trade unions")
    LEGAL_AID = "legal_aid", _("Union legal-aid station")
    COURT = "court", _("People's court")
    PETITION = "petition", _("Petition office")
    # An industry's supervising department (transport, commerce, market regulation, postal: measure 10). It handles
    # no case: it reads the early warnings and interviews naming it (compliance.departments).
    INDUSTRY_DEPARTMENT = "industry_department", _("Industry supervising department")


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=128, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices)
    # The division the organisation serves; null means the whole city (municipal level).
    division = models.ForeignKey(
        Division, verbose_name=_("division served"), null=True, blank=True, on_delete=models.PROTECT
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("public phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", _("Window clerk")
    INSPECTOR = "inspector", _("Inspector")
    ARBITRATOR = "arbitrator", _("Arbitrator")
    MEDIATOR = "mediator", _("Mediator")
    LEGAL_AID = "legal_aid_officer", _("Legal-aid officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")
    # A member of an industry's supervising department: in no tuple of roles that act on cases.
    DEPARTMENT_OFFICER = "department_officer", _("Industry department officer")


def name_of(user) -> str:
    """How a staff member is named on pages, documents and events: the full name, or the username where none is
    recorded."""
    return user.get_full_name() or user.get_username()


class StaffProfile(models.Model):
    """Which organisation a user works for and in what role. One role per account keeps audits plain."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    phone = models.CharField(_("work phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{name_of(self.user)} ({self.get_role_display()}, {self.organization})"


from .sequences import Sequence  # noqa: E402,F401  (model lives in its own module for readability)


class StatutoryParameter(models.Model):
    """A number the law sets, kept as data with its source so an administrator can correct it."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=32)
    source = models.CharField(_("legal source"), max_length=200)
    # False until someone checks the number against the official text: a source written from memory says so
    # wherever it is shown ("待核实"), as the project's other unverified data does.
    verified = models.BooleanField(_("checked against the official text"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("statutory parameter")
        verbose_name_plural = _("statutory parameters")

    def __str__(self):
        return f"{self.key} = {self.value} {self.unit}"


class PendingTask(models.Model):
    """A side effect whose message the broker could not take when its transaction committed (core.outbox).

    Kept until core.tasks.resend_pending hands it to the broker: a broker outage then neither fails the
    request that already committed nor loses the receipt or notification it was to send."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("task waiting for the broker")
        verbose_name_plural = _("tasks waiting for the broker")

    def __str__(self):
        return f"{self.task_name} #{self.pk}"


class AuthenticatorDevice(TOTPDevice):
    """django-otp's TOTP device under a Chinese name in the admin, where a lost phone's device is removed."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")
