"""The shared case file (案卷): parties, claims, evidence, documents, events and referrals.

State changes go through disputes.services only; the transition methods below just declare the graph and
the metadata the service checks (who may call them, whether a reason is required).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from core.crypto import BlindIndexField, EncryptedTextField
from core.models import Division, Organization, Role

from . import registry
from .choices import (
    ACTIVE_STATES,
    OPEN_STATES,
    CaseState,
    PriorityGround,
    Channel,
    ClaimType,
    DeclineReason,
    Industry,
    Occupation,
    Outcome,
    ReferralPurpose,
    ReferralState,
)

S = CaseState
HANDLERS = (Role.CLERK, Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.SUPERVISOR)


def _meta(label, roles, *, reason=False, outcome=None, via_referral=False, public=True, due_date=False):
    """Transition metadata read by disputes.lifecycle and the UI (one table, not scattered checks).

    Which of these steps only a track's service takes (with the record and document it stands for) is
    registered by the track (disputes.registry.add_track), not declared here.
    """
    return {
        "label": label,
        "roles": tuple(roles),
        "needs_reason": reason,
        "outcome": outcome,
        "via_referral": via_referral,
        "public": public,
        "needs_due_date": due_date,
    }


ID_NORMALIZE = "core.validators.normalize_id_number"
PHONE_NORMALIZE = "core.crypto.normalize_phone"


class Worker(models.Model):
    """A worker as a party; one row per ID number so later complaints find earlier ones.

    The ID number and phone are encrypted at rest and found through their blind indexes (core.crypto): one row
    per ID number is the index's uniqueness, since equal numbers encrypt differently."""

    id_number = EncryptedTextField(_("ID number"))
    id_number_index = BlindIndexField(unique=True, source="id_number", normalize=ID_NORMALIZE)
    name = models.CharField(_("name"), max_length=64)
    phone = EncryptedTextField(_("phone"))
    phone_index = BlindIndexField(db_index=True, source="phone", normalize=PHONE_NORMALIZE)
    occupation = models.CharField(_("occupation"), max_length=32, choices=Occupation.choices)
    platform = models.CharField(_("platform worked through"), max_length=128, blank=True)
    # Optional: where the worker is told each public step by e-mail as well as by text message.
    email = EncryptedTextField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        # Exact and leading-character name searches (varchar_pattern_ops serves LIKE 'x%' under any collation
        # on PostgreSQL; elsewhere a plain index).
        indexes = [models.Index(fields=["name"], opclasses=["varchar_pattern_ops"], name="worker_name_pattern")]

    def __str__(self):
        return self.name

    @classmethod
    def index_values(cls, *, exclude=(), **fields) -> dict:
        """`fields` with the blind indexes of the encrypted ones among them (but those in `exclude`), for a
        write that bypasses pre_save (a queryset update, an upsert's update fields)."""
        out = dict(fields)
        for field in cls._meta.concrete_fields:
            if isinstance(field, BlindIndexField) and field.source in fields and field.attname not in exclude:
                out[field.attname] = field.digest_of(fields[field.source])
        return out

    @classmethod
    def id_number_digest(cls, id_number: str) -> str:
        return cls._meta.get_field("id_number_index").digest_of(id_number)

    @classmethod
    def phone_digest(cls, phone: str) -> str:
        return cls._meta.get_field("phone_index").digest_of(phone)


class Employer(models.Model):
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=128)
    address = models.CharField(_("address"), max_length=200)
    is_platform = models.BooleanField(_("platform enterprise"), default=False)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        # Exact and leading-character name searches (disputes.search); on PostgreSQL a trigram index made by
        # migration 0016 serves substrings of three characters or more.
        indexes = [models.Index(fields=["name"], opclasses=["varchar_pattern_ops"], name="employer_name_pattern")]

    def __str__(self):
        return self.name


