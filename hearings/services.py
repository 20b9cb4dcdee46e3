"""Hearings: booking a room and the tribunal, the notice, postponement, absence, the sitting, cancelling.

Every function is keyword-only and runs in one transaction: it locks the case, checks that the actor is an
arbitrator or supervisor of the organisation handling the case, bumps the case's version, appends a
CaseEvent, and changes nothing when it refuses.

No room and no arbitrator is booked twice for overlapping times (a hearing ending at 10:00 and the next
starting at 10:00 do not overlap):
- On PostgreSQL the exclusion constraints of migration 0002 are the guarantee, and bookings that share a
  room or an arbitrator take turns before the check: _book locks the room, then the arbitrators' staff
  profiles in id order (FOR NO KEY UPDATE: it waits only for another booking, never blocks a write that
  merely names them), so the later one's _check_free sees the earlier one's hearing and names the clash.
  Without those locks two bookings passed the check together and their INSERTs each waited for the
  other's uncommitted row in the exclusion check: PostgreSQL broke the deadlock by failing one with
  "deadlock detected" (a 500), not 23P01. They used to take turns by accident, through a lock on the
  deadline rules that every case event held. An exclusion violation that still happens
  (a writer that skips _book) becomes Conflict as before.
- On SQLite the check in _check_free is the guarantee. It runs after the transaction's first write (the
  case's version bump), so this transaction holds SQLite's database-wide write lock: no other writer can
  book between the check and the INSERT (a concurrent writer waits, or fails with "database is locked").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.access import staff_of
from core.errors import Conflict, NotFound, TransitionRefused, ValidationFailed
from core.models import Role, StaffProfile, name_of
from core.parameters import int_parameter
from deadlines.calendar import CalendarMissing, WorkCalendar
from disputes.choices import CaseState
from disputes.models import Case
from disputes.services import bump_version, case_transition, event_append, lead_payload, lock_case, members_follow
from disputes.kit import inputs
from disputes.kit.guards import refuse_group_member, require_handler
from documents import builders

from .models import Hearing, HearingArbitrator, HearingState, Party, Requester, Room

HEARING_ROLES = (Role.ARBITRATOR, Role.SUPERVISOR)
NOTICE_DAYS = "hearing_notice_min_days"
POSTPONEMENT_DAYS = "hearing_postponement_request_min_days"
EXCLUSION_VIOLATION = "23P01"
ROOM_CONSTRAINT = "hearing_room_no_overlap"
ARBITRATOR_CONSTRAINT = "hearing_arbitrator_no_overlap"


# --- the working-day calendar (statutory-rules §1: 办案规则 art 81 counts 3- and 5-day periods in working days) ---


def _calendar_refused(exc: CalendarMissing, field: str) -> ValidationFailed:
    message = gettext(
        "The official calendar for %(year)s has not been entered: the notice period cannot be counted."
    ) % {"year": exc.year}
    return ValidationFailed(message, code="calendar_missing", fields={field: [message]})


def earliest_hearing_day(today: datetime.date, *, field: str = "starts_at") -> datetime.date:
    """The first day a hearing may be held when the notice goes out today: NOTICE_DAYS working days later."""
    try:
        return WorkCalendar.load().add_working_days(today, int_parameter(NOTICE_DAYS))
    except CalendarMissing as exc:
        raise _calendar_refused(exc, field) from None


def notice_due_on(hearing_day: datetime.date, *, field: str = "starts_at") -> datetime.date:
    """The last day to serve the notice of a hearing on `hearing_day`: NOTICE_DAYS working days before it."""
    try:
        return WorkCalendar.load().subtract_working_days(hearing_day, int_parameter(NOTICE_DAYS))
    except CalendarMissing as exc:
        raise _calendar_refused(exc, field) from None


def working_days_before(day: datetime.date, hearing_day: datetime.date, field: str) -> int:
    """Working days from `day` (not counted) to the hearing day (counted)."""
    try:
        return WorkCalendar.load().working_days_between(day, hearing_day)
    except CalendarMissing as exc:
        raise _calendar_refused(exc, field) from None


# --- checks shared by the services ---


def _fmt(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _period(starts_at, ends_at, *, starts_field: str = "starts_at", ends_field: str = "ends_at"):
    """The hearing's period, made timezone-aware; refused if it ends first or is too soon for the notice."""
    errors: dict[str, list[str]] = {}
    values = []
    for value, field in ((starts_at, starts_field), (ends_at, ends_field)):
        if not isinstance(value, datetime.datetime):
            errors[field] = [gettext("Enter a date and time.")]
            values.append(None)
            continue
        values.append(timezone.make_aware(value) if timezone.is_naive(value) else value)
    starts_at, ends_at = values
    if starts_at and ends_at and ends_at <= starts_at:
        errors[ends_field] = [gettext("The hearing must end after it starts.")]
    if starts_at:
        days = int_parameter(NOTICE_DAYS)
        earliest = earliest_hearing_day(timezone.localdate(), field=starts_field)
        if timezone.localdate(starts_at) < earliest:
            errors[starts_field] = [
                gettext(
                    "The parties must receive the hearing notice at least %(days)s working days before the hearing "
                    "(LDMAL art 35; 办案规则 art 81): choose %(date)s or later."
                ) % {"days": days, "date": earliest.isoformat()}
            ]
    if errors:
        raise ValidationFailed(fields=errors)
    return starts_at, ends_at


