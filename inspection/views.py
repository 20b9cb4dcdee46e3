"""The inspector's workbench: one page per case showing the inspection file, and one POST view per service.

Each POST validates its form, calls one service and redirects back to the workbench. A refusal (a form error or
a domain error) keeps what was typed: the submitted fields are put in the session for the next GET, which
shows them again with the errors beside the fields, so a stale version or a wrong amount costs no retyping.
"""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from disputes.choices import CaseState, ReferralState
from disputes.kit.web import Workbench, case_version, staff_required, to_int

from . import forms as f
from . import selectors, services
from .models import FilingDecisionKind, PenaltyKind

# Ids carry the form's name: several forms on the page have a "summary" or a "reason".
BENCH = Workbench("inspection:workbench", stash="inspection_form", auto_id="{name}-%s")


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
    stash = BENCH.refused(request, pk)
    team = selectors.inspection_team(org_id=profile.organization_id) if may["file"] or may["record"] else []
    forms = {}
    if may["file"]:
        forms["file"] = BENCH.form(stash, "file", f.FileForm, team=team, initial={"inspector": str(request.user.pk)})
        forms["refuse"] = BENCH.form(stash, "refuse", f.RefuseForm)
    if may["record"]:
        forms["visit"] = BENCH.form(stash, "visit", f.VisitForm, team=team,
                                    initial={"inspectors": [str(request.user.pk)]})
        forms["statement"] = BENCH.form(stash, "statement", f.StatementForm, team=team,
                                   initial={"taken_by": str(request.user.pk)})
        forms["interview"] = BENCH.form(stash, "interview", f.InterviewForm)
        forms["evidence"] = BENCH.form(stash, "evidence", f.EvidenceForm)
    if may["order"]:
        forms["order"] = BENCH.form(stash, "order", f.CorrectionOrderForm)
        forms["order_items"] = BENCH.form(stash, "order", f.CorrectionItemFormSet, prefix="items")
    if may["comply"]:
        forms["comply"] = BENCH.form(stash, "comply", f.ComplianceForm, items=wb.balance.order.item_rows)
    if may["propose"]:
        forms["propose"] = BENCH.form(stash, "propose", f.PenaltyProposeForm, rules=wb.rules)
    if may["employer"]:
        forms["employer"] = BENCH.form(stash, "employer", f.EmployerStatementForm)
    if may["decide"]:
        forms["decide"] = BENCH.form(stash, "decide", f.PenaltyDecideForm)
    if may["transfer"]:
        forms["transfer"] = BENCH.form(stash, "transfer", f.TransferForm, institutes=selectors.arbitration_institutes())
    if may["close"]:
        forms["close"] = BENCH.form(stash, "close", f.CloseForm)
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


def _team(request):
    return selectors.inspection_team(org_id=request.profile.organization_id)


def _step(request, pk, name, form, success, call, **kwargs):
    # Refused, the page opens at the form again.
    return BENCH.submit(request, pk, name, form, success, call, anchor=f"{name}-form", **kwargs)


@BENCH.post
def file_complaint(request, pk):
    form = f.FileForm(request.POST, team=_team(request))
    return _step(request, pk, "file", form, _("The complaint is filed for inspection and is now in your team's queue."),
                 lambda d: services.inspection_file(
                     referral_id=to_int(request.POST.get("referral"), -1), actor=request.user,
                     inspector_id=int(d["inspector"])))


@BENCH.post
def refuse(request, pk):
    form = f.RefuseForm(request.POST)
    # Refused, the case goes back to the window and leaves our scope: its workbench would now be a 404.
    return _step(request, pk, "refuse", form,
                 _("Filing refused in writing: the notice was issued and the case went back to the window."),
                 lambda d: services.inspection_refuse(
                     referral_id=to_int(request.POST.get("referral"), -1), actor=request.user,
                     reason_code=d["reason_code"], reason=d["reason"]),
                 then=redirect("disputes:incoming"))


# --- investigation ---