class Case(FSMModelMixin, models.Model):
    number = models.CharField(_("case number"), max_length=32, unique=True)
    # HMAC of the worker's query code (core.query_codes); the code itself is printed only on the receipt. Empty
    # for a case without a complainant (own-initiative inspection): no code matches it, so no status page opens.
    query_code_hash = models.CharField(max_length=64, editable=False)
    status = FSMField(_("stage"), default=S.REGISTERED, choices=CaseState.choices, protected=False, db_index=True)
    suspended_from = models.CharField(max_length=32, blank=True, choices=CaseState.choices)
    # Optimistic lock: every write compares and bumps it; a stale client gets 409.
    version = models.PositiveIntegerField(default=1)

    # No single-column index on these five keys: the composite indexes below lead with each of them and serve
    # the same lookups; five fewer indexes to write on every registration.
    # None only for a case the department opened on its own initiative (case_complainant_unless_own_initiative).
    worker = models.ForeignKey(Worker, verbose_name=_("worker"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="cases", db_index=False)
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="cases", db_index=False)
    division = models.ForeignKey(Division, verbose_name=_("county / district"), on_delete=models.PROTECT, db_index=False)
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    facts = models.TextField(_("facts"))
    violation_started_on = models.DateField(_("violation began"), null=True, blank=True)
    violation_ended_on = models.DateField(_("violation ended"), null=True, blank=True)
    employment_ended_on = models.DateField(_("employment ended"), null=True, blank=True)
    # Limitation periods computed at intake (deadlines.limitation); null where none runs.
    arbitration_limitation_ends_on = models.DateField(_("arbitration limitation ends"), null=True, blank=True)
    inspection_limitation_ends_on = models.DateField(_("inspection limitation ends"), null=True, blank=True)
    limitation_override_reason = models.TextField(_("why registered despite an expired limitation"), blank=True)
    is_collective = models.BooleanField(_("collective dispute"), default=False)
    # The green channel (绿色通道, measure 11): first in every queue, with local service levels of its own
    # (deadlines rules marked local). Marked and cleared only by disputes.priority.
    is_priority = models.BooleanField(_("green channel"), default=False)
    priority_ground = models.CharField(_("green channel ground"), max_length=32, choices=PriorityGround.choices, blank=True)
    priority_note = models.TextField(_("green channel note"), blank=True)
    related_case = models.ForeignKey(
        "self", verbose_name=_("related case"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # A collective dispute handled as one matter (LDMAL art 7; the Employment Tribunal's multiples): the lead
    # case carries the group's steps, each member keeps its own worker, claims, query code and status page.
    # Set and cleared only by disputes.collective; a lead has no lead of its own.
    lead = models.ForeignKey(
        "self", verbose_name=_("lead case"), null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        db_index=False,  # case_group_member: only the few cases in a group are indexed
    )

    # First-asked responsibility: the receiver stays accountable until another team accepts a referral.
    first_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("first-responsible handler"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )
    first_handler_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    first_handler_released_at = models.DateTimeField(null=True, blank=True)
    owner_org = models.ForeignKey(
        Organization, verbose_name=_("handling organisation"), on_delete=models.PROTECT, related_name="owned_cases",
        db_index=False,
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # read only through the queue's partial index case_queue_handler
    )

    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["owner_org", "status", "-registered_at"], name="case_owner_queue"),
            models.Index(fields=["first_handler", "-registered_at"], name="case_first_handler"),
            models.Index(fields=["worker", "status"], name="case_worker_status"),
            # An employer's every case, open or closed, newest first (disputes.search): without it a search by
            # an employer read every case in the province.
            models.Index(fields=["employer", "-registered_at"], name="case_employer_time"),
            models.Index(fields=["division", "registered_at"], name="case_division_time"),
            # The queues (disputes.selectors.queue_page) read each of their parts in the queue's order, the green
            # channel first, then collective, then newest: one partial index per part turns a walk over every case, or a sort of every
            # open case of the queue, into a short range scan (a clerk's queue at 1M cases
            # went from 870 ms to 2 ms; a window with 17,000 open cases from 64 ms of SQL to a few).
            models.Index(
                fields=["owner_org", "-is_priority", "-is_collective", "-registered_at", "-id"], condition=Q(status__in=ACTIVE_STATES),
                name="case_queue_owner",
            ),
            models.Index(
                fields=["owner_user", "owner_org", "-is_priority", "-is_collective", "-registered_at", "-id"],
                condition=Q(status__in=ACTIVE_STATES), name="case_queue_handler",
            ),
            # The organisation's cases nobody is assigned to: rare (a registration is assigned to its clerk), so
            # small and seldom written, and the part of a clerk's queue the planner cannot guess the size of.
            models.Index(
                fields=["owner_org", "-is_priority", "-is_collective", "-registered_at", "-id"],
                condition=Q(status__in=ACTIVE_STATES, owner_user__isnull=True),
                name="case_queue_unassigned",
            ),
            models.Index(
                fields=["first_handler", "-is_priority", "-is_collective", "-registered_at", "-id"],
                condition=Q(status__in=ACTIVE_STATES, first_handler_released_at__isnull=True),
                name="case_queue_first_handler",
            ),
            # The supervisor's "received first, handled elsewhere": only the open cases another team handles
            # while the first one still answers for them, which the services never leave for long (accepting
            # a case releases its first handler). Not the organisation's every open case received first: read
            # with the handled ones dropped by a filter, that was ~4,000 rows a page for a county's window at
            # 5M cases, and one more index entry written by every registration.
            models.Index(
                fields=["first_handler_org", "-is_priority", "-is_collective", "-registered_at", "-id"],
                condition=Q(status__in=ACTIVE_STATES, first_handler_released_at__isnull=True)
                & ~Q(owner_org=F("first_handler_org")),
                name="case_queue_first_elsewhere",
            ),
            # The collective rule at intake (intake.selectors.parties_on_file) and flagging: an employer's open
            # cases by flag, workers in order, so "enough other workers" and "any unflagged" stop early.
            # Replaces (employer, status) over every case, which nothing else read.
            models.Index(
                fields=["employer", "is_collective", "worker"], condition=Q(status__in=ACTIVE_STATES),
                name="case_open_employer",
            ),
            # The supervisor's statistics (reports.selectors) read a county's cases alive in a period: those not
            # ended (registered before its end) and those ended since its start, each a short range here rather
            # than every case the county ever had (101,000 rows and 0.5 s a query for the busiest at 1M).
            models.Index(fields=["division", "registered_at"], condition=Q(closed_at__isnull=True),
                         name="case_division_not_ended"),
            models.Index(fields=["division", "closed_at"], condition=Q(closed_at__isnull=False),
                         name="case_division_ended"),
            # A lead's members, read by every lifecycle step of every case (disputes.services.group_members_locked):
            # partial, so the index holds the few cases in a group, not one entry per case registered.
            models.Index(fields=["lead"], condition=Q(lead__isnull=False), name="case_group_member"),
        ]
        constraints = [
            # A complaint has a complainant and a date the violation began; only an inspection the department
            # opened itself (a random draw's) may have neither.
            models.CheckConstraint(
                condition=Q(channel=Channel.OWN_INITIATIVE)
                | Q(worker__isnull=False, violation_started_on__isnull=False),
                name="case_complainant_unless_own_initiative",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def has_complainant(self) -> bool:
        return self.worker_id is not None

    @property
    def is_open(self):
        return self.status in ACTIVE_STATES

    # --- the lifecycle (architecture notes); every method is called by disputes.services only ---

    @transition(
        status, source=S.REGISTERED, target=S.INSPECTION,
        custom=_meta(_("Route to labour inspection"), HANDLERS, via_referral=True),
    )
    def route_to_inspection(self):
        pass

    @transition(
        status, source=[S.REGISTERED, S.INSPECTION, S.MEDIATION], target=S.ARBITRATION_REVIEW,
        custom=_meta(_("Route to arbitration"), HANDLERS, via_referral=True),
    )
    def route_to_arbitration(self):
        pass

    @transition(
        status, source=[S.REGISTERED, S.ARBITRATION_REVIEW, S.ARBITRATION, S.LITIGATION], target=S.MEDIATION,
        custom=_meta(_("Route to mediation"), HANDLERS, via_referral=True),
    )
    def route_to_mediation(self):
        pass

    def _may_go_to_court(self):
        # After closing, only an award can be taken to court (a suit within 15 days, LDMAL arts 48-50).
        return self.status != S.CLOSED or self.outcome == Outcome.AWARD

    @transition(
        status, source=[S.NOT_ACCEPTED, S.ARBITRATION, S.HEARING, S.MEDIATION, S.CLOSED], target=S.LITIGATION,
        conditions=[_may_go_to_court],
        custom=_meta(_("Route to court"), HANDLERS, via_referral=True),
    )
    def route_to_court(self):
        pass

    @transition(
        status, source=S.INSPECTION, target=S.CORRECTION_DUE,
        custom=_meta(_("Order to correct"), (Role.INSPECTOR, Role.SUPERVISOR), due_date=True),
    )
    def order_correction(self):
        pass

    @transition(
        status, source=[S.INSPECTION, S.CORRECTION_DUE], target=S.CLOSED,
        custom=_meta(
            _("Decide a penalty and close"), (Role.INSPECTOR, Role.SUPERVISOR), outcome=Outcome.PENALTY
        ),
    )
    def decide_penalty(self):
        pass

    @transition(
        status, source=[S.LITIGATION, S.CLOSED], target=S.ARBITRATION,
        conditions=[lambda self: self.status != S.CLOSED or self.outcome == Outcome.AWARD],
        custom=_meta(
            _("Reopen the arbitration"), (Role.ARBITRATOR, Role.SUPERVISOR), reason=True
        ),
    )
    def reopen_arbitration(self):
        self.outcome = ""
        self.closed_at = None

    @transition(
        status, source=S.CORRECTION_DUE, target=S.CLOSED,
        custom=_meta(
            _("Confirm correction and close"), (Role.INSPECTOR, Role.SUPERVISOR), outcome=Outcome.CORRECTED
        ),
    )
    def confirm_correction(self):
        pass

    @transition(
        status, source=S.ARBITRATION_REVIEW, target=S.ARBITRATION,
        custom=_meta(_("Accept the application"), (Role.ARBITRATOR, Role.SUPERVISOR)),
    )
    def accept_application(self):
        pass

    @transition(
        status, source=S.ARBITRATION_REVIEW, target=S.NOT_ACCEPTED,
        custom=_meta(
            _("Reject the application"), (Role.ARBITRATOR, Role.SUPERVISOR), reason=True
        ),
    )
    def reject_application(self):
        pass

    @transition(
        status, source=S.ARBITRATION, target=S.HEARING,
        custom=_meta(_("Schedule the hearing"), (Role.ARBITRATOR, Role.SUPERVISOR)),
    )
    def schedule_hearing(self):
        pass

    @transition(
        status, source=S.HEARING, target=S.CLOSED,
        custom=_meta(
            _("Make the award"), (Role.ARBITRATOR, Role.SUPERVISOR), outcome=Outcome.AWARD
        ),
    )
    def award(self):
        pass

    # Not a track's step: arbitration's mediation statement and inspection_close perform it with their records,
    # but a settlement recorded as such implies no record only a track makes (a suit settled in court has no
    # track at all), and "close" with the outcome "mediated" would record the same.
    @transition(
        status, source=[S.INSPECTION, S.ARBITRATION, S.HEARING, S.LITIGATION], target=S.CLOSED,
        custom=_meta(
            _("Close by settlement"), (Role.INSPECTOR, Role.ARBITRATOR, Role.MEDIATOR, Role.SUPERVISOR),
            outcome=Outcome.MEDIATED,
        ),
    )
    def settle(self):
        pass

    @transition(
        status, source=S.MEDIATION, target=S.CONFIRMATION,
        custom=_meta(_("Record the mediation agreement"), (Role.MEDIATOR, Role.SUPERVISOR)),
    )
    def agree(self):
        pass

    @transition(
        status, source=S.CONFIRMATION, target=S.CLOSED,
        custom=_meta(_("Record judicial confirmation"), (Role.MEDIATOR, Role.SUPERVISOR), outcome=Outcome.CONFIRMED),
    )
    def confirm(self):
        pass

    # Not confirmed, the agreement binds but cannot be enforced; the court holds the case, where the parties may
    # sue, change the agreement or be sent to mediate again (人民调解法 art 33).
    @transition(
        status, source=S.CONFIRMATION, target=S.LITIGATION,
        custom=_meta(_("Record that the court did not confirm the agreement"), (Role.MEDIATOR, Role.SUPERVISOR),
                     reason=True),
    )
    def refuse_confirmation(self):
        pass

    @transition(
        status, source=S.LITIGATION, target=S.CLOSED,
        custom=_meta(_("Record the court's result"), (Role.MEDIATOR, Role.SUPERVISOR), outcome=Outcome.JUDGMENT),
    )
    def court_result(self):
        pass

    @transition(
        status, source=S.REGISTERED, target=S.REDIRECTED,
        custom=_meta(_("Redirect elsewhere"), (Role.CLERK, Role.SUPERVISOR), reason=True),
    )
    def redirect(self):
        pass

    @transition(
        status, source=list(OPEN_STATES), target=S.SUSPENDED,
        custom=_meta(_("Suspend"), HANDLERS, reason=True),
    )
    def suspend(self):
        self.suspended_from = self.status

    @transition(
        status, source=S.SUSPENDED, target=RETURN_VALUE(*OPEN_STATES),
        custom=_meta(_("Resume"), HANDLERS),
    )
    def resume(self):
        previous, self.suspended_from = self.suspended_from, ""
        return previous

    @transition(
        status, source=list(ACTIVE_STATES), target=S.WITHDRAWN,
        custom=_meta(_("Record withdrawal"), HANDLERS, reason=True),
    )
    def withdraw(self):
        pass

    @transition(
        status, source=list(OPEN_STATES), target=S.CLOSED,
        custom=_meta(_("Close with an outcome"), HANDLERS, reason=True, outcome="choose"),
    )
    def close(self):
        pass

    @transition(
        status, source=[S.CLOSED, S.WITHDRAWN, S.REDIRECTED, S.NOT_ACCEPTED], target=S.ARCHIVED,
        custom=_meta(_("Archive"), (Role.CLERK, Role.SUPERVISOR)),
    )
    def archive(self):
        pass


class Representative(models.Model):
    """A representative the workers of a collective dispute elected among themselves (LDMAL art 7: ten or more
    workers with a common claim), recorded on the lead case: the one record of them, which the case page, the
    arbitration workbench and the documents read. The person is a worker of the group, so their name and phone
    are the worker's own (encrypted at rest with the worker).

    A representative recorded by name only (`worker` empty, `name` and `phone` given) is one the arbitration
    workbench recorded before the group's records existed and who was not among the group's cases when they were
    carried over (arbitration migration 0010); recording the representatives again replaces them."""

    case = models.ForeignKey(Case, verbose_name=_("lead case"), on_delete=models.CASCADE, related_name="representatives")
    worker = models.ForeignKey(Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="+",
                               null=True, blank=True)
    name = models.CharField(_("name"), max_length=64, blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["case", "worker"], name="uniq_representative_per_case"),
            models.CheckConstraint(condition=Q(worker__isnull=False) | ~Q(name=""), name="representative_named"),
        ]

    @property
    def display_name(self) -> str:
        return self.worker.name if self.worker_id else self.name

    @property
    def display_phone(self) -> str:
        return self.worker.phone if self.worker_id else self.phone


class Claim(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="claims", db_index=False)  # claim_case_type
    type = models.CharField(_("claim type"), max_length=32, choices=ClaimType.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        # In place of the foreign key's own index: the statistics (reports.selectors) sum the claims of a county's
        # cases of a period from the index alone, case by case; read as a join, PostgreSQL scanned every claim
        # of the province (0.6 s at 1M cases). Still one index written per claim.
        indexes = [models.Index(fields=["case", "type", "amount"], name="claim_case_type")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="claim_amount_not_negative")
        ]


def _evidence_path(instance, filename):
    return f"evidence/{instance.case_id}/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


def _document_path(instance, filename):
    return f"documents/{instance.case_id}/{instance.kind}-v{instance.version}.pdf"


class Document(models.Model):
    """A generated official document. Never overwritten: a correction is a new version."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=registry.document_kind_choices)
    version = models.PositiveIntegerField(default=1)
    file = models.FileField(upload_to=_document_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "version"], name="uniq_document_version")]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are append-only")


class CaseEvent(models.Model):
    """The timeline: one row per thing that happened. Rows are never changed or deleted
    (enforced here and, on PostgreSQL, by a trigger in migration 0002)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)  # event_case_time leads with it
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_org = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+")
    actor_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=48)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    reason_code = models.CharField(max_length=48, blank=True)
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(default=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["case", "created_at", "id"], name="event_case_time")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("case events are append-only")


