"""REST API of hearings: thin views over hearings.services. Writes answer with the hearing and the case's
new stage and version. Only scheduling takes the case version: the other services lock the case themselves."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.errors import NotFound
from disputes.api import errors, validated
from disputes.models import Case
from disputes.selectors import case_visible_to

from . import services
from .models import Hearing, Room
from .serializers import (
    AbsenceInputSerializer,
    CancelInputSerializer,
    HeldInputSerializer,
    HearingResultSerializer,
    HearingSerializer,
    NoticeServedInputSerializer,
    PostponeInputSerializer,
    RoomSerializer,
    ScheduleInputSerializer,
)

TAGS = ["hearings"]
WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def _hearings():
    return Hearing.objects.select_related("room").prefetch_related("seats__arbitrator")


def _result(hearing_id: int) -> dict:
    # Re-read after the service's transaction, with the seats and the case as they are now.
    hearing = _hearings().get(pk=hearing_id)
    hearing.current_case = Case.objects.select_related("owner_org").get(pk=hearing.case_id)
    return HearingResultSerializer(hearing).data


@extend_schema(tags=TAGS, responses={200: RoomSerializer(many=True), **errors(401, 403)})
class RoomListView(APIView):
    """The hearing rooms of the caller's organisation and of the commission above it."""

    def get(self, request):
        profile = staff_of(request.user)
        org_ids = {profile.organization_id, profile.organization.parent_id} - {None}
        rooms = Room.objects.filter(organization_id__in=org_ids).order_by("organization_id", "name")
        return Response(RoomSerializer(rooms, many=True).data)


class CaseHearingsView(APIView):
    @extend_schema(tags=TAGS, responses={200: HearingSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """Every hearing of the case (postponed and cancelled ones too), in time order."""
        if not case_visible_to(request.user, pk):
            raise NotFound()
        return Response(HearingSerializer(_hearings().filter(case_id=pk), many=True).data)

    @extend_schema(
        tags=TAGS, request=ScheduleInputSerializer, responses={201: HearingResultSerializer, **WRITE_ERRORS}
    )
    def post(self, request, pk):
        """Book a room and the tribunal; the first hearing moves the case to the hearing stage."""
        data = validated(ScheduleInputSerializer, request.data)
        hearing = services.hearing_schedule(case_id=pk, actor=request.user, **data)
        return Response(_result(hearing.pk), status=status.HTTP_201_CREATED)


def _hearing_write(name: str, doc: str, input_serializer, call, created: bool = False):
    code = 201 if created else 200

    @extend_schema(tags=TAGS, request=input_serializer, responses={code: HearingResultSerializer, **WRITE_ERRORS})
    class View(APIView):
        def post(self, request, pk):
            data = validated(input_serializer, request.data)
            hearing = call(hearing_id=pk, actor=request.user, **data)
            return Response(_result(hearing.pk), status=code)

    View.__doc__ = doc
    View.__name__ = View.__qualname__ = name
    return View


NoticeServedView = _hearing_write(
    "NoticeServedView", "Record the day the written hearing notice reached the parties (LDMAL art 35).",
    NoticeServedInputSerializer, services.hearing_notice_served,
)
PostponeView = _hearing_write(
    "PostponeView", "Postpone: the old booking is released and the new date booked; answers with the new hearing.",
    PostponeInputSerializer, services.hearing_postpone, created=True,
)
AbsenceView = _hearing_write(
    "AbsenceView",
    "A party did not appear after written notice (LDMAL art 36): an absent applicant withdraws the case.",
    AbsenceInputSerializer, services.hearing_record_absence,
)
HeldView = _hearing_write(
    "HeldView", "Record that the hearing took place, with a summary of the minutes.",
    HeldInputSerializer, services.hearing_record_held,
)
CancelView = _hearing_write(
    "CancelView", "Call the hearing off and free its room and arbitrators.",
    CancelInputSerializer, services.hearing_cancel,
)
