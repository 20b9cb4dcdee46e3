"""The publication of major violations (MOHRSS Order 29) as pages: the inspection body's lists and the review of
one (supervisors act, inspectors read), and the public page with its PDF and Excel downloads (no account, a
phone screen, limited per address like the status page)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import get_usage

from core.access import staff_of
from core.errors import DomainError
from core.errors import PermissionDenied as PermissionDeniedError
from core.models import OrgKind
from disputes.kit.doors import Door
from disputes.kit.web import Workbench, case_version, flash_error, staff_required

from . import publication as pub
from . import publication_export as export
from .publication_forms import AssembleForm, EntryForm, StepForm
from .publication_models import EntryDecision, Publication, PublicationEntry, PublicationState


def _own(user):
    return staff_of(user).organization_id


# What a list's or an entry's id in a URL opens (disputes.kit.doors): the lists of the user's own body.
PUBLICATION = Door(Publication, "publication_id", case="",
                   rows=lambda user: Publication.objects.filter(organization_id=_own(user)))
ENTRY = Door(PublicationEntry, "entry_id", case="",
             rows=lambda user: PublicationEntry.objects.filter(publication__organization_id=_own(user)))

BENCH = Workbench("compliance:publication", stash="publication_form")


def _reader(request):
    profile = staff_of(request.user)
    if profile.role not in pub.READER_ROLES or profile.organization.kind != OrgKind.INSPECTION:
        raise PermissionDenied
    return profile


@staff_required
def publications(request):
    profile = _reader(request)
    may_assemble = profile.role in pub.PUBLISHER_ROLES
    year, quarter = pub.last_ended_quarter(timezone.localdate())
    form = AssembleForm(request.POST or None, initial={"year": year, "quarter": quarter})
    if request.method == "POST":
        if not may_assemble:
            raise PermissionDenied
        if form.is_valid():
            try:
                publication = pub.publication_assemble(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                flash_error(request, exc)
                for key, msgs in exc.fields.items():
                    form.add_error(key if key in form.fields else None, msgs)
            else:
                messages.success(request, _("The quarter's list is assembled from the decided cases."))
                return redirect("compliance:publication", publication.pk)
    return render(request, "compliance/publication_list.html", {
        "publications": list(pub.publications_of(profile).order_by("-year", "-quarter")[:100]),
        "form": form, "may_assemble": may_assemble,
    })


@staff_required
def publication_page(request, pk):
    try:
        publication = pub.publication_for(request.user, pk)  # a 404 outside the body, before the role
    except PermissionDeniedError:
        raise PermissionDenied from None
    profile = _reader(request)
    entries = list(pub.entries_of(publication))
    acts = profile.role in pub.PUBLISHER_ROLES
    draft = publication.state == PublicationState.DRAFT
    refused = BENCH.refused(request, pk)
    if acts and draft:
        categories = EntryForm.categories()
        for entry in entries:
            entry.form = BENCH.form(refused, f"entry{entry.pk}", EntryForm, initial=EntryForm.initial_for(entry),
                                    categories=categories)
    return render(request, "compliance/publication.html", {
        "publication": publication, "entries": entries, "draft": draft,
        "may_approve": acts and draft, "may_publish": acts and publication.state == PublicationState.APPROVED,
        "step_errors": refused.errors if refused and refused.form == "step" else {},
        "pending": sum(e.decision == EntryDecision.PENDING for e in entries),
    })


@BENCH.post(door=ENTRY)
def publication_entry(request, pk, case_id):
    publication_id = PublicationEntry.objects.filter(pk=pk).values_list("publication_id", flat=True).get()
    form = EntryForm(request.POST, name=f"entry{pk}", categories=EntryForm.categories())
    return BENCH.submit(request, publication_id, f"entry{pk}", form, _("The entry is reviewed."), lambda d:
                        pub.publication_entry_review(entry_id=pk, actor=request.user, version=case_version(request),
                                                     **form.service_data()), anchor=f"entry-{pk}")


def _step(service, success):
    @BENCH.post(door=PUBLICATION)
    def view(request, pk, case_id):
        return BENCH.submit(request, pk, "step", StepForm(request.POST, name="step"), success, lambda d: service(
            publication_id=pk, actor=request.user, version=case_version(request)), anchor="steps")

    view.__name__ = view.__qualname__ = service.__name__
    return view


publication_approve = _step(pub.publication_approve, _("The list is approved; it can now be published."))
publication_publish = _step(pub.publication_publish, _("The list is published."))


# --- the public page ----------------------------------------------------------------------------------------

# Lists shown per address and minute on the public pages and downloads (django-ratelimit, the cache the status
# page's limits use): enough for a reader, not for a crawler rendering PDFs in a loop. Only what is found is
# counted (as the status page counts only failures, the cheap answers cost nothing): a 404 stays a 404.
PUBLIC_RATE = getattr(settings, "PUBLICATION_PUBLIC_RATE", "60/m")
PUBLIC_GROUP = "compliance.publication.public"


def _usage(request, *, count: bool):
    return get_usage(request, group=PUBLIC_GROUP, key="ip", rate=PUBLIC_RATE, method=get_usage.ALL, increment=count)


def _public(view):
    @require_GET
    def wrapper(request, *args, **kwargs):
        usage = _usage(request, count=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return render(request, "compliance/publication_public.html", {"limited": True}, status=429)
        return view(request, *args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = view.__name__
    return wrapper


def _shown(request):
    """Count this answer against the address's allowance."""
    _usage(request, count=True)


def _published(request, pk):
    found = pub.published().filter(pk=pk).first()
    if found is None:
        raise Http404
    _shown(request)
    return found


@_public
def public_index(request):
    _shown(request)
    return render(request, "compliance/publication_public.html", {"lists": list(pub.published()[:200])})


@_public
def public_list(request, pk):
    publication = _published(request, pk)
    return render(request, "compliance/publication_public.html", {
        "publication": publication, "entries": pub.public_entries(publication), "title": export.title_of(publication),
    })


def _download(publication, body, content_type, ext):
    response = HttpResponse(body, content_type=content_type)
    name = f"major-violations-{publication.organization_id}-{publication.year}Q{publication.quarter}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_public
def public_pdf(request, pk):
    publication = _published(request, pk)
    return _download(publication, export.pdf(publication, pub.public_entries(publication)), "application/pdf", "pdf")


@_public
def public_xlsx(request, pk):
    publication = _published(request, pk)
    return _download(publication, export.workbook(publication, pub.public_entries(publication)),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")


