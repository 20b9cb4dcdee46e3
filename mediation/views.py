"""Staff pages of joint mediation. Thin: parse input, call one service or selector, render or redirect."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotFound, ValidationFailed
from disputes.choices import MONETARY_CLAIM_TYPES
from disputes.selectors import case_visible_to
from disputes.views import _date, _int, flash_error, staff_required

from . import selectors, services
from .models import JointMediationSession
from .tracks import JOINT_STAGES, tracks_of


def _datetime(date_text: str, time_text: str):
    try:
        day = datetime.date.fromisoformat(date_text)
        moment = datetime.time.fromisoformat(time_text)
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def _ints(values) -> list:
    return [v for v in (_int(x) for x in values) if v is not None]


@staff_required
def joint_session(request, pk):
    case = selectors.visible_case(user=request.user, case_id=pk)
    profile = request.profile
    sessions = selectors.sessions_of(case)
    for s in sessions:
        s.may_record = s.is_open and services.may_record(profile, case, s)
        s.may_agree = s.state == "held" and services.may_organise(profile, case)
    open_session = next((s for s in sessions if s.is_open), None)
    can_schedule = services.may_organise(profile, case) and case.status in JOINT_STAGES and open_session is None
    tracks = tracks_of(case)
    return render(request, "mediation/joint_session.html", {
        "case": case,
        "sessions": sessions,
        "can_schedule": can_schedule,
        "candidates": selectors.eligible_participants(case) if can_schedule else [],
        "claims": [(c, c.type in MONETARY_CLAIM_TYPES) for c in case.claims.all()],
        "in_stage": case.status in JOINT_STAGES,
        "tracks": tracks,
        "today": timezone.localdate(),
    })


def _back(pk):
    return redirect("mediation:joint_session", pk=pk)


def _session_case(session_id: int) -> int:
    case_id = JointMediationSession.objects.filter(pk=session_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    return case_id


def _run(request, case_id: int, call, success: str):
    try:
        call()
        messages.success(request, success)
    except NotFound:
        raise
    except DomainError as exc:
        flash_error(request, exc)
    if not case_visible_to(request.user, case_id):
        # A participant of another organisation who cancelled the session no longer reads the case.
        return redirect("disputes:queue")
    return _back(case_id)


@require_POST
@staff_required
def schedule(request, pk):
    post = request.POST
    moment = _datetime(post.get("date", ""), post.get("time", ""))

    def call():
        if moment is None:
            raise ValidationFailed(fields={"scheduled_at": [_("Enter a date and time.")]})
        services.joint_session_schedule(
            case_id=pk, actor=request.user, version=_int(post.get("version"), -1), scheduled_at=moment,
            place=post.get("place", ""), participant_ids=_ints(post.getlist("participants")), note=post.get("note", ""),
        )

    return _run(request, pk, call, _("Joint mediation session scheduled."))


@require_POST
@staff_required
def held(request, pk):
    case_id = _session_case(pk)
    post = request.POST
    held_on = _date(post.get("held_on"))

    def call():
        if post.get("held_on") and held_on is None:
            raise ValidationFailed(fields={"held_on": [_("Enter a date.")]})
        services.joint_session_hold(
            session_id=pk, actor=request.user, version=_int(post.get("version"), -1),
            present_ids=_ints(post.getlist("present")), held_on=held_on, minutes=post.get("minutes", ""),
        )

    return _run(request, case_id, call, _("Joint mediation session recorded as held."))


def _agreement_items(post, case_id: int) -> list[dict]:
    """One term per claim with an amount or a term entered; a date that does not parse is passed on as text, so
    the service refuses it in words."""
    from disputes.models import Claim

    items = []
    for claim in Claim.objects.filter(case_id=case_id).order_by("id"):
        amount = post.get(f"amount_{claim.pk}", "").strip()
        text = post.get(f"text_{claim.pk}", "").strip()
        due = post.get(f"due_on_{claim.pk}", "").strip()
        if not (amount or text):
            continue
        items.append({"claim_id": claim.pk, "amount": amount or None, "text": text,
                      "due_on": (_date(due) or due) if due else None})
    return items


@require_POST
@staff_required
def agreement(request, pk):
    case_id = _session_case(pk)
    post = request.POST

    def call():
        services.joint_session_agree(
            session_id=pk, actor=request.user, version=_int(post.get("version"), -1),
            items=_agreement_items(post, case_id), terms=post.get("terms", ""), summary=post.get("summary", ""),
            workers_covered=post.get("workers_covered", "").strip() or None,
        )

    return _run(request, case_id, call, _("Agreement recorded: the case is closed and the agreement issued."))


@require_POST
@staff_required
def failed(request, pk):
    case_id = _session_case(pk)
    post = request.POST

    def call():
        services.joint_session_fail(
            session_id=pk, actor=request.user, version=_int(post.get("version"), -1),
            reason=post.get("reason", ""), minutes=post.get("minutes", ""),
        )

    return _run(request, case_id, call, _("Recorded: no agreement. The case continues."))


@require_POST
@staff_required
def cancel(request, pk):
    case_id = _session_case(pk)
    post = request.POST

    def call():
        services.joint_session_cancel(
            session_id=pk, actor=request.user, version=_int(post.get("version"), -1), reason=post.get("reason", ""),
        )

    return _run(request, case_id, call, _("Joint mediation session cancelled."))
