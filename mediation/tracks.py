"""Which tracks a case has, and who may mediate it jointly: the rules shared by the services and the pages.

An arbitrator comes from the arbitration commission of the case: the commission of its arbitration file, else
the commission of the institute handling it, else (the case is still with inspection) an arbitration body
serving the case's division. An inspector comes from the inspection organisation of the case: the team handling
it or the one that filed it, else one serving the case's division. An organisation serves a division when it is
the division's own, or a municipal one (no division: the whole city). A mediator is optional and may come from
any organisation serving the division.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from arbitration.models import ArbitrationFile
from arbitration.services import commission_of
from core.models import Organization, OrgKind, Role, StaffProfile
from disputes.choices import CaseState
from disputes.models import Case
from inspection.models import FilingDecision, FilingDecisionKind, InspectionClosure

from .models import ParticipantRole

# The stages of the inspection and arbitration tracks, in which the two mediate together.
INSPECTION_STAGES = (CaseState.INSPECTION, CaseState.CORRECTION_DUE)
ARBITRATION_STAGES = (CaseState.ARBITRATION_REVIEW, CaseState.ARBITRATION, CaseState.HEARING)
JOINT_STAGES = (*INSPECTION_STAGES, *ARBITRATION_STAGES)


@dataclass(frozen=True)
class Tracks:
    arbitration_file: object | None  # arbitration.models.ArbitrationFile
    commission: Organization | None  # fixed once the case has an arbitration file or is with arbitration
    inspection_org: Organization | None  # fixed once the case is with inspection or has been filed by it
    inspection_open: bool  # an inspection case exists and has not been closed


def tracks_of(case: Case) -> Tracks:
    file = ArbitrationFile.objects.filter(case=case).select_related("commission").first()
    owner = case.owner_org
    if file is not None:
        commission = file.commission
    elif owner.kind == OrgKind.ARBITRATION:
        commission = commission_of(owner)
    else:
        commission = None
    filing = (
        FilingDecision.objects.filter(case=case, decision=FilingDecisionKind.FILED)
        .select_related("organization").order_by("-created_at", "-id").first()
    )
    if owner.kind == OrgKind.INSPECTION:
        inspection_org = owner
    else:
        inspection_org = filing.organization if filing else None
    has_inspection = case.status in INSPECTION_STAGES or filing is not None
    inspection_open = has_inspection and not InspectionClosure.objects.filter(case=case).exists()
    return Tracks(file, commission, inspection_org, inspection_open)


def serves(org: Organization, case: Case) -> bool:
    return org.division_id is None or org.division_id == case.division_id


def participant_role(profile: StaffProfile, case: Case, tracks: Tracks) -> str | None:
    """The role this member of staff would take part in, or None if they may not mediate this case."""
    org = profile.organization
    if not org.is_active or not profile.user.is_active:
        return None
    if profile.role == Role.ARBITRATOR and org.kind == OrgKind.ARBITRATION:
        if tracks.commission is not None:
            ok = org.pk == tracks.commission.pk or org.parent_id == tracks.commission.pk
        else:
            ok = serves(org, case)
        return ParticipantRole.ARBITRATOR if ok else None
    if profile.role == Role.INSPECTOR and org.kind == OrgKind.INSPECTION:
        ok = org.pk == tracks.inspection_org.pk if tracks.inspection_org is not None else serves(org, case)
        return ParticipantRole.INSPECTOR if ok else None
    if profile.role == Role.MEDIATOR and serves(org, case):
        return ParticipantRole.MEDIATOR
    return None


def candidate_profiles(case: Case, tracks: Tracks) -> QuerySet[StaffProfile]:
    """A superset of the staff who may take part (participant_role decides), for the scheduling form."""
    near = Q(organization__division__isnull=True) | Q(organization__division_id=case.division_id)
    for org in (tracks.commission, tracks.inspection_org):
        if org is not None:
            near |= Q(organization_id=org.pk) | Q(organization__parent_id=org.pk)
    return (
        StaffProfile.objects.filter(near, role__in=ParticipantRole.values, user__is_active=True,
                                    organization__is_active=True)
        .select_related("user", "organization")
        .order_by("role", "organization__name", "user__last_name", "user__username")
    )
