"""Reads of the arbitration track. Visibility is the case's (disputes.selectors), applied once here."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from core.errors import NotFound
from core.models import Division, Organization, Role
from disputes.models import Case, CaseEvent, Document
from disputes.kit.doors import Door
from disputes.selectors import cases_visible_to

from .models import (
    ArbitrationDocumentKind,
    ArbitrationFile,
    Award,
    AwardItem,
    MinimumWage,
    PostAwardRecord,
    RecusalRequest,
    TribunalMember,
)

# The documents the commission issues in a case: the arbitration workbench lists these.
ARBITRATION_DOCUMENT_KINDS = (
    ArbitrationDocumentKind.COMPLETION_NOTICE,
    ArbitrationDocumentKind.ACCEPTANCE_NOTICE,
    ArbitrationDocumentKind.REJECTION_NOTICE,
    ArbitrationDocumentKind.RESPOND_NOTICE,
    ArbitrationDocumentKind.TRIBUNAL_NOTICE,
    ArbitrationDocumentKind.HEARING_NOTICE,
    ArbitrationDocumentKind.MEDIATION_STATEMENT,
    ArbitrationDocumentKind.AWARD,
)
SERVICE_ACTIONS = ("copy_served", "defence_received")

# A recusal request's id in a URL (disputes.kit.doors).
RECUSAL = Door(RecusalRequest, "recusal_id", case="member__file__case")


def arbitration_file(*, user, case_id: int) -> ArbitrationFile | None:
    """The case's arbitration record, or None before the commission has acted; 404 if the case is not visible."""
    if not cases_visible_to(user).filter(pk=case_id).exists():
        raise NotFound()
    return (
        ArbitrationFile.objects.select_related("case", "commission")
        .prefetch_related(
            Prefetch("tribunal_members", queryset=TribunalMember.objects.select_related("arbitrator")
                     .prefetch_related("recusal_requests")),
            Prefetch("awards", queryset=Award.objects.prefetch_related(
                Prefetch("items", queryset=AwardItem.objects.select_related("claim", "minimum_wage__division")))),
            "mediation_statements",
            Prefetch("post_award_records", queryset=PostAwardRecord.objects.order_by("filed_on", "id")),
        )
        .filter(case_id=case_id)
        .first()
    )


def tribunal(file: ArbitrationFile) -> QuerySet[TribunalMember]:
    """The members sitting now, presiding first."""
    return file.tribunal_members.filter(removed_at__isnull=True).select_related("arbitrator")


def live_awards(file: ArbitrationFile) -> QuerySet[Award]:
    """Awards not superseded by a court sending the case back."""
    return file.awards.filter(superseded_at__isnull=True).prefetch_related(
        "items__claim", "items__minimum_wage__division"
    )


def minimum_wage_for(*, division_id: int, on_date: datetime.date) -> MinimumWage | None:
    """The monthly minimum wage in force in the division on the day: the row with the latest effective date on
    or before it. A zone without a rate of its own (core Division.administered_by) has its administering
    division's."""
    administered_by = Division.objects.filter(pk=division_id).values_list("administered_by_id", flat=True).first()
    for candidate in (division_id, administered_by):
        if candidate is None:
            continue
        row = (MinimumWage.objects.filter(division_id=candidate, effective_from__lte=on_date)
               .select_related("division").order_by("-effective_from").first())
        if row is not None:
            return row
    return None


# --- the workbench (arbitration.views) ---------------------------------------------------------------


def arbitration_case(*, user, case_id: int) -> Case:
    """The case as the arbitration workbench shows it: claims and the commission's documents prefetched.

    404 when the case does not exist or is not visible to the user (the same answer for both).
    """
    case = (
        cases_visible_to(user)
        .select_related("owner_org__parent", "worker", "employer", "division")
        .prefetch_related(
            "claims",
            Prefetch(
                "documents",
                queryset=Document.objects.filter(kind__in=ARBITRATION_DOCUMENT_KINDS).order_by("created_at", "id"),
                to_attr="arbitration_documents",
            ),
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def workbench_file(case: Case) -> ArbitrationFile | None:
    """The case's arbitration record with everything the workbench prints, in a fixed number of queries.

    The caller has read `case` through a visibility-checked selector (arbitration_case).
    """
    return (
        ArbitrationFile.objects.select_related("commission")
        .prefetch_related(
            Prefetch(
                "tribunal_members",
                queryset=TribunalMember.objects.select_related("arbitrator").prefetch_related(
                    Prefetch("recusal_requests", queryset=RecusalRequest.objects.select_related("decided_by"))
                ),
            ),
            Prefetch(
                "awards",
                queryset=Award.objects.select_related("issued_by", "hearing").prefetch_related(
                    Prefetch("items", queryset=AwardItem.objects.select_related("claim", "minimum_wage__division"))
                ),
            ),
            "mediation_statements",
            Prefetch("post_award_records", queryset=PostAwardRecord.objects.order_by("filed_on", "id")),
        )
        .filter(case=case)
        .first()
    )


def service_dates(case: Case) -> dict[str, datetime.date | None]:
    """When the application copy was served and the defence received (LDMAL art 30), None if not yet."""
    dates: dict[str, datetime.date | None] = dict.fromkeys(SERVICE_ACTIONS)
    for action, payload in CaseEvent.objects.filter(case=case, action__in=SERVICE_ACTIONS).values_list(
        "action", "payload"
    ):
        try:
            dates[action] = datetime.date.fromisoformat((payload or {}).get("on_date", ""))
        except (TypeError, ValueError):
            dates[action] = None
    return dates


def eligible_arbitrators(commission: Organization) -> list:
    """Active arbitrators of the commission or of an institute under it: who may sit on its tribunals
    (the rule of arbitration.services.tribunal_compose)."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, staff__role=Role.ARBITRATOR, staff__organization__is_active=True)
        .filter(Q(staff__organization=commission) | Q(staff__organization__parent=commission))
        .select_related("staff__organization")
        .order_by("last_name", "first_name", "username")
    )