def _allowed_org_ids(case: Case) -> set[int]:
    # Rooms and arbitrators of the commission above a county institute serve its cases too.
    return {case.owner_org_id, case.owner_org.parent_id} - {None}


def _usable_room(room_id, case: Case, *, field: str = "room_id") -> Room:
    room = Room.objects.filter(pk=room_id).first()
    if room is None or room.organization_id not in _allowed_org_ids(case):
        message = gettext("Choose a hearing room of the organisation handling this case.")
        raise ValidationFailed(fields={field: [message]})
    if not room.is_active:
        raise ValidationFailed(fields={field: [gettext("This hearing room is not in use.")]})
    return room


def _tribunal(arbitrators: Iterable, case: Case) -> list:
    """The users who sit, in the order given; each must be an active arbitrator of the case's commission."""
    ids: list[int] = []
    for arbitrator in arbitrators or ():
        pk = getattr(arbitrator, "pk", arbitrator)
        if pk not in ids:
            ids.append(pk)
    if not ids:
        raise ValidationFailed(fields={"arbitrators": [gettext("Name the arbitrators who will hear the case.")]})
    profiles = StaffProfile.objects.select_related("user").filter(
        user_id__in=ids, role=Role.ARBITRATOR, organization_id__in=_allowed_org_ids(case), user__is_active=True,
    )
    found = {p.user_id: p.user for p in profiles}
    if len(found) != len(ids):
        raise ValidationFailed(
            fields={"arbitrators": [gettext("Only active arbitrators of the organisation handling this case can sit.")]}
        )
    return [found[pk] for pk in ids]


def _check_free(*, room: Room, arbitrator_ids, starts_at, ends_at) -> None:
    """Refuse, naming the clash, if the room or an arbitrator already has a scheduled hearing then."""
    overlapping = {"state": HearingState.SCHEDULED, "starts_at__lt": ends_at, "ends_at__gt": starts_at}
    clash = Hearing.objects.filter(room=room, **overlapping).order_by("starts_at").first()
    if clash is not None:
        message = gettext("Room %(room)s is already booked from %(start)s to %(end)s.") % {
            "room": room.name, "start": _fmt(clash.starts_at), "end": _fmt(clash.ends_at),
        }
        raise Conflict(message, code="room_booked", fields={"room_id": [message]})
    seat = (
        HearingArbitrator.objects.filter(arbitrator_id__in=list(arbitrator_ids), **overlapping)
        .select_related("arbitrator").order_by("starts_at").first()
    )
    if seat is not None:
        message = gettext("Arbitrator %(name)s already sits at another hearing from %(start)s to %(end)s.") % {
            "name": name_of(seat.arbitrator), "start": _fmt(seat.starts_at), "end": _fmt(seat.ends_at),
        }
        raise Conflict(message, code="arbitrator_booked", fields={"arbitrators": [message]})


