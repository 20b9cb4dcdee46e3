"""REST API of the labour-inspection track: thin views over inspection.services and inspection.selectors.

One endpoint per service, inputs mapped one to one. Every write on a case takes the case version the client
read (a stale one is a 409) and answers with the record made and the case's new stage and version. A case or
referral outside the caller's scope is a 404, as if it did not exist; inside it, the services decide who may
act (403 for another role or organisation).
"""

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.api import errors, validated
from disputes.models import Case, Referral
from disputes.selectors import case_visible_to

from . import selectors, services
from .serializers import (
    ArbitrationTransferResultSerializer,
    CloseInputSerializer,
    ComplianceInputSerializer,
    ComplianceRecordResultSerializer,
    CorrectionOrderInputSerializer,
    CorrectionOrderResultSerializer,
    EmployerStatementInputSerializer,
    EmployerStatementResultSerializer,
    EvidenceInputSerializer,
    FilingDecisionResultSerializer,
    FilingInputSerializer,
    GatheredEvidenceResultSerializer,
    InspectionClosureResultSerializer,
    InspectionFileSerializer,
    InterviewInputSerializer,
    InterviewResultSerializer,
    PenaltyDecisionInputSerializer,
    PenaltyDecisionResultSerializer,
    PenaltyProposalInputSerializer,
    PenaltyProposalResultSerializer,
    RefusalInputSerializer,
    StatementInputSerializer,
    StatementResultSerializer,
    TransferInputSerializer,
    VisitInputSerializer,
    VisitResultSerializer,
)

TAGS = ["inspection"]
WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def _current_case(case_id: int) -> Case:
    # Re-read after the service's transaction: the objects it returns may hold the case as it was locked.
    return Case.objects.select_related("owner_org").get(pk=case_id)


def _with_case(record, case_id: int):
    record.current_case = _current_case(case_id)
    return record


def _require_visible(user, case_id: int) -> None:
    """Checked before the input, so a caller outside the case learns nothing about it, not even its rules."""
    if not case_visible_to(user, case_id):
        raise NotFound()


def _visible_referral_case(user, referral_id: int) -> int:
    case_id = Referral.objects.filter(pk=referral_id).values_list("case_id", flat=True).first()
    if case_id is None or not case_visible_to(user, case_id):
        raise NotFound()
    return case_id


# --- reads ------------------------------------------------------------------------------------------


@extend_schema(tags=TAGS, responses={200: InspectionFileSerializer, **errors(401, 403, 404)})
class InspectionFileView(APIView):
    """The inspection file: filing decision, visits, statements, interviews, evidence, orders and compliance,
    penalty proposals and decisions, transfer to arbitration and closure. Whoever may read the case reads all
    of it (the arbitration body it was transferred to too); 404 while inspection has recorded nothing."""

    def get(self, request, pk):
        file = selectors.inspection_file(user=request.user, case_id=pk)
        records = (
            file.filing_decisions, file.visits, file.statements, file.interviews, file.evidence, file.correction_orders,
            file.compliance_records, file.penalty_proposals, file.employer_statements, file.transfers, file.closures,
        )
        if not any(records):
            raise NotFound()
        return Response(InspectionFileSerializer(file).data)


# --- the referral: file or refuse in writing ------------------------------------------------------------


