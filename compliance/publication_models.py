"""The publication of major labour-protection violations (重大劳动保障违法行为社会公布, MOHRSS Order 29): the
quarter's list a prefecture or county inspection body assembles from its decided cases, reviews, approves and
publishes. Imported by compliance.models so the models belong to the compliance app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Organization
from disputes.models import Case, Employer

ORDER_29 = "重大劳动保障违法行为社会公布办法（人社部令第29号）"


class PublicationCategory(models.Model):
    """One of the seven kinds of major violation the order publishes, with its wording and source.

    `suggested_for` names the decided records that suggest it for a candidate ("penalty:25" a penalty under
    监察条例 art 25, "order:wages" an order to correct unpaid wages, "listing:criminal_threshold" a wage-arrears
    listing on that ground): a suggestion the supervisor corrects, never a finding."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("category"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("checked against the official text"), default=False)
    suggested_for = models.JSONField(_("suggested for these records"), default=list, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("category of major violation")
        verbose_name_plural = _("categories of major violation")

    def __str__(self):
        return f"{self.number}. {self.name}"


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("being reviewed")
    APPROVED = "approved", _("approved, not yet published")
    PUBLISHED = "published", _("published")


class Publication(models.Model):
    """The quarter's list of one inspection body (Order 29: prefecture and county departments publish
    quarterly). The entries are frozen once approved; what is published is what was approved."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    state = models.CharField(_("state"), max_length=16, choices=PublicationState.choices,
                             default=PublicationState.DRAFT)
    assembled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assembled_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-quarter", "organization"]
        verbose_name = _("publication of major violations")
        verbose_name_plural = _("publications of major violations")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "quarter"], name="uniq_publication_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="publication_quarter_1_4"),
        ]
        indexes = [models.Index(fields=["state", "published_on"], name="publication_state_day")]

    def __str__(self):
        return f"{self.organization} {self.year}Q{self.quarter}"


class EntryDecision(models.TextChoices):
    PENDING = "pending", _("not reviewed yet")
    INCLUDED = "included", _("included")
    EXCLUDED = "excluded", _("excluded")


class PublicationEntry(models.Model):
    """One decided case as a candidate, prefilled from its records, its texts edited by the supervisor. Only
    what Order 29 lists is kept for the public (name, credit code, address, legal representative, main facts,
    handling): never a worker's name, ID number or phone (compliance.publication refuses them)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(PublicationCategory, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    employer_name = models.CharField(_("employer"), max_length=128)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    address = models.CharField(_("address"), max_length=200)
    legal_representative = models.CharField(_("legal representative or person in charge"), max_length=64, blank=True)
    facts = models.TextField(_("main facts of the violation"))
    handling = models.TextField(_("how it was handled"))
    decision = models.CharField(_("review"), max_length=16, choices=EntryDecision.choices,
                                default=EntryDecision.PENDING)
    exclusion_reason = models.TextField(_("why excluded"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["publication", "decided_on", "id"]
        verbose_name = _("entry of a publication")
        verbose_name_plural = _("entries of a publication")
        constraints = [models.UniqueConstraint(fields=["publication", "case"], name="uniq_publication_case")]
        indexes = [models.Index(fields=["employer", "decision"], name="publication_entry_employer")]
