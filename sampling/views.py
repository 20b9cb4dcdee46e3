"""Pages of random inspections: the supervisor's plans, pool previews, draws and conflicts, the drawn
inspectors' results, and the public record (no account, a phone screen, rate-limited).

A refused form is shown again with what was typed and the service's message beside its field."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from core.errors import DomainError, NotFound
from core.models import Division, OrgKind, Role
from disputes.kit.web import staff_required, through

from . import cases, selectors, services
from .doors import DRAW, INSPECTION, PLAN
from .forms import ConflictForm, PlanForm, ResultForm
from .models import DrawnInspection, InspectorConflict
from .pools import area_of, inspector_pool, pools_for
from .verify import verify

# The public pages are read by anyone: at most this many a minute from one address.
PUBLIC_RATE = "60/m"


def _team(request):
    if request.profile.organization.kind != OrgKind.INSPECTION or request.profile.role not in (
        Role.INSPECTOR, Role.SUPERVISOR
    ):
        raise DjangoPermissionDenied
    return request.profile


def _refused(form, exc: DomainError) -> None:
    """The service's refusal on the form: its message above, each field's beside the field."""
    form.add_error(None, str(exc.message))
    for key, msgs in (exc.fields or {}).items():
        for message in msgs if isinstance(msgs, list) else [msgs]:
            form.add_error(key if key in form.fields else None, str(message))


def _divisions(org):
    area = area_of(org)
    return Division.objects.all() if area is None else Division.objects.filter(pk__in=area)


@staff_required
def home(request):
    profile = _team(request)
    return render(request, "sampling/home.html", {
        "plans": list(selectors.plans_of(profile.organization_id)),
        "draws": list(selectors.draws_of(profile.organization_id)[:100]),
        "assigned": list(selectors.assigned_to(request.user.pk)[:100]),
        "may_manage": profile.role == Role.SUPERVISOR,
    })


@staff_required
def plan_new(request):
    profile = _team(request)
    if profile.role != Role.SUPERVISOR:
        raise DjangoPermissionDenied
    divisions = _divisions(profile.organization)
    form = PlanForm(request.POST or None, divisions=divisions,
                    initial={"year": timezone.localdate().year, "policy_source": services.DEFAULT_POLICY})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                plan = services.plan_create(
                    actor=request.user, name=d["name"], year=d["year"], item_ids=[i.pk for i in d["items"]],
                    division_ids=[x.pk for x in d["divisions"]], industries=d["industries"],
                    share_percent=d["share_percent"], max_per_year=d["max_per_year"],
                    min_months_between=d["min_months_between"],
                    inspectors_per_inspection=d["inspectors_per_inspection"], policy_source=d["policy_source"],
                    policy_verified=d["policy_verified"],
                )
            except NotFound:
                raise Http404 from None
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("Plan saved."))
                return redirect("sampling:plan", plan.pk)
        status = 400
    return render(request, "sampling/plan_new.html", {"form": form}, status=status)


@staff_required
@through(pk=PLAN)
def plan_page(request, pk):
    profile = _team(request)
    try:
        plan = selectors.plan_of(profile.organization_id, pk)
    except NotFound:
        raise Http404 from None
    pools = pools_for(plan, timezone.localdate())
    return render(request, "sampling/plan.html", {
        "plan": plan, "pools": pools, "excluded": pools.excluded_counts,
        "draws": list(selectors.draws_of(profile.organization_id, plan_id=plan.pk)),
        "may_draw": profile.role == Role.SUPERVISOR and plan.year == timezone.localdate().year,
    })


@require_POST
@staff_required
@through(pk=PLAN)
def plan_draw(request, pk):
    _team(request)
    try:
        draw = services.draw_run(actor=request.user, plan_id=pk)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("sampling:plan", pk)
    messages.success(request, _("Drawn: %(n)d employers.") % {"n": len(draw.result)})
    return redirect("sampling:draw", draw.pk)


def _draw_context(request, profile, pk, forms=None):
    try:
        draw = selectors.draw_of(profile.organization_id, pk)
    except NotFound:
        raise Http404 from None
    forms = forms or {}
    rows = []
    for row in draw.inspections.all():
        team = [t.inspector for t in row.team.all()]
        # An inspection with its own case takes its result from that case's ending, not from this form.
        may_record = row.opened_case_id is None and (profile.role == Role.SUPERVISOR or request.user in team)
        form = forms.get(row.pk) or (ResultForm(initial={
            "result": row.result, "checked_on": row.checked_on, "case_number": row.case.number if row.case else "",
            "version": row.version}, auto_id=f"id_r{row.pk}_%s") if may_record else None)
        rows.append({"row": row, "team": team, "form": form})
    may_open = profile.role == Role.SUPERVISOR and any(r["row"].opened_case_id is None for r in rows)
    return {"draw": draw, "rows": rows, "check": verify(draw), "may_open": may_open}


@staff_required
@through(pk=DRAW)
def draw_page(request, pk):
    profile = _team(request)
    return render(request, "sampling/draw.html", _draw_context(request, profile, pk))


@require_POST
@staff_required
@through(pk=DRAW)
def open_cases(request, pk):
    _team(request)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        draw = cases.open_inspection_cases(actor=request.user, draw_id=pk, version=version)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("sampling:draw", pk)
    messages.success(request, _("Inspection cases opened; each drawn inspector finds theirs in their queue."))
    return redirect("sampling:draw", draw.pk)


@require_POST
@staff_required
@through(pk=INSPECTION)
def result(request, pk):
    profile = _team(request)
    row = DrawnInspection.objects.filter(
        pk=pk, draw__organization_id=profile.organization_id).values_list("draw_id", flat=True).first()
    if row is None:
        raise Http404
    form = ResultForm(request.POST, auto_id=f"id_r{pk}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.result_record(actor=request.user, inspection_id=pk, version=d["version"], result=d["result"],
                                   checked_on=d["checked_on"], case_number=d["case_number"])
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Result recorded."))
            return redirect("sampling:draw", row)
    messages.error(request, _("The result was not recorded: see the form."))
    return render(request, "sampling/draw.html", _draw_context(request, profile, row, {pk: form}), status=400)


@staff_required
def conflicts(request):
    profile = _team(request)
    if profile.role != Role.SUPERVISOR:
        raise DjangoPermissionDenied
    inspectors = inspector_pool(profile.organization_id)
    form = ConflictForm(request.POST or None, inspectors=inspectors)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.conflict_record(actor=request.user, inspector_id=d["inspector"].pk,
                                         credit_code=d["credit_code"], reason=d["reason"])
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(request, _("Conflict recorded: this inspector is never drawn for this employer."))
                return redirect("sampling:conflicts")
        status = 400
    rows = (InspectorConflict.objects.filter(inspector__in=inspectors)
            .select_related("inspector", "employer", "recorded_by")[:500])
    return render(request, "sampling/conflicts.html", {"form": form, "conflicts": rows}, status=status)


# --- public ------------------------------------------------------------------------------------------------


def _limited(request) -> bool:
    return is_ratelimited(request, group="sampling.public", key="ip", rate=PUBLIC_RATE, method=is_ratelimited.ALL,
                          increment=True)


def public_list(request):
    if _limited(request):
        return render(request, "sampling/public_limited.html", status=429)
    draws = list(selectors.public_draws()[: selectors.PUBLIC_PAGE])
    return render(request, "sampling/public_list.html", {"draws": draws})


def public_draw(request):
    if _limited(request):
        return render(request, "sampling/public_limited.html", status=429)
    try:
        draw = selectors.public_draw(int(request.GET.get("id", "")))
    except (NotFound, ValueError):
        raise Http404 from None
    return render(request, "sampling/public_draw.html", {
        "draw": draw, "items": list(draw.plan.items.all()), "labels": selectors.RESULT_LABELS,
        "base_size": draw.record.get("base_size"), "excluded": len(draw.record.get("excluded", [])),
        "inspectors": len(draw.record.get("inspectors", [])),
    })

