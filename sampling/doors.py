"""What the ids of random inspections' URLs open (disputes.kit.doors): rows of the caller's own inspection
organisation; anything else is a 404, as a missing id is."""

from core.access import staff_of
from core.errors import DomainError
from disputes.kit.doors import Door

from .models import Draw, DrawnInspection, DrawPlan


def _org_id(user):
    try:
        return staff_of(user).organization_id
    except DomainError:
        return None


PLAN = Door(DrawPlan, "plan_id", case="", rows=lambda user: DrawPlan.objects.filter(organization_id=_org_id(user)))
DRAW = Door(Draw, "draw_id", case="", rows=lambda user: Draw.objects.filter(organization_id=_org_id(user)))
INSPECTION = Door(DrawnInspection, "inspection_id", case="",
                  rows=lambda user: DrawnInspection.objects.filter(draw__organization_id=_org_id(user)))
