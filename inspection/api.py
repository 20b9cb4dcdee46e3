"""REST API of the labour-inspection track: thin views over inspection.services and inspection.selectors.

One endpoint per service, inputs mapped one to one. Every write on a case takes the case version the client
read (a stale one is a 409) and answers with the record made and the case's new stage and version. A case or
referral outside the caller's scope is a 404, as if it did not exist; inside it, the services decide who may
act (403 for another role or organisation).
"""

from django.db.models import prefetch_related_objects
from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit.api import current_case, errors, with_case, write_endpoint
from disputes.models import Referral
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


def _require_visible(user, pk: int) -> None:
    """Checked before the input, so a caller outside the case learns nothing about it, not even its rules."""
    if not case_visible_to(user, pk):
        raise NotFound()


def _require_visible_referral(user, pk: int) -> None:
    case_id = Referral.objects.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None or not case_visible_to(user, case_id):
        raise NotFound()


def _decision_with_case(decision, **_kwargs):
    return with_case(decision, decision.case_id)


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


FilingView = write_endpoint(
    "FilingView",
    """Accept a referral for inspection: accepting is filing the case (立案, 若干规定 art 18); the case moves to
    the inspection stage and to your team. A violation outside the two-year limit is refused (file a refusal).""",
    tags=TAGS, request=FilingInputSerializer, response=FilingDecisionResultSerializer, status=201,
    check=_require_visible_referral, reply=_decision_with_case,
    call=lambda actor, data, pk: services.inspection_file(referral_id=pk, actor=actor, inspector_id=data["inspector"]),
)
RefusalView = write_endpoint(
    "RefusalView",
    """Refuse to file, in writing, with a coded reason: the notice (不予立案通知书) is issued with its number and
    the case goes back to the window that referred it.""",
    tags=TAGS, request=RefusalInputSerializer, response=FilingDecisionResultSerializer, status=201,
    check=_require_visible_referral, reply=_decision_with_case,
    call=lambda actor, data, pk: services.inspection_refuse(referral_id=pk, actor=actor, **data),
)


# --- records on the case ---------------------------------------------------------------------------------


# A record on the case: 201 with the record and the case; a case outside the caller's scope is a 404 first.
_case_write = partial(write_endpoint, tags=TAGS, status=201, check=_require_visible)


