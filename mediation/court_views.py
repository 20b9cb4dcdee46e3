"""Staff pages of union and court mediation: one workbench per case (who refers or entrusts, the mediation
organisation, the court), and one POST view per service through the kit's web helper (disputes.kit.web)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import Organization, OrgKind, Role, StaffProfile
from disputes.choices import CaseState
from disputes.kit.guards import handles
from core.errors import DomainError
from disputes.kit.web import Workbench, WorkbenchForm, case_version, flash_error, staff_required
from disputes.models import Case, Claim
from disputes.selectors import case_visible_to

from . import court as services
from . import court_forms as f
from . import court_selectors as selectors
from .court_models import Consultation, MediationAgreement, MediationFile

BENCH = Workbench("union_mediation:workbench", stash="union_mediation_form", auto_id="{name}-%s")
# Stages from which a case may be handed to a mediation organisation (Case.route_to_mediation).
REFERRABLE = (CaseState.REGISTERED, CaseState.ARBITRATION_REVIEW, CaseState.ARBITRATION, CaseState.LITIGATION)


def _mediators(org_id):
    return [p.user for p in StaffProfile.objects.filter(organization_id=org_id, role=Role.MEDIATOR,
                                                        user__is_active=True).select_related("user")]


def _orgs(kind):
    return list(Organization.objects.filter(kind=kind, is_active=True).order_by("name"))


@staff_required
def workbench(request, pk):
    if not case_visible_to(request.user, pk):
        raise Http404
    case = Case.objects.select_related("worker", "employer", "owner_org", "division").get(pk=pk)
    profile, refused, today = request.profile, BENCH.refused(request, pk), timezone.localdate()
    files = selectors.mediation_files(user=request.user, case_id=pk)
    open_file = next((x for x in files if x.is_open), None)
    from_court = profile.organization.kind == OrgKind.COURT
    context = {"case": case, "files": files, "today": today, "from_court": from_court}
    if open_file is None and case.status in REFERRABLE and handles(case, profile, services.REFERRING_ROLES):
        # Only the organisations serving the case's area and its industry or employer are offered.
        context["refer_form"] = BENCH.form(refused, "refer", f.ReferForm, from_court=from_court,
                                           bodies=selectors.bodies_for(case, referrer_org_id=profile.organization_id))
    context["may_open"] = (open_file is None and case.status == CaseState.MEDIATION
                           and handles(case, profile, services.MEDIATING_ROLES))
    courts, claims = None, sorted(case.claims.all(), key=lambda c: c.pk)
    for file in files:
        mine = profile.organization_id == file.body.organization_id
        file.forms = {}
        if file.state == "offered" and mine:
            file.forms["accept"] = BENCH.form(refused, f"accept-{file.pk}", f.AcceptForm,
                                              mediators=_mediators(file.body.organization_id),
                                              initial={"mediator": request.user.pk})
            file.forms["decline"] = BENCH.form(refused, f"decline-{file.pk}", f.DeclineForm)
        if file.state == "mediating" and services.may_mediate(profile, case, file):
            file.forms["schedule"] = BENCH.form(refused, f"schedule-{file.pk}", f.ScheduleForm,
                                                rooms=selectors.rooms_of(file.body.organization_id))
            file.forms["extend"] = BENCH.form(refused, f"extend-{file.pk}", f.ExtensionForm,
                                              initial={"agreed_on": today.isoformat()})
            file.forms["agree"] = BENCH.form(refused, f"agree-{file.pk}", f.AgreementForm, claims=claims, initial={
                "agreed_on": today.isoformat(), "worker_signed_on": today.isoformat(),
                "employer_signed_on": today.isoformat()})
            file.forms["fail"] = BENCH.form(refused, f"fail-{file.pk}", f.FailureForm,
                                            commissions=_orgs(OrgKind.ARBITRATION),
                                            initial={"next_step": "court" if file.court_id else "arbitration"})
            for s in file.sessions.all():
                if s.state == "scheduled":
                    s.held_form = BENCH.form(refused, f"held-{s.pk}", f.HeldForm)
        agreement = getattr(file, "agreement", None)
        if agreement is not None:
            courts = courts or _orgs(OrgKind.COURT)
            pending = [c for c in agreement.confirmations.all() if not c.ruling]
            if case.status == CaseState.CONFIRMATION and mine and not pending:
                file.forms["confirm"] = BENCH.form(refused, f"confirm-{file.pk}", f.ConfirmationForm, courts=courts,
                                                   initial={"court": file.court_id, "applied_on": today.isoformat()})
            for c in pending:
                if profile.organization_id == c.court_id:
                    c.ruling_form = BENCH.form(refused, f"ruling-{c.pk}", f.RulingForm,
                                               initial={"ruled_on": today.isoformat()})
            follow_up = {file.body.organization_id, case.owner_org_id, file.court_id,
                         *(c.court_id for c in agreement.confirmations.all())}
            if profile.organization_id in follow_up:
                for item in agreement.items.all():
                    if item.amount is not None and not item.paid_on:
                        item.paid_form = BENCH.form(refused, f"paid-{item.pk}", f.PaidForm,
                                                    initial={"paid_on": today.isoformat()})
                file.forms["order"] = BENCH.form(refused, f"order-{file.pk}", f.PaymentOrderForm, courts=courts,
                                                 initial={"applied_on": today.isoformat()})
            for order in agreement.payment_orders.all():
                if profile.organization_id == order.court_id and not order.result:
                    order.record_form = BENCH.form(refused, f"record-{order.pk}", f.OrderRecordForm)
    return render(request, "mediation/court_workbench.html", context)


def _step(request, case_id, name, form, success, call, anchor=""):
    def then():
        # A mediation body that declined, or handed the case on, may no longer read it.
        return None if case_visible_to(request.user, case_id) else redirect("disputes:queue")

    return BENCH.submit(request, case_id, name, form, success, call, anchor=anchor, then=then)


@BENCH.post
def refer(request, pk):
    case = Case.objects.select_related("employer", "division").filter(pk=pk).first()
    if case is None or not case_visible_to(request.user, pk):
        raise Http404
    form = f.ReferForm(request.POST, name="refer", from_court=request.profile.organization.kind == OrgKind.COURT,
                       bodies=selectors.bodies_for(case, referrer_org_id=request.profile.organization_id))
    return _step(request, pk, "refer", form, _("Sent to the mediation organisation."), lambda d: services.mediation_refer(
        case_id=pk, actor=request.user, version=case_version(request), body_id=d["body"], note=d["note"],
        court_case_number=d.get("court_case_number", ""), mode=d.get("mode", "")))


@BENCH.post
def open_file(request, pk):
    form = WorkbenchForm(request.POST, name="open")
    return _step(request, pk, "open", form, _("Mediation file opened."), lambda d: services.mediation_file_open(
        case_id=pk, actor=request.user, version=case_version(request)))


@BENCH.post(door=selectors.FILE)
def accept(request, pk, case_id):
    file = MediationFile.objects.get(pk=pk)
    form = f.AcceptForm(request.POST, name=f"accept-{pk}", mediators=_mediators(file.body.organization_id))
    return _step(request, case_id, form.name, form, _("Accepted: the mediation period runs."), lambda d: (
        services.mediation_accept(file_id=pk, actor=request.user, mediator_id=d["mediator"])))


@BENCH.post(door=selectors.FILE)
def decline(request, pk, case_id):
    form = f.DeclineForm(request.POST, name=f"decline-{pk}")
    return _step(request, case_id, form.name, form, _("Declined."), lambda d: services.mediation_decline(
        file_id=pk, actor=request.user, code=d["code"], reason=d["reason"]))


@BENCH.post(door=selectors.FILE)
def schedule(request, pk, case_id):
    file = MediationFile.objects.get(pk=pk)
    form = f.ScheduleForm(request.POST, name=f"schedule-{pk}", rooms=selectors.rooms_of(file.body.organization_id))
    return _step(request, case_id, form.name, form, _("Session scheduled."), lambda d: (
        services.mediation_session_schedule(file_id=pk, actor=request.user, version=case_version(request),
                                            room_id=d["room"], starts_at=d["starts_at"], ends_at=d["ends_at"])),
        anchor=f"file-{pk}")


@BENCH.post(door=selectors.SESSION)
def held(request, pk, case_id):
    form = f.HeldForm(request.POST, name=f"held-{pk}")
    return _step(request, case_id, form.name, form, _("Session recorded as held."), lambda d: (
        services.mediation_session_hold(session_id=pk, actor=request.user, version=case_version(request), **d)),
        anchor=f"session-{pk}")


@BENCH.post(door=selectors.FILE)
def extend(request, pk, case_id):
    form = f.ExtensionForm(request.POST, name=f"extend-{pk}")
    return _step(request, case_id, form.name, form, _("Mediation period extended."), lambda d: (
        services.mediation_period_extend(file_id=pk, actor=request.user, version=case_version(request), **d)),
        anchor=f"file-{pk}")


@BENCH.post(door=selectors.FILE)
def agree(request, pk, case_id):
    form = f.AgreementForm(request.POST, name=f"agree-{pk}", claims=Claim.objects.filter(case_id=case_id).order_by("id"))
    return _step(request, case_id, form.name, form, _("Agreement recorded and issued."), lambda d: (
        services.mediation_agree(
            file_id=pk, actor=request.user, version=case_version(request), agreed_on=d["agreed_on"],
            worker_signed_on=d["worker_signed_on"], employer_signed_on=d["employer_signed_on"], items=form.items(),
            terms=d["terms"])), anchor=f"file-{pk}")


@BENCH.post(door=selectors.FILE)
def fail(request, pk, case_id):
    form = f.FailureForm(request.POST, name=f"fail-{pk}", commissions=_orgs(OrgKind.ARBITRATION))
    return _step(request, case_id, form.name, form, _("Failure recorded; the case is handed on."), lambda d: (
        services.mediation_fail(file_id=pk, actor=request.user, version=case_version(request), code=d["code"],
                                record=d["record"], next_step=d["next_step"], to_org_id=d["to_org"])))


@BENCH.post(door=selectors.AGREEMENT)
def confirm(request, pk, case_id):
    form = f.ConfirmationForm(request.POST, name=f"confirm-{MediationAgreement.objects.get(pk=pk).file_id}",
                              courts=_orgs(OrgKind.COURT))
    return _step(request, case_id, form.name, form, _("Application for judicial confirmation recorded."), lambda d: (
        services.confirmation_apply(agreement_id=pk, actor=request.user, version=case_version(request),
                                    court_id=d["court"], applied_on=d["applied_on"])))


@BENCH.post(door=selectors.CONFIRMATION)
def ruling(request, pk, case_id):
    form = f.RulingForm(request.POST, name=f"ruling-{pk}")
    return _step(request, case_id, form.name, form, _("Ruling recorded."), lambda d: services.confirmation_rule(
        confirmation_id=pk, actor=request.user, version=case_version(request), **d))


@BENCH.post(door=selectors.ITEM)
def paid(request, pk, case_id):
    form = f.PaidForm(request.POST, name=f"paid-{pk}")
    return _step(request, case_id, form.name, form, _("Payment recorded."), lambda d: (
        services.agreement_payment_record(item_id=pk, actor=request.user, version=case_version(request), **d)))


@BENCH.post(door=selectors.AGREEMENT)
def order(request, pk, case_id):
    form = f.PaymentOrderForm(request.POST, name=f"order-{MediationAgreement.objects.get(pk=pk).file_id}",
                              courts=_orgs(OrgKind.COURT))
    return _step(request, case_id, form.name, form, _("Application for a payment order recorded."), lambda d: (
        services.payment_order_apply(agreement_id=pk, actor=request.user, version=case_version(request),
                                     court_id=d["court"], applied_on=d["applied_on"], amount=d["amount"])))


@BENCH.post(door=selectors.ORDER)
def order_record(request, pk, case_id):
    form = f.OrderRecordForm(request.POST, name=f"record-{pk}")
    return _step(request, case_id, form.name, form, _("Payment order recorded."), lambda d: (
        services.payment_order_record(order_id=pk, actor=request.user, version=case_version(request), **d)))


# --- joint consultations (会商): not one case's page, so plain views over the same services ----------------


def _consultation_people():
    return (StaffProfile.objects.filter(role__in=(Role.SUPERVISOR, Role.ARBITRATOR, Role.MEDIATOR, Role.INSPECTOR),
                                        user__is_active=True, organization__kind__in=services.CONSULTING_KINDS)
            .select_related("user", "organization").order_by("organization__name", "user__username"))


@staff_required
def consultations(request):
    profile = request.profile
    form = None
    if profile.role == Role.SUPERVISOR and profile.organization.kind in services.CONSULTING_KINDS:
        form = f.ConveneForm(request.POST or None, people=_consultation_people())
        if request.method == "POST" and form.is_valid():
            numbers = form.case_numbers()
            ids = dict(Case.objects.filter(number__in=numbers).values_list("number", "pk"))
            try:
                consultation = services.consultation_convene(
                    actor=request.user, title=form.cleaned_data["title"], agenda=form.cleaned_data["agenda"],
                    held_at=form.cleaned_data["held_at"], place=form.cleaned_data["place"],
                    participant_ids=form.cleaned_data["participants"],
                    case_ids=[ids.get(n, 0) for n in numbers])
            except DomainError as exc:
                flash_error(request, exc)
            else:
                messages.success(request, _("Consultation convened."))
                return redirect("union_mediation:consultation", consultation.pk)
    listed = Consultation.objects.filter(participants__organization_id=profile.organization_id).distinct()
    return render(request, "mediation/consultations.html", {"form": form, "consultations": listed[:50]})


@staff_required
def consultation(request, pk):
    item = selectors.consultation_of(user=request.user, consultation_id=pk)
    form = None
    if item.convened_by_id == request.user.pk and not item.concluded_at:
        links = list(item.cases.select_related("case"))
        form = f.ConcludeForm(request.POST or None, links=links, participants=item.participants.all(),
                              orgs=Organization.objects.filter(is_active=True).order_by("kind", "name"))
        if request.method == "POST" and form.is_valid():
            try:
                services.consultation_conclude(
                    consultation_id=pk, actor=request.user, minutes=form.cleaned_data["minutes"],
                    conclusions=form.cleaned_data["conclusions"], next_steps=form.next_steps(),
                    opinions=form.opinions())
            except DomainError as exc:
                flash_error(request, exc)
            else:
                messages.success(request, _("Conclusions recorded; each case has its next step."))
                return redirect("union_mediation:consultation", pk)
    return render(request, "mediation/consultation.html", {
        "item": item, "form": form, "my_org": request.profile.organization_id})


@staff_required
@require_POST
def consultation_step_done(request, pk, link_pk):
    selectors.consultation_of(user=request.user, consultation_id=pk)  # 404 outside its participants
    try:
        services.consultation_step_done(link_id=link_pk, actor=request.user, note=request.POST.get("note", ""))
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("Next step recorded as done."))
    return redirect("union_mediation:consultation", pk)
