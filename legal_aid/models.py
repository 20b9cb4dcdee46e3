"""Union legal aid (measure 14): the station, its eligibility rules as data, and one aid file per referral.

A legal-aid hand-off is a `disputes.Referral` of purpose legal aid; accepting it (受理) opens the station's
`AidFile`, which runs beside the case (it moves neither the case's stage nor its owner): eligibility decision,
lawyer, client agreement, work done, outcome, closure. The rules the decision applies, the county's 低保 and the
law firms a station works with are rows an administrator keeps up to date, each with its source.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    """Where measure 14 puts union legal aid: rooms in the arbitration institute and the courts, stations in the
    towns and parks where flexible workers gather."""

    ARBITRATION = "arbitration", _("Arbitration institute")
    COURT = "court", _("Court")
    TOWN = "town", _("Town or street")
    PARK = "park", _("Industrial park")


class StationProfile(models.Model):
    """The "six haves" a station states of itself (site, staff, funds, rules); case sources and performance are
    computed from its cases (legal_aid.selectors.station_figures), and its staff from its accounts."""

    station = models.OneToOneField(
        "core.Organization", verbose_name=_("station"), on_delete=models.CASCADE, related_name="aid_station",
        limit_choices_to={"kind": "legal_aid"},
    )
    place_kind = models.CharField(_("place"), max_length=16, choices=PlaceKind.choices)
    site = models.CharField(_("site"), max_length=200, help_text=_("The room or office where clients are received."))
    area_covered = models.CharField(_("area covered"), max_length=200)
    funding = models.CharField(_("funds"), max_length=200, blank=True,
                               help_text=_("Where the station's money comes from, and how much a year."))
    rules = models.TextField(_("rules"), blank=True, help_text=_("The station's working rules, one per line."))
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    objection_body = models.CharField(
        _("where objections to a refusal go"), max_length=100, blank=True,
        help_text=_("The justice administration department that hears objections to the station's refusals "
                    "(法律援助法 art 49), e.g. 潍坊市司法局."),
    )

    class Meta:
        verbose_name = _("legal-aid station profile")
        verbose_name_plural = _("legal-aid station profiles")

    def __str__(self):
        return str(self.station)


class LawFirm(models.Model):
    """A law firm that takes legal-aid cases for one or more stations."""

    name = models.CharField(_("name"), max_length=128, unique=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    stations = models.ManyToManyField(
        "core.Organization", verbose_name=_("stations it works with"), related_name="law_firms", blank=True,
        limit_choices_to={"kind": "legal_aid"},
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")

    def __str__(self):
        return self.name


class PartnerLawyer(models.Model):
    firm = models.ForeignKey(LawFirm, verbose_name=_("law firm"), on_delete=models.PROTECT, related_name="lawyers")
    name = models.CharField(_("name"), max_length=64)
    phone = models.CharField(_("phone"), max_length=32)
    licence_number = models.CharField(_("licence number"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Their own login: a legal-aid officer of the station they work for, who sees and works only the aid files
    # assigned to them (legal_aid.selectors.assigned_only).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="partner_lawyer",
        help_text=_("A legal-aid officer account of the station: it sees only the aid files assigned to this lawyer."),
    )

    class Meta:
        ordering = ["firm__name", "name"]
        verbose_name = _("lawyer of a law firm")
        verbose_name_plural = _("lawyers of law firms")

    def __str__(self):
        return f"{self.name}（{self.firm.name}）"


class LivingAllowance(models.Model):
    """A county's minimum living allowance (低保) of one year, per person per month, with the notice that set it.

    Shandong's hardship test compares the applicant's income with twice the previous year's figure of the
    county where the legal-aid body sits (山东省法律援助条例 art 8)."""

    division = models.ForeignKey("core.Division", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    monthly_amount = models.DecimalField(_("per person per month (yuan)"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["division__code", "-year"]
        verbose_name = _("minimum living allowance")
        verbose_name_plural = _("minimum living allowances")
        constraints = [models.UniqueConstraint(fields=["division", "year"], name="uniq_allowance_per_county_year")]

    def __str__(self):
        return f"{self.division} {self.year}: {self.monthly_amount}"


class Category(models.TextChoices):
    """Who applies, as the rules of eligibility distinguish them."""

    MIGRANT_PAY = "migrant_pay", _("Migrant worker claiming pay")
    MIGRANT_INJURY = "migrant_injury", _("Migrant worker claiming work-injury compensation")
    ASSISTANCE = "assistance", _("Recipient of social or judicial assistance")
    OTHER = "other", _("Other worker")


class RuleKind(models.TextChoices):
    EXEMPT = "exempt", _("No means test")
    HARDSHIP = "hardship", _("Economic-hardship test")
    URGENT = "urgent", _("Urgent: aid first, review later")


class EligibilityRule(models.Model):
    """One rule of eligibility, as data with its source (legal_aid.rules_data; statutory-rules §5)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=RuleKind.choices)
    categories = models.JSONField(_("applicant categories"), default=list, blank=True)
    multiplier = models.DecimalField(_("times the minimum living allowance"), max_digits=5, decimal_places=2,
                                     null=True, blank=True)
    days = models.PositiveIntegerField(_("days"), null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=300)
    basis = models.CharField(_("legal basis as the decision prints it"), max_length=200)
    confidence = models.CharField(_("checked against the text"), max_length=1,
                                  choices=[("V", _("verified")), ("M", _("widely cited, unverified"))])
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self):
        return self.name


