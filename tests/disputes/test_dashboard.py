"""The supervisor's dashboard (disputes.selectors.dashboard_counts): the organisation's cases of this year and
this month by stage, county and claim type, as a supervisor would count them by hand from the case list."""

import datetime
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Division
from disputes.models import Case, Claim
from disputes.selectors import dashboard_counts

pytestmark = pytest.mark.django_db

TODAY = datetime.date(timezone.localdate().year, 6, 15)


def at(month, day, year=TODAY.year):
    return datetime.datetime(year, month, day, 10, tzinfo=timezone.get_current_timezone())


def by_hand(org, today):
    """The reference: every case the organisation handles or received first, walked one by one."""
    year_start, month_start = at(1, 1, today.year), at(today.month, 1, today.year)
    stage, county, claim_type = (defaultdict(lambda: {"year": 0, "month": 0}) for _ in range(3))
    totals = {"year": 0, "month": 0}
    for case in Case.objects.select_related("division").prefetch_related("claims"):
        if org.pk not in (case.owner_org_id, case.first_handler_org_id) or case.registered_at < year_start:
            continue
        spans = ["year"] + (["month"] if case.registered_at >= month_start else [])
        for span in spans:
            stage[case.status][span] += 1
            county[case.division.name][span] += 1
            totals[span] += 1
            for kind in {c.type for c in case.claims.all()}:
                claim_type[kind][span] += 1
    return {"by_stage": dict(stage), "by_county": dict(county), "by_claim_type": dict(claim_type), "totals": totals}


@pytest.fixture
def year_of_cases(register, people, orgs):
    """Cases over stages, counties, months and claim types: one received by the window and handled by
    inspection (still the window's), one of last year, one of another window, one claiming wages twice."""
    other_county = Division.objects.get(code="370781")
    cases = [register(seed=i).case for i in range(8)]
    Case.objects.filter(pk=cases[0].pk).update(registered_at=at(6, 2))
    Case.objects.filter(pk=cases[1].pk).update(registered_at=at(3, 9), status="closed")
    Case.objects.filter(pk=cases[2].pk).update(registered_at=at(6, 14), status="arbitration", division=other_county)
    Case.objects.filter(pk=cases[3].pk).update(registered_at=at(12, 20, TODAY.year - 1))
    Case.objects.filter(pk=cases[4].pk).update(
        registered_at=at(5, 31), status="inspection", owner_org=orgs["inspection"], owner_user=people["inspector"]
    )
    Case.objects.filter(pk=cases[5].pk).update(registered_at=at(6, 1), status="mediation", division=other_county)
    Case.objects.filter(pk__in=[cases[6].pk, cases[7].pk]).update(registered_at=at(1, 1))
    Claim.objects.create(case=cases[0], type="wages", amount="100.00", description="另一段工资")
    Claim.objects.create(case=cases[0], type="overtime", amount="200.00", description="加班费")
    Claim.objects.create(case=cases[5], type="severance", amount="300.00", description="经济补偿")
    elsewhere = register(seed=50, actor=people["outsider"]).case
    Case.objects.filter(pk=elsewhere.pk).update(registered_at=at(6, 3))
    return cases


def test_the_dashboard_counts_what_a_supervisor_counts_by_hand(year_of_cases, people, orgs):
    counts = dashboard_counts(people["supervisor"], today=TODAY)

    assert counts == by_hand(orgs["window"], TODAY)
    assert counts["totals"] == {"year": 7, "month": 3}
    assert counts["by_claim_type"]["wages"] == {"year": 7, "month": 3}  # the case claiming wages twice, once
    assert counts["by_stage"]["inspection"] == {"year": 1, "month": 0}  # received here, handled by inspection


def test_the_dashboard_costs_the_same_queries_for_a_few_cases_or_many(year_of_cases, register, people):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            dashboard_counts(people["supervisor"], today=TODAY)
        return len(ctx.captured_queries)

    few = queries()
    for i in range(100, 112):
        register(seed=i)
    assert queries() == few <= 3
