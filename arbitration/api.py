"""REST API of the arbitration track: thin views over arbitration.services and arbitration.selectors.

Every write takes the case version the client read (a stale one is a 409) and answers with the case's new
stage and version, so the client can continue without reading the case again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.api import errors, validated
from disputes.models import Case
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
WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def _current_case(case_id: int) -> Case:
    # Re-read after the service's transaction: the objects it returns may hold the case as it was locked.
    return Case.objects.select_related("owner_org").get(pk=case_id)


def _file_response(request, case_id: int) -> Response:
    file = selectors.arbitration_file(user=request.user, case_id=case_id)
    return Response(ArbitrationFileSerializer(file).data)


def _with_case(record, case_id: int):
    record.current_case = _current_case(case_id)
    return record


@extend_schema(tags=TAGS, responses={200: ArbitrationFileSerializer, **errors(401, 403, 404)})
class ArbitrationFileView(APIView):
    """The commission's record of the case: number, procedure, tribunal and awards (each item final or not)."""

    def get(self, request, pk):
        file = selectors.arbitration_file(user=request.user, case_id=pk)
        if file is None:
            # Before the commission acts there is no record to show (the case's own stage says why).
            raise NotFound()
        return Response(ArbitrationFileSerializer(file).data)


def _file_write(name: str, doc: str, input_serializer, call):
    """A view whose service changes the arbitration file; it answers with the whole file."""

    @extend_schema(tags=TAGS, request=input_serializer, responses={200: ArbitrationFileSerializer, **WRITE_ERRORS})
    class View(APIView):
        def post(self, request, pk):
            data = validated(input_serializer, request.data)
            call(case_id=pk, actor=request.user, data=data)
            return _file_response(request, pk)

    View.__doc__ = doc
    View.__name__ = View.__qualname__ = name
    return View


CompletionRequestView = _file_write(
    "CompletionRequestView",
    "Ask, in one notice, for everything missing from the application (办案规则 art 29).",
    CompletionRequestInputSerializer,
    lambda *, case_id, actor, data: services.application_request_completion(
        case_id=case_id, actor=actor, items=data["items"], version=data["version"]),
)
CompletionView = _file_write(
    "CompletionView",
    "The applicant supplied what was asked for: the acceptance period runs again from today.",
    VersionInputSerializer,
    lambda *, case_id, actor, data: services.application_complete(
        case_id=case_id, actor=actor, version=data["version"]),
)
AcceptView = _file_write(
    "AcceptView",
    "Accept the application (LDMAL art 29): the case gets its official number and moves to arbitration.",
    AcceptInputSerializer,
    lambda *, case_id, actor, data: services.application_accept(
        case_id=case_id, actor=actor, version=data["version"], procedure=data["procedure"],
        facts_clear=data["facts_clear"], parties_agree=data["parties_agree"]),
)
RejectView = _file_write(
    "RejectView",
    "Refuse the application in writing (LDMAL art 29), with a coded reason.",
    RejectInputSerializer,
    lambda *, case_id, actor, data: services.application_reject(
        case_id=case_id, actor=actor, version=data["version"], reason_code=data["reason_code"],
        reason=data["reason"]),
)
ConvertToOrdinaryView = _file_write(
    "ConvertToOrdinaryView",
    "Move a case from the summary to the ordinary procedure.",
    ReasonInputSerializer,
    lambda *, case_id, actor, data: services.procedure_convert_to_ordinary(
        case_id=case_id, actor=actor, version=data["version"], reason=data["reason"]),
)
TribunalView = _file_write(
    "TribunalView",
    "Compose the tribunal: a sole arbitrator, or three with one presiding (LDMAL art 31).",
    TribunalInputSerializer,
    lambda *, case_id, actor, data: services.tribunal_compose(
        case_id=case_id, actor=actor, version=data["version"], arbitrators=data["arbitrators"],
        presiding=data["presiding"]),
)


@extend_schema(tags=TAGS, request=RecusalInputSerializer, responses={201: RecusalSerializer, **WRITE_ERRORS})
class RecusalView(APIView):
    """Record a request that a member of the tribunal withdraw (LDMAL art 33)."""

    def post(self, request, pk):
        data = validated(RecusalInputSerializer, request.data)
        recusal = services.recusal_request(
            case_id=pk, actor=request.user, version=data["version"], arbitrator=data["arbitrator"],
            ground=data["ground"], by_party=data["by_party"], statement=data["statement"],
        )
        return Response(RecusalSerializer(_with_case(recusal, pk)).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS, request=RecusalDecideInputSerializer, responses={200: RecusalSerializer, **WRITE_ERRORS})
class RecusalDecideView(APIView):
    """The chair decides a recusal request; a granted one empties the seat and the tribunal is composed again."""

    def post(self, request, pk, rid):
        data = validated(RecusalDecideInputSerializer, request.data)
        recusal = services.recusal_decide(
            case_id=pk, actor=request.user, version=data["version"], recusal_id=rid, granted=data["granted"],
            reason=data["reason"],
        )
        return Response(RecusalSerializer(_with_case(recusal, pk)).data)


@extend_schema(tags=TAGS, request=AwardInputSerializer, responses={201: AwardResultSerializer, **WRITE_ERRORS})
class AwardView(APIView):
    """Make the award per claim item, each marked final or not; a final (non-partial) award closes the case."""

    def post(self, request, pk):
        data = validated(AwardInputSerializer, request.data)
        award = services.award_issue(
            case_id=pk, actor=request.user, version=data["version"], items=[dict(i) for i in data["items"]],
            findings=data["findings"], reasoning=data["reasoning"], legal_basis=data["legal_basis"],
            partial=data["partial"], hearing_id=data["hearing_id"],
        )
        return Response(AwardResultSerializer(_with_case(award, pk)).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS, request=MediationStatementInputSerializer,
    responses={201: MediationStatementResultSerializer, **WRITE_ERRORS},
)
class MediationStatementView(APIView):
    """Close the case with an arbitral mediation statement (LDMAL art 42)."""

    def post(self, request, pk):
        data = validated(MediationStatementInputSerializer, request.data)
        statement = services.mediation_statement_issue(
            case_id=pk, actor=request.user, version=data["version"], terms=data["terms"],
            amounts=[dict(a) for a in data["amounts"]],
        )
        return Response(
            MediationStatementResultSerializer(_with_case(statement, pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=TAGS, request=PostAwardInputSerializer, responses={201: PostAwardResultSerializer, **WRITE_ERRORS})
class PostAwardView(APIView):
    """Record a suit, an application to set aside, or the court's result; late filings are recorded as late."""

    def post(self, request, pk):
        data = validated(PostAwardInputSerializer, request.data)
        record = services.post_award_record(case_id=pk, actor=request.user, **data)
        return Response(PostAwardResultSerializer(_with_case(record, pk)).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS, request=ServiceInputSerializer, responses={200: CaseSummarySerializer, **WRITE_ERRORS})
class ServiceRecordView(APIView):
    """Record that the application copy was served or the defence received (LDMAL art 30)."""

    def post(self, request, pk):
        data = validated(ServiceInputSerializer, request.data)
        services.service_record(case_id=pk, actor=request.user, **data)
        return Response(CaseSummarySerializer(_current_case(pk)).data)
