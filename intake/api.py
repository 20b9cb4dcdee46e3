"""Complaint registration over the API (12333 hotline, online service hall, court referrals)."""

from celery import current_app as celery_app  # the project's app (config.celery), without importing the edge
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import parsers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import staff_of
from core.api import error_body
from core.errors import PermissionDenied
from disputes import selectors as case_selectors
from disputes.api import errors
from disputes.audit import record_read
from disputes.downloads import document_response
from disputes.kit.api import DOWNLOAD_HEADERS, DownloadView, WriteEndpoint, current_case, pdf_response
from disputes.models import ReadKind
from disputes.serializers import ErrorSerializer

from .serializers import (
    CandidateSerializer,
    CollectiveComplaintSerializer,
    CollectiveResultSerializer,
    ComplaintMultipartSerializer,
    ComplaintSerializer,
    RegistrationResultSerializer,
    SplitInputSerializer,
    SplitResultSerializer,
)
from .receipt import pending_receipt_render
from .registrations import receipt_url
from .selectors import latest_receipt, latest_receipt_version
from .services import PossibleDuplicate, collective_register, complaint_register
from .split import complaint_split

_EXAMPLE = {
    "worker_name": "王小明",
    "worker_id_number": "370725199003136668",
    "worker_phone": "13800138000",
    "worker_occupation": "delivery_rider",
    "worker_platform": "",
    "employer_name": "潍坊速达配送有限公司",
    "employer_credit_code": "9137070012TH3BJ1XW",
    "employer_address": "潍坊市潍城区胜利西街100号",
    "employer_is_platform": False,
    "employer_industry": "food_delivery",
    "division": 1,
    "channel": "hotline_12333",
    "facts": "2026年9月至10月工资未发放。",
    "violation_started_on": "2026-09-01",
    "claims": [{"type": "wages", "amount": "8600.00", "description": "9-10月工资"}],
}


def _is_form(request) -> bool:
    return (request.content_type or "").startswith(("multipart/form-data", "application/x-www-form-urlencoded"))


def _receipt_rendered(case_id: int) -> bool:
    # With a broker the receipt was left pending at commit for the worker (or the first fetch of its URL) to
    # render: no query to learn what is known, since the URL serves it either way. Run eagerly, it was
    # rendered at commit unless that failed.
    if not celery_app.conf.task_always_eager:
        return False
    return latest_receipt_version(case_id) > 0


@extend_schema(
    tags=["complaints"],
    request={"application/json": ComplaintSerializer, "multipart/form-data": ComplaintMultipartSerializer},
    responses={
        201: OpenApiResponse(RegistrationResultSerializer, description="A new case was registered."),
        200: OpenApiResponse(RegistrationResultSerializer, description="Linked to the existing case (link_to_case)."),
        409: OpenApiResponse(
            ErrorSerializer,
            description="code possible_duplicate: the worker has an open case against this employer; "
            "error.fields.candidates lists them. Resend with link_to_case=<id> or force_new=true.",
        ),
        **errors(400, 401, 403, 404),
    },
    examples=[OpenApiExample("JSON complaint", value=_EXAMPLE, request_only=True, media_type="application/json")],
)
class ComplaintView(APIView):
    """Register a complaint once for every track; the caller becomes the first-responsible handler."""

    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def post(self, request):
        serializer_class = ComplaintMultipartSerializer if _is_form(request) else ComplaintSerializer
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        options = serializer.validated_data
        try:
            result = complaint_register(
                actor=request.user, data=serializer.complaint_input(), evidence_files=options.get("evidence", []),
                link_to_case_id=options["link_to_case"], force_new=options["force_new"],
            )
        except PossibleDuplicate as exc:
            # Rendered here because the candidates are objects, which the generic handler would flatten.
            fields = {"candidates": CandidateSerializer(exc.cases, many=True).data}
            return Response(error_body(exc.code, exc.message, fields), status=status.HTTP_409_CONFLICT)

        # The receipt is rendered after commit (intake.tasks.receipt_render): by a worker when a broker is
        # configured, already done by now when Celery runs eagerly. receipt_ready tells which.
        body = {
            "case": result.case,
            "query_code": result.query_code,
            "linked": result.linked,
            "collective": result.collective,
            "receipt_url": receipt_url(request, result.case.pk) if result.query_code else None,
            "receipt_ready": bool(result.query_code) and _receipt_rendered(result.case.pk),
        }
        return Response(
            RegistrationResultSerializer(body).data,
            status=status.HTTP_200_OK if result.linked else status.HTTP_201_CREATED,
        )


