"""Mediation's figures for the supervisor's statistics (disputes.registry.add_statistics_part): the sums agreed
in the period, by county: union and court mediation's agreements, and the joint mediation agreements that closed
no inspection file (those that did are counted with inspection's closures)."""

from django.db.models import F, Sum

from .court_models import MediationAgreement
from .models import JointMediationAgreement


def statistics_part(*, scope, start, end, today):
    agreed = (
        MediationAgreement.objects.filter(scope("file__case__"), agreed_on__gte=start, agreed_on__lt=end)
        .values(division_id=F("file__case__division_id")).annotate(amount_decided=Sum("total")).order_by()
    )
    joint = (
        JointMediationAgreement.objects.filter(scope("session__case__"), agreed_on__gte=start, agreed_on__lt=end,
                                               inspection_closure__isnull=True)
        .values(division_id=F("session__case__division_id")).annotate(amount_decided=Sum("total")).order_by()
    )
    return [*agreed, *joint]
