"""Joint mediation (联合调解, measure 12 of the Weifang 22 measures): an arbitrator and an inspector mediate one
case together at the window, and an agreement closes both tracks.

A session is a record of the case, written by mediation.services only, inside the transaction that locks the
case at the client's version and appends the timeline event (the case's version is the optimistic lock of its
sessions too). The stage of the case stays on disputes.Case; the inspection track's end is an
inspection.InspectionClosure and the arbitration track's end is the agreement's link to its ArbitrationFile.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Organization, Role
from disputes.models import Case, Claim, Document


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    # A mediation session is held (举行), not a hearing (开庭): the context keeps the translations apart.
    HELD = "held", pgettext_lazy("joint mediation session", "Held")
    AGREEMENT = "agreement", _("Agreement reached")
    FAILED = "failed", _("No agreement")
    CANCELLED = "cancelled", _("Cancelled")


# A session in one of these states still belongs to the case's present: one at a time per case.
OPEN_SESSION_STATES = (SessionState.SCHEDULED, SessionState.HELD)


class ParticipantRole(models.TextChoices):
    # The participant's role when the session was scheduled (a later change of role does not rewrite it).
    ARBITRATOR = Role.ARBITRATOR.value, _("Arbitrator")
    INSPECTOR = Role.INSPECTOR.value, _("Inspector")
    MEDIATOR = Role.MEDIATOR.value, _("Mediator")


class JointMediationSession(FSMModelMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="joint_mediation_sessions")
    state = FSMField(_("state"), default=SessionState.SCHEDULED, choices=SessionState.choices, protected=False)
    scheduled_at = models.DateTimeField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=200)
    note = models.TextField(_("note to the participants"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    minutes = models.TextField(_("summary of the session"), blank=True)
    # Why it failed or was cancelled.
    end_reason = models.TextField(_("reason"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scheduled_at", "id"]
        verbose_name = _("joint mediation session")
        verbose_name_plural = _("joint mediation sessions")
        indexes = [models.Index(fields=["case", "scheduled_at"], name="joint_session_case_time")]
        constraints = [
            # Two open sessions could race each other to close the case; the database refuses the second.
            models.UniqueConstraint(
                fields=["case"], condition=Q(state__in=["scheduled", "held"]), name="uniq_open_joint_session_per_case"
            )
        ]

    def __str__(self):
        return f"{self.case} {timezone.localtime(self.scheduled_at):%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_SESSION_STATES

    @transition(state, source=SessionState.SCHEDULED, target=SessionState.HELD)
    def hold(self):
        pass

    @transition(state, source=SessionState.HELD, target=SessionState.AGREEMENT)
    def agree(self):
        pass

    @transition(state, source=[SessionState.SCHEDULED, SessionState.HELD], target=SessionState.FAILED)
    def fail(self):
        pass

    @transition(state, source=SessionState.SCHEDULED, target=SessionState.CANCELLED)
    def cancel(self):
        pass


class JointMediationParticipant(models.Model):
    """A member of staff who mediates in the session, with the organisation and role they came with."""

    session = models.ForeignKey(JointMediationSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=32, choices=ParticipantRole.choices)
    # None until the session is recorded as held (or failed after it was held).
    present = models.BooleanField(_("present"), null=True)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("participant in a joint mediation")
        verbose_name_plural = _("participants in joint mediations")
        # The scope rule (disputes.selectors.cases_visible_to) asks "does my organisation take part?".
        indexes = [models.Index(fields=["organization", "session"], name="joint_participant_org")]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="uniq_joint_participant")]


class JointMediationAgreement(models.Model):
    """What the parties agreed, and what it closed: the inspection closure and the arbitration file, if any."""

    session = models.OneToOneField(JointMediationSession, on_delete=models.PROTECT, related_name="agreement")
    agreed_on = models.DateField(_("date of the agreement"))
    summary = models.TextField(_("recorded outcome"), blank=True)
    terms = models.TextField(_("other terms"), blank=True)
    total = models.DecimalField(_("total (yuan)"), max_digits=14, decimal_places=2)
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    inspection_closure = models.OneToOneField(
        "inspection.InspectionClosure", null=True, blank=True, on_delete=models.PROTECT,
        related_name="joint_mediation_agreement",
    )
    arbitration_file = models.ForeignKey(
        "arbitration.ArbitrationFile", null=True, blank=True, on_delete=models.PROTECT,
        related_name="joint_mediation_agreements",
    )
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("joint mediation agreement")
        verbose_name_plural = _("joint mediation agreements")
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="joint_agreement_total_not_negative"),
            models.CheckConstraint(condition=Q(workers_covered__gte=1), name="joint_agreement_has_workers"),
        ]


class JointMediationAgreementItem(models.Model):
    """One term of the agreement: a sum for one claim of the case, or another undertaking (no claim, no sum)."""

    agreement = models.ForeignKey(JointMediationAgreement, on_delete=models.CASCADE, related_name="items")
    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), null=True, blank=True, on_delete=models.PROTECT, related_name="joint_mediation_items"
    )
    text = models.CharField(_("term"), max_length=500)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    due_on = models.DateField(_("to be performed by"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("term of a joint mediation agreement")
        verbose_name_plural = _("terms of joint mediation agreements")
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="joint_item_not_negative"),
            models.UniqueConstraint(
                fields=["agreement", "claim"], condition=Q(claim__isnull=False), name="uniq_joint_item_per_claim"
            ),
        ]


class MediationDocumentKind(models.TextChoices):
    """The documents of joint mediation (registered as Document kinds in mediation.registrations)."""

    JOINT_MEDIATION_AGREEMENT = "joint_mediation_agreement", _("Joint mediation agreement")


# Union and court mediation (诉调对接) keeps its models in a module of its own; importing them here registers
# them with the app.
from .court_models import *  # noqa: E402,F401,F403