@BENCH.post
def visit(request, pk):
    form = f.VisitForm(request.POST, team=_team(request))
    return _step(request, pk, "visit", form, _("Visit recorded."), lambda d: services.visit_record(
        case_id=pk, actor=request.user, version=case_version(request), visited_on=d["visited_on"], place=d["place"],
        inspector_ids=[int(i) for i in d["inspectors"]], findings=d["findings"]))


@BENCH.post
def statement(request, pk):
    form = f.StatementForm(request.POST, team=_team(request))
    return _step(request, pk, "statement", form, _("Statement recorded."), lambda d: services.statement_record(
        case_id=pk, actor=request.user, version=case_version(request), who=d["who"], name=d["name"],
        taken_on=d["taken_on"], summary=d["summary"], taken_by_id=int(d["taken_by"]) if d["taken_by"] else None))


@BENCH.post
def interview(request, pk):
    form = f.InterviewForm(request.POST)
    return _step(request, pk, "interview", form, _("Interview recorded."), lambda d: services.interview_record(
        case_id=pk, actor=request.user, version=case_version(request), **d))


@BENCH.post
def evidence(request, pk):
    form = f.EvidenceForm(request.POST)
    return _step(request, pk, "evidence", form, _("Evidence recorded."), lambda d: services.evidence_gather(
        case_id=pk, actor=request.user, version=case_version(request), **d))


# --- order to correct and compliance ---


@BENCH.post
def order(request, pk):
    form = f.CorrectionOrderForm(request.POST)
    items = f.CorrectionItemFormSet(request.POST, prefix="items")
    return _step(request, pk, "order", form, _("Order to correct issued."), lambda d: services.correction_order_issue(
        case_id=pk, actor=request.user, version=case_version(request), due_on=d["due_on"],
        items=[i.as_item() for i in items.forms if i.has_entry()], workers_covered=d["workers_covered"],
        requirements=d["requirements"], findings=d["findings"]), also=[items])


@BENCH.post
def compliance(request, pk):
    latest = selectors.latest_order(user=request.user, case_id=pk)
    form = f.ComplianceForm(request.POST, items=latest.items.all() if latest else ())
    return _step(request, pk, "comply", form, _("Compliance recorded."), lambda d: services.compliance_record(
        case_id=pk, actor=request.user, version=case_version(request), amounts_paid=form.amounts_paid(),
        workers_paid=d["workers_paid"], complied=d["complied"] == "yes"))


# --- penalties ---


@BENCH.post
def propose(request, pk):
    form = f.PenaltyProposeForm(request.POST, rules=selectors.penalty_rules())
    return _step(request, pk, "propose", form,
                 _("Penalty proposed: the notice was issued; the employer may now state its case."),
                 lambda d: services.penalty_propose(
                     case_id=pk, actor=request.user, version=case_version(request), article=d["article"],
                     workers=d["workers"] if d["workers"] is not None else 0, amount=d["amount"], basis=d["basis"],
                     facts=d["facts"]))


@BENCH.post
def employer_statement(request, pk):
    form = f.EmployerStatementForm(request.POST)
    return _step(request, pk, "employer", form, _("The employer's statement is recorded."),
                 lambda d: services.employer_statement_record(
                     case_id=pk, actor=request.user, version=case_version(request), **d))


@BENCH.post
def decide(request, pk):
    form = f.PenaltyDecideForm(request.POST)
    return _step(request, pk, "decide", form, _("Penalty decided: the decision was issued and the case is closed."),
                 lambda d: services.penalty_decide(case_id=pk, actor=request.user, version=case_version(request), **d))


# --- hand-off and closing ---


@BENCH.post
def transfer(request, pk):
    form = f.TransferForm(request.POST, institutes=selectors.arbitration_institutes())
    return _step(request, pk, "transfer", form,
                 _("Transferred to arbitration: you remain responsible until the institute accepts."),
                 lambda d: services.inspection_transfer_to_arbitration(
                     case_id=pk, actor=request.user, version=case_version(request), to_org_id=int(d["to_org"]),
                     note=d["note"]))


@BENCH.post
def close(request, pk):
    form = f.CloseForm(request.POST)
    return _step(request, pk, "close", form, _("The inspection case is closed."), lambda d: services.inspection_close(
        case_id=pk, actor=request.user, version=case_version(request), **d))