def _exclusion_constraint(exc: IntegrityError) -> str | None:
    """The name of the exclusion constraint the database enforced, or None for any other integrity error."""
    cause = exc.__cause__
    sqlstate = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    if sqlstate != EXCLUSION_VIOLATION:
        return None
    return getattr(getattr(cause, "diag", None), "constraint_name", None) or ""


def _book(*, case: Case, room: Room, arbitrators: list, starts_at, ends_at, actor, postponed_from=None) -> Hearing:
    """Insert the hearing and its seats. The caller has already written to the case (see the module notes)."""
    arbitrator_ids = [a.pk for a in arbitrators]
    # Bookings sharing the room or an arbitrator take turns here (the module notes): room first, then the
    # arbitrators in id order, so two bookings cannot each hold what the other waits for.
    list(Room.objects.select_for_update(no_key=True).filter(pk=room.pk).values_list("pk", flat=True))
    list(
        StaffProfile.objects.select_for_update(no_key=True).filter(user_id__in=arbitrator_ids).order_by("pk")
        .values_list("pk", flat=True)
    )
    _check_free(room=room, arbitrator_ids=arbitrator_ids, starts_at=starts_at, ends_at=ends_at)
    try:
        with transaction.atomic():
            hearing = Hearing.objects.create(
                case=case, room=room, starts_at=starts_at, ends_at=ends_at, created_by=actor,
                postponed_from=postponed_from,
            )
            HearingArbitrator.objects.bulk_create([
                HearingArbitrator(hearing=hearing, arbitrator_id=pk, starts_at=starts_at, ends_at=ends_at)
                for pk in arbitrator_ids
            ])
    except IntegrityError as exc:
        constraint = _exclusion_constraint(exc)
        if constraint is None:
            raise
        # The rival booking has committed by now (the database waited for it): name it if we can.
        _check_free(room=room, arbitrator_ids=arbitrator_ids, starts_at=starts_at, ends_at=ends_at)
        if constraint == ARBITRATOR_CONSTRAINT:
            message = gettext("An arbitrator of this hearing was booked for an overlapping time a moment ago.")
            raise Conflict(message, code="arbitrator_booked", fields={"arbitrators": [message]}) from None
        message = gettext("Room %(room)s was booked for an overlapping time a moment ago.") % {"room": room.name}
        raise Conflict(message, code="room_booked", fields={"room_id": [message]}) from None
    return hearing


def _set_state(hearing: Hearing, state: str, **fields) -> None:
    hearing.state = state
    for name, value in fields.items():
        setattr(hearing, name, value)
    hearing.save(update_fields=["state", *fields, "updated_at"])
    # On PostgreSQL the composite foreign key has already cascaded the state to the seats; SQLite needs this.
    HearingArbitrator.objects.filter(hearing=hearing).exclude(state=state).update(state=state)


