"""The compliance file as a page (inspectors, clerks, supervisors) and as the panel the intake form shows."""

import csv
import io

from django.core.exceptions import PermissionDenied
from openpyxl import Workbook
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import staff_of
from core.masking import mask_id_number
from core.models import OrgKind, Role
from disputes.kit.web import Workbench, case_version, staff_required
from disputes.models import Document
from disputes.selectors import cases_visible_to

from . import forms, revocation, selectors, services, warning_forms, warning_views
from .doors import LISTING
from .models import ListingState, RemovalReason
from .selectors import GRADE_A_RULE, GRADE_SOURCE, compliance_file


@staff_required
def employer_file(request, credit_code):
    if request.profile.organization.kind == OrgKind.INDUSTRY_DEPARTMENT:
        raise Http404  # it lists the employer's cases: a department reads only its warnings (compliance.departments)
    today = timezone.localdate()
    found = compliance_file(credit_code, today=today)
    if found is None:
        raise Http404
    return render(request, "compliance/employer_file.html",
                  {"file": found, "grade_a_rule": GRADE_A_RULE, "grade_source": GRADE_SOURCE,
                   **warning_views.employer_file_context(request, found, today)})


@staff_required
def employer_summary(request):
    """The panel the registration form fetches when a credit code is entered: nothing for an unknown employer."""
    if request.profile.organization.kind == OrgKind.INDUSTRY_DEPARTMENT:
        raise Http404
    found = compliance_file(request.GET.get("credit_code", ""), today=timezone.localdate())
    if found is None:
        return HttpResponse("")
    return render(request, "compliance/_summary.html", {"file": found})


# --- the wage-arrears list: the supervisor's queue, the listing's page with its steps, the shared file ---------

LISTING_STAFF = (Role.INSPECTOR, Role.SUPERVISOR)
BENCH = Workbench("compliance:listing", stash="listing_form")
STATES = ListingState


def _profile(request):
    profile = staff_of(request.user)
    if profile.role not in LISTING_STAFF:
        raise PermissionDenied
    return profile


@staff_required
def listing_queue(request):
    profile = _profile(request)
    state = request.GET.get("state", "")
    state = state if state in ListingState.values else ""
    listings = list(selectors.listings_of_org(profile.organization_id, state=state)[:200])
    return render(request, "compliance/listing_queue.html", {
        "listings": listings, "state": state, "states": ListingState.choices,
        "may_export": profile.role == Role.SUPERVISOR,
    })


@staff_required
def listing_export(request):
    """The list shared with the other departments (Order 45 arts 9-10): an Excel workbook, or CSV (UTF-8 with
    BOM) with ?format=csv."""
    profile = _profile(request)
    if profile.role != Role.SUPERVISOR:
        raise PermissionDenied
    today = timezone.localdate()
    rows = selectors.listed_rows(profile.organization_id, today=today)
    if request.GET.get("format") != "csv":
        book = Workbook()
        sheet = book.active
        sheet.title = str(_("Wage-arrears list"))[:31]
        sheet.append([str(h) for h in EXPORT_HEADER])
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="wage-arrears-list-{today.isoformat()}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wage-arrears-list-{today.isoformat()}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(h) for h in EXPORT_HEADER])
    writer.writerows(rows)
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_HEADER = (_("Employer"), _("Unified social credit code"), _("Ground"), _("Persons listed"),
                 _("Decision number"), _("Decided on"), _("Listed until"))


