"""REST API of the wage-arrears list: one write endpoint per step (compliance.services), and the listing's read.
A listing whose case the caller cannot see is a 404; inside it, the services decide who may act (403)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit import doors
from disputes.kit.api import WriteEndpoint, errors, with_case

from . import services
from .doors import LISTING
from .serializers import (
    DecisionInputSerializer,
    ExtensionInputSerializer,
    ListingResultSerializer,
    ListingSerializer,
    NoticeInputSerializer,
    ObjectionInputSerializer,
    ObjectionReviewInputSerializer,
    ProposeInputSerializer,
    RemovalApplicationInputSerializer,
    RemovalDecisionInputSerializer,
)

TAGS = ["blacklist"]


def _visible_listing(user, pk):
    listing = LISTING.visible(user).select_related("employer").filter(pk=pk).first()
    if listing is None:
        raise NotFound()
    return listing


class ProposeView(WriteEndpoint, tags=TAGS, input=ProposeInputSerializer, output=ListingResultSerializer, status=201,
                  service=services.listing_propose):
    """Propose listing the case's employer (Order 45 art 5) once the order to pay's deadline has passed."""

    doors = {"pk": doors.CASE}


class _ListingWrite(WriteEndpoint):
    tags, output = TAGS, ListingResultSerializer
    doors = {"pk": LISTING}

    def reply(self, returned, request, pk):
        return with_case(returned, returned.case_id)


class NoticeView(_ListingWrite, input=NoticeInputSerializer, service=services.listing_notify):
    """Notify the employer (事先告知书, art 6): the 5-working-day objection window opens."""


class ObjectionView(_ListingWrite, input=ObjectionInputSerializer, service=services.listing_objection_record):
    """Record the employer's statement (陈述申辩) received within the objection window (art 6)."""


class ObjectionReviewView(_ListingWrite, input=ObjectionReviewInputSerializer,
                          service=services.listing_objection_review):
    """Record the verification of the employer's statement and whether it is upheld (art 6, 5 working days)."""


class ExtensionView(_ListingWrite, input=ExtensionInputSerializer, service=services.listing_decision_extend):
    """Extend the decision period by 20 working days for a complex case, once, on a supervisor's approval (art 8)."""


class DecisionView(_ListingWrite, input=DecisionInputSerializer, service=services.listing_decide):
    """Decide to list (决定书, three years, art 8, 11) or not to list (art 7)."""


class RemovalApplicationView(_ListingWrite, input=RemovalApplicationInputSerializer,
                             service=services.listing_removal_apply):
    """Record the employer's application for early removal (art 12); decided within 15 working days."""


class RemovalDecisionView(_ListingWrite, input=RemovalDecisionInputSerializer,
                          service=services.listing_removal_decide):
    """Grant or refuse early removal (arts 12-14), a supervisor's decision."""


@extend_schema(tags=TAGS, responses={200: ListingSerializer, **errors(401, 403, 404)})
class ListingDetailView(APIView):
    """The listing with its steps; persons' ID numbers masked."""

    def get(self, request, pk):
        return Response(ListingSerializer(_visible_listing(request.user, pk)).data)
