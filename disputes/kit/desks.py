"""A track's desk: the lists of its own work (a legal-aid station's referrals, an inspection organisation's
wage-arrears listings, a mediation organisation's unpaid agreements) put the green channel's cases first, as
the case file's queues do (disputes.selectors.QUEUE_ORDER, disputes.priority), and mark them with the same
badge (`{% include "disputes/_case_badges.html" with case=... %}`). A desk keeps its own order within each part;
a calendar (a room's or an arbitrator's hearings) stays in time order, where a hearing's place is its hour."""

from __future__ import annotations

from django.db.models import F, QuerySet


def priority_field(case: str = "case") -> str:
    """The green-channel flag seen from a desk's rows: `case` is the path from the row to its case ("" for cases)."""
    return f"{case}__is_priority" if case else "is_priority"


def priority_first(rows: QuerySet, case: str = "case") -> QuerySet:
    """`rows` with the green channel's cases first, then in the order the desk gave them (its order_by, or its
    model's default). Call it before slicing; it adds no query (the flag is read from the case the rows join)."""
    existing = list(rows.query.order_by) or list(rows.model._meta.ordering)
    return rows.order_by(F(priority_field(case)).desc(), *existing)