@extend_schema(
    tags=["cases"],
    parameters=DOWNLOAD_HEADERS,
    responses={**pdf_response("The latest receipt PDF."), **errors(401, 403, 404)},
)
class CaseReceiptView(DownloadView):
    """The acceptance receipt (latest version). It carries the worker's personal data and query code, so only
    the organisations answering to the worker (handler and first receiver) may download it."""

    def get(self, request, pk):
        # The case's row is enough to decide (not the whole file): the clerk prints this after every registration.
        case = case_selectors.case_get(user=request.user, case_id=pk)
        if not case_selectors.answers_to_worker(staff_of(request.user), case):
            raise PermissionDenied(_("Only the handling or first-receiving organisation may download the receipt."))
        # Issued but not rendered yet (the worker renders in the background): rendered now, for the caller.
        document = pending_receipt_render(case_id=case.pk)
        # Read afresh, not from the case's prefetched documents: a worker may have stored it meanwhile.
        document = document or latest_receipt(case)
        if document is None:  # a case brought in from elsewhere; reissuing the query code issues one
            body = error_body("no_receipt", _("This case has no receipt; reissue the query code to issue one."))
            return Response(body, status=status.HTTP_404_NOT_FOUND)
        record_read(request, ReadKind.RECEIPT, case_id=case.pk, object_id=document.pk)
        document.case = case
        return document_response(document)


class CaseSplitView(WriteEndpoint, tags=["complaints"], input=SplitInputSerializer, output=SplitResultSerializer,
                    status=201, service=complaint_split):
    """Split a complaint still at the window into another proceeding: the claims named move to a new case with
    the same worker and employer (a claim belongs to one proceeding), the evidence named is recorded on it too.
    The handling organisation's clerk or supervisor only, with no referral of the case waiting for an answer
    (409 referral_open; 409 not_at_window once the case has left the window). The original keeps the worker's
    query code; the new case has its own, returned here once."""

    def reply(self, returned, request, **kwargs):
        return {
            "case": current_case(returned.case.pk), "split_from": current_case(returned.split_from.pk),
            "query_code": returned.query_code, "receipt_url": receipt_url(request, returned.case.pk),
            "claims_moved": returned.claims_moved, "evidence_copied": returned.evidence_copied,
        }


@extend_schema(
    tags=["complaints"], request=CollectiveComplaintSerializer,
    responses={201: CollectiveResultSerializer, **errors(400, 401, 403)},
)
class CollectiveComplaintView(APIView):
    """Register a collective dispute from one list of workers against one employer on one set of facts: a case
    per worker (their own claims, receipt and query code), the first the lead of the group, the others its
    members, with the representatives the workers elected. All or nothing; a worker's refused field is named
    workers.<i>.<field>. A worker with an open complaint against the employer is refused: add that case to the
    group through cases/{id}/group/members/."""

    def post(self, request):
        serializer = CollectiveComplaintSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, workers = serializer.collective_input()
        result = collective_register(actor=request.user, data=data, workers=workers)
        body = {
            "lead": result.lead,
            "cases": [{"case": r.case, "query_code": r.query_code, "receipt_url": receipt_url(request, r.case.pk)}
                      for r in result.results],
        }
        return Response(CollectiveResultSerializer(body).data, status=status.HTTP_201_CREATED)
