"""The legal-aid station's pages: its queue, one desk per case (decide, assign, work, outcome, close) and the
"six haves" of its stations, side by side for the union, with an export.

Each POST validates its form, calls one service and redirects back to the desk (disputes.kit.web.Workbench):
a refusal keeps what was typed for the next view of the desk.
"""

import csv

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import OrgKind
from disputes.audit import record_read
from disputes.kit.web import Workbench, staff_required, to_int
from disputes.models import ReadKind
from core.masking import mask_id_number, mask_phone
from disputes.selectors import case_get, sees_personal_data
from deadlines.selectors import clocks_for_case

from . import forms as f
from . import selectors, services
from .models import CHECKLIST, AidState

BENCH = Workbench("legal_aid:desk", stash="legal_aid_form", auto_id="{name}-%s")


def _station_staff(profile) -> bool:
    return profile.organization.kind == OrgKind.LEGAL_AID and profile.role in services.STATION_ROLES


def _version(request) -> int:
    return to_int(request.POST.get("version"), -1)


def _referral(request) -> int:
    return to_int(request.POST.get("referral"), 0)


@staff_required
def queue(request):
    profile = request.profile
    if profile.organization.kind != OrgKind.LEGAL_AID:
        raise DjangoPermissionDenied
    parts = selectors.station_queue(org_id=profile.organization_id, user_id=request.user.pk)
    return render(request, "legal_aid/queue.html", {"parts": parts, "station": profile.organization})


@staff_required
def desk(request, pk):
    profile = request.profile
    case = case_get(user=request.user, case_id=pk)
    d = selectors.desk(case=case, org_id=profile.organization_id, user_id=request.user.pk)
    aid_file = d.aid_file
    state = aid_file.state if aid_file else AidState.REVIEW
    acts = _station_staff(profile)
    # A partner firm's lawyer takes the lawyer's steps only; the station decides, assigns and closes.
    leads = acts and not selectors.assigned_only(request.user.pk)
    granted = state == AidState.GRANTED
    may = {
        "decide": leads and state in (AidState.REVIEW, AidState.MATERIALS),
        "materials": leads and state == AidState.REVIEW,
        "received": leads and state == AidState.MATERIALS,
        "assign": leads and granted and d.lawyer is None,
        "replace": leads and granted and d.lawyer is not None,
        "agreement": acts and granted and d.lawyer is not None and not aid_file.agreement_signed_on,
        "work": acts and granted,
        "outcome": acts and granted,
        "close": leads and granted and bool(aid_file.outcome),
    }
    stash = BENCH.refused(request, pk)
    today = timezone.localdate()
    forms = {}
    if may["decide"]:
        forms["decide"] = BENCH.form(stash, "decide", f.DecideForm)
        forms["materials"] = BENCH.form(stash, "materials", f.MaterialsForm)
    lawyers = {"staff": d.staff, "partners": d.partners}
    if may["assign"]:
        forms["assign"] = BENCH.form(stash, "assign", f.LawyerForm, **lawyers)
    if may["replace"]:
        forms["replace"] = BENCH.form(stash, "replace", f.ReplaceForm, **lawyers)
    if may["agreement"]:
        forms["agreement"] = BENCH.form(stash, "agreement", f.AgreementForm, initial={"signed_on": today})
    if may["work"]:
        forms["work"] = BENCH.form(stash, "work", f.WorkForm, hearings=d.hearings, court_events=d.court_events,
                                   initial={"done_on": today})
    if may["outcome"]:
        forms["outcome"] = BENCH.form(stash, "outcome", f.OutcomeForm, initial={"outcome_on": today})
    if may["close"]:
        forms["close"] = BENCH.form(stash, "close", f.CloseForm)
    limitation = case.arbitration_limitation_ends_on
    full = sees_personal_data(profile, case)
    return render(request, "legal_aid/desk.html", {
        "case": case, "desk": d, "aid_file": aid_file, "state": state, "may": may, "forms": forms,
        "version": aid_file.version if aid_file else 1,
        "limitation": limitation, "days_left": (limitation - today).days if limitation else None,
        "clocks": [c for c in clocks_for_case(case) if c.rule.track == "legal_aid"],
        "documents": case.documents.filter(kind__in=[services.DOC_DECISION, services.DOC_AGREEMENT]).order_by("created_at"),
        "checklist": CHECKLIST,
        "worker_id_number": "" if case.worker is None else (
            case.worker.id_number if full else mask_id_number(case.worker.id_number)),
        "worker_phone": "" if case.worker is None else (case.worker.phone if full else mask_phone(case.worker.phone)),
    })


@BENCH.post
def decide(request, pk):
    form = f.DecideForm(request.POST, name="decide")
    return BENCH.submit(request, pk, "decide", form, _("Decision recorded and issued."), lambda d: services.aid_decide(
        referral_id=_referral(request), actor=request.user, version=_version(request), grant=d["grant"],
        category=d["category"], household_size=d["household_size"], monthly_income=d["monthly_income"],
        reason=d["reason"]), anchor="decision")