@extend_schema(
    tags=TAGS, request=FilingInputSerializer, responses={201: FilingDecisionResultSerializer, **WRITE_ERRORS}
)
class FilingView(APIView):
    """Accept a referral for inspection: accepting is filing the case (立案, 若干规定 art 18); the case moves to
    the inspection stage and to your team. A violation outside the two-year limit is refused (file a refusal)."""

    def post(self, request, pk):
        case_id = _visible_referral_case(request.user, pk)
        data = validated(FilingInputSerializer, request.data)
        decision = services.inspection_file(referral_id=pk, actor=request.user, inspector_id=data["inspector"])
        return Response(
            FilingDecisionResultSerializer(_with_case(decision, case_id)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(
    tags=TAGS, request=RefusalInputSerializer, responses={201: FilingDecisionResultSerializer, **WRITE_ERRORS}
)
class RefusalView(APIView):
    """Refuse to file, in writing, with a coded reason: the notice (不予立案通知书) is issued with its number and
    the case goes back to the window that referred it."""

    def post(self, request, pk):
        case_id = _visible_referral_case(request.user, pk)
        data = validated(RefusalInputSerializer, request.data)
        decision = services.inspection_refuse(
            referral_id=pk, actor=request.user, reason_code=data["reason_code"], reason=data["reason"]
        )
        return Response(
            FilingDecisionResultSerializer(_with_case(decision, case_id)).data, status=status.HTTP_201_CREATED
        )


# --- records on the case ---------------------------------------------------------------------------------


def _case_write(name: str, doc: str, input_serializer, result_serializer, call):
    """A view whose service records something on the case; it answers 201 with the record and the case."""

    @extend_schema(tags=TAGS, request=input_serializer, responses={201: result_serializer, **WRITE_ERRORS})
    class View(APIView):
        def post(self, request, pk):
            _require_visible(request.user, pk)
            data = validated(input_serializer, request.data)
            record = call(case_id=pk, actor=request.user, data=data)
            return Response(result_serializer(_with_case(record, pk)).data, status=status.HTTP_201_CREATED)

    View.__doc__ = doc
    View.__name__ = View.__qualname__ = name
    return View


VisitView = _case_write(
    "VisitView",
    "Record an on-site inspection by at least two inspectors of the handling team (监察条例 art 16).",
    VisitInputSerializer, VisitResultSerializer,
    lambda *, case_id, actor, data: services.visit_record(
        case_id=case_id, actor=actor, version=data["version"], visited_on=data["visited_on"], place=data["place"],
        inspector_ids=data["inspectors"], findings=data["findings"]),
)
StatementView = _case_write(
    "StatementView",
    "Record a statement taken down (询问笔录) from the worker, the employer or a witness.",
    StatementInputSerializer, StatementResultSerializer,
    lambda *, case_id, actor, data: services.statement_record(
        case_id=case_id, actor=actor, version=data["version"], who=data["who"], name=data["name"],
        taken_on=data["taken_on"], summary=data["summary"], taken_by_id=data["taken_by"]),
)
InterviewView = _case_write(
    "InterviewView",
    "Record a talk with the employer's representative (约谈) and its outcome.",
    InterviewInputSerializer, InterviewResultSerializer,
    lambda *, case_id, actor, data: services.interview_record(
        case_id=case_id, actor=actor, version=data["version"],
        employer_representative=data["employer_representative"], held_on=data["held_on"], outcome=data["outcome"]),
)
EvidenceView = _case_write(
    "EvidenceView",
    "Record evidence the inspectors gathered (the worker's own uploads are the case's evidence).",
    EvidenceInputSerializer, GatheredEvidenceResultSerializer,
    lambda *, case_id, actor, data: services.evidence_gather(
        case_id=case_id, actor=actor, version=data["version"], description=data["description"],
        source=data["source"], gathered_on=data["gathered_on"]),
)
CorrectionOrderView = _case_write(
    "CorrectionOrderView",
    "Order the employer to correct by a deadline (监察条例 art 18): the order (责令改正指令书) is issued with its "
    "number and the case waits for correction.",
    CorrectionOrderInputSerializer, CorrectionOrderResultSerializer,
    lambda *, case_id, actor, data: services.correction_order_issue(
        case_id=case_id, actor=actor, version=data["version"], due_on=data["due_on"],
        items=[dict(i) for i in data["items"]], workers_covered=data["workers_covered"],
        requirements=data["requirements"], findings=data["findings"]),
)
ComplianceView = _case_write(
    "ComplianceView",
    "Record what the employer paid under the latest order: in full closes the case as corrected; otherwise, once "
    "the deadline has passed, the non-compliance is recorded and a penalty may follow (监察条例 art 26).",
    ComplianceInputSerializer, ComplianceRecordResultSerializer,
    lambda *, case_id, actor, data: services.compliance_record(
        case_id=case_id, actor=actor, version=data["version"], amounts_paid=data["amounts_paid"],
        workers_paid=data["workers_paid"], complied=data["complied"]),
)
PenaltyProposalView = _case_write(
    "PenaltyProposalView",
    "Propose a penalty within the statutory range and tell the employer (行政处罚告知书, issued with its number); "
    "it may state its case or ask for a hearing before the decision.",
    PenaltyProposalInputSerializer, PenaltyProposalResultSerializer,
    lambda *, case_id, actor, data: services.penalty_propose(
        case_id=case_id, actor=actor, version=data["version"], article=data["article"], workers=data["workers"],
        amount=data["amount"], basis=data["basis"], facts=data["facts"]),
)
EmployerStatementView = _case_write(
    "EmployerStatementView",
    "Record the employer's statement, its request for a hearing, the hearing, or its written waiver; it answers "
    "every proposal open now.",
    EmployerStatementInputSerializer, EmployerStatementResultSerializer,
    lambda *, case_id, actor, data: services.employer_statement_record(
        case_id=case_id, actor=actor, version=data["version"], kind=data["kind"], summary=data["summary"],
        received_on=data["received_on"]),
)
TransferView = _case_write(
    "TransferView",
    "Hand a dispute matter to arbitration (监察条例 art 21): an offer to the arbitration body, which reads the same "
    "file; the complaint's interruption of the arbitration limitation (LDMAL art 27) is recorded with it.",
    TransferInputSerializer, ArbitrationTransferResultSerializer,
    lambda *, case_id, actor, data: services.inspection_transfer_to_arbitration(
        case_id=case_id, actor=actor, version=data["version"], to_org_id=data["to_org"], note=data["note"]),
)
CloseView = _case_write(
    "CloseView",
    "Close the case with its outcome, the sums recovered and the workers covered (a penalty is closed by the "
    "penalty decision).",
    CloseInputSerializer, InspectionClosureResultSerializer,
    lambda *, case_id, actor, data: services.inspection_close(
        case_id=case_id, actor=actor, version=data["version"], outcome=data["outcome"],
        amounts_recovered=data["amounts_recovered"], workers_covered=data["workers_covered"], reason=data["reason"]),
)


@extend_schema(
    tags=TAGS, request=PenaltyDecisionInputSerializer, responses={201: PenaltyDecisionResultSerializer, **WRITE_ERRORS}
)
class PenaltyDecisionView(APIView):
    """Decide the open proposals once the employer has been heard or its period has passed: the decision
    (行政处罚决定书) is issued with its number and the case closes with outcome penalty."""

    def post(self, request, pk):
        _require_visible(request.user, pk)
        data = validated(PenaltyDecisionInputSerializer, request.data)
        proposals = services.penalty_decide(
            case_id=pk, actor=request.user, version=data["version"], amount_recovered=data["amount_recovered"],
            workers_covered=data["workers_covered"],
        )
        prefetch_related_objects(proposals, "rule", "statements")
        body = PenaltyDecisionResultSerializer({"case": _current_case(pk), "proposals": proposals}).data
        return Response(body, status=status.HTTP_201_CREATED)
