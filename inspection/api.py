"""REST API of the labour-inspection track: thin views over inspection.services and inspection.selectors.

One endpoint per service, inputs mapped one to one. Every write on a case takes the case version the client
read (a stale one is a 409) and answers with the record made and the case's new stage and version. A case or
referral outside the caller's scope is a 404, as if it did not exist; inside it, the services decide who may
act (403 for another role or organisation).
"""

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound
from disputes.kit.api import WriteEndpoint, current_case, errors, with_case
from disputes.kit.doors import REFERRAL

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


class _CaseWrite(WriteEndpoint):
    """A record on the case: 201 with the record and the case as it is now."""

    tags, status = TAGS, 201


class _ReferralWrite(_CaseWrite):
    """A decision on the referral (its pk in the URL) that offered the case to inspection."""

    doors = {"pk": REFERRAL}

    def reply(self, returned, request, pk):
        return with_case(returned, returned.case_id)


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


class FilingView(_ReferralWrite, input=FilingInputSerializer, output=FilingDecisionResultSerializer,
                 service=services.inspection_file):
    """Accept a referral for inspection: accepting is filing the case (立案, 若干规定 art 18); the case moves to
    the inspection stage and to your team. A violation outside the two-year limit is refused (file a refusal)."""


class RefusalView(_ReferralWrite, input=RefusalInputSerializer, output=FilingDecisionResultSerializer,
                  service=services.inspection_refuse):
    """Refuse to file, in writing, with a coded reason: the notice (不予立案通知书) is issued with its number and
    the case goes back to the window that referred it."""


# --- records on the case ---------------------------------------------------------------------------------


class VisitView(_CaseWrite, input=VisitInputSerializer, output=VisitResultSerializer, service=services.visit_record):
    """Record an on-site inspection by at least two inspectors of the handling team (监察条例 art 16)."""


class StatementView(_CaseWrite, input=StatementInputSerializer, output=StatementResultSerializer,
                    service=services.statement_record):
    """Record a statement taken down (询问笔录) from the worker, the employer or a witness."""


class InterviewView(_CaseWrite, input=InterviewInputSerializer, output=InterviewResultSerializer,
                    service=services.interview_record):
    """Record a talk with the employer's representative (约谈) and its outcome."""


class EvidenceView(_CaseWrite, input=EvidenceInputSerializer, output=GatheredEvidenceResultSerializer,
                   service=services.evidence_gather):
    """Record evidence the inspectors gathered (the worker's own uploads are the case's evidence)."""


class CorrectionOrderView(_CaseWrite, input=CorrectionOrderInputSerializer, output=CorrectionOrderResultSerializer,
                          service=services.correction_order_issue):
    """Order the employer to correct by a deadline (监察条例 art 18): the order (责令改正指令书) is issued with its number and the
    case waits for correction."""


class ComplianceView(_CaseWrite, input=ComplianceInputSerializer, output=ComplianceRecordResultSerializer,
                     service=services.compliance_record):
    """Record what the employer paid under the latest order: in full closes the case as corrected; otherwise, once the
    deadline has passed, the non-compliance is recorded and a penalty may follow (监察条例 art 26)."""


class PenaltyProposalView(_CaseWrite, input=PenaltyProposalInputSerializer, output=PenaltyProposalResultSerializer,
                          service=services.penalty_propose):
    """Propose a penalty within the statutory range and tell the employer (行政处罚告知书, issued with its number); it may
    state its case or ask for a hearing before the decision."""


class EmployerStatementView(_CaseWrite, input=EmployerStatementInputSerializer,
                            output=EmployerStatementResultSerializer, service=services.employer_statement_record):
    """Record the employer's statement, its request for a hearing, the hearing, or its written waiver; it answers every
    proposal open now."""


class TransferView(_CaseWrite, input=TransferInputSerializer, output=ArbitrationTransferResultSerializer,
                   service=services.inspection_transfer_to_arbitration):
    """Hand a dispute matter to arbitration (监察条例 art 21): an offer to the arbitration body, which reads the same file;
    the complaint's interruption of the arbitration limitation (LDMAL art 27) is recorded with it."""


class CloseView(_CaseWrite, input=CloseInputSerializer, output=InspectionClosureResultSerializer,
                service=services.inspection_close):
    """Close the case with its outcome, the sums recovered and the workers covered (a penalty is closed by the penalty
    decision)."""


class PenaltyDecisionView(_CaseWrite, input=PenaltyDecisionInputSerializer, output=PenaltyDecisionResultSerializer,
                          service=services.penalty_decide):
    """Decide the open proposals once the employer has been heard or its period has passed: the decision
    (行政处罚决定书) is issued with its number and the case closes with outcome penalty."""

    def reply(self, proposals, request, pk):
        prefetch_related_objects(proposals, "rule", "statements")
        return {"case": current_case(pk), "proposals": proposals}
