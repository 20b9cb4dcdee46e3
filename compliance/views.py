"""The compliance file as a page (inspectors, clerks, supervisors) and as the panel the intake form shows."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from disputes.kit.web import staff_required

from .selectors import GRADE_A_RULE, GRADE_SOURCE, compliance_file


@staff_required
def employer_file(request, credit_code):
    found = compliance_file(credit_code, today=timezone.localdate())
    if found is None:
        raise Http404
    return render(request, "compliance/employer_file.html",
                  {"file": found, "grade_a_rule": GRADE_A_RULE, "grade_source": GRADE_SOURCE})


@staff_required
def employer_summary(request):
    """The panel the registration form fetches when a credit code is entered: nothing for an unknown employer."""
    found = compliance_file(request.GET.get("credit_code", ""), today=timezone.localdate())
    if found is None:
        return HttpResponse("")
    return render(request, "compliance/_summary.html", {"file": found})
