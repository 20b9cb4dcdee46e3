"""REST API of union and court mediation: thin views over mediation.court and mediation.court_selectors.

Every write on a case takes the case version the client read (a stale one is a 409) and answers with the
mediation file as it is now and the case's new stage and version.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from disputes.kit.api import WriteEndpoint, errors, with_case
from disputes.kit.doors import CASE

from . import court as services
from . import court_selectors as selectors
from .court_selectors import AGREEMENT, CONFIRMATION, CONSULTATION, FILE, ITEM, ORDER, SESSION, STEP
from .court_models import JudicialConfirmation, MediationAgreementItem, PaymentOrder
from .court_serializers import (
    MediationAcceptInputSerializer,
    MediationAgreementInputSerializer,
    MediationCancelInputSerializer,
    MediationConcludeInputSerializer,
    MediationConfirmationApplyInputSerializer,
    ConsultationSerializer,
    MediationConveneInputSerializer,
    MediationDeclineInputSerializer,
    MediationExtensionInputSerializer,
    MediationFailureInputSerializer,
    MediationHeldInputSerializer,
    MediationFileResultSerializer,
    MediationFileSerializer,
    MediationVersionInputSerializer,
    MediationPaidInputSerializer,
    MediationPaymentOrderApplyInputSerializer,
    MediationPaymentOrderRecordInputSerializer,
    MediationReferInputSerializer,
    MediationRulingInputSerializer,
    MediationScheduleInputSerializer,
    MediationStepDoneInputSerializer,
)

TAGS = ["mediation"]


def _file_id(returned) -> int:
    """The mediation file a service's returned record belongs to."""
    if isinstance(returned, JudicialConfirmation | PaymentOrder):
        return returned.agreement.file_id
    if isinstance(returned, MediationAgreementItem):
        return returned.agreement.file_id
    return getattr(returned, "file_id", None) or returned.pk


class _FileWrite(WriteEndpoint):
    tags, output = TAGS, MediationFileResultSerializer
    doors = {"pk": FILE}

    def reply(self, returned, request, **kwargs):
        file = selectors.file_after_write(_file_id(returned))
        return with_case(file, file.case_id)


class CaseMediationView(_FileWrite, input=MediationReferInputSerializer, status=201, service=services.mediation_refer,
                        doors={"pk": CASE}):
    """Entrust (from a court, with its own case number) or refer the case to a mediation organisation."""

    @extend_schema(tags=TAGS, responses={200: MediationFileSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """The case's mediation files (latest first) with their sessions, agreement, confirmation and orders."""
        return Response(MediationFileSerializer(selectors.mediation_files(user=request.user, case_id=pk), many=True).data)


class OpenView(_FileWrite, input=MediationVersionInputSerializer, status=201, service=services.mediation_file_open,
               doors={"pk": CASE}):
    """Open the mediation file of a case the caller's mediation organisation accepted by a plain referral."""


class AcceptView(_FileWrite, input=MediationAcceptInputSerializer, service=services.mediation_accept):
    """The mediation organisation accepts the case and names its mediator; the 15-day period starts."""


class DeclineView(_FileWrite, input=MediationDeclineInputSerializer, service=services.mediation_decline):
    """The mediation organisation declines with a coded reason; the case stays with who referred it."""


class SessionsView(_FileWrite, input=MediationScheduleInputSerializer, status=201,
                   service=services.mediation_session_schedule):
    """Schedule a session: a room and a mediator free at that time (no double booking)."""


class SessionHeldView(_FileWrite, input=MediationHeldInputSerializer, service=services.mediation_session_hold,
                      doors={"pk": SESSION}):
    """Record a session as held: attendance, the parties' positions, the proposals."""


class SessionCancelView(_FileWrite, input=MediationCancelInputSerializer, service=services.mediation_session_cancel,
                        doors={"pk": SESSION}):
    """Call off a scheduled session."""


class ExtensionView(_FileWrite, input=MediationExtensionInputSerializer, service=services.mediation_period_extend):
    """Extend the mediation period once, on the parties' recorded agreement."""


class AgreementView(_FileWrite, input=MediationAgreementInputSerializer, service=services.mediation_agree):
    """Record the agreement signed by both parties, claim by claim: issues the 调解协议书 and moves the case on to
    judicial confirmation."""


class FailureView(_FileWrite, input=MediationFailureInputSerializer, service=services.mediation_fail):
    """Record the failure (coded reason, record): issues the 调解终止书, restarts the arbitration limitation and
    hands the case back to the entrusting court or on to arbitration."""


class ConfirmationApplyView(_FileWrite, input=MediationConfirmationApplyInputSerializer,
                            service=services.confirmation_apply, doors={"pk": AGREEMENT}):
    """Record the parties' application for judicial confirmation; the court receives the case."""


class RulingView(_FileWrite, input=MediationRulingInputSerializer, service=services.confirmation_rule,
                 doors={"pk": CONFIRMATION}):
    """The court records its ruling on judicial confirmation (confirmed closes the case)."""


class PaidView(_FileWrite, input=MediationPaidInputSerializer, service=services.agreement_payment_record,
               doors={"pk": ITEM}):
    """Record that a sum of the agreement was paid."""


class PaymentOrderApplyView(_FileWrite, input=MediationPaymentOrderApplyInputSerializer, status=201,
                            service=services.payment_order_apply, doors={"pk": AGREEMENT}):
    """Record the worker's application for a payment order (支付令) on an overdue sum."""


class PaymentOrderView(_FileWrite, input=MediationPaymentOrderRecordInputSerializer,
                       service=services.payment_order_record, doors={"pk": ORDER}):
    """The court records its payment order and, later, its result."""


class _ConsultationWrite(WriteEndpoint):
    """A write on a joint consultation: it answers with the consultation as it is now."""

    tags, output = TAGS, ConsultationSerializer

    def reply(self, returned, request, **kwargs):
        return selectors.consultation_of(user=request.user, consultation_id=returned.pk)


class ConsultationsView(_ConsultationWrite, input=MediationConveneInputSerializer, status=201,
                        service=services.consultation_convene, doors={}):
    """Convene a joint consultation (会商) on linked cases with participants of several organisations."""


class ConclusionView(_ConsultationWrite, input=MediationConcludeInputSerializer, service=services.consultation_conclude,
                     doors={"pk": CONSULTATION}):
    """Record the consultation's minutes, conclusions and the next step on each linked case."""


class ConsultationStepDoneView(_ConsultationWrite, input=MediationStepDoneInputSerializer,
                               service=services.consultation_step_done, doors={"pk": STEP}):
    """The organisation a consultation named records its next step on a case as done (the step's clock is met)."""

    def reply(self, returned, request, **kwargs):
        return selectors.consultation_of(user=request.user, consultation_id=returned.consultation_id)
