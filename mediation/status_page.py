"""What the worker's page says of mediation (disputes.registry.add_status_page_part): the next session booked
(union and court mediation, or a joint session), when and where; the sums agreed and the date by which the
employer must pay each."""

from django.utils import timezone
from django.utils.translation import gettext as _

from disputes.presentation import WorkerAmount, WorkerStep

from .court_models import MediationAgreementItem, MediationSession, MediationSessionState
from .models import JointMediationAgreementItem, JointMediationSession, SessionState

# The events that write what this part reads: a session booked, an agreement signed.
AFTER = ("mediation_session_scheduled", "joint_mediation_scheduled", "agree", "joint_mediation_agreed")


def status_part(*, case):
    now = timezone.now()
    bring = _("Your ID card and the originals of your evidence.")
    steps = []
    session = (
        MediationSession.objects.filter(case=case, state=MediationSessionState.SCHEDULED, starts_at__gte=now)
        .select_related("room__organization").order_by("starts_at").first()
    )
    if session is not None:
        org = session.room.organization
        steps.append(WorkerStep(what=_("Attend the mediation session"), when=session.starts_at,
                                where=" ".join(filter(None, (org.name, session.room.name, org.address))),
                                bring=bring, phone=org.phone))
    joint = (JointMediationSession.objects.filter(case=case, state=SessionState.SCHEDULED, scheduled_at__gte=now)
             .order_by("scheduled_at").first())
    if joint is not None:
        steps.append(WorkerStep(what=_("Attend the joint mediation session"), when=joint.scheduled_at,
                                where=joint.place, bring=bring))
    amounts = []
    today = timezone.localdate()
    for item in (MediationAgreementItem.objects.filter(agreement__file__case=case, amount__isnull=False)
                 .select_related("claim").order_by("due_on", "id")):
        amounts.append(WorkerAmount(label=_("Agreed in mediation: %(claim)s") % {"claim": item.claim.get_type_display()},
                                    amount=item.amount, due_on=item.due_on, paid_on=item.paid_on))
        if item.due_on and not item.paid_on and item.due_on >= today:
            steps.append(WorkerStep(
                what=_("The employer must pay %(amount)s yuan by this date") % {"amount": f"{item.amount:,.2f}"},
                when=item.due_on, by_worker=False,
                bring=_("If it is not paid in time, tell the mediator: the court can enforce a confirmed agreement."),
            ))
    for item in (JointMediationAgreementItem.objects.filter(agreement__session__case=case, amount__isnull=False)
                 .order_by("due_on", "id")):
        amounts.append(WorkerAmount(label=_("Agreed in joint mediation: %(term)s") % {"term": item.text},
                                    amount=item.amount, due_on=item.due_on))
    return {"worker_steps": steps, "worker_amounts": amounts}
