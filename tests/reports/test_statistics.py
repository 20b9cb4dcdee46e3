"""The supervisor's statistics (reports.selectors.statistics_for), the page and the Excel file, against a month of
cases whose every figure is counted here by hand: June of this year in the window's county (潍城区)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from core.models import Division
from deadlines.models import Clock, ClockState, DeadlineRule
from disputes.models import Case, Claim
from inspection.models import InspectionClosure
from reports.periods import month
from reports.selectors import CELL_KEYS, statistics_for

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1  # a whole past year: no month of it is the current one
JUNE = month(YEAR, 6)
TODAY = datetime.date(YEAR, 7, 10)


def at(m, d, hour=10):
    return datetime.datetime(YEAR, m, d, hour, tzinfo=timezone.get_current_timezone())


def day(m, d):
    return datetime.date(YEAR, m, d)


@pytest.fixture
def june(register, people):
    """Twelve cases; the comment on each says how June counts it."""
    other_county = Division.objects.get(code="370781")
    c = [register(seed=100 + i).case for i in range(12)]
    Claim.objects.all().delete()
    Clock.objects.all().delete()
    set_ = lambda i, **kw: Case.objects.filter(pk=c[i].pk).update(**kw)  # noqa: E731
    set_(0, registered_at=at(5, 10))  # carried over, pending
    set_(1, registered_at=at(5, 20), status="closed", outcome="award", closed_at=at(6, 5))  # carried over, awarded
    set_(2, registered_at=at(6, 2), status="closed", outcome="mediated", closed_at=at(6, 20))  # accepted, mediated
    set_(3, registered_at=at(6, 3), status="withdrawn", closed_at=at(6, 10))  # accepted, withdrawn
    set_(4, registered_at=at(6, 4), status="redirected", closed_at=at(6, 4))  # received, not accepted
    set_(5, registered_at=at(6, 8), is_collective=True)  # accepted, collective, pending
    set_(6, registered_at=at(6, 9), is_collective=True, employer=c[5].employer)  # the same collective dispute
    set_(7, registered_at=at(6, 12), status="closed", outcome="penalty", closed_at=at(7, 2))  # accepted, pending
    set_(8, registered_at=at(4, 1), status="closed", outcome="corrected", closed_at=at(5, 30))  # ended before June
    set_(9, registered_at=at(6, 15), division=other_county)  # another county: not the window supervisor's
    set_(10, registered_at=at(7, 1))  # after June (open now)
    set_(11, registered_at=at(6, 20), status="closed", outcome="no_violation", closed_at=at(6, 25))  # ended otherwise
    for i, kind, amount in ((2, "wages", "1000.00"), (2, "overtime", "500.50"), (5, "wages", "2000.00"),
                            (6, "wages", "300.00"), (6, "wages", "200.00"), (9, "wages", "999.00")):
        Claim.objects.create(case=c[i], type=kind, amount=Decimal(amount))
    for i, on, amount in ((11, day(6, 25), "1234.56"), (8, day(5, 30), "99.00")):
        InspectionClosure.objects.create(case=c[i], outcome="no_violation", amount_recovered=Decimal(amount),
                                         workers_covered=1, closed_on=on, organization=c[i].owner_org,
                                         recorded_by=people["inspector"])
    rule = DeadlineRule.objects.get(code="investigation")
    for i, due, state, satisfied in (
        (0, day(6, 10), ClockState.SATISFIED, at(6, 9)),  # met
        (0, day(6, 12), ClockState.SATISFIED, at(6, 14)),  # late
        (5, day(6, 20), ClockState.RUNNING, None),  # late: still running after its date
        (5, day(7, 5), ClockState.RUNNING, None),  # due after June
        (7, day(6, 18), ClockState.CANCELLED, None),  # cancelled: neither
        (9, day(6, 10), ClockState.SATISFIED, at(6, 20)),  # another county
    ):
        Clock.objects.create(case=c[i], rule=rule, subject=f"{due}", state=state, started_on=day(4, 1), due_on=due,
                             stretch_started_on=day(4, 1), satisfied_at=satisfied, owner_org=c[i].owner_org)
    return c


EXPECTED = {
    "carried": 2, "received": 7, "accepted": 6, "not_accepted": 1, "ended": 4, "mediated": 1, "awarded": 1,
    "withdrawn": 1, "other": 1, "pending": 4, "collective_disputes": 1, "collective_workers": 2,
    "claimed": Decimal("4000.50"), "decided": Decimal("1234.56"), "clocks_met": 1, "clocks_late": 2,
    "on_time_rate": Decimal("33.3"),
}


def test_every_figure_of_the_month_matches_the_count_by_hand(june, people, division):
    stats = statistics_for(people["supervisor"], JUNE, today=TODAY)

    assert stats.scope.label == division.name
    assert [r.name for r in stats.rows] == [division.name]  # the other county's case is not the window's county
    assert dict(zip(CELL_KEYS, stats.rows[0].cells(), strict=True)) == EXPECTED
    assert dict(zip(CELL_KEYS, stats.total.cells(), strict=True)) == EXPECTED
    counts = stats.total.counts
    assert counts["carried"] + counts["accepted"] - counts["ended"] == counts["pending"]
    assert [(t, n, a) for t, _label, n, a in stats.by_claim_type] == [
        ("wages", 3, Decimal("3500.00")), ("overtime", 1, Decimal("500.50"))]  # case 6 claims wages twice: once
    assert stats.trend[-3:] == [(day(4, 1), 1, 0), (day(5, 1), 2, 1), (day(6, 1), 7, 4)]
    assert len(stats.trend) == 12 and stats.trend[0][0] == datetime.date(YEAR - 1, 7, 1)
    # Open now: cases 0, 5, 6 and 10 (July); ended in June: 1, 2, 3 and 11 (the redirection is not an ending).
    assert [(w.name, w.open, w.ended) for w in stats.people] == [("clerk", 4, 4)]
    assert [(w.name, w.open, w.ended) for w in stats.organizations] == [(june[0].owner_org.name, 4, 4)]


def test_the_other_county_supervisor_sees_only_its_county(june, people):
    stats = statistics_for(people["outsider_supervisor"], JUNE, today=TODAY)

    assert [r.name for r in stats.rows] == ["青州市"]
    row = dict(zip(CELL_KEYS, stats.total.cells(), strict=True))
    assert (row["received"], row["accepted"], row["pending"], row["claimed"]) == (1, 1, 1, Decimal("999.00"))
    assert (row["clocks_met"], row["clocks_late"]) == (0, 1)


def test_a_quarter_and_a_range_count_the_same_cases_as_their_months(june, people):
    def total(period):
        return statistics_for(people["supervisor"], period, today=TODAY).total.counts

    from reports.periods import Period, quarter
    q2 = total(quarter(YEAR, 2))
    assert q2["received"] == 10  # April 1, May 2, June 7
    assert q2["ended"] == 5 and q2["carried"] == 0
    assert total(Period("range", day(6, 1), day(7, 1))) == total(JUNE)


def test_only_supervisors_read_the_statistics(june, client, people):
    client.force_login(people["clerk"])
    assert client.get(reverse("reports:statistics")).status_code == 403
    assert client.get(reverse("reports:xlsx")).status_code == 403


def test_the_page_shows_the_figures_and_its_query_count_does_not_grow(june, client, people, register):
    client.force_login(people["supervisor"])
    url = reverse("reports:statistics") + f"?period=month&year={YEAR}&month=6"
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span id="sum-received">7</span>' in html and '<span id="sum-pending">4</span>' in html
    assert '<span id="sum-claimed">4,000.50</span>' in html and '<span id="sum-on-time">33.3%</span>' in html
    assert 'id="trend-chart"' in html and "<script" not in html.split("<main>")[1]
    for i in range(6):
        case = register(seed=300 + i, actor=people["clerk2"]).case
        Case.objects.filter(pk=case.pk).update(registered_at=at(6, 3 + i))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert '<span id="sum-received">13</span>' in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_excel_file_holds_the_figures_of_the_page(june, client, people, division):
    client.force_login(people["supervisor"])
    response = client.get(reverse("reports:xlsx") + f"?period=month&year={YEAR}&month=6")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0].endswith(f"{division.name} · {JUNE.label}")
    body = {r[0]: r[1:] for r in rows[2:]}
    expected = [int(v) if isinstance(v, int) else float(v) for v in EXPECTED.values()]
    assert [float(v) if isinstance(v, Decimal) else v for v in body[division.name]] == expected
    assert [float(v) if isinstance(v, Decimal) else v for v in body["合计"]] == expected
    trend = list(wb.worksheets[2].iter_rows(min_row=3, values_only=True))
    assert trend[-1] == (f"{YEAR}-06", 7, 4)


def test_a_period_that_cannot_be_read_is_refused_in_chinese(client, people):
    client.force_login(people["supervisor"])
    response = client.get(reverse("reports:statistics") + "?period=range&from=2026-05-01&to=2026-04-01")
    assert response.status_code == 200
    assert "结束日期早于开始日期" in response.content.decode()


def test_an_export_prepared_in_the_background_downloads_when_ready(
        june, client, people, division, django_capture_on_commit_callbacks):
    from reports.models import Export

    client.force_login(people["supervisor"])
    query = {"period": "month", "year": YEAR, "month": 6}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("reports:export_create"), {**query, "format": "xlsx"})
    assert answer.status_code == 302
    export = Export.objects.get()  # Celery is eager in tests: prepared already
    status = client.get(reverse("reports:export_status", args=[export.pk])).json()
    assert (status["state"], status["progress"]) == ("done", 100) and status["download"]
    page = client.get(reverse("reports:statistics") + f"?period=month&year={YEAR}&month=6").content.decode()
    assert 'id="exports"' in page and 'data-state="done"' in page
    wb = load_workbook(io.BytesIO(b"".join(client.get(status["download"]).streaming_content)))
    body = {r[0]: r[1:] for r in wb.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert body[division.name][:3] == (EXPECTED["carried"], EXPECTED["received"], EXPECTED["accepted"])

    client.force_login(people["outsider_supervisor"])  # someone else's export is not found
    assert client.get(reverse("reports:export_status", args=[export.pk])).status_code == 404
    assert client.get(status["download"]).status_code == 404


def test_the_pdf_prints_the_county_table(june, client, people, division, django_capture_on_commit_callbacks):
    from reports.models import Export

    client.force_login(people["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_create"), {"period": "month", "year": YEAR, "month": 6, "format": "pdf"})
    export = Export.objects.get()
    content = b"".join(client.get(reverse("reports:export_download", args=[export.pk])).streaming_content)
    assert content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "4,000.50" in text and "1,234.56" in text and "33.3%" in text


def test_the_dashboard_links_the_statistics_for_supervisors_only(client, people):
    client.force_login(people["supervisor"])
    assert 'id="dashboard-statistics"' in client.get(reverse("disputes:dashboard")).content.decode()
    client.force_login(people["clerk"])
    assert 'id="dashboard-statistics"' not in client.get(reverse("disputes:dashboard")).content.decode()
