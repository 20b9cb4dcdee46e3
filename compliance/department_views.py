"""Pages of the industry supervising departments (their warnings and interviews, read-only but for acknowledging
and feedback) and of the inspection team's interview follow-ups. Each view calls one service or selector."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.errors import DomainError, NotFound
from disputes.kit.web import Workbench, flash_error, staff_required, through, to_int

from . import departments
from . import warning_selectors as selectors
from . import warnings as services
from .doors import DEPARTMENT_WARNING, FOLLOW_UP
from .warning_forms import DepartmentAcknowledgeForm, DepartmentFeedbackForm, FollowUpCloseForm

DEPARTMENT = Workbench("compliance:department-warning", stash="department_form")


def _office(request):
    office = departments.office_of(request.profile)
    if office is None:
        raise PermissionDenied
    return office


@staff_required
def department_home(request):
    """The warnings naming the department in its jurisdiction (not yet acknowledged first) and the interviews
    about them."""
    office = _office(request)
    return render(request, "compliance/department.html", {
        "office": office,
        "warnings": departments.warnings_page(request.profile),
        "interviews": departments.interviews_page(request.profile),
    })


@staff_required
@through(pk=DEPARTMENT_WARNING)
def department_warning(request, pk):
    office = _office(request)
    try:
        warning = departments.warning_for(request.profile, pk)
    except NotFound:
        raise Http404 from None
    refused = DEPARTMENT.refused(request, pk)
    return render(request, "compliance/department_warning.html", {
        "office": office, "w": warning,
        "interviews": departments.interviews_page(request.profile, warning_id=warning.pk),
        "ack_form": DEPARTMENT.form(refused, "ack", DepartmentAcknowledgeForm),
        "feedback_form": DEPARTMENT.form(refused, "feedback", DepartmentFeedbackForm,
                                         initial={"feedback": warning.department_feedback}),
    })


@DEPARTMENT.post(door=DEPARTMENT_WARNING)
def department_acknowledge(request, pk, case_id):
    form = DepartmentAcknowledgeForm(request.POST, name="ack")
    return DEPARTMENT.submit(request, pk, "ack", form, _("The warning is acknowledged."), lambda d: (
        departments.department_acknowledge(warning_id=pk, actor=request.user,
                                           version=to_int(request.POST.get("version"), -1))))


@DEPARTMENT.post(door=DEPARTMENT_WARNING)
def department_feedback(request, pk, case_id):
    form = DepartmentFeedbackForm(request.POST, name="feedback")
    return DEPARTMENT.submit(request, pk, "feedback", form, _("The feedback is recorded."), lambda d: (
        departments.department_feedback(warning_id=pk, actor=request.user,
                                        version=to_int(request.POST.get("version"), -1), **d)),
        anchor="feedback-form")


# --- the inspection team's interview follow-ups ------------------------------------------------------------------


@staff_required
def follow_ups_page(request):
    """The team's open follow-ups, overdue first, each with the form that closes it."""
    if request.profile.organization.kind != "inspection" or request.profile.role not in selectors.WARNING_ROLES:
        raise PermissionDenied
    return render(request, "compliance/follow_ups.html", {
        "rows": selectors.follow_ups(request.profile, today=timezone.localdate()),
        "form": FollowUpCloseForm(name="close"),
    })


@require_POST
@staff_required
@through(pk=FOLLOW_UP)
def follow_up_close(request, pk):
    form = FollowUpCloseForm(request.POST, name="close")
    back = reverse("compliance:follow-ups")
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[k].label}：{e}" for k, errs in form.errors.items()
                                         for e in errs))
        return redirect(back)
    try:
        services.follow_up_close(interview_id=pk, actor=request.user, version=to_int(request.POST.get("version"), -1),
                                 **form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        flash_error(request, exc)
        return redirect(back)
    messages.success(request, _("The follow-up is recorded."))
    return redirect(back)


urlpatterns = [
    path("department/", department_home, name="department"),
    path("department/warnings/<int:pk>/", department_warning, name="department-warning"),
    path("department/warnings/<int:pk>/acknowledge/", department_acknowledge, name="department-acknowledge"),
    path("department/warnings/<int:pk>/feedback/", department_feedback, name="department-feedback"),
    path("follow-ups/", follow_ups_page, name="follow-ups"),
    path("follow-ups/<int:pk>/close/", follow_up_close, name="follow-up-close"),
]
