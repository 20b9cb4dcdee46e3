"""REST API of union and court mediation: thin views over mediation.court and mediation.court_selectors.

Every write on a case takes the case version the client read (a stale one is a 409) and answers with the
mediation file as it is now and the case's new stage and version.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from disputes.kit.api import WriteEndpoint, errors, with_case

from . import court as services
from . import court_selectors as selectors
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
    url_args = {"pk": "file_id"}

    def reply(self, returned, request, **kwargs):
        file = selectors.file_after_write(_file_id(returned))
        return with_case(file, file.case_id)


class CaseMediationView(_FileWrite):
    """Entrust (from a court, with its own case number) or refer the case to a mediation organisation."""

    input, status = MediationReferInputSerializer, 201
    service = services.mediation_refer
    url_args = {"pk": "case_id"}

    @extend_schema(tags=TAGS, responses={200: MediationFileSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request, pk):
        """The case's mediation files (latest first) with their sessions, agreement, confirmation and orders."""
        return Response(MediationFileSerializer(selectors.mediation_files(user=request.user, case_id=pk), many=True).data)


class OpenView(_FileWrite):
    """Open the mediation file of a case the caller's mediation organisation accepted by a plain referral."""

    input, status = MediationVersionInputSerializer, 201
    service = services.mediation_file_open
    url_args = {"pk": "case_id"}


class AcceptView(_FileWrite):
    """The mediation organisation accepts the case and names its mediator; the 15-day period starts."""

    input = MediationAcceptInputSerializer
    service = services.mediation_accept


class DeclineView(_FileWrite):
    """The mediation organisation declines with a coded reason; the case stays with who referred it."""

    input = MediationDeclineInputSerializer
    service = services.mediation_decline


class SessionsView(_FileWrite):
    """Schedule a session: a room and a mediator free at that time (no double booking)."""

    input, status = MediationScheduleInputSerializer, 201
    service = services.mediation_session_schedule


class SessionHeldView(_FileWrite):
    """Record a session as held: attendance, the parties' positions, the proposals."""

    input = MediationHeldInputSerializer
    service = services.mediation_session_hold
    url_args = {"pk": "session_id"}


class SessionCancelView(_FileWrite):
    """Call off a scheduled session."""

    input = MediationCancelInputSerializer
    service = services.mediation_session_cancel
    url_args = {"pk": "session_id"}


class ExtensionView(_FileWrite):
    """Extend the mediation period once, on the parties' recorded agreement."""

    input = MediationExtensionInputSerializer
    service = services.mediation_period_extend


class AgreementView(_FileWrite):
    """Record the agreement signed by both parties, claim by claim: issues the 调解协议书 and moves the case on to
    judicial confirmation."""

    input = MediationAgreementInputSerializer
    service = services.mediation_agree


class FailureView(_FileWrite):
    """Record the failure (coded reason, record): issues the 调解终止书, restarts the arbitration limitation and
    hands the case back to the entrusting court or on to arbitration."""

    input = MediationFailureInputSerializer
    service = services.mediation_fail


class ConfirmationApplyView(_FileWrite):
    """Record the parties' application for judicial confirmation; the court receives the case."""

    input = MediationConfirmationApplyInputSerializer
    service = services.confirmation_apply
    url_args = {"pk": "agreement_id"}


class RulingView(_FileWrite):
    """The court records its ruling on judicial confirmation (confirmed closes the case)."""

    input = MediationRulingInputSerializer
    service = services.confirmation_rule
    url_args = {"pk": "confirmation_id"}


class PaidView(_FileWrite):
    """Record that a sum of the agreement was paid."""

    input = MediationPaidInputSerializer
    service = services.agreement_payment_record
    url_args = {"pk": "item_id"}


class PaymentOrderApplyView(_FileWrite):
    """Record the worker's application for a payment order (支付令) on an overdue sum."""

    input, status = MediationPaymentOrderApplyInputSerializer, 201
    service = services.payment_order_apply
    url_args = {"pk": "agreement_id"}


class PaymentOrderView(_FileWrite):
    """The court records its payment order and, later, its result."""

    input = MediationPaymentOrderRecordInputSerializer
    service = services.payment_order_record
    url_args = {"pk": "order_id"}


class ConsultationsView(WriteEndpoint):
    """Convene a joint consultation (会商) on linked cases with participants of several organisations."""

    tags, output, input, status = TAGS, ConsultationSerializer, MediationConveneInputSerializer, 201
    service = services.consultation_convene
    url_args = {}

    def reply(self, returned, request, **kwargs):
        return selectors.consultation_of(user=request.user, consultation_id=returned.pk)


class ConclusionView(WriteEndpoint):
    """Record the consultation's minutes, conclusions and the next step on each linked case."""

    tags, output, input = TAGS, ConsultationSerializer, MediationConcludeInputSerializer
    service = services.consultation_conclude
    url_args = {"pk": "consultation_id"}

    def reply(self, returned, request, **kwargs):
        return selectors.consultation_of(user=request.user, consultation_id=returned.pk)