def _lock(hearing_id) -> tuple[Case, Hearing]:
    """Lock the case, then the hearing (always in this order, like every case write)."""
    case_id = Hearing.objects.filter(pk=hearing_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise NotFound(_("No such hearing."))
    case = lock_case(case_id, None)
    # of=self: the room is read here; _book locks the room it books, always before the arbitrators.
    hearing = Hearing.objects.select_for_update(of=("self",)).select_related("room").get(pk=hearing_id)
    return case, hearing


def _require_scheduled(hearing: Hearing) -> None:
    if hearing.state != HearingState.SCHEDULED:
        raise TransitionRefused(_("This hearing is no longer scheduled."), code="hearing_not_scheduled")


def _require_begun(hearing: Hearing, field: str) -> None:
    if timezone.now() < hearing.starts_at:
        raise ValidationFailed(fields={field: [gettext("The hearing has not begun yet.")]})


def _payload(hearing: Hearing, **extra) -> dict:
    start, end = timezone.localtime(hearing.starts_at), timezone.localtime(hearing.ends_at)
    return {
        "hearing": hearing.pk,
        "date": start.date().isoformat(),
        "starts_at": start.strftime("%H:%M"),
        "ends_at": end.strftime("%H:%M"),
        "room": hearing.room.name,
        "room_id": hearing.room_id,
        **extra,
    }


def _scheduled_payload(hearing: Hearing) -> dict:
    # "due_on" is read by the hearing_notice clock (deadlines, unit "set"): the last day to serve the notice.
    # A hearing in a year whose official calendar is not entered is refused here (calendar_missing).
    due_on = notice_due_on(timezone.localdate(hearing.starts_at))
    extra = {"due_on": due_on.isoformat()}
    if hearing.postponed_from_id:
        extra["postponed_from"] = hearing.postponed_from_id
    return _payload(hearing, **extra)


# --- the services ---


def hearing_schedule(
    *, case_id: int, actor, version: int | None, room_id: int, starts_at: datetime.datetime,
    ends_at: datetime.datetime, arbitrators: Iterable,
) -> Hearing:
    """Book a room and the tribunal; the first hearing moves the case from "arbitration" to "hearing"."""
    profile = staff_of(actor)
    starts_at, ends_at = _period(starts_at, ends_at)
    with transaction.atomic():
        case = lock_case(case_id, version)
        refuse_group_member(case)
        require_handler(case, profile, HEARING_ROLES)
        if case.status not in (CaseState.ARBITRATION, CaseState.HEARING):
            raise TransitionRefused(_("A hearing can be scheduled only for a case accepted for arbitration."))
        room = _usable_room(room_id, case)
        tribunal = _tribunal(arbitrators, case)
        if case.status == CaseState.ARBITRATION:
            case = case_transition(
                case_id=case.pk, action="schedule_hearing", actor=actor, expected_version=case.version,
                via_service=True,
            )
        else:
            bump_version(case, [])
        hearing = _book(case=case, room=room, arbitrators=tribunal, starts_at=starts_at, ends_at=ends_at, actor=actor)
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_scheduled", is_public=True,
            payload=_scheduled_payload(hearing),
        )
        _issue_notices(case, hearing, actor, profile)
    return hearing


def _issue_notices(case: Case, hearing: Hearing, actor, profile) -> None:
    """The hearing notice to the respondent on the case's file and, for the lead of a collective dispute, one
    to each worker of the group on their own file, with an event there (the worker is told; the notice clock
    runs on the lead alone, where the service of the notice is recorded)."""
    builders.issue(case, "hearing_notice", builders.hearing_notice(hearing), actor)
    members = list(Case.objects.filter(lead=case).select_related("worker", "employer").order_by("pk"))
    if not members:
        return
    builders.issue(case, "hearing_notice", builders.hearing_notice(hearing, to_applicant=True), actor)
    for member in members:
        builders.issue(member, "hearing_notice", builders.hearing_notice(hearing, case=member, to_applicant=True),
                       actor)
        event_append(case=member, actor=actor, profile=profile, action="group_hearing_scheduled", is_public=True,
                     payload={**_payload(hearing), **lead_payload(case)})


def hearing_notice_served(*, hearing_id: int, actor, served_on: datetime.date) -> Hearing:
    """Record the day the written hearing notice reached the parties (LDMAL art 35)."""
    profile = staff_of(actor)
    served_on = inputs.date(served_on, "served_on", not_future=True)
    with transaction.atomic():
        case, hearing = _lock(hearing_id)
        require_handler(case, profile, HEARING_ROLES)
        _require_scheduled(hearing)
        if hearing.notice_served_on is not None:
            raise Conflict(_("The notice of this hearing is already recorded as served."), code="notice_served")
        if served_on < timezone.localdate(hearing.created_at):
            message = gettext("The notice cannot be served before the hearing was scheduled.")
            raise ValidationFailed(fields={"served_on": [message]})
        bump_version(case, [])
        hearing.notice_served_on = served_on
        hearing.save(update_fields=["notice_served_on", "updated_at"])
        # A late notice is a fact to record, not to hide: the tribunal then decides whether to postpone.
        days_before = working_days_before(served_on, timezone.localdate(hearing.starts_at), "served_on")
        served = _payload(hearing, served_on=served_on.isoformat(), late=days_before < int_parameter(NOTICE_DAYS))
        event_append(case=case, actor=actor, profile=profile, action="hearing_notice_served", is_public=True,
                     payload=served)
        members_follow(case, actor=actor, profile=profile, action="hearing_notice_served", payload=served)
    return hearing