class Referral(FSMModelMixin, models.Model):
    """A hand-off of the case to another organisation: offered -> accepted | declined | withdrawn."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="referrals_out")
    to_org = models.ForeignKey(Organization, verbose_name=_("to organisation"), on_delete=models.PROTECT, related_name="referrals_in")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ReferralPurpose.choices)
    note = models.TextField(_("note to the receiver"), blank=True)
    state = FSMField(default=ReferralState.OFFERED, choices=ReferralState.choices, protected=False)
    decline_code = models.CharField(max_length=32, choices=DeclineReason.choices, blank=True)
    decline_reason = models.TextField(blank=True)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_org", "state", "-offered_at"], name="referral_inbox"),
            # "Returned to me" on every queue page (selectors.returned_referrals): the recent declines offered by
            # the person or sent from the organisation. Without them PostgreSQL read every referral the person
            # or the organisation ever sent (318,000 for a window of the 5M-case province, 33 ms) to keep a
            # few; declines only, so they stay small and most referrals never enter them.
            models.Index(fields=["offered_by", "-decided_at"], condition=Q(state="declined"), name="referral_declined_by"),
            models.Index(fields=["from_org", "-decided_at"], condition=Q(state="declined"), name="referral_declined_from"),
        ]
        constraints = [
            # One open offer per case and purpose: a second would race the first to move the case.
            models.UniqueConstraint(
                fields=["case", "purpose"], condition=Q(state="offered"), name="uniq_open_referral_per_purpose"
            )
        ]

    @transition(state, source=ReferralState.OFFERED, target=ReferralState.ACCEPTED)
    def accept(self):
        pass

    @transition(state, source=ReferralState.OFFERED, target=ReferralState.DECLINED)
    def decline(self):
        pass

    @transition(state, source=ReferralState.OFFERED, target=ReferralState.WITHDRAWN)
    def withdraw(self):
        pass


class Notification(models.Model):
    """An in-app message to a member of staff, written by a Celery task after the change commits."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["recipient", "event"], name="uniq_notification_per_event")]


class ReadKind(models.TextChoices):
    CASE_PAGE = "case_page", _("Case page")
    CASE_API = "case_api", _("Case read through the API")
    DOCUMENT = "document", _("Document download")
    EVIDENCE = "evidence", _("Evidence download")
    RECEIPT = "receipt", _("Receipt download")
    EXPORT = "export", _("Export")


class ReadRecord(models.Model):
    """Who read what: one row per case page, case API read, download or export by a member of staff. Written
    after the response (disputes.audit); never changed or deleted, like events (a trigger on PostgreSQL)."""

    at = models.DateTimeField(_("when"), db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), null=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    kind = models.CharField(_("what"), max_length=16, choices=ReadKind.choices)
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    # The document, evidence or receipt downloaded (its id), or the export's name.
    object_id = models.BigIntegerField(null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("read record")
        verbose_name_plural = _("read audit")
        ordering = ["-at", "-id"]
        indexes = [
            # The supervisor's page: their organisation's reads, newest first; and one case's readers.
            models.Index(fields=["organization", "-at", "-id"], name="read_org_time"),
            models.Index(fields=["case", "-at"], name="read_case_time"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("read records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("read records are append-only")
