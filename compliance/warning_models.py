"""Early warning, interviews and warnings (约谈、警示), and the trustworthy list (守法诚信): measures 10 and 21.

The rules that raise a warning and the rule that makes an employer trustworthy are rows (with their source and a
`verified` flag), not code: a department tunes its thresholds in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Division, Organization
from disputes.choices import Industry, SupervisingDepartment
from disputes.models import Case, Employer

from .cited import CitedRule


class WarningKind(models.TextChoices):
    COUNT = "count", _("at least N complaints within M days")
    RISING = "rising", _("complaints rising against the previous period")
    COLLECTIVE = "collective", _("a collective dispute")


class WarningSubject(models.TextChoices):
    EMPLOYER = "employer", _("employer")
    PLATFORM = "platform", _("platform")
    INDUSTRY = "industry", _("industry")


class WarningRule(CitedRule):
    """"Raise a warning on a `subject` (one employer, one platform, one industry) of a jurisdiction when its
    complaints registered in the last `window_days` days …" — `count`: are at least `min_count`; `rising`: are at
    least `min_count` and `rise_percent` % more than in the `window_days` before; `collective`: include at least
    `min_count` collective disputes."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=WarningKind.choices)
    subject = models.CharField(_("about"), max_length=16, choices=WarningSubject.choices)
    min_count = models.PositiveIntegerField(_("at least this many complaints"), default=1)
    window_days = models.PositiveIntegerField(_("within the last days"), default=30)
    rise_percent = models.PositiveIntegerField(_("rise over the previous period, per cent"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")


class WarningState(models.TextChoices):
    OPEN = "open", _("open")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    CLOSED = "closed", _("closed")


class EarlyWarning(models.Model):
    """A warning raised by a rule, addressed to the inspection team of the jurisdiction where the complaints were
    registered and to the supervising department of the industry (disputes.choices.INDUSTRY_DEPARTMENT). One per
    rule, team, subject and month: the sweep and the registration of a collective dispute raise it at most once."""

    rule = models.ForeignKey(WarningRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("about"), max_length=16, choices=WarningSubject.choices)
    subject_key = models.CharField(max_length=160)  # employer:<id>, platform:<name>, industry:<code>
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(_("platform"), max_length=128, blank=True)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices, blank=True)
    department = models.CharField(_("supervising department"), max_length=32, choices=SupervisingDepartment.choices,
                                  blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("inspection team"), on_delete=models.PROTECT,
                                     related_name="+")
    division = models.ForeignKey(Division, verbose_name=_("county / district"), on_delete=models.PROTECT,
                                 related_name="+")
    period_start = models.DateField(_("month"))
    complaints = models.PositiveIntegerField(_("complaints in the period"))
    previous_complaints = models.PositiveIntegerField(_("complaints in the period before"), null=True, blank=True)
    trigger_case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=16, choices=WarningState.choices, default=WarningState.OPEN)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("what was done"), blank=True)
    # The industry's supervising department's side (compliance.departments): it has read the warning, and what it
    # did within its own remit. The team's state above is the team's alone.
    department_acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                                   on_delete=models.PROTECT, related_name="+")
    department_acknowledged_at = models.DateTimeField(null=True, blank=True)
    department_feedback = models.TextField(_("the department's feedback and measures taken"), blank=True)
    department_feedback_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                               on_delete=models.PROTECT, related_name="+")
    department_feedback_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        constraints = [models.UniqueConstraint(fields=["rule", "organization", "subject_key", "period_start"],
                                               name="uniq_warning_per_period")]
        indexes = [
            models.Index(fields=["organization", "state", "-raised_at"], name="warning_org_state"),
            models.Index(fields=["employer", "-raised_at"], name="warning_employer"),
            models.Index(fields=["department", "division", "-raised_at"], name="warning_department"),
        ]

    def __str__(self):
        return f"{self.get_subject_display()} {self.subject_key} {self.period_start:%Y-%m}"


class InterviewKind(models.TextChoices):
    INTERVIEW = "interview", _("interview (约谈)")
    WARNING = "warning", _("warning (警示)")