def hearing_postpone(
    *, hearing_id: int, actor, requested_by: str, requested_on: datetime.date, reason: str,
    new_starts_at: datetime.datetime, new_ends_at: datetime.datetime, new_room_id: int | None = None,
) -> Hearing:
    """Release the hearing's booking and book the new date in the same transaction; returns the new hearing."""
    profile = staff_of(actor)
    errors = inputs.FieldErrors()
    if requested_by not in Requester.values:
        errors.add("requested_by", gettext("Say who asked for the postponement."))
    reason = inputs.reason(reason, errors)
    errors.raise_if_any()
    requested_on = inputs.date(requested_on, "requested_on", not_future=True)
    new_starts_at, new_ends_at = _period(
        new_starts_at, new_ends_at, starts_field="new_starts_at", ends_field="new_ends_at"
    )
    with transaction.atomic():
        case, hearing = _lock(hearing_id)
        require_handler(case, profile, HEARING_ROLES)
        _require_scheduled(hearing)
        if requested_by != Requester.TRIBUNAL:
            days = int_parameter(POSTPONEMENT_DAYS)
            hearing_day = timezone.localdate(hearing.starts_at)
            if working_days_before(requested_on, hearing_day, "requested_on") < days:
                raise ValidationFailed(fields={"requested_on": [
                    gettext(
                        "A party must ask for a postponement at least %(days)s working days before the hearing "
                        "(LDMAL art 35; 办案规则 art 81); the hearing is on %(hearing)s."
                    ) % {"days": days, "hearing": hearing_day.isoformat()}
                ]})
        room = hearing.room if new_room_id is None else _usable_room(new_room_id, case, field="new_room_id")
        tribunal = list(
            HearingArbitrator.objects.filter(hearing=hearing).select_related("arbitrator").order_by("id")
        )
        bump_version(case, [])
        old_payload = _payload(hearing)
        _set_state(
            hearing, HearingState.POSTPONED, postponement_requested_by=requested_by,
            postponement_requested_on=requested_on, postponement_reason=reason,
        )
        new = _book(
            case=case, room=room, arbitrators=[seat.arbitrator for seat in tribunal], starts_at=new_starts_at,
            ends_at=new_ends_at, actor=actor, postponed_from=hearing,
        )
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_postponed", is_public=True, reason=reason,
            payload={**old_payload, "requested_by": requested_by, "requested_on": requested_on.isoformat(),
                     "new_hearing": new.pk},
        )
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_scheduled", is_public=True,
            payload=_scheduled_payload(new),
        )
        _issue_notices(case, new, actor, profile)
    return new


