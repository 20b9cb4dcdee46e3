"""Reads of the arbitration track. Visibility is the case's (disputes.selectors), applied once here."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet

from core.errors import NotFound
from disputes.selectors import cases_visible_to

from .models import ArbitrationFile, Award, AwardItem, MinimumWage, PostAwardRecord, TribunalMember


def arbitration_file(*, user, case_id: int) -> ArbitrationFile | None:
    """The case's arbitration record, or None before the commission has acted; 404 if the case is not visible."""
    if not cases_visible_to(user).filter(pk=case_id).exists():
        raise NotFound()
    return (
        ArbitrationFile.objects.select_related("case", "commission")
        .prefetch_related(
            "representatives",
            Prefetch("tribunal_members", queryset=TribunalMember.objects.select_related("arbitrator")),
            Prefetch("awards", queryset=Award.objects.prefetch_related(
                Prefetch("items", queryset=AwardItem.objects.select_related("claim")))),
            "mediation_statements",
            Prefetch("post_award_records", queryset=PostAwardRecord.objects.order_by("filed_on", "id")),
        )
        .filter(case_id=case_id)
        .first()
    )


def tribunal(file: ArbitrationFile) -> QuerySet[TribunalMember]:
    """The members sitting now, presiding first."""
    return file.tribunal_members.filter(removed_at__isnull=True).select_related("arbitrator")


def live_awards(file: ArbitrationFile) -> QuerySet[Award]:
    """Awards not superseded by a court sending the case back."""
    return file.awards.filter(superseded_at__isnull=True).prefetch_related("items__claim")


def minimum_wage_for(*, division_id: int, on_date: datetime.date) -> MinimumWage | None:
    return MinimumWage.objects.filter(division_id=division_id, year=on_date.year).first()
