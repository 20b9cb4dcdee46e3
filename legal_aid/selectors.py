"""Reads of legal aid: a station's queue, the aid file of a case, and the figures of the "six haves"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from core.errors import NotFound, PermissionDenied
from core.models import Organization, OrgKind, Role, StaffProfile
from deadlines.models import Clock, ClockState
from disputes.choices import ReferralPurpose, ReferralState
from disputes.kit.desks import priority_first
from disputes.models import CaseEvent, Referral

from .models import AidFile, AidOutcome, AidState, LawFirm, LawyerAssignment, PartnerLawyer, StationProfile

# The states where the station has granted aid: its lawyer reads the client's personal data in full.
GRANTED_STATES = (AidState.GRANTED, AidState.CLOSED)
QUEUE_LIMIT = 200


@dataclass
class QueueRow:
    referral: Referral
    aid_file: AidFile | None
    lawyer: LawyerAssignment | None


def assigned_only(user_id: int) -> bool:
    """Whether this login is a partner law firm's lawyer, who sees only the aid files assigned to them."""
    return PartnerLawyer.objects.filter(user_id=user_id).exists()


def _assigned_to(user_id: int) -> Q:
    return Q(lawyer_assignments__ended_at__isnull=True, lawyer_assignments__partner__user_id=user_id)


def _rows(referrals) -> list[QueueRow]:
    referrals = list(referrals)
    files = {f.referral_id: f for f in AidFile.objects.filter(referral__in=[r.pk for r in referrals])}
    lawyers = {
        a.referral_id: a
        for a in LawyerAssignment.objects.filter(referral__in=[r.pk for r in referrals], ended_at__isnull=True)
    }
    return [QueueRow(r, files.get(r.pk), lawyers.get(r.pk)) for r in referrals]


def station_queue(*, org_id: int, user_id: int | None = None) -> dict[str, list[QueueRow]]:
    """The station's legal-aid referrals in four parts: offered to it, under review, aid granted (open), and
    ended (refused or closed), the green channel's cases first, then newest first; each part at most QUEUE_LIMIT rows. A partner firm's lawyer
    (`user_id`) sees only the files assigned to them."""
    base = Referral.objects.filter(to_org_id=org_id, purpose=ReferralPurpose.LEGAL_AID).select_related(
        "case__worker", "case__employer", "case__owner_org", "from_org"
    )
    if user_id is not None and assigned_only(user_id):
        base = base.filter(_assigned_to(user_id))
    # Each part with the green channel's cases first (disputes.kit.desks), then newest first.
    offered = priority_first(base.filter(state=ReferralState.OFFERED).order_by("-offered_at"))[:QUEUE_LIMIT]
    accepted = base.filter(state=ReferralState.ACCEPTED)
    review = accepted.filter(Q(aid_file__isnull=True) | Q(aid_file__state__in=[AidState.REVIEW, AidState.MATERIALS]))
    granted = accepted.filter(aid_file__state=AidState.GRANTED)
    ended = accepted.filter(aid_file__state__in=[AidState.REFUSED, AidState.CLOSED])
    return {
        "offered": _rows(offered),
        "review": _rows(priority_first(review.order_by("-decided_at"))[:QUEUE_LIMIT]),
        "granted": _rows(priority_first(granted.order_by("-decided_at"))[:QUEUE_LIMIT]),
        "ended": _rows(priority_first(ended.order_by("-decided_at"))[:QUEUE_LIMIT]),
    }


@dataclass
class Desk:
    referral: Referral
    aid_file: AidFile | None
    lawyer: LawyerAssignment | None
    past_lawyers: list[LawyerAssignment]
    work: list
    hearings: list
    court_events: list
    staff: list
    partners: list
    profile: StationProfile | None


COURT_ACTIONS = ("referral_accepted", "court_result", "litigate", "confirm")


def desk(*, case, org_id: int, user_id: int | None = None) -> Desk:
    """The station's aid file of this case with what its desk offers to choose from; NotFound if the station
    holds no accepted legal-aid referral of the case, or if a partner firm's lawyer (`user_id`) is not
    assigned to it."""
    referrals = Referral.objects.filter(case=case, to_org_id=org_id, purpose=ReferralPurpose.LEGAL_AID,
                                        state=ReferralState.ACCEPTED)
    if user_id is not None and assigned_only(user_id):
        referrals = referrals.filter(_assigned_to(user_id))
    referral = referrals.select_related("to_org", "from_org").order_by("-decided_at").first()
    if referral is None:
        raise NotFound()
    aid_file = AidFile.objects.filter(referral=referral).select_related("rule", "allowance__division").first()
    assignments = list(LawyerAssignment.objects.filter(referral=referral).select_related("partner__firm"))
    current = next((a for a in assignments if a.ended_at is None), None)
    work = list(aid_file.work.select_related("hearing__room", "court_event", "recorded_by")) if aid_file else []
    hearings = list(case.hearings.select_related("room").order_by("starts_at"))
    court_events = list(
        CaseEvent.objects.filter(case=case).filter(
            Q(action__in=("court_result", "litigate", "confirm")) | Q(to_state="litigation")
        ).order_by("created_at")
    )
    staff = list(StaffProfile.objects.filter(organization_id=org_id, user__is_active=True).select_related("user"))
    partners = list(PartnerLawyer.objects.filter(is_active=True, firm__is_active=True, firm__stations=org_id)
                    .select_related("firm"))
    return Desk(
        referral=referral, aid_file=aid_file, lawyer=current, past_lawyers=[a for a in assignments if a is not current],
        work=work, hearings=hearings, court_events=court_events, staff=staff, partners=partners,
        profile=StationProfile.objects.filter(station_id=org_id).first(),
    )