def hearing_record_absence(*, hearing_id: int, actor, party: str, note: str = "") -> Hearing:
    """A party did not appear after written notice (LDMAL art 36).

    Applicant: treated as withdrawing the application; the case is withdrawn and its other hearings are
    cancelled. Respondent: the hearing goes on and a default award may follow; the absence is recorded.
    """
    profile = staff_of(actor)
    if party not in Party.values:
        raise ValidationFailed(fields={"party": [gettext("Choose the applicant or the respondent.")]})
    note = inputs.stripped(note)
    with transaction.atomic():
        case, hearing = _lock(hearing_id)
        require_handler(case, profile, HEARING_ROLES)
        _require_scheduled(hearing)
        if case.status != CaseState.HEARING:
            raise TransitionRefused()
        _require_begun(hearing, "party")
        if hearing.notice_served_on is None:
            # Art 36 applies to a party "who has received the written notice".
            raise ValidationFailed(fields={"party": [
                gettext("An absence has consequences only after the hearing notice was served: "
                        "record the service first.")
            ]})
        if party == Party.APPLICANT:
            _set_state(hearing, HearingState.HELD, applicant_absent=True, minutes_summary=note)
            for other in Hearing.objects.select_for_update().filter(case=case, state=HearingState.SCHEDULED):
                _set_state(other, HearingState.CANCELLED, cancel_reason=gettext("The applicant withdrew."))
            event_append(
                case=case, actor=actor, profile=profile, action="applicant_absent", is_public=True, reason=note,
                payload=_payload(hearing),
            )
            case_transition(
                case_id=case.pk, action="withdraw", actor=actor, expected_version=case.version,
                reason_code="applicant_absent",
                reason=note or gettext("The applicant did not appear at the hearing without a proper reason after "
                                  "written notice; treated as withdrawing the application (LDMAL art 36)."),
            )
        else:
            if hearing.respondent_absent:
                raise Conflict(_("The respondent's absence is already recorded."), code="absence_recorded")
            bump_version(case, [])
            hearing.respondent_absent = True
            hearing.save(update_fields=["respondent_absent", "updated_at"])
            event_append(
                case=case, actor=actor, profile=profile, action="respondent_absent", is_public=True, reason=note,
                payload=_payload(hearing, default_award_possible=True),
            )
            members_follow(case, actor=actor, profile=profile, action="respondent_absent", reason=note,
                           payload=_payload(hearing, default_award_possible=True))
    return hearing


def hearing_record_held(*, hearing_id: int, actor, minutes_summary: str) -> Hearing:
    profile = staff_of(actor)
    minutes_summary = inputs.text(
        minutes_summary, "minutes_summary", missing=gettext("Summarise the minutes of the hearing.")
    )
    with transaction.atomic():
        case, hearing = _lock(hearing_id)
        require_handler(case, profile, HEARING_ROLES)
        _require_scheduled(hearing)
        if case.status != CaseState.HEARING:
            raise TransitionRefused()
        _require_begun(hearing, "minutes_summary")
        bump_version(case, [])
        _set_state(hearing, HearingState.HELD, minutes_summary=minutes_summary)
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_held", is_public=True,
            payload=_payload(hearing, respondent_absent=hearing.respondent_absent),
        )
        members_follow(case, actor=actor, profile=profile, action="hearing_held",
                       payload=_payload(hearing, respondent_absent=hearing.respondent_absent))
    return hearing


def hearing_cancel(*, hearing_id: int, actor, reason: str) -> Hearing:
    """Call a hearing off and free its room and arbitrators."""
    profile = staff_of(actor)
    reason = inputs.reason(reason)
    with transaction.atomic():
        case, hearing = _lock(hearing_id)
        require_handler(case, profile, HEARING_ROLES)
        _require_scheduled(hearing)
        bump_version(case, [])
        _set_state(hearing, HearingState.CANCELLED, cancel_reason=reason)
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_cancelled", is_public=True, reason=reason,
            payload=_payload(hearing),
        )
        members_follow(case, actor=actor, profile=profile, action="hearing_cancelled", reason=reason,
                       payload=_payload(hearing))
    return hearing


# Why a hearing was called off when its case ended, per lifecycle step (the timeline shows it).
CASE_END_REASONS = {
    "withdraw": _("The case was withdrawn."),
    "award": _("The case was closed by the award."),
    "settle": _("The case was closed by a mediation statement."),
    "close": _("The case was closed."),
}


def cancel_on_case_end(*, case: Case, actor, profile, action: str, reason: str = "") -> None:
    """Case-ended hook (disputes.registry): call off the case's hearings still scheduled and free their rooms and arbitrators.

    Runs inside case_transition's transaction with the case already locked; one event per hearing, with the
    reason, so the timeline says why the booking went away.
    """
    why = str(CASE_END_REASONS.get(action, _("The case has ended.")))
    for hearing in Hearing.objects.select_for_update(of=("self",)).select_related("room").filter(
        case=case, state=HearingState.SCHEDULED
    ).order_by("starts_at", "id"):
        _set_state(hearing, HearingState.CANCELLED, cancel_reason=why)
        event_append(
            case=case, actor=actor, profile=profile, action="hearing_cancelled", is_public=True, reason=why,
            payload=_payload(hearing, case_ended=action),
        )
