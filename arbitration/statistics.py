"""Arbitration's figures for the supervisor's statistics (disputes.registry.add_statistics_part): the sums
awarded by awards dated in the period (an award the court sent back, superseded, no longer counts) and those of
the arbitral mediation statements, by county."""

from django.db.models import F, Sum

from .models import AwardItem, MediationStatement


def statistics_part(*, scope, start, end, today):
    awarded = (
        AwardItem.objects.filter(scope("award__file__case__"), award__issued_on__gte=start, award__issued_on__lt=end,
                                 award__superseded_at__isnull=True)
        .values(division_id=F("award__file__case__division_id")).annotate(amount_decided=Sum("awarded_amount"))
        .order_by()
    )
    mediated = (
        MediationStatement.objects.filter(scope("file__case__"), issued_on__gte=start, issued_on__lt=end)
        .values(division_id=F("file__case__division_id")).annotate(amount_decided=Sum("total")).order_by()
    )
    return [*awarded, *mediated]