@BENCH.post
def materials(request, pk):
    form = f.MaterialsForm(request.POST, name="materials")
    return BENCH.submit(request, pk, "materials", form, _("Materials requested: the review clock is paused."),
                        lambda d: services.aid_materials_request(
                            referral_id=_referral(request), actor=request.user, version=_version(request),
                            note=d["note"]), anchor="decision")


@BENCH.post
def received(request, pk):
    form = f.WorkbenchForm(request.POST, name="received")
    return BENCH.submit(request, pk, "received", form, _("Materials received: the review clock runs again."),
                        lambda d: services.aid_materials_receive(
                            referral_id=_referral(request), actor=request.user, version=_version(request)),
                        anchor="decision")


@BENCH.post
def assign(request, pk):
    form = f.LawyerForm(request.POST, name="assign")
    form.fields["lawyer"].choices = [(request.POST.get("lawyer", ""), "")]
    return BENCH.submit(request, pk, "assign", form, _("Lawyer assigned."), lambda d: services.lawyer_assign(
        referral_id=_referral(request), actor=request.user, version=_version(request), **form.service_args()),
        anchor="lawyer")


@BENCH.post
def replace(request, pk):
    form = f.ReplaceForm(request.POST, name="replace")
    form.fields["lawyer"].choices = [(request.POST.get("lawyer", ""), "")]
    return BENCH.submit(request, pk, "replace", form, _("Lawyer replaced."), lambda d: services.lawyer_replace(
        referral_id=_referral(request), actor=request.user, version=_version(request), reason=d["reason"],
        **form.service_args()), anchor="lawyer")


@BENCH.post
def agreement(request, pk):
    form = f.AgreementForm(request.POST, name="agreement")
    return BENCH.submit(request, pk, "agreement", form, _("Client agreement recorded and issued."),
                        lambda d: services.aid_agreement_sign(
                            referral_id=_referral(request), actor=request.user, version=_version(request),
                            signed_on=d["signed_on"]), anchor="lawyer")


@BENCH.post
def work(request, pk):
    form = f.WorkForm(request.POST, name="work")
    form.fields["hearing"].choices = [(request.POST.get("hearing", ""), "")]
    form.fields["court_event"].choices = [(request.POST.get("court_event", ""), "")]
    return BENCH.submit(request, pk, "work", form, _("Work recorded."), lambda d: services.aid_work_record(
        referral_id=_referral(request), actor=request.user, version=_version(request), kind=d["kind"],
        done_on=d["done_on"], note=d["note"], hearing_id=d["hearing"] or None, court_event_id=d["court_event"] or None),
        anchor="work")


@BENCH.post
def outcome(request, pk):
    form = f.OutcomeForm(request.POST, name="outcome")
    return BENCH.submit(request, pk, "outcome", form, _("Outcome recorded."), lambda d: services.aid_outcome_record(
        referral_id=_referral(request), actor=request.user, version=_version(request), outcome=d["outcome"],
        amount_recovered=d["amount_recovered"], outcome_on=d["outcome_on"], note=d["note"]), anchor="outcome")


@BENCH.post
def close(request, pk):
    form = f.CloseForm(request.POST, name="close")
    return BENCH.submit(request, pk, "close", form, _("Legal aid closed."), lambda d: services.aid_close(
        referral_id=_referral(request), actor=request.user, version=_version(request), checklist=d["checklist"]),
        anchor="outcome")


# --- the six haves -------------------------------------------------------------------------------------


@staff_required
def stations(request):
    try:
        chosen, overview = selectors.stations_for(request.profile)
    except DomainError:
        raise DjangoPermissionDenied from None
    figures = selectors.station_figures(stations=chosen)
    if request.GET.get("format") == "csv":
        record_read(request, ReadKind.EXPORT, detail="legal-aid-stations.csv")
        return _export(figures)
    return render(request, "legal_aid/stations.html", {"figures": figures, "overview": overview})


def _export(figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="legal-aid-stations.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese names as UTF-8
    writer = csv.writer(response)
    writer.writerow([
        _("Station"), _("Place"), _("Site"), _("Area covered"), _("Staff"), _("Funds"), _("Law firms"),
        _("Case sources"), _("Aid granted"), _("Aid refused"), _("Aid closed"), _("Outcomes"), _("Amount recovered (yuan)"),
        _("Deadlines met on time (%)"),
    ])
    for fig in figures:
        p = fig.profile
        writer.writerow([
            fig.station.name, p.get_place_kind_display() if p else "", p.site if p else "",
            p.area_covered if p else "", fig.staff, p.funding if p else "", "、".join(fig.firms),
            "；".join(f"{k} {v}" for k, v in fig.sources.items()), fig.granted, fig.refused, fig.closed,
            "；".join(f"{k} {v}" for k, v in fig.outcomes.items()), f"{fig.recovered:.2f}",
            "" if fig.on_time_rate is None else fig.on_time_rate,
        ])
    return response
