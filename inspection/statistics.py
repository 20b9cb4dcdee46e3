"""Inspection's figures for the supervisor's statistics (disputes.registry.add_statistics_part): the sums
recovered by the closures dated in the period, by county. A joint mediation's agreement closes the inspection
file with such a closure, so its sum is counted here and not again by mediation."""

from django.db.models import F, Sum

from .models import InspectionClosure


def statistics_part(*, scope, start, end, today):
    return list(
        InspectionClosure.objects.filter(scope("case__"), closed_on__gte=start, closed_on__lt=end)
        .values(division_id=F("case__division_id")).annotate(amount_decided=Sum("amount_recovered")).order_by()
    )
