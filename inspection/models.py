"""The labour-inspection file (劳动保障监察): filing, investigation, orders to correct, penalties, hand-offs.

Every row here is a record of something done on a case; it is written by inspection.services only, inside the
transaction that locks the case and appends its timeline event. The case's stage lives on disputes.Case.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from disputes.choices import Outcome
from disputes.models import Case, Referral


class FilingDecisionKind(models.TextChoices):
    # Filing is 立案; a refusal is the written 不予立案 of 若干规定 art 18.
    FILED = "filed", _("Filed")
    REFUSED = "refused", _("Refused in writing")


class RefusalReason(models.TextChoices):
    # The four conditions of filing, 若干规定 art 18.
    TIME_BARRED = "time_barred", _("Outside the two-year limit")
    EMPLOYER_UNIDENTIFIED = "employer_unidentified", _("Employer not identified")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the scope of labour inspection")
    OUT_OF_JURISDICTION = "out_of_jurisdiction", _("Outside our jurisdiction")


class FilingDecision(models.Model):
    """The answer to a referral for inspection: filed, or refused in writing with a coded reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="filing_decisions")
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="filing_decision")
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=16, choices=FilingDecisionKind.choices)
    reason_code = models.CharField(_("reason"), max_length=32, choices=RefusalReason.choices, blank=True)
    reason = models.TextField(_("written reason"), blank=True)
    # The written refusal's official number (…人社监不立字〔2026〕第N号); a filing issues no document.
    number = models.CharField(_("document number"), max_length=64, blank=True)
    decided_on = models.DateField(_("date of decision"))
    inspector_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inspector in charge"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "created_at"]
        verbose_name = _("filing decision")
        verbose_name_plural = _("filing decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="filed", reason_code="") | Q(decision="refused") & ~Q(reason_code="") & ~Q(reason=""),
                name="filing_refusal_has_reason",
            ),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="uniq_filing_refusal_number"),
        ]

    def __str__(self):
        return f"{self.case} {self.get_decision_display()}"


