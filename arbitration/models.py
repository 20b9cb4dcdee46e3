"""The arbitration track (劳动人事争议仲裁): the facts of a case that only arbitration has.

The stage of the case stays on disputes.Case (its state machine); this app records what the commission
decided on the way: the official number, the procedure, the tribunal, recusals, awards per claim item,
the mediation statement and what happened in court afterwards. Writes go through arbitration.services.

Sources (statutory-rules.md §2): LDMAL = 劳动争议调解仲裁法 (2008); 办案规则 = 劳动人事争议仲裁办案规则
(MOHRSS Order 33, 2017); SPC Interpretation (I) = 法释〔2020〕26号; Shandong = 山东省劳动人事争议调解仲裁条例 (2017).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Division, Organization
from disputes.models import Case, Claim


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary procedure")
    SUMMARY = "summary", _("Summary procedure (简易处理)")


class SummaryGround(models.TextChoices):
    # 办案规则 art 56 (any one suffices); Shandong art 39 has no amount condition.
    FACTS_CLEAR = "facts_clear", _("Clear facts, clear rights and duties, little in dispute")
    AMOUNT_WITHIN_LIMIT = "amount_within_limit", _("Amount not above the province's previous-year average annual wage")
    PARTIES_AGREE = "parties_agree", _("Both parties agreed to summary procedure")


class RejectionReason(models.TextChoices):
    # The conditions of acceptance, LDMAL art 29 and 办案规则 art 30 [M: article numbers to check].
    NOT_LABOUR_DISPUTE = "not_labour_dispute", _("Not a labour or personnel dispute")
    APPLICANT_NOT_PARTY = "applicant_not_party", _("The applicant is not a party to the employment relationship")
    NO_CLEAR_RESPONDENT = "no_clear_respondent", _("No clearly identified respondent")
    NO_CLEAR_CLAIMS = "no_clear_claims", _("No specific claims, facts and reasons")
    OUT_OF_JURISDICTION = "out_of_jurisdiction", _("Outside this commission's jurisdiction")
    ALREADY_DECIDED = "already_decided", _("The same dispute has already been decided")
    OTHER = "other", _("Other (see reason)")


class TribunalKind(models.TextChoices):
    SOLE = "sole", _("Sole arbitrator")
    THREE = "three", _("Three arbitrators")


class ArbitrationFile(models.Model):
    """One per case that reaches arbitration: the commission's record of it."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="arbitration_file")
    # The commission whose numbers and arbitrators the case uses (arbitration.services.commission_of).
    commission = models.ForeignKey(
        Organization, verbose_name=_("arbitration commission"), on_delete=models.PROTECT, related_name="+"
    )
    application_received_on = models.DateField(_("application received"))

    completion_items = models.JSONField(_("materials asked for"), default=list, blank=True)
    completion_requested_on = models.DateField(_("completion requested"), null=True, blank=True)
    completed_on = models.DateField(_("materials completed"), null=True, blank=True)

    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY)
    summary_grounds = models.JSONField(_("grounds for summary procedure"), default=list, blank=True)
    converted_to_ordinary_on = models.DateField(_("converted to ordinary procedure"), null=True, blank=True)
    conversion_reason = models.TextField(_("why converted"), blank=True)

    official_number = models.CharField(_("case number"), max_length=64, blank=True)
    accepted_on = models.DateField(_("accepted"), null=True, blank=True)
    rejection_number = models.CharField(_("non-acceptance number"), max_length=64, blank=True)
    rejected_on = models.DateField(_("not accepted"), null=True, blank=True)
    rejection_reason_code = models.CharField(
        _("reason not accepted"), max_length=32, choices=RejectionReason.choices, blank=True
    )
    rejection_reason = models.TextField(_("reason in words"), blank=True)

    tribunal_kind = models.CharField(_("tribunal"), max_length=8, choices=TribunalKind.choices, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("arbitration file")
        verbose_name_plural = _("arbitration files")
        constraints = [
            models.UniqueConstraint(
                fields=["official_number"], condition=~Q(official_number=""), name="uniq_arbitration_number"
            ),
            models.UniqueConstraint(
                fields=["rejection_number"], condition=~Q(rejection_number=""), name="uniq_arbitration_rejection_number"
            ),
        ]

    def __str__(self):
        return self.official_number or self.rejection_number or str(self.case)


class RemovalReason(models.TextChoices):
    RECUSED = "recused", _("Recused")
    RECOMPOSED = "recomposed", _("Tribunal recomposed")


class TribunalMember(models.Model):
    """A seat on the tribunal. A removed member keeps the row (removed_at) so the history stays."""

    file = models.ForeignKey(ArbitrationFile, on_delete=models.CASCADE, related_name="tribunal_members")
    arbitrator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("arbitrator"), on_delete=models.PROTECT, related_name="+")
    is_presiding = models.BooleanField(_("presiding"), default=False)
    appointed_at = models.DateTimeField(auto_now_add=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.CharField(max_length=16, choices=RemovalReason.choices, blank=True)

    class Meta:
        ordering = ["-is_presiding", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "arbitrator"], condition=Q(removed_at__isnull=True), name="uniq_active_tribunal_seat"
            ),
            models.UniqueConstraint(
                fields=["file"], condition=Q(removed_at__isnull=True, is_presiding=True), name="uniq_active_presiding"
            ),
        ]