@dataclass
class CaseAid:
    station: Organization
    aid_file: AidFile | None
    lawyer: LawyerAssignment | None


def case_aid(*, case) -> list[CaseAid]:
    """Every station that accepted a legal-aid referral of this case, its aid file and current lawyer (the case
    page and the worker's page show them)."""
    referrals = list(
        Referral.objects.filter(case=case, purpose=ReferralPurpose.LEGAL_AID, state=ReferralState.ACCEPTED)
        .select_related("to_org").order_by("decided_at")
    )
    if not referrals:
        return []
    files = {f.referral_id: f for f in AidFile.objects.filter(referral__in=referrals)}
    lawyers = {a.referral_id: a for a in LawyerAssignment.objects.filter(referral__in=referrals, ended_at__isnull=True)
               .select_related("partner__firm")}
    return [CaseAid(r.to_org, files.get(r.pk), lawyers.get(r.pk)) for r in referrals]


def station_granted_aid(profile, case) -> bool:
    """The personal-data rule's legal-aid part: the staff of a station that granted aid on this case."""
    if profile is None:
        return False
    return AidFile.objects.filter(case_id=case.pk, station_id=profile.organization_id, state__in=GRANTED_STATES).exists()


# --- the six haves -------------------------------------------------------------------------------------


def stations_for(profile) -> tuple[list[Organization] | None, bool]:
    """(the stations this person sees, whether it is the union's overview): a station's staff see their station;
    the union's supervisors and administrators every station (None: all)."""
    org = profile.organization
    if org.kind == OrgKind.LEGAL_AID:
        return [org], False
    if org.kind == OrgKind.UNION and profile.role in (Role.SUPERVISOR, Role.ADMIN):
        return None, True
    raise PermissionDenied()


@dataclass
class StationFigures:
    station: Organization
    profile: StationProfile | None
    staff: int = 0
    firms: list = field(default_factory=list)
    sources: dict = field(default_factory=dict)  # referring organisation kind -> count
    per_month: list = field(default_factory=list)  # (month, count), oldest first
    outcomes: dict = field(default_factory=dict)  # outcome -> count
    granted: int = 0
    refused: int = 0
    closed: int = 0
    recovered: Decimal = Decimal("0.00")
    clocks_met: int = 0
    clocks_late: int = 0
    clocks_running: int = 0

    @property
    def on_time_rate(self) -> int | None:
        done = self.clocks_met + self.clocks_late
        return round(100 * self.clocks_met / done) if done else None


def station_figures(*, stations=None, months: int = 12, today: datetime.date | None = None) -> list[StationFigures]:
    """The six haves of each station (all legal-aid stations when none are given), side by side: what the station
    states of itself and what its cases show. A fixed number of grouped queries whatever the number of stations."""
    if stations is None:
        stations = Organization.objects.filter(kind=OrgKind.LEGAL_AID, is_active=True).order_by("name")
    stations = list(stations)
    ids = [s.pk for s in stations]
    figures = {s.pk: StationFigures(station=s, profile=None) for s in stations}
    for p in StationProfile.objects.filter(station_id__in=ids):
        figures[p.station_id].profile = p
    for row in StaffProfile.objects.filter(organization_id__in=ids, user__is_active=True).values(
            "organization_id").annotate(n=Count("id")):
        figures[row["organization_id"]].staff = row["n"]
    for firm in LawFirm.objects.filter(stations__in=ids, is_active=True).values("stations", "name"):
        figures[firm["stations"]].firms.append(firm["name"])
    for row in Referral.objects.filter(to_org_id__in=ids, purpose=ReferralPurpose.LEGAL_AID).exclude(
            state=ReferralState.WITHDRAWN).values("to_org_id", "from_org__kind").annotate(n=Count("id")):
        label = str(OrgKind(row["from_org__kind"]).label) if row["from_org__kind"] in OrgKind.values else row["from_org__kind"]
        figures[row["to_org_id"]].sources[label] = row["n"]
    today = today or datetime.date.today()
    since = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    for row in AidFile.objects.filter(station_id__in=ids, received_on__gte=since).annotate(
            month=TruncMonth("received_on")).values("station_id", "month").annotate(n=Count("id")).order_by("month"):
        month = row["month"]
        figures[row["station_id"]].per_month.append((month.strftime("%Y-%m") if month else "", row["n"]))
    labels = dict(AidOutcome.choices)
    for row in AidFile.objects.filter(station_id__in=ids).values("station_id", "state", "outcome").annotate(
            n=Count("id"), recovered=Sum("amount_recovered")):
        f = figures[row["station_id"]]
        if row["state"] in GRANTED_STATES:
            f.granted += row["n"]
        if row["state"] == AidState.REFUSED:
            f.refused += row["n"]
        if row["state"] == AidState.CLOSED:
            f.closed += row["n"]
        if row["outcome"]:
            key = str(labels.get(row["outcome"], row["outcome"]))
            f.outcomes[key] = f.outcomes.get(key, 0) + row["n"]
            f.recovered += row["recovered"] or Decimal("0.00")
    clocks = Clock.objects.filter(owner_org_id__in=ids, rule__track="legal_aid")
    for row in clocks.values("owner_org_id", "state", "due_on", "satisfied_at"):
        f = figures[row["owner_org_id"]]
        if row["state"] == ClockState.SATISFIED:
            late = row["due_on"] is not None and row["satisfied_at"] and row["satisfied_at"].date() > row["due_on"]
            if late:
                f.clocks_late += 1
            else:
                f.clocks_met += 1
        elif row["state"] in (ClockState.RUNNING, ClockState.PAUSED):
            if row["due_on"] is not None and row["due_on"] < today:
                f.clocks_late += 1
            else:
                f.clocks_running += 1
    return [figures[pk] for pk in ids]
