"""Reads of random inspections: the team's plans and draws (its own organisation only) and the public record.
Each page reads a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from core.errors import NotFound

from .models import Draw, DrawnInspection, DrawnInspector, DrawPlan, Result

PUBLIC_PAGE = 50


def plans_of(org_id: int):
    return (DrawPlan.objects.filter(organization_id=org_id).prefetch_related("items", "divisions")
            .annotate(draw_count=Count("draws")).order_by("-year", "-created_at"))


def plan_of(org_id: int, pk: int) -> DrawPlan:
    plan = plans_of(org_id).filter(pk=pk).first()
    if plan is None:
        raise NotFound()
    return plan


def _with_counts(draws):
    return draws.annotate(
        drawn=Count("inspections", distinct=True),
        done=Count("inspections", filter=~Q(inspections__result=""), distinct=True),
    )


def draws_of(org_id: int, *, plan_id: int | None = None):
    rows = Draw.objects.filter(organization_id=org_id).select_related("plan")
    if plan_id is not None:
        rows = rows.filter(plan_id=plan_id)
    return _with_counts(rows).order_by("-drawn_at", "-pk")


def inspections_with_team():
    team = DrawnInspector.objects.select_related("inspector").order_by("position")
    return (DrawnInspection.objects.select_related("employer", "case", "opened_case").order_by("position")
            .prefetch_related(Prefetch("team", queryset=team)))


def draw_of(org_id: int, pk: int) -> Draw:
    draw = (Draw.objects.filter(organization_id=org_id, pk=pk).select_related("plan", "organization", "drawn_by")
            .prefetch_related(Prefetch("inspections", queryset=inspections_with_team())).first())
    if draw is None:
        raise NotFound()
    return draw


def assigned_to(user_id: int):
    """The drawn inspections a user is drawn for that have no result yet, oldest draw first."""
    return (DrawnInspection.objects.filter(team__inspector_id=user_id, result="")
            .select_related("employer", "draw__plan", "opened_case").order_by("draw__drawn_at", "position"))


# --- the public record (一公开): no person is named, neither inspector nor anyone else ----------------------


def public_draws():
    return _with_counts(Draw.objects.select_related("plan", "organization")).order_by("-drawn_at", "-pk")


def public_draw(pk: int) -> Draw:
    inspections = (DrawnInspection.objects.select_related("employer").order_by("position")
                   .only("draw_id", "position", "result", "checked_on", "employer__name", "employer__credit_code"))
    draw = (Draw.objects.filter(pk=pk).select_related("plan", "organization")
            .prefetch_related(Prefetch("inspections", queryset=inspections)).first())
    if draw is None:
        raise NotFound()
    return draw


RESULT_LABELS = dict(Result.choices)
