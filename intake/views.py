"""The window's registration page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.files import stored_file_response
from disputes.audit import record_read
from disputes.collective import group_of
from disputes.kit.doors import CASE
from disputes.kit.web import CASE_PAGE, flash_error, staff_required, through
from disputes.models import ReadKind
from disputes.selectors import answers_to_worker, case_detail, case_get

from . import staging
from .forms import ClaimFormSet, CollectiveForm, ComplaintForm, SplitForm
from .receipt import pending_receipt_render
from .selectors import latest_receipt
from .services import (
    ComplaintInput,
    GroupWorker,
    PossibleDuplicate,
    case_reissue_query_code,
    collective_register,
    complaint_register,
)
from .split import complaint_split, may_split

# Service error keys that are named differently on the form.
_FIELD_ALIASES = {"division_id": "division"}


def _input_from(form, formset) -> ComplaintInput:
    d = form.cleaned_data
    claims = [
        {"type": c.get("type", ""), "amount": c.get("amount"), "description": c.get("description", "")}
        for c in (f.cleaned_data for f in formset.forms if f.is_valid())
        if c and (c.get("type") or c.get("amount") is not None or c.get("description"))
    ] if formset is not None else []
    return ComplaintInput(
        worker_name=d.get("worker_name", ""), worker_id_number=d.get("worker_id_number", ""),
        worker_phone=d.get("worker_phone", ""),
        worker_occupation=d["worker_occupation"], worker_platform=d.get("worker_platform", ""),
        employer_name=d["employer_name"], employer_credit_code=d["employer_credit_code"],
        employer_address=d["employer_address"], employer_is_platform=d.get("employer_is_platform", False),
        employer_industry=d["employer_industry"], division_id=d["division"].pk if d.get("division") else None,
        channel=d["channel"], facts=d["facts"], violation_started_on=d.get("violation_started_on"),
        violation_ended_on=d.get("violation_ended_on"), claims=claims,
        employment_ended_on=d.get("employment_ended_on"), limitation_reason=d.get("limitation_reason", ""),
        worker_email=d.get("worker_email", ""), worker_notices=d.get("worker_notices", False),
        child_labour_confirmed=d.get("child_labour_confirmed", False),
    )


@staff_required
def register(request):
    form = ComplaintForm(request.POST or None)
    formset = ClaimFormSet(request.POST or None, prefix="claims")
    token = request.POST.get("staged", "")
    context = {"form": form, "formset": formset, "duplicates": [], "staged": "", "staged_names": []}
    if request.method != "POST":
        return render(request, "intake/register.html", context)

    new_files = request.FILES.getlist("evidence")
    staged_files = [] if new_files else staging.load(request, token)
    files = new_files or staged_files
    # Both checked, so every mistake shows in one round.
    form_ok, claims_ok = form.is_valid(), formset.is_valid()
    if form_ok and claims_ok:
        link_to = request.POST.get("link_to_case")
        try:
            result = complaint_register(
                actor=request.user, data=_input_from(form, formset), evidence_files=files,
                link_to_case_id=int(link_to) if link_to and link_to.isdigit() else None,
                force_new=request.POST.get("force_new") == "1",
            )
        except PossibleDuplicate as exc:
            context["duplicates"] = exc.cases
        except DomainError as exc:
            for field, msgs in exc.fields.items():
                field = _FIELD_ALIASES.get(field, field)
                for m in msgs if isinstance(msgs, list) else [msgs]:
                    if field in form.fields:
                        form.add_error(field, str(m))
                    else:
                        context.setdefault("other_errors", []).append(str(m))
            if not exc.fields:
                flash_error(request, exc)
        else:
            staging.discard(request, token, staged_files)
            if result.linked:
                messages.success(request, _("The complaint was added to the open case %(n)s.") % {"n": result.case.number})
                return redirect("disputes:case", pk=result.case.pk)
            request.session["last_query_code"] = {"case": result.case.pk, "code": result.query_code, "after": 0}
            return redirect("intake:registered", pk=result.case.pk)
    # Keep whatever was uploaded, so the clerk does not have to choose the files again.
    if new_files and "evidence" not in form.errors:
        staging.discard(request, token, staged_files)
        token = staging.stash(request, new_files)
    for f in staged_files:
        f.close()
    context["staged"] = token
    context["staged_names"] = staging.names(request, token)
    return render(request, "intake/register.html", context, status=400 if not context["duplicates"] else 200)


@staff_required
def register_collective(request):
    """集体争议登记: one employer, one set of facts and claim types, the list of workers with their own amounts;
    a case per worker, the first leading the group (intake.services.collective_register)."""
    form = CollectiveForm(request.POST or None)
    context = {"form": form, "line_errors": [], "other_errors": []}
    if request.method != "POST":
        return render(request, "intake/register_collective.html", context)
    rows = form.worker_rows() if form.is_valid() else []
    if form.is_valid() and rows:
        workers = [GroupWorker(name=r["name"], id_number=r["id_number"], phone=r["phone"], claims=r["claims"],
                               representative=r["representative"]) for r in rows]
        try:
            result = collective_register(actor=request.user, data=_input_from(form, None), workers=workers,
                                         evidence_files=request.FILES.getlist("evidence"))
        except DomainError as exc:
            for key, msgs in exc.fields.items():
                parts = key.split(".")
                for m in msgs if isinstance(msgs, list) else [msgs]:
                    if len(parts) == 3 and parts[0] == "workers" and parts[1].isdigit():
                        context["line_errors"].append(
                            _("Line %(n)d: %(message)s") % {"n": rows[int(parts[1])]["line"], "message": m})
                    elif _FIELD_ALIASES.get(key, key) in form.fields:
                        form.add_error(_FIELD_ALIASES.get(key, key), str(m))
                    else:
                        context["other_errors"].append(str(m))
            if not exc.fields:
                flash_error(request, exc)
        else:
            request.session["last_group_codes"] = {
                "lead": result.lead.pk, "codes": {str(r.case.pk): r.query_code for r in result.results}}
            return redirect("intake:registered_collective", pk=result.lead.pk)
    return render(request, "intake/register_collective.html", context, status=400)


@staff_required
def registered_collective(request, pk):
    """Shown once after a collective registration: every worker's case, query code and receipt."""
    lead = case_detail(user=request.user, case_id=pk)
    stash = request.session.get("last_group_codes") or {}
    codes = stash.get("codes", {}) if stash.get("lead") == lead.pk else {}
    group = group_of(lead)
    rows = [(m, codes.get(str(m.case.pk))) for m in group.members]
    return render(request, "intake/registered_collective.html", {"case": lead, "group": group, "rows": rows})


