"""Pages of early warning (the team's warnings, complaints over time), interviews and warnings recorded in the
employer's compliance file, and the trustworthy list (page and Excel). Views call one service or selector each."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from core.errors import DomainError, NotFound
from core.models import Role
from disputes.choices import SupervisingDepartment
from disputes.kit.web import Workbench, flash_error, staff_required, through, to_int

from . import warning_selectors as selectors
from .doors import WARNING
from . import warnings as services
from .warning_forms import AcknowledgeForm, CloseForm, InterviewForm
from .warning_models import WarningState, WarningSubject

WARNING_STAFF = (Role.INSPECTOR, Role.SUPERVISOR)
INTERVIEW = Workbench("compliance:employer", stash="interview_form")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _profile(request):
    if request.profile.role not in WARNING_STAFF:
        raise PermissionDenied
    return request.profile


@staff_required
def warnings_page(request):
    profile = _profile(request)
    state = request.GET.get("state", WarningState.OPEN)
    state = state if state in WarningState.values else ""
    department = request.GET.get("department", "")
    department = department if department in SupervisingDepartment.values else ""
    rows = selectors.warnings_page(profile, state=state, department=department)
    return render(request, "compliance/warnings.html", {
        "warnings": rows, "state": state, "states": WarningState.choices, "department": department,
        "departments": SupervisingDepartment.choices, "ack_form": AcknowledgeForm(name="ack"),
        "close_form": CloseForm(name="close"), "open": WarningState.OPEN, "closed": WarningState.CLOSED,
    })


def _warning_step(name, success, service, form_class):
    @require_POST
    @staff_required
    @through(pk=WARNING)
    def view(request, pk):
        form = form_class(request.POST, name=name)
        back = reverse("compliance:warnings") + (f"?state={request.POST.get('back_state', '')}")
        if not form.is_valid():
            messages.error(request, " ".join(f"{form.fields[k].label}：{e}" for k, errs in form.errors.items()
                                             for e in errs))
            return redirect(back)
        try:
            service(warning_id=pk, actor=request.user, version=to_int(request.POST.get("version"), -1),
                    **form.cleaned_data)
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            flash_error(request, exc)
            return redirect(back)
        messages.success(request, success)
        return redirect(back)

    view.__name__ = view.__qualname__ = f"warning_{name}"
    return view


warning_acknowledge = _warning_step("ack", _("The warning is acknowledged."), services.warning_acknowledge,
                                    AcknowledgeForm)
warning_close = _warning_step("close", _("The warning is closed."), services.warning_close, CloseForm)


@staff_required
def trends_page(request):
    """Complaints per month over the last twelve months, per employer, platform or industry."""
    profile = _profile(request)
    by = request.GET.get("by", WarningSubject.EMPLOYER)
    by = by if by in WarningSubject.values else WarningSubject.EMPLOYER
    months, rows = selectors.complaint_trends(profile, by=by, today=timezone.localdate())
    return render(request, "compliance/warning_trends.html", {
        "months": months, "rows": rows, "by": by, "subjects": WarningSubject.choices,
    })


@staff_required
def trustworthy_page(request):
    """The employers the rule lists as trustworthy (守法诚信) in the team's divisions; ?format=xlsx for Excel."""
    profile = _profile(request)
    today = timezone.localdate()
    rule, employers = selectors.trustworthy_employers(today=today, divisions=selectors.divisions_of(profile))
    if request.GET.get("format") == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = str(_("Trustworthy employers"))[:31]
        sheet.append([str(_("Employer")), str(_("Unified social credit code")), str(_("Industry")), str(_("Address"))])
        for e in employers:
            sheet.append([e.name, e.credit_code, str(e.get_industry_display()), e.address])
        if rule is not None:
            sheet.append([])
            sheet.append([str(_("Rule")), rule.description, rule.source])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="trustworthy-employers-{today.isoformat()}.xlsx"'
        return response
    return render(request, "compliance/trustworthy.html", {"rule": rule, "employers": employers})


def employer_file_context(request, found, today) -> dict:
    """What the compliance file shows of interviews, warnings, complaints over time and the trustworthy list."""
    extras = selectors.employer_extras(found, today=today)
    may_record = selectors.employers_in_reach(request.profile, request.user).filter(pk=found.employer.pk).exists()
    if may_record:
        refused = INTERVIEW.refused(request, found.employer.credit_code)
        extras["interview_form"] = INTERVIEW.form(refused, "interview", InterviewForm,
                                                  initial={"warning_id": request.GET.get("warning")})
    return extras


@require_POST
@staff_required
def interview_new(request, credit_code):
    employer = selectors.employers_in_reach(request.profile, request.user).filter(credit_code=credit_code).first()
    if employer is None:
        raise Http404
    form = InterviewForm(request.POST, name="interview")
    return INTERVIEW.submit(request, credit_code, "interview", form, _("The interview is recorded."), lambda d: (
        services.interview_record(employer_id=employer.pk, actor=request.user, **d)), anchor="interview-form")


urlpatterns = [
    path("warnings/", warnings_page, name="warnings"),
    path("warnings/trends/", trends_page, name="warning-trends"),
    path("warnings/<int:pk>/acknowledge/", warning_acknowledge, name="warning-acknowledge"),
    path("warnings/<int:pk>/close/", warning_close, name="warning-close"),
    path("trustworthy/", trustworthy_page, name="trustworthy"),
    path("employers/<str:credit_code>/interviews/", interview_new, name="interview-new"),
]