class FollowUpResult(models.TextChoices):
    RECTIFIED = "rectified", _("rectified")
    PARTLY = "partly", _("partly rectified")
    NOT_RECTIFIED = "not_rectified", _("not rectified")


class FollowUpRule(CitedRule):
    """"An interview's follow-up is due `days_after` calendar days after the rectification deadline it set." A local
    service level, not a statute (no text sets it): `local` says so, `verified` stays False. The first active rule
    (by code) is the one used."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    days_after = models.PositiveSmallIntegerField(_("days after the rectification deadline"))
    local = models.BooleanField(_("local service level (not statutory)"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("interview follow-up rule")
        verbose_name_plural = _("interview follow-up rules")


class EmployerInterview(models.Model):
    """An interview with an employer's management (约谈) or a warning given to it (警示), with the industry's
    supervising department where it attended (measure 10); shown in the employer's compliance file."""

    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("held by"), on_delete=models.PROTECT,
                                     related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=InterviewKind.choices)
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("who attended"))
    departments = models.JSONField(_("supervising departments attending"), default=list, blank=True)
    matters = models.TextField(_("matters raised"))
    commitments = models.TextField(_("the employer's commitments"), blank=True)
    outcome = models.TextField(_("outcome"))
    rectify_by = models.DateField(_("rectification deadline"), null=True, blank=True)
    # The follow-up clock: due on this day (given, or the rectification deadline plus FollowUpRule's days); open
    # until the team records the follow-up's result. Overdue is read, not stored (selector follow_ups).
    follow_up_on = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_result = models.CharField(_("follow-up result"), max_length=16, choices=FollowUpResult.choices,
                                        blank=True)
    follow_up_note = models.TextField(_("follow-up findings"), blank=True)
    follow_up_closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    follow_up_closed_at = models.DateTimeField(null=True, blank=True)
    warning = models.ForeignKey(EarlyWarning, verbose_name=_("early warning"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="interviews")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("interview or warning")
        verbose_name_plural = _("interviews and warnings")
        indexes = [
            models.Index(fields=["employer", "-held_on"], name="interview_employer"),
            # The open follow-ups of a team by due date: the desk's overdue list reads only these.
            models.Index(fields=["organization", "follow_up_on"], name="interview_follow_up_open",
                         condition=models.Q(follow_up_on__isnull=False, follow_up_closed_at__isnull=True)),
        ]

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and self.follow_up_closed_at is None

    def department_labels(self) -> list[str]:
        labels = dict(SupervisingDepartment.choices)
        return [str(labels.get(d, d)) for d in self.departments]


class TrustRule(CitedRule):
    """"An employer is trustworthy (守法诚信) when, for the last `months` months, it had no violation investigated
    and dealt with, no listing on the wage-arrears list, and no complaint upheld (a case closed with one of
    `upheld_outcomes`), and it has been on file that long." The first active rule (by code) is the one used."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    months = models.PositiveSmallIntegerField(_("clean for this many months"))
    upheld_outcomes = models.JSONField(_("outcomes that count as an upheld complaint"), default=list)

    class Meta:
        ordering = ["code"]
        verbose_name = _("trustworthy-employer rule")
        verbose_name_plural = _("trustworthy-employer rules")


class IndustryDepartment(models.Model):
    """Which supervising department (measure 10) an organisation of kind `industry_department` is, e.g. 潍城区交通运输局
    is `transport`. Its jurisdiction is the organisation's division (none: the whole city), as for any
    organisation; it reads the warnings naming its department there and the interviews about them."""

    organization = models.OneToOneField(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                        related_name="industry_department",
                                        limit_choices_to={"kind": "industry_department"})
    department = models.CharField(_("supervising department"), max_length=32, choices=SupervisingDepartment.choices)

    class Meta:
        verbose_name = _("industry supervising department")
        verbose_name_plural = _("industry supervising departments")

    def __str__(self):
        return f"{self.organization} ({self.get_department_display()})"


class WarningNotice(models.Model):
    """An in-app notice to a department's officer that a warning names the department: written once per officer
    and warning when the warning is raised (the case file's Notification belongs to a case event; a warning has
    none), listed on the notifications page."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    warning = models.ForeignKey(EarlyWarning, on_delete=models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "warning"], name="uniq_warning_notice")]