class RecusalGround(models.TextChoices):
    # LDMAL art 33 [V].
    CLOSE_RELATIVE = "close_relative", _("A party, or a close relative of a party or agent")
    INTEREST = "interest", _("Has an interest in the case")
    OTHER_RELATIONSHIP = "other_relationship", _("Another relationship with a party or agent that may affect fairness")
    PRIVATE_MEETING_OR_GIFTS = "private_meeting_or_gifts", _("Met a party or agent privately, or accepted gifts or hospitality")


class RecusalRequester(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    SELF = "self", _("The arbitrator (withdrawal of their own motion)")


class RecusalRequest(models.Model):
    member = models.ForeignKey(TribunalMember, on_delete=models.PROTECT, related_name="recusal_requests")
    ground = models.CharField(_("ground"), max_length=32, choices=RecusalGround.choices)
    requested_by_party = models.CharField(_("requested by"), max_length=16, choices=RecusalRequester.choices)
    statement = models.TextField(_("statement"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted = models.BooleanField(_("granted"), null=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(decided_at__isnull=True), name="uniq_pending_recusal_per_member"
            )
        ]


class MinimumWage(models.Model):
    """The monthly minimum wage of a division from the day a provincial notice makes it effective: the measure
    of a final award (LDMAL art 47). The rate on a day is the row of the division (or of the division that
    administers a zone) with the latest effective date on or before it. Shandong's notices take effect
    mid-year (the 2021 one on 1 October), so rows are keyed by that date, never by calendar year.
    """

    division = models.ForeignKey(Division, verbose_name=_("county / district"), on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField(_("in force from"))
    monthly_amount = models.DecimalField(_("monthly minimum wage (yuan)"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, help_text=_("The provincial notice and its tier."))
    verified = models.BooleanField(
        _("verified"), default=False,
        help_text=_("Checked against the text of the provincial notice by the person who entered it."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-effective_from", "division__code"]
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        constraints = [
            models.UniqueConstraint(fields=["division", "effective_from"], name="uniq_minimum_wage_division_date"),
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="minimum_wage_positive"),
        ]

    def __str__(self):
        return f"{self.division} {self.effective_from}: {self.monthly_amount}"


class AwardGround(models.TextChoices):
    """What lets the tribunal decide: the hearing that was held, as the hearings app recorded it.

    LDMAL art 35 and 办案规则 arts 38-41 (notice, hearing) give no ground for deciding a case without a hearing
    (no 书面审理 is provided for), so every award rests on a held hearing: attended, or in the respondent's
    absence after written notice (LDMAL art 36: 缺席裁决). The applicant's absence is treated as withdrawal
    (same article): the case ends and no award follows.
    """

    HEARING_HELD = "hearing_held", _("Hearing held")
    DEFAULT_AFTER_NOTICE = "default_after_notice", _("Hearing held in the respondent's absence after written notice")


# The legal source of each ground, shown with it (workbench, API) and kept with the award.
AWARD_GROUND_SOURCES = {
    AwardGround.HEARING_HELD: "劳动争议调解仲裁法 arts 35, 38, 40; 劳动人事争议仲裁办案规则 arts 38, 41-42",
    AwardGround.DEFAULT_AFTER_NOTICE: "劳动争议调解仲裁法 art 36; 劳动人事争议仲裁办案规则 art 39",
}


class Award(models.Model):
    """An award: final (closes the case) or partial (先行裁决, LDMAL art 43: facts already clear)."""

    file = models.ForeignKey(ArbitrationFile, on_delete=models.PROTECT, related_name="awards")
    is_partial = models.BooleanField(_("partial award"), default=False)
    issued_on = models.DateField(_("award date"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # What the award states besides its items (LDMAL art 46): printed as 本委查明, 本委认为 and 根据…的规定.
    findings = models.TextField(_("facts found (查明事实)"))
    reasoning = models.TextField(_("reasoning (本委认为)"))
    legal_basis = models.TextField(_("legal provisions relied on (依据的法律条文)"))
    # The lawful ground and the hearing it rests on. Empty only on awards recorded before grounds were kept.
    ground = models.CharField(_("ground"), max_length=32, choices=AwardGround.choices, blank=True)
    hearing = models.ForeignKey(
        "hearings.Hearing", verbose_name=_("hearing"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the court sends the case back to arbitration: the claims are decided afresh.
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    @property
    def ground_source(self) -> str:
        return AWARD_GROUND_SOURCES.get(self.ground, "")


class FinalityGround(models.TextChoices):
    WITHIN_THRESHOLD = "within_threshold", _("Money claim within 12 months' minimum wage")
    OVER_THRESHOLD = "over_threshold", _("Money claim above 12 months' minimum wage")
    LABOUR_STANDARDS = "labour_standards", _("Labour-standards dispute (working time, rest, social insurance)")
    OTHER_TYPE = "other_type", _("Claim type outside LDMAL art 47")


class AwardItem(models.Model):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="items")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="award_items")
    awarded_amount = models.DecimalField(_("awarded (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    decision_text = models.TextField(_("decision"))
    is_final = models.BooleanField(_("final (终局)"))
    finality_ground = models.CharField(max_length=32, choices=FinalityGround.choices)
    # The 12-month threshold used, kept so the decision can be checked after the table changes.
    final_threshold = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # The minimum-wage row the threshold came from (its source and verified flag are shown with the item).
    minimum_wage = models.ForeignKey(MinimumWage, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("award item")
        verbose_name_plural = _("award items")
        constraints = [
            models.CheckConstraint(
                condition=Q(awarded_amount__isnull=True) | Q(awarded_amount__gte=0), name="award_item_not_negative"
            )
        ]


class MediationStatement(models.Model):
    """An arbitral mediation statement (调解书, LDMAL art 42): closes the case by settlement."""

    file = models.ForeignKey(ArbitrationFile, on_delete=models.PROTECT, related_name="mediation_statements")
    terms = models.TextField(_("terms"))
    # [{"label": str, "amount": "123.45"}]: Decimal kept as text in JSON, never float.
    amounts = models.JSONField(_("amounts"), default=list, blank=True)
    total = models.DecimalField(_("total (yuan)"), max_digits=14, decimal_places=2)
    issued_on = models.DateField(_("date"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]


class PostAwardKind(models.TextChoices):
    SUIT_FILED = "suit_filed", _("Suit filed in court")
    SET_ASIDE_APPLIED = "set_aside_applied", _("Application to set aside the award")
    COURT_RESULT = "court_result", _("Court's result")


class AwardParty(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")


class CourtOutcome(models.TextChoices):
    AWARD_STANDS = "award_stands", _("The award stands (suit or application dismissed, or withdrawn)")
    SET_ASIDE = "set_aside", _("The award was set aside")
    JUDGMENT = "judgment", _("The court decided the dispute")
    REMITTED = "remitted", _("Sent back to arbitration")


class PostAwardRecord(models.Model):
    """What happened after the award (裁审衔接, LDMAL arts 48-50). Late filings are recorded, not refused."""

    file = models.ForeignKey(ArbitrationFile, on_delete=models.PROTECT, related_name="post_award_records")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="post_award_records")
    kind = models.CharField(_("kind"), max_length=24, choices=PostAwardKind.choices)
    by_party = models.CharField(_("by"), max_length=16, choices=AwardParty.choices, blank=True)
    filed_on = models.DateField(_("date"))
    award_received_on = models.DateField(_("award received"), null=True, blank=True)
    window_days = models.PositiveSmallIntegerField(null=True, blank=True)
    window_ends_on = models.DateField(_("last day to file"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    court_name = models.CharField(_("court"), max_length=128, blank=True)
    court_case_number = models.CharField(_("court case number"), max_length=64, blank=True)
    court_outcome = models.CharField(_("court's result"), max_length=16, choices=CourtOutcome.choices, blank=True)
    reason = models.TextField(_("reason / note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filed_on", "id"]


class ArbitrationDocumentKind(models.TextChoices):
    """The documents of the arbitration file, the hearing notice included (registered as Document kinds in
    arbitration.registrations)."""

    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notice of acceptance")
    REJECTION_NOTICE = "rejection_notice", _("Notice of non-acceptance")
    COMPLETION_NOTICE = "completion_notice", _("Notice to complete the application")
    RESPOND_NOTICE = "respond_notice", _("Notice to respond")
    TRIBUNAL_NOTICE = "tribunal_notice", _("Notice of tribunal composition")
    HEARING_NOTICE = "hearing_notice", _("Notice of hearing")
    MEDIATION_STATEMENT = "mediation_statement", _("Arbitral mediation statement")
    AWARD = "award", _("Arbitral award")