@staff_required
def registered(request, pk):
    """Shown once after registration: the query code is printed on the receipt and shown here only."""
    case = case_detail(user=request.user, case_id=pk)
    stash = request.session.get("last_query_code") or {}
    code = stash.get("code") if stash.get("case") == case.pk else None
    return render(request, "intake/registered.html", {"case": case, "query_code": code})


@staff_required
def receipt(request, pk):
    """The case's latest receipt as a PDF; one issued and not rendered yet is rendered now (the clerk printing
    it at the window does not wait for the background worker)."""
    case = case_get(user=request.user, case_id=pk)  # NotFound: a 404 (staff_required)
    # It prints the worker's query code: only the organisations answerable to the worker get it.
    if not answers_to_worker(request.profile, case):
        raise Http404
    document = pending_receipt_render(case_id=case.pk) or latest_receipt(case)
    if document is None:
        raise Http404
    record_read(request, ReadKind.RECEIPT, case_id=case.pk, object_id=document.pk)
    return stored_file_response(document.file, sha256=document.sha256, content_type="application/pdf",
                                as_attachment=False, filename=f"{case.number}-receipt-v{document.version}.pdf")


@CASE_PAGE.post
def reissue(request, pk):
    def reissue_code(_d):
        case, code = case_reissue_query_code(case_id=pk, actor=request.user)
        # Shown once on the next page (registered), as after registration.
        request.session["last_query_code"] = {"case": case.pk, "code": code}

    return CASE_PAGE.submit(request, pk, "reissue", None,
                            _("A new receipt was issued; the old query code no longer works."), reissue_code,
                            then=redirect("intake:registered", pk=pk))


@staff_required
@through(pk=CASE)
def split(request, pk):
    """Split the complaint: the chosen claims leave for a new case (intake.split); on success the new case's
    registration page, with its query code and receipt."""
    case = case_detail(user=request.user, case_id=pk)
    if not may_split(case, request.profile):
        messages.error(request, _("Only the window's clerk or supervisor handling the case may split the complaint, "
                                  "and only while it is at the window."))
        return redirect("disputes:case", pk=pk)
    form = SplitForm(request.POST or None, case=case, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            result = complaint_split(case_id=pk, actor=request.user, claims=d["claims"], facts=d["facts"],
                                     evidence=d["evidence"], version=d["version"])
        except DomainError as exc:
            # A stale version's field holds the current version, not a message: the message says it.
            fields = {k: v for k, v in exc.fields.items() if k != "version" and isinstance(v, list)}
            for field, msgs in fields.items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, str(m))
            if not fields:
                form.add_error(None, str(exc.message))
        else:
            request.session["last_query_code"] = {"case": result.case.pk, "code": result.query_code, "after": 0}
            messages.success(request, _("Case %(new)s was split from case %(old)s; give the worker its receipt.")
                             % {"new": result.case.number, "old": result.split_from.number})
            return redirect("intake:registered", pk=result.case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/split.html", {"case": case, "form": form}, status=status)
