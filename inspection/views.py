"""The inspector's workbench: one page per case showing the inspection file, and one POST view per service.

Each POST validates its form, calls one service and redirects back to the workbench. A refusal (a form error or
a domain error) keeps what was typed: the submitted fields are put in the session for the next GET, which
shows them again with the errors beside the fields, so a stale version or a wrong amount costs no retyping.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotFound
from core.refused_forms import keep_refused, take_refused
from disputes.choices import CaseState, ReferralState
from disputes.selectors import case_visible_to
from disputes.views import _int, flash_error, staff_required

from . import forms as f
from . import selectors, services
from .models import FilingDecisionKind, PenaltyKind

STASH = "inspection_form"


def _back(pk, anchor=""):
    url = reverse("inspection:workbench", args=[pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _stash(request, pk, name, fields):
    """Keep the submitted input (and the service's errors per field) for the workbench's next GET."""
    errors = {k: [str(m) for m in v] for k, v in (fields or {}).items() if isinstance(v, list)}
    keep_refused(request, key=STASH, case_id=pk, form=name, errors=errors)


def _form(stash, name, cls, *, initial=None, prefix=None, **kwargs):
    """The form as it was submitted (with its errors) if it is the one refused last, else a fresh one."""
    # Ids carry the form's name: several forms on the page have a "summary" or a "reason".
    kwargs.update(prefix=prefix, auto_id=f"{name}-%s")
    if not stash or stash.form != name:
        return cls(initial=initial, **kwargs)
    form = cls(data=stash.data, **kwargs)
    form.is_valid()
    if hasattr(form, "fields"):
        for field, msgs in stash.errors.items():
            if field in form.fields:
                for m in msgs:
                    form.add_error(field, m)
    return form


def _visible(request, pk):
    if not case_visible_to(request.user, pk):
        raise Http404


def _submit(request, pk, name, valid, call, done, then=None):
    """Call one service once the form is valid; back to the workbench (at the form, if refused)."""
    if not valid:
        messages.error(request, _("Please correct the fields marked below. Nothing has been recorded."))
        _stash(request, pk, name, {})
        return _back(pk, f"{name}-form")
    try:
        call()
    except NotFound:
        raise
    except DomainError as exc:
        flash_error(request, exc)
        _stash(request, pk, name, exc.fields)
        return _back(pk, f"{name}-form")
    messages.success(request, done)
    return then or _back(pk)


def _rule_range(rule) -> str:
    low, high = rule.low.normalize(), rule.high.normalize()
    if rule.kind == PenaltyKind.PER_WORKER:
        text = _("%(low)s–%(high)s yuan per worker affected") % {"low": f"{low:f}", "high": f"{high:f}"}
    elif rule.kind == PenaltyKind.MULTIPLE:
        text = _("%(low)s%%–%(high)s%% of the base amount") % {
            "low": f"{(rule.low * 100).normalize():f}", "high": f"{(rule.high * 100).normalize():f}"
        }
    else:
        text = _("%(low)s–%(high)s yuan") % {"low": f"{low:f}", "high": f"{high:f}"}
    if rule.fine_optional:
        text += _(" (the fine may be omitted)")
    if rule.with_warning:
        text += _(", with a warning")
    if rule.payable_to_worker:
        text += _(", payable to the worker")
    return text


@staff_required
def workbench(request, pk):
    wb = selectors.inspection_workbench(user=request.user, case_id=pk)
    case, file = wb.file.case, wb.file
    profile = request.profile
    inspector = profile.role in services.INSPECTION_ROLES
    handler = inspector and profile.organization_id == case.owner_org_id
    investigating = handler and case.status in services.INVESTIGATING
    offered = next(
        (r for r in wb.referrals if r.state == ReferralState.OFFERED and r.to_org_id == profile.organization_id), None
    )
    may = {
        "file": inspector and offered is not None,
        "record": investigating,
        "order": handler and case.status == CaseState.INSPECTION,
        "comply": handler and case.status == CaseState.CORRECTION_DUE and wb.balance is not None,
        "propose": investigating,
        "employer": investigating and bool(wb.open_proposals),
        "decide": investigating and bool(wb.open_proposals),
        "transfer": handler and case.status == CaseState.INSPECTION
        and not selectors.arbitration_transfers_pending(case=case),
        "close": investigating,
    }
    stash = take_refused(request, key=STASH, case_id=pk)
    team = selectors.inspection_team(org_id=profile.organization_id) if may["file"] or may["record"] else []
    forms = {}
    if may["file"]:
        forms["file"] = _form(stash, "file", f.FileForm, team=team, initial={"inspector": str(request.user.pk)})
        forms["refuse"] = _form(stash, "refuse", f.RefuseForm)
    if may["record"]:
        forms["visit"] = _form(stash, "visit", f.VisitForm, team=team, initial={"inspectors": [str(request.user.pk)]})
        forms["statement"] = _form(stash, "statement", f.StatementForm, team=team,
                                   initial={"taken_by": str(request.user.pk)})
        forms["interview"] = _form(stash, "interview", f.InterviewForm)
        forms["evidence"] = _form(stash, "evidence", f.EvidenceForm)
    if may["order"]:
        forms["order"] = _form(stash, "order", f.CorrectionOrderForm)
        forms["order_items"] = _form(stash, "order", f.CorrectionItemFormSet, prefix="items")
    if may["comply"]:
        forms["comply"] = _form(stash, "comply", f.ComplianceForm, items=wb.balance.order.item_rows)
    if may["propose"]:
        forms["propose"] = _form(stash, "propose", f.PenaltyProposeForm, rules=wb.rules)
    if may["employer"]:
        forms["employer"] = _form(stash, "employer", f.EmployerStatementForm)
    if may["decide"]:
        forms["decide"] = _form(stash, "decide", f.PenaltyDecideForm)
    if may["transfer"]:
        forms["transfer"] = _form(stash, "transfer", f.TransferForm, institutes=selectors.arbitration_institutes())
    if may["close"]:
        forms["close"] = _form(stash, "close", f.CloseForm)
    filed = [d for d in file.filing_decisions if d.decision == FilingDecisionKind.FILED]
    return render(
        request,
        "inspection/workbench.html",
        {
            "case": case,
            "file": file,
            "wb": wb,
            "may": may,
            "forms": forms,
            "offered": offered,
            "handler": handler,
            "today": timezone.localdate(),
            "time_barred": offered is not None and services.is_time_barred(case),
            # Accepted through the generic referral button: the case is in inspection without a filing decision.
            "accepted_without_filing": not filed and any(r.state == ReferralState.ACCEPTED for r in wb.referrals),
            "in_charge": filed[-1].inspector_in_charge if filed else None,
            "rule_rows": [(r, _rule_range(r)) for r in wb.rules],
            "waiting": selectors.decision_readiness(wb.open_proposals, timezone.localdate()) if may["decide"] else [],
            "min_visit_inspectors": services.MIN_VISIT_INSPECTORS,
        },
    )


# --- filing ---


def _version(request):
    return _int(request.POST.get("version"), -1)


def _team(request):
    return selectors.inspection_team(org_id=request.profile.organization_id)


@require_POST
@staff_required
def file_complaint(request, pk):
    _visible(request, pk)
    form = f.FileForm(request.POST, team=_team(request))

    def call():
        services.inspection_file(
            referral_id=_int(request.POST.get("referral"), -1), actor=request.user,
            inspector_id=int(form.cleaned_data["inspector"]),
        )

    return _submit(request, pk, "file", form.is_valid(), call,
                   _("The complaint is filed for inspection and is now in your team's queue."))


@require_POST
@staff_required
def refuse(request, pk):
    _visible(request, pk)
    form = f.RefuseForm(request.POST)

    def call():
        services.inspection_refuse(
            referral_id=_int(request.POST.get("referral"), -1), actor=request.user,
            reason_code=form.cleaned_data["reason_code"], reason=form.cleaned_data["reason"],
        )

    # Refused, the case goes back to the window and leaves our scope: its workbench would now be a 404.
    return _submit(request, pk, "refuse", form.is_valid(), call,
                   _("Filing refused in writing: the notice was issued and the case went back to the window."),
                   then=redirect("disputes:incoming"))


# --- investigation ---


@require_POST
@staff_required
def visit(request, pk):
    _visible(request, pk)
    form = f.VisitForm(request.POST, team=_team(request))

    def call():
        d = form.cleaned_data
        services.visit_record(
            case_id=pk, actor=request.user, version=_version(request), visited_on=d["visited_on"], place=d["place"],
            inspector_ids=[int(i) for i in d["inspectors"]], findings=d["findings"],
        )

    return _submit(request, pk, "visit", form.is_valid(), call, _("Visit recorded."))


@require_POST
@staff_required
def statement(request, pk):
    _visible(request, pk)
    form = f.StatementForm(request.POST, team=_team(request))

    def call():
        d = form.cleaned_data
        services.statement_record(
            case_id=pk, actor=request.user, version=_version(request), who=d["who"], name=d["name"],
            taken_on=d["taken_on"], summary=d["summary"], taken_by_id=int(d["taken_by"]) if d["taken_by"] else None,
        )

    return _submit(request, pk, "statement", form.is_valid(), call, _("Statement recorded."))


@require_POST
@staff_required
def interview(request, pk):
    _visible(request, pk)
    form = f.InterviewForm(request.POST)

    def call():
        d = form.cleaned_data
        services.interview_record(
            case_id=pk, actor=request.user, version=_version(request),
            employer_representative=d["employer_representative"], held_on=d["held_on"], outcome=d["outcome"],
        )

    return _submit(request, pk, "interview", form.is_valid(), call, _("Interview recorded."))


@require_POST
@staff_required
def evidence(request, pk):
    _visible(request, pk)
    form = f.EvidenceForm(request.POST)

    def call():
        d = form.cleaned_data
        services.evidence_gather(
            case_id=pk, actor=request.user, version=_version(request), description=d["description"],
            source=d["source"], gathered_on=d["gathered_on"],
        )

    return _submit(request, pk, "evidence", form.is_valid(), call, _("Evidence recorded."))


# --- order to correct and compliance ---


@require_POST
@staff_required
def order(request, pk):
    _visible(request, pk)
    form = f.CorrectionOrderForm(request.POST)
    items = f.CorrectionItemFormSet(request.POST, prefix="items")
    valid = form.is_valid() & items.is_valid()  # both, so both show their errors

    def call():
        d = form.cleaned_data
        services.correction_order_issue(
            case_id=pk, actor=request.user, version=_version(request), due_on=d["due_on"],
            items=[i.as_item() for i in items.forms if i.has_entry()], workers_covered=d["workers_covered"],
            requirements=d["requirements"], findings=d["findings"],
        )

    return _submit(request, pk, "order", valid, call, _("Order to correct issued."))


@require_POST
@staff_required
def compliance(request, pk):
    _visible(request, pk)
    latest = selectors.latest_order(user=request.user, case_id=pk)
    form = f.ComplianceForm(request.POST, items=latest.items.all() if latest else ())

    def call():
        services.compliance_record(
            case_id=pk, actor=request.user, version=_version(request), amounts_paid=form.amounts_paid(),
            workers_paid=form.cleaned_data["workers_paid"], complied=form.cleaned_data["complied"] == "yes",
        )

    return _submit(request, pk, "comply", form.is_valid(), call, _("Compliance recorded."))


# --- penalties ---


@require_POST
@staff_required
def propose(request, pk):
    _visible(request, pk)
    form = f.PenaltyProposeForm(request.POST, rules=selectors.penalty_rules())

    def call():
        d = form.cleaned_data
        services.penalty_propose(
            case_id=pk, actor=request.user, version=_version(request), article=d["article"],
            workers=d["workers"] if d["workers"] is not None else 0, amount=d["amount"], basis=d["basis"],
            facts=d["facts"],
        )

    return _submit(request, pk, "propose", form.is_valid(), call,
                   _("Penalty proposed: the notice was issued; the employer may now state its case."))


@require_POST
@staff_required
def employer_statement(request, pk):
    _visible(request, pk)
    form = f.EmployerStatementForm(request.POST)

    def call():
        d = form.cleaned_data
        services.employer_statement_record(
            case_id=pk, actor=request.user, version=_version(request), kind=d["kind"], summary=d["summary"],
            received_on=d["received_on"],
        )

    return _submit(request, pk, "employer", form.is_valid(), call, _("The employer's statement is recorded."))


@require_POST
@staff_required
def decide(request, pk):
    _visible(request, pk)
    form = f.PenaltyDecideForm(request.POST)

    def call():
        d = form.cleaned_data
        services.penalty_decide(
            case_id=pk, actor=request.user, version=_version(request), amount_recovered=d["amount_recovered"],
            workers_covered=d["workers_covered"],
        )

    return _submit(request, pk, "decide", form.is_valid(), call,
                   _("Penalty decided: the decision was issued and the case is closed."))


# --- hand-off and closing ---


@require_POST
@staff_required
def transfer(request, pk):
    _visible(request, pk)
    form = f.TransferForm(request.POST, institutes=selectors.arbitration_institutes())

    def call():
        d = form.cleaned_data
        services.inspection_transfer_to_arbitration(
            case_id=pk, actor=request.user, version=_version(request), to_org_id=int(d["to_org"]), note=d["note"],
        )

    return _submit(request, pk, "transfer", form.is_valid(), call,
                   _("Transferred to arbitration: you remain responsible until the institute accepts."))


@require_POST
@staff_required
def close(request, pk):
    _visible(request, pk)
    form = f.CloseForm(request.POST)

    def call():
        d = form.cleaned_data
        services.inspection_close(
            case_id=pk, actor=request.user, version=_version(request), outcome=d["outcome"],
            amounts_recovered=d["amounts_recovered"], workers_covered=d["workers_covered"], reason=d["reason"],
        )

    return _submit(request, pk, "close", form.is_valid(), call, _("The inspection case is closed."))