@staff_required
def listing_page(request, pk):
    listing = get_object_or_404(LISTING.visible(request.user).select_related("employer", "case"), pk=pk)
    profile = staff_of(request.user)
    handles_it = profile.role in LISTING_STAFF and profile.organization_id == listing.case.owner_org_id
    supervisor = handles_it and profile.role == Role.SUPERVISOR
    refused = BENCH.refused(request, pk)
    s = listing.state
    may = {
        "notice": handles_it and s == STATES.PROPOSED,
        "objection": handles_it and s == STATES.NOTIFIED and listing.objection_received_on is None,
        "review": handles_it and s == STATES.NOTIFIED and listing.objection_received_on is not None
        and listing.objection_reviewed_on is None,
        "extend": supervisor and s in (STATES.PROPOSED, STATES.NOTIFIED) and not listing.decision_extended_by_id,
        "decide": handles_it and s == STATES.NOTIFIED,
        "apply": handles_it and s == STATES.LISTED and (listing.removal_applied_on is None or bool(listing.removal_refused_reason)),
        "removal": supervisor and s == STATES.LISTED and listing.removal_applied_on is not None
        and not listing.removal_refused_reason,
        # Order 45 arts 15-16 (compliance.revocation).
        "revoke": supervisor and s == STATES.LISTED,
        "revoke_removal": supervisor and s == STATES.REMOVED and listing.removal_reason == RemovalReason.EARLY,
    }
    forms_ = {name: BENCH.form(refused, name, cls) for name, cls in FORMS.items() if may[name]}
    persons = [{"name": p["name"], "role": p["role"], "id_number": mask_id_number(p.get("id_number", ""))}
               for p in listing.responsible_persons]
    documents = Document.objects.filter(case_id=listing.case_id, kind__in=LISTING_DOCUMENTS).order_by("kind", "version")
    return render(request, "compliance/listing.html", {
        "listing": listing, "case": listing.case, "persons": persons, "may": may, "forms": forms_,
        "documents": list(documents),
    })


FORMS = {
    "notice": forms.NoticeForm, "objection": forms.ObjectionForm, "review": forms.ObjectionReviewForm,
    "extend": forms.ExtensionForm, "decide": forms.DecisionForm, "apply": forms.RemovalApplicationForm,
    "removal": forms.RemovalDecisionForm, "revoke": warning_forms.RevocationForm,
    "revoke_removal": warning_forms.RemovalRevocationForm,
}
LISTING_DOCUMENTS = ("listing_notice", "listing_decision", "listing_removal", "listing_reinstatement")


def _step(name, success, service, **fixed):
    @BENCH.post(door=LISTING)
    def view(request, pk, case_id):
        form = FORMS[name](request.POST, name=name)
        return BENCH.submit(request, pk, name, form, success, lambda d: service(
            listing_id=pk, actor=request.user, version=case_version(request), **d, **fixed), anchor=f"{name}-form")

    view.__name__ = view.__qualname__ = f"listing_{name}"
    return view


listing_notice = _step("notice", _("Employer notified; the notice is issued."), services.listing_notify)
listing_objection = _step("objection", _("The employer's statement is recorded."), services.listing_objection_record)
listing_review = _step("review", _("The verification is recorded."), services.listing_objection_review)
listing_extend = _step("extend", _("The decision period is extended."), services.listing_decision_extend)
listing_decide = _step("decide", _("The decision is recorded."), services.listing_decide)
listing_apply = _step("apply", _("The application for early removal is recorded."), services.listing_removal_apply)
listing_removal = _step("removal", _("The early removal is decided."), services.listing_removal_decide)
listing_revoke = _step("revoke", _("The listing is revoked and the employer removed."), revocation.listing_revoke)
listing_revoke_removal = _step("revoke_removal", _("The early removal is revoked; the employer is listed again."),
                               revocation.listing_removal_revoke)


PROPOSE = Workbench("compliance:listing-new", stash="listing_propose_form")


@staff_required
def listing_new(request, pk):
    """The proposal's form, from the case (the handling inspection team)."""
    case = get_object_or_404(cases_visible_to(request.user).select_related("employer"), pk=pk)
    form = PROPOSE.form(PROPOSE.refused(request, pk), "propose", forms.ProposeForm)
    return render(request, "compliance/listing_new.html", {"case": case, "form": form})


@PROPOSE.post
def listing_propose(request, pk):
    form = forms.ProposeForm(request.POST, name="propose")
    created = {}

    def call(d):
        created["listing"] = services.listing_propose(case_id=pk, actor=request.user, version=case_version(request), **d)

    return PROPOSE.submit(request, pk, "propose", form, _("Listing proposed; the decision clock runs."), call,
                          then=lambda: redirect("compliance:listing", created["listing"].pk))
