"""REST API of hearings: thin views over hearings.services. Writes answer with the hearing and the case's
new stage and version. Only scheduling takes the case version: the other services lock the case themselves."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.errors import NotFound
from disputes.kit.api import WriteEndpoint, errors, with_case
from disputes.kit.doors import CASE
from disputes.selectors import case_visible_to

from . import services
from .selectors import HEARING
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


def _hearings():
    return Hearing.objects.select_related("room").prefetch_related("seats__arbitrator")


class _HearingWrite(WriteEndpoint):
    """A write on a hearing: it answers with the hearing (a postponement: the new one) and the case."""

    tags, output = TAGS, HearingResultSerializer
    doors = {"pk": HEARING}

    def reply(self, hearing, request, pk):
        # Re-read after the service's transaction, with the seats and the case as they are now.
        hearing = _hearings().get(pk=hearing.pk)
        return with_case(hearing, hearing.case_id)


@extend_schema(tags=TAGS, responses={200: RoomSerializer(many=True), **errors(401, 403)})
class RoomListView(APIView):
    """The hearing rooms of the caller's organisation and of the commission above it."""

    def get(self, request):
        profile = staff_of(request.user)
        org_ids = {profile.organization_id, profile.organization.parent_id} - {None}
        rooms = Room.objects.filter(organization_id__in=org_ids).order_by("organization_id", "name")
        return Response(RoomSerializer(rooms, many=True).data)


class _Schedule(_HearingWrite, input=ScheduleInputSerializer, status=201, service=services.hearing_schedule,
                doors={"pk": CASE}):
    """Book a room and the tribunal; the first hearing moves the case to the hearing stage."""


class CaseHearingsView(_Schedule):
    @extend_schema(tags=TAGS, responses={200: HearingSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """Every hearing of the case (postponed and cancelled ones too), in time order."""
        if not case_visible_to(request.user, pk):
            raise NotFound()
        return Response(HearingSerializer(_hearings().filter(case_id=pk), many=True).data)


class NoticeServedView(_HearingWrite, input=NoticeServedInputSerializer, service=services.hearing_notice_served):
    """Record the day the written hearing notice reached the parties (LDMAL art 35)."""


class PostponeView(_HearingWrite, input=PostponeInputSerializer, status=201, service=services.hearing_postpone):
    """Postpone: the old booking is released and the new date booked; answers with the new hearing."""


class AbsenceView(_HearingWrite, input=AbsenceInputSerializer, service=services.hearing_record_absence):
    """A party did not appear after written notice (LDMAL art 36): an absent applicant withdraws the case."""


class HeldView(_HearingWrite, input=HeldInputSerializer, service=services.hearing_record_held):
    """Record that the hearing took place, with a summary of the minutes."""


class CancelView(_HearingWrite, input=CancelInputSerializer, service=services.hearing_cancel):
    """Call the hearing off and free its room and arbitrators."""
