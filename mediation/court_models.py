"""Union and court mediation (诉调对接, measure 13): the mediation organisations, a court's entrustment, the
mediation file with its sessions, the agreement (调解协议书), judicial confirmation (司法确认), the payment order
(支付令), and joint consultation (会商) on major cases.

A mediation file is the record of one mediation of a case by one organisation: offered with the referral that
hands the case over (a court's entrustment carries the court's own case number), then mediating, then agreed
or failed. The stage of the case stays on disputes.Case (mediation → confirmation → closed, or on to the court
or to arbitration); every row here is written by mediation.court only, in the transaction that locks the case at
the client's version and appends the timeline event.

Sessions: no room and no mediator is booked twice for overlapping times. On PostgreSQL two exclusion
constraints say so (migration 0002, as hearings do); on SQLite mediation.court checks under SQLite's single
write lock.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Division, Organization
from disputes.choices import Industry
from disputes.models import Case, Claim, Document, Employer, Referral


class MediationBodyKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise labour-dispute mediation committee")
    INDUSTRY = "industry", _("Industry labour-dispute mediation organisation")
    REGIONAL = "regional", _("Regional labour-dispute mediation organisation")
    # The union's room at a court where the court's labour cases are mediated (诉调对接室).
    COURT_UNION_ROOM = "court_union_room", _("Union litigation–mediation room at a court")


class MediationBody(models.Model):
    """What the system knows of a mediation organisation beyond its Organization row: its kind, the area or
    trade or employer it serves, and the court it works with. Its mediators are its staff with the mediator
    role (core.StaffProfile)."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="mediation_body"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=MediationBodyKind.choices)
    # The county or district it serves; none: the whole city.
    area = models.ForeignKey(
        Division, verbose_name=_("area served"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    industry = models.CharField(_("industry served"), max_length=32, choices=Industry.choices, blank=True)
    employer = models.ForeignKey(
        Employer, verbose_name=_("enterprise"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    court = models.ForeignKey(
        Organization, verbose_name=_("court it works with"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="union_mediation_rooms",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "organization__name"]
        verbose_name = _("mediation organisation")
        verbose_name_plural = _("mediation organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="enterprise") | Q(employer__isnull=False), name="enterprise_body_names_employer"
            ),
            models.CheckConstraint(
                condition=~Q(kind="industry") | ~Q(industry=""), name="industry_body_names_industry"
            ),
            models.CheckConstraint(
                condition=~Q(kind="court_union_room") | Q(court__isnull=False), name="court_room_names_court"
            ),
        ]

    def __str__(self):
        return self.organization.name


class MediationRoom(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="mediation_rooms"
    )
    name = models.CharField(_("name"), max_length=64)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("mediation room")
        verbose_name_plural = _("mediation rooms")
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="uniq_mediation_room_name")]

    def __str__(self):
        return self.name


class EntrustmentMode(models.TextChoices):
    # 委派调解: before the court files the suit; 委托调解: after filing, while the suit is pending.
    PRE_FILING = "pre_filing", _("Entrusted before filing (委派调解)")
    IN_LITIGATION = "in_litigation", _("Entrusted during litigation (委托调解)")


class MediationFileState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    MEDIATING = "mediating", _("Being mediated")
    AGREED = "agreed", _("Agreement reached")
    FAILED = "failed", _("Mediation failed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_FILE_STATES = (MediationFileState.OFFERED, MediationFileState.MEDIATING)


class FailureReason(models.TextChoices):
    NO_AGREEMENT = "no_agreement", _("The parties could not agree")
    EMPLOYER_REFUSED = "employer_refused", _("The employer refused to mediate")
    PARTY_ABSENT = "party_absent", _("A party did not attend")
    PERIOD_EXPIRED = "period_expired", _("The mediation period ended without agreement")
    WORKER_WITHDREW = "worker_withdrew", _("The worker asked to stop mediating")
    OTHER = "other", _("Other (see record)")


class NextStep(models.TextChoices):
    COURT = "court", _("Back to the entrusting court")
    ARBITRATION = "arbitration", _("On to arbitration")


class MediationFile(FSMModelMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediation_files")
    body = models.ForeignKey(
        MediationBody, verbose_name=_("mediation organisation"), on_delete=models.PROTECT, related_name="files"
    )
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="mediation_file")
    state = FSMField(_("state"), default=MediationFileState.OFFERED, choices=MediationFileState.choices,
                     protected=False)
    # A court's entrustment: the court, its own case number and how it entrusts; blank for other referrals.
    court = models.ForeignKey(
        Organization, verbose_name=_("entrusting court"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="entrusted_mediations",
    )
    court_case_number = models.CharField(_("court case number"), max_length=64, blank=True)
    mode = models.CharField(_("entrustment"), max_length=16, choices=EntrustmentMode.choices, blank=True)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mediator"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    failure_code = models.CharField(_("reason"), max_length=32, choices=FailureReason.choices, blank=True)
    failure_record = models.TextField(_("record of the failure"), blank=True)
    failed_on = models.DateField(_("failed on"), null=True, blank=True)
    # The notice of failure's number in the organisation's series (documents.numbering: 调终字).
    failure_number = models.CharField(_("number of the notice of failure"), max_length=64, blank=True)
    next_step = models.CharField(_("next step"), max_length=16, choices=NextStep.choices, blank=True)
    next_referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="after_mediation_file"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mediation file")
        verbose_name_plural = _("mediation files")
        indexes = [models.Index(fields=["case", "-created_at"], name="mediation_file_case")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(state__in=["offered", "mediating"]), name="uniq_open_mediation_file"
            ),
            models.CheckConstraint(
                condition=Q(court__isnull=True) | ~Q(court_case_number="") & ~Q(mode=""),
                name="entrustment_has_court_number",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.body}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_FILE_STATES

    @transition(state, source=MediationFileState.OFFERED, target=MediationFileState.MEDIATING)
    def accept(self):
        pass

    @transition(state, source=MediationFileState.OFFERED, target=MediationFileState.DECLINED)
    def decline(self):
        pass

    @transition(state, source=MediationFileState.MEDIATING, target=MediationFileState.AGREED)
    def agree(self):
        pass

    @transition(state, source=MediationFileState.MEDIATING, target=MediationFileState.FAILED)
    def fail(self):
        pass


class PeriodExtension(models.Model):
    """The parties' recorded agreement to extend the mediation period (the only way it is extended)."""

    file = models.ForeignKey(MediationFile, on_delete=models.PROTECT, related_name="extensions")
    agreed_on = models.DateField(_("agreed on"))
    days = models.PositiveSmallIntegerField(_("days"))
    record = models.TextField(_("record of the parties' agreement"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["file", "id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="extension_has_days")]


class MediationSessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", pgettext_lazy("joint mediation session", "Held")
    CANCELLED = "cancelled", _("Cancelled")


class MediationSession(models.Model):
    file = models.ForeignKey(MediationFile, on_delete=models.PROTECT, related_name="sessions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediation_sessions")
    room = models.ForeignKey(MediationRoom, verbose_name=_("room"), on_delete=models.PROTECT, related_name="sessions")
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mediator"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    state = models.CharField(
        _("state"), max_length=16, choices=MediationSessionState.choices, default=MediationSessionState.SCHEDULED
    )
    # None until the session is recorded as held.
    worker_present = models.BooleanField(_("worker present"), null=True)
    employer_present = models.BooleanField(_("employer present"), null=True)
    worker_position = models.TextField(_("the worker's position"), blank=True)
    employer_position = models.TextField(_("the employer's position"), blank=True)
    proposal = models.TextField(_("proposals made"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        indexes = [
            models.Index(fields=["room", "starts_at"], name="mediation_session_room"),
            models.Index(fields=["mediator", "starts_at"], name="mediation_session_mediator"),
            models.Index(fields=["case", "starts_at"], name="mediation_session_case"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="mediation_session_ends_after_start"),
        ]


class MediationAgreement(models.Model):
    """The 调解协议书: what each claim settles for and when it is paid, signed by both parties."""

    file = models.OneToOneField(MediationFile, on_delete=models.PROTECT, related_name="agreement")
    # In the mediation organisation's series (documents.numbering: 调协字).
    number = models.CharField(_("number"), max_length=64)
    agreed_on = models.DateField(_("date of the agreement"))
    worker_signed_on = models.DateField(_("signed by the worker on"))
    employer_signed_on = models.DateField(_("signed by the employer on"))
    terms = models.TextField(_("other terms"), blank=True)
    total = models.DecimalField(_("total (yuan)"), max_digits=14, decimal_places=2)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mediation agreement")
        verbose_name_plural = _("mediation agreements")
        constraints = [models.CheckConstraint(condition=Q(total__gte=0), name="mediation_agreement_total")]

    @property
    def effective_on(self):
        # Binding once both parties have signed (人民调解法 art 29).
        return max(self.worker_signed_on, self.employer_signed_on)


class MediationAgreementItem(models.Model):
    """One claim of the case as the agreement settles it (the claim is closed by it), with its payment date."""

    agreement = models.ForeignKey(MediationAgreement, on_delete=models.CASCADE, related_name="items")
    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="mediation_items")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    due_on = models.DateField(_("to be paid by"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="mediation_item_amount"),
            models.UniqueConstraint(fields=["agreement", "claim"], name="uniq_mediation_item_claim"),
        ]


class Ruling(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed (enforceable)")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


class JudicialConfirmation(models.Model):
    """The parties' application for judicial confirmation of an agreement and the court's ruling."""

    agreement = models.ForeignKey(MediationAgreement, on_delete=models.PROTECT, related_name="confirmations")
    court = models.ForeignKey(Organization, verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="judicial_confirmation")
    applied_on = models.DateField(_("applied on"))
    court_case_number = models.CharField(_("court case number"), max_length=64, blank=True)
    ruling = models.CharField(_("ruling"), max_length=16, choices=Ruling.choices, blank=True)
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("judicial confirmation")
        verbose_name_plural = _("judicial confirmations")


class PaymentOrderResult(models.TextChoices):
    PAID = "paid", _("Paid after the order")
    OBJECTION = "objection", _("The employer objected; the order lapsed")
    ENFORCEMENT = "enforcement", _("Enforcement applied for")
    REJECTED = "rejected", _("The court rejected the application")


class PaymentOrder(models.Model):
    """A worker's application for a payment order (支付令, LDMAL art 16) on an unpaid agreement, the court's
    order and what came of it."""

    agreement = models.ForeignKey(MediationAgreement, on_delete=models.PROTECT, related_name="payment_orders")
    court = models.ForeignKey(Organization, verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    applied_on = models.DateField(_("applied on"))
    amount = models.DecimalField(_("amount claimed (yuan)"), max_digits=14, decimal_places=2)
    order_number = models.CharField(_("order number"), max_length=64, blank=True)
    issued_on = models.DateField(_("order issued on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=PaymentOrderResult.choices, blank=True)
    result_on = models.DateField(_("result recorded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_order_amount")]


class Consultation(models.Model):
    """A joint consultation (会商研究) of the four bodies on a major or complex case, or on a question several
    cases share; its participants' organisations read the linked cases for its purpose."""

    title = models.CharField(_("subject"), max_length=200)
    agenda = models.TextField(_("agenda"))
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    convener_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("joint consultation")
        verbose_name_plural = _("joint consultations")


class ConsultationParticipant(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        ordering = ["consultation", "id"]
        indexes = [models.Index(fields=["organization", "consultation"], name="consultation_participant_org")]
        constraints = [models.UniqueConstraint(fields=["consultation", "user"], name="uniq_consultation_participant")]


class ConsultationCase(models.Model):
    """A case the consultation is about, and the next step its conclusion sets on it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="cases")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consultations")
    next_step = models.TextField(_("next step"), blank=True)
    responsible_org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    # Recorded by the responsible organisation; it meets the step's clock (deadlines: consultation_next_step).
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["consultation", "id"]
        indexes = [models.Index(fields=["case"], name="consultation_case")]
        constraints = [models.UniqueConstraint(fields=["consultation", "case"], name="uniq_consultation_case")]
