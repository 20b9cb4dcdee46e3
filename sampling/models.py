"""Random inspections (双随机、一公开): the inspection-item list, plans, draws with their recorded seed and
inputs, the inspections drawn (employer and inspectors) and their results, and recorded conflicts.

"One list, two pools, one rule" (一单两库一细则, carrying out 国办发〔2015〕58号): the list is InspectionItem; the pools
are read from the case file when a draw runs (sampling.pools) and kept in the draw's record; the rule is the plan.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Division, Organization
from disputes.choices import Industry
from disputes.models import Case, Employer

from .algorithm import MIN_INSPECTORS


class InspectionItem(models.Model):
    """An entry of the inspection-item list (随机抽查事项清单): what may be checked, on which legal basis."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("item"), max_length=200)
    basis = models.CharField(_("legal basis"), max_length=300)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("checked against the official text"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")

    def __str__(self):
        return self.name


class DrawPlan(models.Model):
    """The rule of a year's random inspections of one inspection organisation."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    name = models.CharField(_("name"), max_length=128)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    items = models.ManyToManyField(InspectionItem, verbose_name=_("inspection items"), related_name="+")
    # Empty: every division the organisation serves; every industry.
    divisions = models.ManyToManyField(Division, verbose_name=_("divisions"), blank=True, related_name="+")
    industries = models.JSONField(_("industries"), default=list, blank=True)
    share_percent = models.DecimalField(
        _("share of employers drawn (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_per_year = models.PositiveSmallIntegerField(_("at most drawn this many times a year"), null=True, blank=True)
    min_months_between = models.PositiveSmallIntegerField(_("not drawn again within months"), null=True, blank=True)
    inspectors_per_inspection = models.PositiveSmallIntegerField(
        _("inspectors per inspection"), default=MIN_INSPECTORS, validators=[MinValueValidator(MIN_INSPECTORS)]
    )
    policy_source = models.CharField(_("policy source"), max_length=300)
    policy_verified = models.BooleanField(_("policy source checked against the official text"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("random inspection plan")
        verbose_name_plural = _("random inspection plans")
        constraints = [
            models.CheckConstraint(condition=Q(inspectors_per_inspection__gte=MIN_INSPECTORS),
                                   name="plan_two_inspectors_at_least"),
            models.CheckConstraint(condition=Q(share_percent__gt=0, share_percent__lte=100), name="plan_share_range"),
        ]

    def __str__(self):
        return f"{self.year} {self.name}"

    @property
    def industry_labels(self) -> list[str]:
        return [str(Industry(i).label) for i in self.industries if i in Industry.values]


class Draw(models.Model):
    """One draw under a plan: the seed, everything the result depended on (`record`, the algorithm's input) and
    the result, each with its SHA-256, so that anyone holding the record can recompute it (sampling.verify)."""

    plan = models.ForeignKey(DrawPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="draws")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    drawn_on = models.DateField(_("drawn on"))
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    algorithm = models.CharField(_("algorithm"), max_length=16)
    seed = models.CharField(_("seed"), max_length=64)
    record = models.JSONField(_("inputs of the draw"))
    record_digest = models.CharField(_("SHA-256 of the inputs"), max_length=64)
    result = models.JSONField(_("result of the draw"))
    result_digest = models.CharField(_("SHA-256 of the result"), max_length=64)
    # Compared and bumped when the draw's inspection cases are opened (a stale page or client gets 409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")
        indexes = [models.Index(fields=["organization", "-drawn_at"], name="draw_org_time")]

    def __str__(self):
        return f"{self.plan} {self.drawn_on}"


class Result(models.TextChoices):
    COMPLIANT = "compliant", _("No violation found")
    VIOLATIONS = "violations_found", _("Violations found")
    ORDER_ISSUED = "order_issued", _("Order to correct issued")
    NOT_FOUND = "not_found", _("Employer not found at its address")
    # Only from the inspection case opened for the drawn employer (sampling.cases): how it ended.
    CORRECTED = "corrected", _("Violations found and corrected")
    CLOSED_OTHERWISE = "closed_otherwise", _("Inspection ended otherwise")


class DrawnInspection(models.Model):
    """An employer drawn, with the inspectors drawn to inspect it, and what they found."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="inspections")
    position = models.PositiveIntegerField(_("position in the draw"))
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+")
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, through="DrawnInspector", related_name="+")
    result = models.CharField(_("result"), max_length=32, choices=Result.choices, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    # The inspection case the findings were followed up in (an order to correct is issued on a case).
    case = models.ForeignKey(Case, verbose_name=_("inspection case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    # The inspection case opened on the department's own initiative for this drawn employer (sampling.cases):
    # one case per drawn inspection and one drawn inspection per case (the one-to-one's unique index), so
    # opening twice never makes a second. Its ending gives the result.
    opened_case = models.OneToOneField(Case, verbose_name=_("inspection case opened"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="drawn_inspection")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["draw", "position"]
        verbose_name = _("drawn inspection")
        verbose_name_plural = _("drawn inspections")
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="uniq_drawn_position"),
            models.UniqueConstraint(fields=["draw", "employer"], name="uniq_drawn_employer"),
            models.CheckConstraint(condition=~Q(result="order_issued") | Q(case__isnull=False),
                                   name="drawn_order_has_case"),
        ]
        # Frequency limits read an employer's earlier draws.
        indexes = [models.Index(fields=["employer", "draw"], name="drawn_employer")]


class DrawnInspector(models.Model):
    inspection = models.ForeignKey(DrawnInspection, on_delete=models.CASCADE, related_name="team")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [models.UniqueConstraint(fields=["inspection", "inspector"], name="uniq_drawn_inspector")]


class InspectorConflict(models.Model):
    """An inspector recorded as not to inspect an employer (回避: a relative, an interest, an earlier role)."""

    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT,
                                  related_name="+")
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("inspector conflict")
        verbose_name_plural = _("inspector conflicts")
        constraints = [models.UniqueConstraint(fields=["inspector", "employer"], name="uniq_inspector_conflict")]
