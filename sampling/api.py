"""REST API of random inspections: the team's plans, draws (with their replay), results and conflicts. Every id
outside the caller's organisation is a 404 (sampling.doors); inside it the services decide who may act."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.errors import NotFound
from disputes.kit.api import WriteEndpoint, errors

from . import cases, selectors, services
from .doors import DRAW, INSPECTION, PLAN
from .models import InspectionItem
from .serializers import (
    ConflictInputSerializer,
    ConflictSerializer,
    DrawInputSerializer,
    DrawnInspectionSerializer,
    DrawSerializer,
    InspectionItemSerializer,
    OpenCasesInputSerializer,
    PlanInputSerializer,
    PlanSerializer,
    ResultInputSerializer,
)
from .verify import verify

TAGS = ["random-inspections"]


class _Write(WriteEndpoint):
    tags, status, doors = TAGS, 201, {}

    def reply(self, returned, request, **kwargs):
        return returned


@extend_schema(tags=TAGS, responses={200: InspectionItemSerializer(many=True), **errors(401)})
class ItemListView(APIView):
    """The inspection-item list (随机抽查事项清单), each item with its legal basis and whether it was checked."""

    def get(self, request):
        return Response(InspectionItemSerializer(InspectionItem.objects.filter(active=True), many=True).data)


class PlanView(_Write, input=PlanInputSerializer, output=PlanSerializer, service=services.plan_create):
    """Create a plan of the caller's inspection team (supervisor): items, pool filters, share, frequency limits."""

    @extend_schema(tags=TAGS, responses={200: PlanSerializer(many=True), **errors(401, 403)})
    def get(self, request):
        """The plans of the caller's organisation."""
        return Response(PlanSerializer(selectors.plans_of(staff_of(request.user).organization_id), many=True).data)


class DrawView(_Write, input=DrawInputSerializer, output=DrawSerializer, service=services.draw_run,
               doors={"pk": PLAN}):
    """Draw employers and inspectors under the plan with a seed the server makes, and record the draw."""

    def reply(self, returned, request, **kwargs):
        return selectors.draw_of(returned.organization_id, returned.pk)


@extend_schema(tags=TAGS, responses={200: DrawSerializer, **errors(401, 403, 404)})
class DrawDetailView(APIView):
    """A draw with its seed, inputs and result, replayed now: `verified` says whether the replay matches."""

    def get(self, request, pk):
        draw = selectors.draw_of(staff_of(request.user).organization_id, pk)
        return Response(DrawSerializer(draw, context={"check": verify(draw)}).data)


class OpenCasesView(_Write, input=OpenCasesInputSerializer, output=DrawSerializer,
                    service=cases.open_inspection_cases, doors={"pk": DRAW}, status=200):
    """Open an inspection case, on the department's own initiative, for each drawn employer that has none yet
    (supervisor): no complainant; handled by the inspectors drawn for it. Never a second case for an inspection;
    `version` is the draw's (a stale one is a 409). Each inspection's result then comes from its case's ending."""

    def reply(self, returned, request, **kwargs):
        return selectors.draw_of(returned.organization_id, returned.pk)


class ResultView(_Write, input=ResultInputSerializer, output=DrawnInspectionSerializer,
                 service=services.result_record, doors={"pk": INSPECTION}, status=200):
    """Record what a drawn inspection found (one of its inspectors, or the supervisor)."""

    def reply(self, returned, request, **kwargs):
        row = selectors.inspections_with_team().filter(pk=returned.pk).first()
        if row is None:
            raise NotFound()
        return row


class ConflictView(_Write, input=ConflictInputSerializer, output=ConflictSerializer,
                   service=services.conflict_record):
    """Record that an inspector of the team is never drawn for an employer (回避)."""
