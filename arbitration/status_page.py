"""What the worker's page says of arbitration (disputes.registry.add_status_page_part): the materials the
commission asked for, the award to collect, and the sums awarded or agreed in its mediation statement."""

from django.utils.translation import gettext as _

from disputes.presentation import WorkerAmount, WorkerStep

from .models import ArbitrationFile, AwardItem, MediationStatement

# The events that write what this part reads: the materials asked for, the award's items, a mediation statement.
# "award": a member of a collective dispute has the lead's award step on its own timeline, not its records.
AFTER = ("completion_requested", "partial_award_issued", "award_items_recorded", "mediation_statement_recorded",
         "award")


def status_part(*, case):
    # A member of a collective dispute is arbitrated on its lead's file: the award there decides its claims.
    file = ArbitrationFile.objects.filter(case_id=case.lead_id or case.pk).select_related("commission").first()
    if file is None:
        return {}
    org = file.commission
    where = " ".join(filter(None, (org.name, org.address)))
    steps, amounts = [], []
    if file.completion_requested_on and not file.completed_on:
        steps.append(WorkerStep(what=_("Bring the missing materials to the arbitration commission"), where=where,
                                bring="；".join(file.completion_items), phone=org.phone))
    # Only this worker's own items: the lead's award holds one per claim of every member.
    items = list(AwardItem.objects.filter(award__file=file, claim__case=case, award__superseded_at__isnull=True)
                 .select_related("claim", "award").order_by("award__issued_on", "id"))
    for item in items:
        if item.awarded_amount:
            amounts.append(WorkerAmount(label=_("Awarded: %(claim)s") % {"claim": item.claim.get_type_display()},
                                        amount=item.awarded_amount))
    if items:
        steps.append(WorkerStep(
            what=_("Collect the arbitral award (or wait for it to be served on you)"), where=where, phone=org.phone,
            bring=_("Your ID card. If you disagree with a non-final award, you may sue in court within 15 days of receiving it."),
        ))
    # A statement's total is the whole group's on a lead's file, not a member's own amount: not shown to members.
    statements = [] if case.lead_id else MediationStatement.objects.filter(file=file).order_by("issued_on", "id")
    for statement in statements:
        amounts.append(WorkerAmount(label=_("Agreed in the arbitral mediation statement"), amount=statement.total))
    return {"worker_steps": steps, "worker_amounts": amounts}