class _CaseRecord(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Visit(_CaseRecord):
    """An on-site inspection; at least two inspectors of the handling team (监察条例 art 16)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inspection_visits")
    visited_on = models.DateField(_("date of visit"))
    place = models.CharField(_("place"), max_length=200)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("inspectors"), related_name="+")
    findings = models.TextField(_("findings"))

    class Meta:
        ordering = ["case", "visited_on", "id"]
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")


class StatementBy(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")
    WITNESS = "witness", _("Witness")


class Statement(_CaseRecord):
    """A statement taken down (询问笔录)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inspection_statements")
    who = models.CharField(_("given by"), max_length=16, choices=StatementBy.choices)
    name = models.CharField(_("name"), max_length=64)
    taken_on = models.DateField(_("date taken"))
    summary = models.TextField(_("summary"))
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taken by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "taken_on", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")


class Interview(_CaseRecord):
    """A summons of the employer to a talk (约谈)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inspection_interviews")
    employer_representative = models.CharField(_("employer representative"), max_length=64)
    held_on = models.DateField(_("date"))
    outcome = models.TextField(_("outcome"))

    class Meta:
        ordering = ["case", "held_on", "id"]
        verbose_name = _("interview with the employer")
        verbose_name_plural = _("interviews with the employer")


class GatheredEvidence(_CaseRecord):
    """Evidence the inspectors collected (the worker's own uploads are disputes.Evidence)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inspection_evidence")
    description = models.CharField(_("description"), max_length=300)
    source = models.CharField(_("source"), max_length=200)
    gathered_on = models.DateField(_("date gathered"))

    class Meta:
        ordering = ["case", "gathered_on", "id"]
        verbose_name = _("gathered evidence")
        verbose_name_plural = _("gathered evidence")


class CorrectionItemKind(models.TextChoices):
    WAGES = "wages", _("Unpaid wages")
    OVERTIME = "overtime", _("Overtime pay")
    MINIMUM_WAGE = "minimum_wage", _("Shortfall below the minimum wage")
    SEVERANCE = "severance", _("Severance (economic compensation)")
    SOCIAL_INSURANCE = "social_insurance", _("Social-insurance contributions")
    OTHER = "other", _("Other")


class CorrectionOrder(_CaseRecord):
    """An order to correct (责令改正指令书) with the deadline it sets and the sums to pay."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="correction_orders")
    number = models.CharField(_("document number"), max_length=64, blank=True)
    issued_on = models.DateField(_("date issued"))
    due_on = models.DateField(_("deadline"))
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    # What the investigation found (printed as 经调查，你单位存在下列…行为) and, apart from it, what must be
    # corrected besides the sums of the items (printed as numbered items, one per line).
    findings = models.TextField(_("violations found"), blank=True)
    requirements = models.TextField(_("what must be corrected"), blank=True)

    class Meta:
        ordering = ["case", "issued_on", "id"]
        verbose_name = _("order to correct")
        verbose_name_plural = _("orders to correct")
        constraints = [
            models.CheckConstraint(condition=Q(workers_covered__gte=1), name="correction_order_has_workers"),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="uniq_correction_order_number"),
        ]

    @property
    def total(self):
        return sum((i.amount for i in self.items.all()), start=Decimal("0.00"))


class CorrectionItem(models.Model):
    order = models.ForeignKey(CorrectionOrder, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(_("item"), max_length=32, choices=CorrectionItemKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)
    workers = models.PositiveIntegerField(_("workers"))

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("item of an order to correct")
        verbose_name_plural = _("items of an order to correct")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="correction_item_amount_positive"),
            models.CheckConstraint(condition=Q(workers__gte=1), name="correction_item_has_workers"),
        ]


class ComplianceRecord(_CaseRecord):
    """What the employer did by the deadline: paid in full (the case closes) or not (a penalty follows)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="compliance_records")
    order = models.ForeignKey(CorrectionOrder, on_delete=models.PROTECT, related_name="compliance_records")
    complied = models.BooleanField(_("complied"))
    amount_paid = models.DecimalField(_("amount paid (yuan)"), max_digits=14, decimal_places=2)
    workers_paid = models.PositiveIntegerField(_("workers paid"))
    # {item id: amount paid} as strings of yuan, so the per-item arithmetic can be re-checked later.
    paid_by_item = models.JSONField(default=dict)
    recorded_on = models.DateField(_("date recorded"))

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        verbose_name = _("compliance record")
        verbose_name_plural = _("compliance records")


class PenaltyKind(models.TextChoices):
    PER_WORKER = "per_worker", _("Fine per worker affected")
    FIXED = "fixed", _("Fine in a fixed range")
    MULTIPLE = "multiple", _("Multiple of an amount")


class PenaltyRule(models.Model):
    """A penalty range of 监察条例, one row per article, as data an administrator can correct.

    per_worker: low..high yuan times the number of workers; fixed: low..high yuan; multiple: low..high times
    the base amount (art 26's extra compensation, art 27's understated contributions). `payable_to_worker`
    marks art 26: the money is compensation for the worker, not a fine.
    """

    article = models.CharField(_("article"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=PenaltyKind.choices)
    low = models.DecimalField(_("lower bound"), max_digits=14, decimal_places=4)
    high = models.DecimalField(_("upper bound"), max_digits=14, decimal_places=4)
    with_warning = models.BooleanField(_("with a warning"), default=False)
    # Art 25: a warning is given and a fine "may" be added: zero is a lawful amount, anything else is in range.
    fine_optional = models.BooleanField(_("the fine may be omitted"), default=False)
    payable_to_worker = models.BooleanField(_("payable to the worker"), default=False)
    source = models.CharField(_("legal source"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["article"]
        verbose_name = _("penalty rule")
        verbose_name_plural = _("penalty rules")
        constraints = [models.CheckConstraint(condition=Q(low__gte=0) & Q(high__gte=models.F("low")), name="penalty_rule_range")]

    def __str__(self):
        return f"{self.source}: {self.low}-{self.high} ({self.get_kind_display()})"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed; employer told")
    SUPERSEDED = "superseded", _("Superseded by a new proposal")
    DECIDED = "decided", _("Decided")


class PenaltyProposal(_CaseRecord):
    """A proposed penalty the employer is told of before the decision (监察条例 art 19)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="penalty_proposals")
    rule = models.ForeignKey(PenaltyRule, on_delete=models.PROTECT, related_name="+")
    # Copied from the rule when proposed: a later correction of the table does not rewrite a past proposal.
    article = models.CharField(_("article"), max_length=16)
    range_low = models.DecimalField(max_digits=14, decimal_places=2)
    range_high = models.DecimalField(max_digits=14, decimal_places=2)
    with_warning = models.BooleanField(default=False)
    payable_to_worker = models.BooleanField(default=False)
    workers = models.PositiveIntegerField(_("workers affected"), default=0)
    basis = models.DecimalField(_("base amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)
    facts = models.TextField(_("facts and reasons"), blank=True)
    notified_on = models.DateField(_("employer told on"))
    notice_number = models.CharField(_("notice number"), max_length=64, blank=True)
    statement_period_ends_on = models.DateField(_("statement period ends"))
    state = models.CharField(max_length=16, choices=ProposalState.choices, default=ProposalState.PROPOSED)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # One decision may decide several proposals of the case: they share its number.
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        verbose_name = _("penalty proposal")
        verbose_name_plural = _("penalty proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=models.F("range_high")),
                name="penalty_amount_not_above_range",
            ),
            models.UniqueConstraint(fields=["case", "article"], condition=Q(state="proposed"), name="uniq_open_penalty_per_article"),
            models.UniqueConstraint(fields=["notice_number"], condition=~Q(notice_number=""), name="uniq_penalty_notice_number"),
        ]


class EmployerStatementKind(models.TextChoices):
    STATEMENT = "statement", _("Statement and defence")
    # A penalty hearing (听证), not an arbitration hearing (开庭): the context keeps the translations apart.
    HEARING_REQUESTED = "hearing_requested", pgettext_lazy("penalty hearing", "Hearing requested")
    HEARING_HELD = "hearing_held", pgettext_lazy("penalty hearing", "Hearing held")
    WAIVED = "waived", _("Waived in writing")


class EmployerStatement(_CaseRecord):
    """The employer's answer to the proposed penalties open when it was given."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="employer_statements")
    proposals = models.ManyToManyField(PenaltyProposal, related_name="statements")
    kind = models.CharField(_("kind"), max_length=24, choices=EmployerStatementKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    received_on = models.DateField(_("date"))

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        verbose_name = _("employer's statement")
        verbose_name_plural = _("employer's statements")


class ArbitrationTransfer(_CaseRecord):
    """A dispute matter handed to arbitration (监察条例 art 21), with the limitation interruption it carries."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="arbitration_transfers")
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="arbitration_transfer")
    # The worker's complaint to an authority interrupted the arbitration limitation (LDMAL art 27): the day
    # of the complaint, i.e. the day the case was registered.
    limitation_interrupted_on = models.DateField(_("arbitration limitation interrupted on"))
    interruption_source = models.CharField(_("legal source"), max_length=200)
    note = models.TextField(_("note to the arbitration institute"), blank=True)

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        verbose_name = _("transfer to arbitration")
        verbose_name_plural = _("transfers to arbitration")


class InspectionClosure(_CaseRecord):
    """How an inspection case ended, with the sums recovered and the workers covered (for statistics)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inspection_closures")
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    amount_recovered = models.DecimalField(_("amount recovered (yuan)"), max_digits=14, decimal_places=2)
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    closed_on = models.DateField(_("date closed"))
    organization = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "recorded_at", "id"]
        verbose_name = _("closure of an inspection case")
        verbose_name_plural = _("closures of inspection cases")
        indexes = [models.Index(fields=["organization", "closed_on"], name="inspection_closure_org_day")]
        constraints = [models.CheckConstraint(condition=Q(amount_recovered__gte=0), name="closure_amount_not_negative")]


class InspectionDocumentKind(models.TextChoices):
    """The documents of labour inspection (registered as Document kinds in inspection.registrations)."""

    FILING_REJECTION = "filing_rejection", _("Notice of refusal to file")
    CORRECTION_ORDER = "correction_order", _("Order to correct")
    PENALTY_NOTICE = "penalty_notice", _("Notice of proposed penalty")
    PENALTY_DECISION = "penalty_decision", _("Penalty decision")
