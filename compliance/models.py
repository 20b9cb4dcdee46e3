"""The rules that grade an employer's compliance (劳动保障守法诚信等级), kept as data with their source."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disputes.models import Case, Employer

from .cited import CitedRule


class Grade(models.TextChoices):
    A = "A", _("A: law-abiding")
    B = "B", _("B: basically law-abiding")
    C = "C", _("C: not law-abiding")


class Fact(models.TextChoices):
    INVESTIGATED = "investigated", _("investigated and dealt with for a violation (an order to correct or a penalty)")
    NOT_COMPLIED = "not_complied", _("did not carry out an order, handling decision or penalty by its deadline")


class CreditRule(CitedRule):
    """"An employer is graded `grade` when at least `min_cases` of its cases carry `fact` within the last
    `lookback_days`." The worst grade whose rule holds is the employer's; none holds: A."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    grade = models.CharField(_("grade"), max_length=1, choices=[(Grade.B, Grade.B.label), (Grade.C, Grade.C.label)])
    fact = models.CharField(_("what is counted"), max_length=32, choices=Fact.choices)
    min_cases = models.PositiveSmallIntegerField(_("at least this many cases"))
    lookback_days = models.PositiveIntegerField(_("within the last days"))

    class Meta:
        ordering = ["grade", "code"]
        verbose_name = _("credit grading rule")
        verbose_name_plural = _("credit grading rules")

    def __str__(self):
        return f"{self.grade}: {self.description}"


class ListingGround(models.TextChoices):
    """Order 45 art 5: when an employer is put on the list of serious wage-arrears defaulters."""

    CRIMINAL_THRESHOLD = "criminal_threshold", _("Unpaid wages reach the amount for the crime of refusing to pay")
    MASS_INCIDENT = "mass_incident", _("Unpaid wages caused a mass or extreme incident")


class ListingState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    NOTIFIED = "notified", _("employer notified; objection window open")
    LISTED = "listed", _("listed")
    NOT_LISTED = "not_listed", _("decided not to list")
    REMOVED = "removed", _("removed from the list")


OPEN_LISTING_STATES = (ListingState.PROPOSED, ListingState.NOTIFIED)


class RemovalReason(models.TextChoices):
    EXPIRED = "expired", _("the listing term ended (Order 45 art 11)")
    EARLY = "early", _("early removal on application (Order 45 arts 12-14)")
    REVOKED = "revoked", _("the order to pay was revoked, and the listing with it (Order 45 art 16)")


class BlacklistListing(models.Model):
    """A listing on the list of serious wage-arrears defaulters (拖欠农民工工资失信联合惩戒对象名单, MOHRSS
    Order 45), from its proposal: the employer missed the deadline of an order to pay, and a ground of art 5
    holds. Each step is a case event, so its clocks (deadlines: the decision within 20 working days of the
    order's deadline, art 8; the objection window of 5 working days, art 6) run as every other clock."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("ground"), max_length=32, choices=ListingGround.choices)
    payment_order_number = models.CharField(_("order to pay (number)"), max_length=64, blank=True)
    payment_order_due_on = models.DateField(_("order to pay: deadline"))
    # Art 5: the employer's legal representative or main person in charge and the other persons directly
    # responsible, each {"name", "role"}; no ID numbers here (the published list is built apart).
    responsible_persons = models.JSONField(_("persons responsible"), default=list)
    reason = models.TextField(_("facts and reasons"))
    state = models.CharField(_("state"), max_length=16, choices=ListingState.choices, default=ListingState.PROPOSED)
    decision_due_on = models.DateField(_("decision due"), null=True, blank=True)
    notified_on = models.DateField(_("employer notified on"), null=True, blank=True)
    objection_due_on = models.DateField(_("objections until"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    notice_number = models.CharField(_("notice number"), max_length=64, blank=True)
    # Art 6: the employer's statement (陈述申辩), the department's verification and what it found.
    objection_received_on = models.DateField(_("objection received on"), null=True, blank=True)
    objection_text = models.TextField(_("the employer's statement"), blank=True)
    objection_verification = models.TextField(_("verification"), blank=True)
    objection_upheld = models.BooleanField(_("objection upheld"), null=True, blank=True)
    objection_reviewed_on = models.DateField(_("objection verified on"), null=True, blank=True)
    # Art 8: 20 more working days when the case is complex, approved by the department's head.
    decision_extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    decision_extension_reason = models.TextField(_("why the decision period was extended"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # The removal at the end of the term is the decision's own consequence: its document is stored in the
    # decider's name (documents.issue needs a staff actor); its event is the system's.
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    not_listed_reason = models.TextField(_("why not listed"), blank=True)
    listed_until = models.DateField(_("listed until"), null=True, blank=True)
    # Arts 12-14: early removal on application.
    removal_applied_on = models.DateField(_("early removal applied for on"), null=True, blank=True)
    wages_paid_on = models.DateField(_("wages paid on"), null=True, blank=True)
    removal_decision_due_on = models.DateField(_("early removal decision due"), null=True, blank=True)
    removal_refused_reason = models.TextField(_("why early removal was refused"), blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("removal"), max_length=16, choices=RemovalReason.choices, blank=True)
    # Art 15: an early removal obtained with false information is revoked and the term counted again; art 16: the
    # order to pay revoked, the listing is revoked (removal_reason "revoked").
    removal_revoked_on = models.DateField(_("early removal revoked on"), null=True, blank=True)
    removal_revocation_reason = models.TextField(_("why the early removal was revoked"), blank=True)
    revocation_reason = models.TextField(_("why the listing was revoked"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("wage-arrears listing")
        verbose_name_plural = _("wage-arrears listings")
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["state", "listed_until"], name="listing_state_until")]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(state__in=OPEN_LISTING_STATES),
                                    name="uniq_open_listing_per_case"),
        ]


# The publication of major violations (MOHRSS Order 29) keeps its models in a module of its own.
from .publication_models import (  # noqa: E402,F401
    EntryDecision, Publication, PublicationCategory, PublicationEntry, PublicationState,
)

# Early warning, interviews and warnings, the trustworthy list: their own module, loaded with the app's models.
from .warning_models import (  # noqa: E402,F401
    EarlyWarning,
    EmployerInterview,
    FollowUpResult,
    FollowUpRule,
    IndustryDepartment,
    InterviewKind,
    TrustRule,
    WarningNotice,
    WarningKind,
    WarningRule,
    WarningState,
    WarningSubject,
)
