"""REST API of the arbitration track: thin views over arbitration.services and arbitration.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the case's new
stage and version, so the client can continue without reading the case again.
"""

from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit.api import current_case, errors, write_endpoint
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


def _file(_returned, *, request, pk):
    return selectors.arbitration_file(user=request.user, case_id=pk)


# A write whose service changes the arbitration file: it answers with the whole file.
_file_write = partial(write_endpoint, tags=TAGS, response=ArbitrationFileSerializer, reply=_file)


CompletionRequestView = _file_write(
    "CompletionRequestView",
    "Ask, in one notice, for everything missing from the application (办案规则 art 29).",
    request=CompletionRequestInputSerializer,
    call=lambda actor, data, pk: services.application_request_completion(
        case_id=pk, actor=actor, items=data["items"], version=data["version"]),
)
CompletionView = _file_write(
    "CompletionView",
    "The applicant supplied what was asked for: the acceptance period runs again from today.",
    request=VersionInputSerializer,
    call=lambda actor, data, pk: services.application_complete(case_id=pk, actor=actor, version=data["version"]),
)
AcceptView = _file_write(
    "AcceptView",
    "Accept the application (LDMAL art 29): the case gets its official number and moves to arbitration.",
    request=AcceptInputSerializer,
    call=lambda actor, data, pk: services.application_accept(case_id=pk, actor=actor, **data),
)
RejectView = _file_write(
    "RejectView",
    "Refuse the application in writing (LDMAL art 29), with a coded reason.",
    request=RejectInputSerializer,
    call=lambda actor, data, pk: services.application_reject(case_id=pk, actor=actor, **data),
)
ConvertToOrdinaryView = _file_write(
    "ConvertToOrdinaryView",
    "Move a case from the summary to the ordinary procedure.",
    request=ReasonInputSerializer,
    call=lambda actor, data, pk: services.procedure_convert_to_ordinary(case_id=pk, actor=actor, **data),
)
TribunalView = _file_write(
    "TribunalView",
    "Compose the tribunal: a sole arbitrator, or three with one presiding (LDMAL art 31).",
    request=TribunalInputSerializer,
    call=lambda actor, data, pk: services.tribunal_compose(case_id=pk, actor=actor, **data),
)
RecusalView = write_endpoint(
    "RecusalView",
    "Record a request that a member of the tribunal withdraw (LDMAL art 33).",
    tags=TAGS, request=RecusalInputSerializer, response=RecusalSerializer, status=201,
    call=lambda actor, data, pk: services.recusal_request(case_id=pk, actor=actor, **data),
)
RecusalDecideView = write_endpoint(
    "RecusalDecideView",
    "The chair decides a recusal request; a granted one empties the seat and the tribunal is composed again.",
    tags=TAGS, request=RecusalDecideInputSerializer, response=RecusalSerializer,
    call=lambda actor, data, pk, rid: services.recusal_decide(case_id=pk, actor=actor, recusal_id=rid, **data),
)
AwardView = write_endpoint(
    "AwardView",
    "Make the award per claim item, each marked final or not; a final (non-partial) award closes the case.",
    tags=TAGS, request=AwardInputSerializer, response=AwardResultSerializer, status=201,
    call=lambda actor, data, pk: services.award_issue(
        case_id=pk, actor=actor, version=data["version"], items=[dict(i) for i in data["items"]],
        findings=data["findings"], reasoning=data["reasoning"], legal_basis=data["legal_basis"],
        partial=data["partial"], hearing_id=data["hearing_id"]),
)
MediationStatementView = write_endpoint(
    "MediationStatementView",
    "Close the case with an arbitral mediation statement (LDMAL art 42).",
    tags=TAGS, request=MediationStatementInputSerializer, response=MediationStatementResultSerializer, status=201,
    call=lambda actor, data, pk: services.mediation_statement_issue(
        case_id=pk, actor=actor, version=data["version"], terms=data["terms"],
        amounts=[dict(a) for a in data["amounts"]]),
)
PostAwardView = write_endpoint(
    "PostAwardView",
    "Record a suit, an application to set aside, or the court's result; late filings are recorded as late.",
    tags=TAGS, request=PostAwardInputSerializer, response=PostAwardResultSerializer, status=201,
    call=lambda actor, data, pk: services.post_award_record(case_id=pk, actor=actor, **data),
)
ServiceRecordView = write_endpoint(
    "ServiceRecordView",
    "Record that the application copy was served or the defence received (LDMAL art 30).",
    tags=TAGS, request=ServiceInputSerializer, response=CaseSummarySerializer,
    call=lambda actor, data, pk: services.service_record(case_id=pk, actor=actor, **data),
    reply=lambda _case, *, request, pk: current_case(pk),
)
