"""Reads of union and court mediation, each scoped by disputes.selectors (a case outside the caller's scope is a
404, as a missing one is)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, Sum
from django.utils import timezone

from core.access import staff_of
from core.errors import NotFound
from disputes.kit.desks import priority_first
from disputes.kit.doors import Door
from disputes.selectors import case_visible_to

from .court_models import (
    Consultation,
    ConsultationCase,
    ConsultationParticipant,
    JudicialConfirmation,
    MediationAgreement,
    MediationAgreementItem,
    MediationBody,
    MediationBodyKind,
    MediationFile,
    MediationRoom,
    MediationSession,
    PaymentOrder,
)


# The ids of union and court mediation's URLs (disputes.kit.doors): each row opens to whoever sees its case; a
# consultation to its participants' organisations, as consultation_of reads it.
FILE = Door(MediationFile, "file_id")
SESSION = Door(MediationSession, "session_id")
AGREEMENT = Door(MediationAgreement, "agreement_id", case="file__case")
ITEM = Door(MediationAgreementItem, "item_id", case="agreement__file__case")
CONFIRMATION = Door(JudicialConfirmation, "confirmation_id", case="agreement__file__case")
ORDER = Door(PaymentOrder, "order_id", case="agreement__file__case")
CONSULTATION = Door(Consultation, "consultation_id", rows=lambda user: Consultation.objects.filter(
    participants__organization_id=staff_of(user).organization_id))
STEP = Door(ConsultationCase, "link_id")  # a consultation's next step on a case, seen with its case


def _files():
    return MediationFile.objects.select_related(
        "body__organization", "court", "mediator", "agreement",
    ).prefetch_related(
        Prefetch("sessions", MediationSession.objects.select_related("room", "mediator").order_by("starts_at", "id")),
        Prefetch("agreement__items", MediationAgreementItem.objects.order_by("id")),
        Prefetch("agreement__confirmations", JudicialConfirmation.objects.select_related("court").order_by("id")),
        Prefetch("agreement__payment_orders", PaymentOrder.objects.select_related("court").order_by("id")),
    )


def mediation_files(*, user, case_id: int) -> list[MediationFile]:
    if not case_visible_to(user, case_id):
        raise NotFound()
    return list(_files().filter(case_id=case_id).order_by("-created_at", "-id"))


def file_after_write(file_id: int) -> MediationFile:
    return _files().get(pk=file_id)


def bodies() -> list[MediationBody]:
    return list(MediationBody.objects.filter(is_active=True, organization__is_active=True)
                .select_related("organization", "area", "court"))


def bodies_for(case, *, referrer_org_id: int):
    """The mediation organisations that may take this case: serving its county (or the zone's county, or the whole
    city) and, by kind, its employer's industry (industry), the employer itself (enterprise), or the referring
    court (a union room at a court takes that court's cases). A queryset: the form offers these, the service
    refuses any other."""
    division = case.division
    areas = Q(area__isnull=True) | Q(area_id=division.pk)
    if division.administered_by_id:
        areas |= Q(area_id=division.administered_by_id)
    by_kind = (
        Q(kind=MediationBodyKind.REGIONAL)
        | Q(kind=MediationBodyKind.INDUSTRY, industry=case.employer.industry)
        | Q(kind=MediationBodyKind.ENTERPRISE, employer_id=case.employer_id)
        | Q(kind=MediationBodyKind.COURT_UNION_ROOM, court_id=referrer_org_id)
    )
    return (MediationBody.objects.filter(areas, by_kind, is_active=True, organization__is_active=True)
            .select_related("organization", "area", "court").order_by("kind", "organization__name"))


def rooms_of(org_id: int) -> list[MediationRoom]:
    return list(MediationRoom.objects.filter(organization_id=org_id, is_active=True))


def consulting(org_id: int):
    """An organisation taking part in a joint consultation reads the cases linked to it, and so does the
    organisation its conclusion names to take a case's next step."""
    return Exists(ConsultationParticipant.objects.filter(
        consultation__cases__case=OuterRef("pk"), organization_id=org_id,
    )) | Exists(ConsultationCase.objects.filter(case=OuterRef("pk"), responsible_org_id=org_id))


def consultation_of(*, user, consultation_id: int) -> Consultation:
    profile = staff_of(user)
    consultation = (
        Consultation.objects.filter(Q(participants__organization_id=profile.organization_id)
                                    | Q(cases__responsible_org_id=profile.organization_id), pk=consultation_id)
        .select_related("convened_by").prefetch_related("participants__user", "participants__organization",
                                                        "cases__responsible_org", "cases__case").distinct().first()
    )
    if consultation is None:
        raise NotFound()
    return consultation


def unpaid_agreements_for(org_id: int, *, today: datetime.date | None = None, limit: int = 20) -> list[dict]:
    """Agreements with a sum past its payment date and not recorded as paid, for the organisations that answer
    for them: the window that received the case, the organisation handling it, the mediation organisation, the
    entrusting court and the court asked to confirm it (open or closed: a confirmed agreement's case is closed)."""
    today = today or timezone.localdate()
    mine = (Q(agreement__file__case__first_handler_org_id=org_id) | Q(agreement__file__case__owner_org_id=org_id)
            | Q(agreement__file__body__organization_id=org_id) | Q(agreement__file__court_id=org_id)
            # Exists, not a join: a join would repeat an item once per application and count its sum twice.
            | Q(Exists(JudicialConfirmation.objects.filter(agreement=OuterRef("agreement"), court_id=org_id))))
    rows = (
        MediationAgreementItem.objects.filter(mine, paid_on__isnull=True, amount__isnull=False, due_on__lt=today)
        .values("agreement__file__case_id", "agreement__file__case__number", "agreement__file__case__is_priority",
                "agreement__file__case__is_collective")
        .annotate(overdue=Sum("amount"), since=Min("due_on"))
        .order_by("since", "agreement__file__case_id")
    )
    # The green channel's cases first (disputes.kit.desks), then the longest overdue.
    rows = priority_first(rows, case="agreement__file__case")[:limit]
    return [{"case_id": r["agreement__file__case_id"], "number": r["agreement__file__case__number"],
             "is_priority": r["agreement__file__case__is_priority"],
             "is_collective": r["agreement__file__case__is_collective"],
             "overdue": r["overdue"], "since": r["since"]} for r in rows]


UNPAID = "unpaid"


def unpaid_agreement_filter(value: str):
    """The queue filter `agreement=unpaid`: cases whose mediation agreement has a sum past its payment date and not
    recorded as paid (what the dashboard lists, in the queue's own scope, mine or the organisation's)."""
    if value != UNPAID:
        return None
    return Exists(MediationAgreementItem.objects.filter(
        agreement__file__case=OuterRef("pk"), paid_on__isnull=True, amount__isnull=False,
        due_on__lt=timezone.localdate(),
    ))
