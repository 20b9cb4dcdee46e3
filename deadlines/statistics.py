"""The clocks' figures for the supervisor's statistics (disputes.registry.add_statistics_part): of the deadlines
falling due in the period, how many were met on time and how many were missed (met late, or still running past
their date), by county. A clock without a date (its year's calendar missing), paused or cancelled is neither."""

from django.db.models import Count, F, Q

from .models import Clock, ClockState


def statistics_part(*, scope, start, end, today):
    met = Q(state=ClockState.SATISFIED, satisfied_at__date__lte=F("due_on"))
    late = Q(state=ClockState.SATISFIED, satisfied_at__date__gt=F("due_on")) | Q(
        state=ClockState.RUNNING, due_on__lt=today
    )
    return list(
        Clock.objects.filter(scope("case__"), due_on__gte=start, due_on__lt=end)
        .values(division_id=F("case__division_id"))
        .annotate(clocks_met=Count("pk", filter=met), clocks_late=Count("pk", filter=late))
        .order_by()
    )
