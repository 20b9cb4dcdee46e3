"""Staff pages of joint mediation: the case's sessions, and one POST view per service (disputes.kit.web)."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from disputes.kit.web import Workbench, case_version, staff_required
from disputes.models import Claim
from disputes.selectors import case_visible_to

from . import forms as f
from . import selectors, services
from .tracks import JOINT_STAGES, tracks_of

BENCH = Workbench("mediation:joint_session", stash="mediation_form", auto_id="{name}-%s")


@staff_required
def joint_session(request, pk):
    case = selectors.visible_case(user=request.user, case_id=pk)
    profile = request.profile
    refused = BENCH.refused(request, pk)
    today = timezone.localdate()
    sessions = selectors.sessions_of(case)
    for s in sessions:
        s.may_record = s.is_open and services.may_record(profile, case, s)
        s.may_agree = s.state == "held" and services.may_organise(profile, case)
        s.forms = {}
        if s.may_record:
            s.forms = {
                "held": BENCH.form(refused, f"held-{s.pk}", f.HeldForm, initial={"held_on": today.isoformat()}),
                "failed": BENCH.form(refused, f"failed-{s.pk}", f.FailedForm),
                "cancel": BENCH.form(refused, f"cancel-{s.pk}", f.CancelForm),
            }
        if s.may_agree:
            s.forms["agreement"] = BENCH.form(
                refused, f"agreement-{s.pk}", f.AgreementForm, claims=sorted(case.claims.all(), key=lambda c: c.pk),
                initial={"workers_covered": "" if case.is_collective else "1"},
            )
    open_session = next((s for s in sessions if s.is_open), None)
    can_schedule = services.may_organise(profile, case) and case.status in JOINT_STAGES and open_session is None
    return render(request, "mediation/joint_session.html", {
        "case": case,
        "sessions": sessions,
        "can_schedule": can_schedule,
        "candidates": selectors.eligible_participants(case) if can_schedule else [],
        "schedule_form": BENCH.form(refused, "schedule", f.ScheduleForm) if can_schedule else None,
        "in_stage": case.status in JOINT_STAGES,
        "tracks": tracks_of(case),
        "today": today,
    })


def _step(request, case_id: int, name: str, form, success, call, *, anchor: str):
    def then():
        # A participant of another organisation who cancelled the session no longer reads the case.
        return None if case_visible_to(request.user, case_id) else redirect("disputes:queue")

    return BENCH.submit(request, case_id, name, form, success, call, anchor=anchor, then=then)


@BENCH.post
def schedule(request, pk):
    form = f.ScheduleForm(request.POST, name="schedule")
    return _step(request, pk, "schedule", form, _("Joint mediation session scheduled."), lambda d: (
        services.joint_session_schedule(
            case_id=pk, actor=request.user, version=case_version(request), scheduled_at=form.scheduled_at(),
            place=d["place"], participant_ids=d["participants"], note=d["note"])
    ), anchor="schedule")


@BENCH.post(door=selectors.SESSION)
def held(request, pk, case_id):
    form = f.HeldForm(request.POST, name=f"held-{pk}")
    return _step(request, case_id, form.name, form, _("Joint mediation session recorded as held."), lambda d: (
        services.joint_session_hold(
            session_id=pk, actor=request.user, version=case_version(request), present_ids=d["present"],
            held_on=d["held_on"] or None, minutes=d["minutes"])
    ), anchor=f"session-{pk}")


@BENCH.post(door=selectors.SESSION)
def agreement(request, pk, case_id):
    form = f.AgreementForm(request.POST, name=f"agreement-{pk}",
                           claims=Claim.objects.filter(case_id=case_id).order_by("id"))
    return _step(request, case_id, form.name, form,
                 _("Agreement recorded: the case is closed and the agreement issued."), lambda d: (
                     services.joint_session_agree(
                         session_id=pk, actor=request.user, version=case_version(request), items=form.items(),
                         terms=d["terms"], summary=d["summary"], workers_covered=d["workers_covered"].strip() or None)
                 ), anchor=f"session-{pk}")


@BENCH.post(door=selectors.SESSION)
def failed(request, pk, case_id):
    form = f.FailedForm(request.POST, name=f"failed-{pk}")
    return _step(request, case_id, form.name, form, _("Recorded: no agreement. The case continues."), lambda d: (
        services.joint_session_fail(session_id=pk, actor=request.user, version=case_version(request), **d)
    ), anchor=f"session-{pk}")


@BENCH.post(door=selectors.SESSION)
def cancel(request, pk, case_id):
    form = f.CancelForm(request.POST, name=f"cancel-{pk}")
    return _step(request, case_id, form.name, form, _("Joint mediation session cancelled."), lambda d: (
        services.joint_session_cancel(session_id=pk, actor=request.user, version=case_version(request), **d)
    ), anchor=f"session-{pk}")
