"""The working-day calendar, deadline rules as data, and the clocks running on cases."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose official holiday notice has been entered. Without this row, no deadline falling in the
    year is computed: the clock shows "calendar missing" instead of a guess."""

    year = models.PositiveIntegerField(_("year"), primary_key=True)
    source = models.CharField(_("official notice"), max_length=200)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self):
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday or moved rest day")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    """One exceptional date: a weekday off, or a weekend day worked (调休). Ordinary weekdays and
    weekends need no row."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class Unit(models.TextChoices):
    WORKING_DAYS = "wd", _("working days")
    CALENDAR_DAYS = "cd", _("calendar days")
    MONTHS = "month", _("months")
    YEARS = "year", _("years")
    SET_BY_DECISION = "set", _("set by the decision")


class DeadlineRule(models.Model):
    """One deadline of the law: what starts, pauses, restarts and satisfies it, and where it comes from.

    Triggers are case-event actions (see disputes.services), optionally narrowed by purpose for referral
    events ("referral_offered:inspection") or by channel for registration ("registered:petition").
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    track = models.CharField(_("track"), max_length=32)
    start_on = models.JSONField(_("started by"), default=list)
    satisfy_on = models.JSONField(_("satisfied by"), default=list)
    pause_on = models.JSONField(_("paused by"), default=list, blank=True)
    resume_on = models.JSONField(_("resumed by"), default=list, blank=True)
    restart_on = models.JSONField(_("restarted by"), default=list, blank=True)
    length = models.PositiveIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    extension_length = models.PositiveIntegerField(_("extension"), default=0)
    extension_role = models.CharField(_("who approves an extension"), max_length=32, blank=True)
    remind_before = models.PositiveIntegerField(_("remind this many working days before"), default=3)
    source = models.CharField(_("legal source"), max_length=300)
    confidence = models.CharField(_("checked against the text"), max_length=1, choices=[("V", _("verified")), ("M", _("widely cited, unverified"))])
    notes = models.TextField(_("notes"), blank=True)
    show_to_worker = models.BooleanField(_("show the date on the worker's page"), default=False)
    # A service level set locally (the green channel's), not a period of the law: shown as such beside the clock.
    is_local = models.BooleanField(_("local service level (not statutory)"), default=False)
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Inactive rules are kept as data but start no clocks (e.g. their events are not recorded yet)."),
    )

    class Meta:
        ordering = ["track", "code"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self):
        return f"{self.name} ({self.length} {self.get_unit_display()})"


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    SATISFIED = "satisfied", _("Met")
    CANCELLED = "cancelled", _("Cancelled")


class Clock(models.Model):
    case = models.ForeignKey("disputes.Case", on_delete=models.CASCADE, related_name="clocks")
    # No index on rule, due_on or extended_by: nothing reads clocks by them alone (the sweep and the queues use
    # the partial indexes below), and every stamp the sweep writes updates each index.
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="clocks", db_index=False)
    # What the clock is about when a case can have several at once (a referral: "referral:<id>").
    subject = models.CharField(max_length=40, blank=True, default="")
    state = models.CharField(max_length=16, choices=ClockState.choices, default=ClockState.RUNNING)
    started_on = models.DateField()
    # Null while the calendar of the year it falls in is missing (missing_year says which).
    due_on = models.DateField(null=True, blank=True)
    remind_on = models.DateField(null=True, blank=True)
    missing_year = models.PositiveIntegerField(null=True, blank=True)
    # A period runs in stretches between pauses: `consumed` units were used before the current stretch,
    # which began on `stretch_started_on`; the due date is the stretch start plus what is left.
    stretch_started_on = models.DateField()
    consumed = models.PositiveIntegerField(default=0)
    paused_on = models.DateField(null=True, blank=True)
    # For a deadline set by a decision (an order to correct): the date the decision set.
    set_due_on = models.DateField(null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    extension_reason = models.TextField(blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    restarts = models.PositiveIntegerField(default=0)
    satisfied_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Who answers for the clock: the case's handling organisation when it started (queues by organisation).
    owner_org = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "subject"], condition=Q(state__in=["running", "paused"]),
                name="uniq_active_clock_per_rule",
            )
        ]
        indexes = [
            # The sweep and the due queues read only running clocks by date.
            models.Index(fields=["due_on"], condition=Q(state="running"), name="clock_running_due"),
            models.Index(fields=["remind_on"], condition=Q(state="running", reminded_at__isnull=True), name="clock_running_remind"),
            models.Index(fields=["owner_org", "due_on"], condition=Q(state="running"), name="clock_org_due"),
            # Every later sweep of the day looks only at the not-yet-escalated: this keeps it near free.
            models.Index(
                fields=["due_on"], condition=Q(state="running", escalated_at__isnull=True), name="clock_to_escalate"
            ),
        ]
