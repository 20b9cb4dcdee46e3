"""REST API of the arbitration track: thin views over arbitration.services and arbitration.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the case's new
stage and version, so the client can continue without reading the case again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit.api import WriteEndpoint, current_case, errors
from disputes.serializers import CaseSummarySerializer

from . import selectors, services
from .serializers import (
    AcceptInputSerializer,
    ArbitrationFileSerializer,
    AwardInputSerializer,
    AwardResultSerializer,
    CompletionRequestInputSerializer,
    MediationStatementInputSerializer,
    MediationStatementResultSerializer,
    PostAwardInputSerializer,
    PostAwardResultSerializer,
    ReasonInputSerializer,
    RecusalDecideInputSerializer,
    RecusalInputSerializer,
    RecusalSerializer,
    RejectInputSerializer,
    ServiceInputSerializer,
    TribunalInputSerializer,
    VersionInputSerializer,
)

TAGS = ["arbitration"]


@extend_schema(tags=TAGS, responses={200: ArbitrationFileSerializer, **errors(401, 403, 404)})
class ArbitrationFileView(APIView):
    """The commission's record of the case: number, procedure, tribunal and awards (each item final or not)."""

    def get(self, request, pk):
        file = selectors.arbitration_file(user=request.user, case_id=pk)
        if file is None:
            # Before the commission acts there is no record to show (the case's own stage says why).
            raise NotFound()
        return Response(ArbitrationFileSerializer(file).data)


class _Write(WriteEndpoint):
    tags = TAGS


class _FileWrite(_Write):
    """A write whose service changes the arbitration file: it answers with the whole file."""

    output = ArbitrationFileSerializer

    def reply(self, returned, request, pk):
        return selectors.arbitration_file(user=request.user, case_id=pk)


class CompletionRequestView(_FileWrite):
    """Ask, in one notice, for everything missing from the application (办案规则 art 29)."""

    input = CompletionRequestInputSerializer
    service = services.application_request_completion


class CompletionView(_FileWrite):
    """The applicant supplied what was asked for: the acceptance period runs again from today."""

    input = VersionInputSerializer
    service = services.application_complete


class AcceptView(_FileWrite):
    """Accept the application (LDMAL art 29): the case gets its official number and moves to arbitration."""

    input = AcceptInputSerializer
    service = services.application_accept


class RejectView(_FileWrite):
    """Refuse the application in writing (LDMAL art 29), with a coded reason."""

    input = RejectInputSerializer
    service = services.application_reject


class ConvertToOrdinaryView(_FileWrite):
    """Move a case from the summary to the ordinary procedure."""

    input = ReasonInputSerializer
    service = services.procedure_convert_to_ordinary


class TribunalView(_FileWrite):
    """Compose the tribunal: a sole arbitrator, or three with one presiding (LDMAL art 31)."""

    input = TribunalInputSerializer
    service = services.tribunal_compose


class RecusalView(_Write):
    """Record a request that a member of the tribunal withdraw (LDMAL art 33)."""

    input, output, status = RecusalInputSerializer, RecusalSerializer, 201
    service = services.recusal_request


class RecusalDecideView(_Write):
    """The chair decides a recusal request; a granted one empties the seat and the tribunal is composed again."""

    input, output = RecusalDecideInputSerializer, RecusalSerializer
    service = services.recusal_decide
    url_args = {"pk": "case_id", "rid": "recusal_id"}


class AwardView(_Write):
    """Make the award per claim item, each marked final or not; a final (non-partial) award closes the case."""

    input, output, status = AwardInputSerializer, AwardResultSerializer, 201
    service = services.award_issue


class MediationStatementView(_Write):
    """Close the case with an arbitral mediation statement (LDMAL art 42)."""

    input, output, status = MediationStatementInputSerializer, MediationStatementResultSerializer, 201
    service = services.mediation_statement_issue


class PostAwardView(_Write):
    """Record a suit, an application to set aside, or the court's result; late filings are recorded as late."""

    input, output, status = PostAwardInputSerializer, PostAwardResultSerializer, 201
    service = services.post_award_record


class ServiceRecordView(_Write):
    """Record that the application copy was served or the defence received (LDMAL art 30)."""

    input, output = ServiceInputSerializer, CaseSummarySerializer
    service = services.service_record

    def reply(self, returned, request, pk):
        return current_case(pk)
