"""REST API of the arbitration track: thin views over arbitration.services and arbitration.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the case's new
stage and version, so the client can continue without reading the case again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit.api import WriteEndpoint, current_case, errors
from disputes.kit.doors import CASE
from disputes.serializers import CaseSummarySerializer

from . import selectors, services
from .selectors import RECUSAL
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


class CompletionRequestView(_FileWrite, input=CompletionRequestInputSerializer,
                            service=services.application_request_completion):
    """Ask, in one notice, for everything missing from the application (办案规则 art 29)."""


class CompletionView(_FileWrite, input=VersionInputSerializer, service=services.application_complete):
    """The applicant supplied what was asked for: the acceptance period runs again from today."""


class AcceptView(_FileWrite, input=AcceptInputSerializer, service=services.application_accept):
    """Accept the application (LDMAL art 29): the case gets its official number and moves to arbitration."""


class RejectView(_FileWrite, input=RejectInputSerializer, service=services.application_reject):
    """Refuse the application in writing (LDMAL art 29), with a coded reason."""


class ConvertToOrdinaryView(_FileWrite, input=ReasonInputSerializer, service=services.procedure_convert_to_ordinary):
    """Move a case from the summary to the ordinary procedure."""


class TribunalView(_FileWrite, input=TribunalInputSerializer, service=services.tribunal_compose):
    """Compose the tribunal: a sole arbitrator, or three with one presiding (LDMAL art 31)."""


class RecusalView(_Write, input=RecusalInputSerializer, output=RecusalSerializer, status=201,
                  service=services.recusal_request):
    """Record a request that a member of the tribunal withdraw (LDMAL art 33)."""


class RecusalDecideView(_Write, input=RecusalDecideInputSerializer, output=RecusalSerializer,
                        service=services.recusal_decide, doors={"pk": CASE, "rid": RECUSAL}):
    """The chair decides a recusal request; a granted one empties the seat and the tribunal is composed again."""


class AwardView(_Write, input=AwardInputSerializer, output=AwardResultSerializer, status=201,
                service=services.award_issue):
    """Make the award per claim item, each marked final or not; a final (non-partial) award closes the case."""


class MediationStatementView(_Write, input=MediationStatementInputSerializer, output=MediationStatementResultSerializer,
                             status=201, service=services.mediation_statement_issue):
    """Close the case with an arbitral mediation statement (LDMAL art 42)."""


class PostAwardView(_Write, input=PostAwardInputSerializer, output=PostAwardResultSerializer, status=201,
                    service=services.post_award_record):
    """Record a suit, an application to set aside, or the court's result; late filings are recorded as late."""


class ServiceRecordView(_Write, input=ServiceInputSerializer, output=CaseSummarySerializer,
                        service=services.service_record):
    """Record that the application copy was served or the defence received (LDMAL art 30)."""

    def reply(self, returned, request, pk):
        return current_case(pk)