VisitView = _case_write(
    "VisitView",
    "Record an on-site inspection by at least two inspectors of the handling team (监察条例 art 16).",
    request=VisitInputSerializer, response=VisitResultSerializer,
    call=lambda actor, data, pk: services.visit_record(
        case_id=pk, actor=actor, version=data["version"], visited_on=data["visited_on"], place=data["place"],
        inspector_ids=data["inspectors"], findings=data["findings"]),
)
StatementView = _case_write(
    "StatementView",
    "Record a statement taken down (询问笔录) from the worker, the employer or a witness.",
    request=StatementInputSerializer, response=StatementResultSerializer,
    call=lambda actor, data, pk: services.statement_record(
        case_id=pk, actor=actor, version=data["version"], who=data["who"], name=data["name"],
        taken_on=data["taken_on"], summary=data["summary"], taken_by_id=data["taken_by"]),
)
InterviewView = _case_write(
    "InterviewView",
    "Record a talk with the employer's representative (约谈) and its outcome.",
    request=InterviewInputSerializer, response=InterviewResultSerializer,
    call=lambda actor, data, pk: services.interview_record(
        case_id=pk, actor=actor, version=data["version"],
        employer_representative=data["employer_representative"], held_on=data["held_on"], outcome=data["outcome"]),
)
EvidenceView = _case_write(
    "EvidenceView",
    "Record evidence the inspectors gathered (the worker's own uploads are the case's evidence).",
    request=EvidenceInputSerializer, response=GatheredEvidenceResultSerializer,
    call=lambda actor, data, pk: services.evidence_gather(
        case_id=pk, actor=actor, version=data["version"], description=data["description"],
        source=data["source"], gathered_on=data["gathered_on"]),
)
CorrectionOrderView = _case_write(
    "CorrectionOrderView",
    "Order the employer to correct by a deadline (监察条例 art 18): the order (责令改正指令书) is issued with its "
    "number and the case waits for correction.",
    request=CorrectionOrderInputSerializer, response=CorrectionOrderResultSerializer,
    call=lambda actor, data, pk: services.correction_order_issue(
        case_id=pk, actor=actor, version=data["version"], due_on=data["due_on"],
        items=[dict(i) for i in data["items"]], workers_covered=data["workers_covered"],
        requirements=data["requirements"], findings=data["findings"]),
)
ComplianceView = _case_write(
    "ComplianceView",
    "Record what the employer paid under the latest order: in full closes the case as corrected; otherwise, once "
    "the deadline has passed, the non-compliance is recorded and a penalty may follow (监察条例 art 26).",
    request=ComplianceInputSerializer, response=ComplianceRecordResultSerializer,
    call=lambda actor, data, pk: services.compliance_record(
        case_id=pk, actor=actor, version=data["version"], amounts_paid=data["amounts_paid"],
        workers_paid=data["workers_paid"], complied=data["complied"]),
)
PenaltyProposalView = _case_write(
    "PenaltyProposalView",
    "Propose a penalty within the statutory range and tell the employer (行政处罚告知书, issued with its number); "
    "it may state its case or ask for a hearing before the decision.",
    request=PenaltyProposalInputSerializer, response=PenaltyProposalResultSerializer,
    call=lambda actor, data, pk: services.penalty_propose(
        case_id=pk, actor=actor, version=data["version"], article=data["article"], workers=data["workers"],
        amount=data["amount"], basis=data["basis"], facts=data["facts"]),
)
EmployerStatementView = _case_write(
    "EmployerStatementView",
    "Record the employer's statement, its request for a hearing, the hearing, or its written waiver; it answers "
    "every proposal open now.",
    request=EmployerStatementInputSerializer, response=EmployerStatementResultSerializer,
    call=lambda actor, data, pk: services.employer_statement_record(
        case_id=pk, actor=actor, version=data["version"], kind=data["kind"], summary=data["summary"],
        received_on=data["received_on"]),
)
TransferView = _case_write(
    "TransferView",
    "Hand a dispute matter to arbitration (监察条例 art 21): an offer to the arbitration body, which reads the same "
    "file; the complaint's interruption of the arbitration limitation (LDMAL art 27) is recorded with it.",
    request=TransferInputSerializer, response=ArbitrationTransferResultSerializer,
    call=lambda actor, data, pk: services.inspection_transfer_to_arbitration(
        case_id=pk, actor=actor, version=data["version"], to_org_id=data["to_org"], note=data["note"]),
)
CloseView = _case_write(
    "CloseView",
    "Close the case with its outcome, the sums recovered and the workers covered (a penalty is closed by the "
    "penalty decision).",
    request=CloseInputSerializer, response=InspectionClosureResultSerializer,
    call=lambda actor, data, pk: services.inspection_close(
        case_id=pk, actor=actor, version=data["version"], outcome=data["outcome"],
        amounts_recovered=data["amounts_recovered"], workers_covered=data["workers_covered"], reason=data["reason"]),
)


def _decided(proposals, *, request, pk):
    prefetch_related_objects(proposals, "rule", "statements")
    return {"case": current_case(pk), "proposals": proposals}


PenaltyDecisionView = _case_write(
    "PenaltyDecisionView",
    """Decide the open proposals once the employer has been heard or its period has passed: the decision
    (行政处罚决定书) is issued with its number and the case closes with outcome penalty.""",
    request=PenaltyDecisionInputSerializer, response=PenaltyDecisionResultSerializer, reply=_decided,
    call=lambda actor, data, pk: services.penalty_decide(case_id=pk, actor=actor, **data),
)