class AidState(models.TextChoices):
    REVIEW = "review", _("Application under review")
    MATERIALS = "materials", _("Waiting for materials")
    GRANTED = "granted", _("Aid granted")
    REFUSED = "refused", _("Aid refused")
    CLOSED = "closed", _("Aid closed")


class AidOutcome(models.TextChoices):
    WON = "won", _("Won")
    SETTLED = "settled", _("Settled")
    LOST = "lost", _("Lost")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The file's checklist at closing (结案归档): what a closed legal-aid file holds.
CHECKLIST = (
    ("application", _("Application form and the client's ID")),
    ("eligibility", _("Proof of eligibility (exemption or income)")),
    ("decision", _("Decision to grant aid")),
    ("agreement", _("Client agreement")),
    ("work", _("Record of the work done")),
    ("outcome", _("Award, judgment, settlement or withdrawal")),
    ("report", _("Closing report")),
)


class AidFile(models.Model):
    """The station's file of one legal-aid referral it accepted, from the eligibility review to closing."""

    referral = models.OneToOneField("disputes.Referral", on_delete=models.PROTECT, related_name="aid_file")
    case = models.ForeignKey("disputes.Case", on_delete=models.PROTECT, related_name="aid_files")
    station = models.ForeignKey("core.Organization", on_delete=models.PROTECT, related_name="aid_files")
    state = models.CharField(_("state"), max_length=16, choices=AidState.choices, default=AidState.REVIEW)
    version = models.PositiveIntegerField(default=1)
    received_on = models.DateField(_("received"))
    urgent = models.BooleanField(_("urgent"), default=False)
    # The eligibility decision and what it rested on, as decided.
    category = models.CharField(_("applicant"), max_length=16, choices=Category.choices, blank=True)
    household_size = models.PositiveIntegerField(_("household members"), null=True, blank=True)
    monthly_income = models.DecimalField(_("household income per month (yuan)"), max_digits=12, decimal_places=2,
                                         null=True, blank=True)
    threshold = models.DecimalField(_("hardship threshold per person per month"), max_digits=12, decimal_places=2,
                                    null=True, blank=True)
    allowance = models.ForeignKey(LivingAllowance, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rule = models.ForeignKey(EligibilityRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    # Official numbers from the station's own series (documents.numbering: 法援决字, 法援协字).
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    agreement_number = models.CharField(_("client agreement number"), max_length=64, blank=True)
    agreement_signed_on = models.DateField(_("client agreement signed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=AidOutcome.choices, blank=True)
    amount_recovered = models.DecimalField(_("amount recovered (yuan)"), max_digits=14, decimal_places=2,
                                           null=True, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    checklist = models.JSONField(_("file checklist"), default=list, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    closed_on = models.DateField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal-aid file")
        verbose_name_plural = _("legal-aid files")
        indexes = [models.Index(fields=["station", "state"], name="aid_file_station_state")]

    def __str__(self):
        return f"{self.case_id}/{self.station_id}"


class LawyerAssignment(models.Model):
    """Who handles an aid file: a person of the station or a lawyer of a partner firm (name and phone kept as
    assigned). A replacement ends the current one with its reason; at most one is current."""

    referral = models.ForeignKey("disputes.Referral", on_delete=models.PROTECT, related_name="lawyer_assignments")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("station staff"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    partner = models.ForeignKey(PartnerLawyer, verbose_name=_("lawyer of a law firm"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="assignments")
    lawyer_name = models.CharField(_("lawyer"), max_length=64)
    lawyer_phone = models.CharField(_("lawyer's phone"), max_length=32)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(_("reason for the replacement"), blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("lawyer assignment")
        verbose_name_plural = _("lawyer assignments")
        constraints = [
            models.UniqueConstraint(fields=["referral"], condition=Q(ended_at__isnull=True),
                                    name="uniq_current_lawyer_per_referral")
        ]


class WorkKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation with the client")
    DOCUMENT = "document", _("Document drafted")
    HEARING = "hearing", _("Arbitration hearing attended")
    COURT = "court", _("Court step attended")
    OTHER = "other", _("Other work")


class WorkEntry(models.Model):
    """What the lawyer did. A hearing or court step already on the case is linked, not typed again."""

    aid_file = models.ForeignKey(AidFile, on_delete=models.CASCADE, related_name="work")
    kind = models.CharField(_("kind"), max_length=16, choices=WorkKind.choices)
    done_on = models.DateField(_("date"))
    note = models.TextField(_("what was done"), blank=True)
    hearing = models.ForeignKey("hearings.Hearing", verbose_name=_("hearing"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    court_event = models.ForeignKey("disputes.CaseEvent", verbose_name=_("court step"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "id"]
        verbose_name = _("legal-aid work entry")
        verbose_name_plural = _("legal-aid work entries")
