"""Hearing rooms and the hearings booked in them.

No room and no arbitrator may be booked twice for overlapping times. On PostgreSQL the database enforces it
with exclusion constraints (migration 0002); on SQLite hearings.services checks under SQLite's single write
lock. HearingArbitrator carries a copy of its hearing's period and state because an exclusion constraint can
only compare columns of one table; on PostgreSQL a composite foreign key with ON UPDATE CASCADE keeps the
copy equal to the hearing.

Writes go through hearings.services only.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Organization


class Room(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="hearing_rooms"
    )
    name = models.CharField(_("name"), max_length=64)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("hearing room")
        verbose_name_plural = _("hearing rooms")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="uniq_room_name_per_org"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.organization})"


class HearingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Requester(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    # The commission may postpone of its own motion; the 3-day limit binds only the parties.
    TRIBUNAL = "tribunal", _("Arbitral tribunal")


class Party(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")


class Hearing(models.Model):
    case = models.ForeignKey("disputes.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="hearings")
    room = models.ForeignKey(Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="hearings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    state = models.CharField(_("state"), max_length=16, choices=HearingState.choices, default=HearingState.SCHEDULED)
    notice_served_on = models.DateField(_("notice served on"), null=True, blank=True)
    # Set on the new hearing; the request that caused the postponement is recorded on the old one.
    postponed_from = models.OneToOneField(
        "self", verbose_name=_("postponed from"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="postponed_to",
    )
    postponement_requested_by = models.CharField(
        _("postponement requested by"), max_length=16, choices=Requester.choices, blank=True
    )
    postponement_requested_on = models.DateField(_("postponement requested on"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponement"), blank=True)
    applicant_absent = models.BooleanField(_("applicant absent"), default=False)
    respondent_absent = models.BooleanField(_("respondent absent"), default=False)
    minutes_summary = models.TextField(_("summary of the minutes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [
            models.Index(fields=["room", "starts_at"], name="hearing_room_time"),
            models.Index(fields=["case", "starts_at"], name="hearing_case_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="hearing_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.case} {self.starts_at:%Y-%m-%d %H:%M}"


class HearingArbitrator(models.Model):
    """An arbitrator's seat at one hearing, with the hearing's period and state copied for the constraint."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="seats")
    arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("arbitrator"), on_delete=models.PROTECT, related_name="hearing_seats"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=HearingState.choices, default=HearingState.SCHEDULED)

    class Meta:
        ordering = ["hearing", "id"]
        verbose_name = _("arbitrator at a hearing")
        verbose_name_plural = _("arbitrators at hearings")
        indexes = [models.Index(fields=["arbitrator", "starts_at"], name="hearing_seat_arbitrator_time")]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "arbitrator"], name="uniq_hearing_arbitrator"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="hearing_seat_ends_after_start"),
        ]
