"""The supervisor's pages (Chinese), the drawn inspectors' result form, and the public record (no person named,
rate-limited, constant queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sampling import services
from sampling.models import Draw, DrawnInspection

pytestmark = pytest.mark.django_db


def test_the_supervisor_makes_a_plan_previews_the_pools_and_draws(client, boss, items, employers, team):
    client.force_login(boss)
    page = client.get("/random-inspections/manage/plans/new/")
    assert page.status_code == 200 and "检查事项" in page.content.decode()
    refused = client.post("/random-inspections/manage/plans/new/", {
        "name": "年度抽查", "year": timezone.localdate().year, "items": [items[0].pk], "share_percent": "0",
        "inspectors_per_inspection": 2})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "年度抽查" in text  # kept, not retyped
    r = client.post("/random-inspections/manage/plans/new/", {
        "name": "年度抽查", "year": timezone.localdate().year, "items": [items[0].pk], "share_percent": "30",
        "inspectors_per_inspection": 2, "max_per_year": 1})
    assert r.status_code == 302
    plan_url = r["Location"]
    page = client.get(plan_url).content.decode()
    assert 'id="pool-base">10<' in page and 'id="pool-to-draw">3<' in page and 'id="pool-inspectors">6<' in page
    r = client.post(plan_url + "draw/")
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "同样的用人单位和检查人员" in page or "same employers and inspectors" in page
    assert page.count('class="card drawn"') == 3


def test_an_inspector_sees_what_he_is_drawn_for_and_records_the_result(client, boss, items, employers, team, make_plan):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    member = row.team.order_by("position").first().inspector
    client.force_login(member)
    home = client.get("/random-inspections/manage/").content.decode()
    assert row.employer.name in home
    r = client.post(f"/random-inspections/manage/inspections/{row.pk}/result/", {
        "result": "order_issued", "checked_on": timezone.localdate().isoformat(), "version": 1})
    assert r.status_code == 400 and "请填写下达责令改正的监察案件编号" in r.content.decode()
    r = client.post(f"/random-inspections/manage/inspections/{row.pk}/result/", {
        "result": "compliant", "checked_on": timezone.localdate().isoformat(), "version": 1})
    assert r.status_code == 302
    assert DrawnInspection.objects.get(pk=row.pk).result == "compliant"


def test_other_organisations_get_no_page(client, people, boss, items, employers, team, make_plan):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    client.force_login(people["clerk"])
    assert client.get("/random-inspections/manage/").status_code == 403
    # A draw of another organisation is not found, as a missing one is (the door before the role).
    assert client.get(f"/random-inspections/manage/draws/{draw.pk}/").status_code == 404


def test_the_public_record_names_no_person_and_shows_the_seed(client, boss, items, employers, team, make_plan):
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    services.result_record(actor=boss, inspection_id=row.pk, version=1, result="compliant",
                           checked_on=timezone.localdate())
    page = client.get(f"/random-inspections/draw/?id={draw.pk}")
    text = page.content.decode()
    assert page.status_code == 200 and draw.seed in text and row.employer.name in text
    for person in [*team, boss]:
        assert person.username not in text and (person.last_name or "@@") not in text
    for case in row.employer.cases.select_related("worker"):
        assert case.worker.name not in text and case.worker.id_number not in text and case.number not in text
    assert "未发现违法行为" in text or "No violation found" in text
    assert client.get("/random-inspections/").status_code == 200


def test_the_public_pages_read_constant_queries(client, boss, items, employers, team, make_plan):
    plan = make_plan()
    one = services.draw_run(actor=boss, plan_id=plan.pk)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/random-inspections/draw/?id={one.pk}")
        client.get("/random-inspections/")
    plan.share_percent = 100
    plan.save()
    many = services.draw_run(actor=boss, plan_id=plan.pk)
    with CaptureQueriesContext(connection) as lots:
        client.get(f"/random-inspections/draw/?id={many.pk}")
        client.get("/random-inspections/")
    assert len(Draw.objects.get(pk=many.pk).result) == 10
    assert len(lots) == len(few)


def test_the_public_pages_are_rate_limited(client):
    from django.core.cache import cache

    from sampling import views

    cache.clear()
    original = views.PUBLIC_RATE
    views.PUBLIC_RATE = "2/m"
    try:
        codes = [client.get("/random-inspections/").status_code for _ in range(3)]
    finally:
        views.PUBLIC_RATE = original
        cache.clear()
    assert codes == [200, 200, 429]


def test_the_draw_and_plan_pages_read_constant_queries(client, boss, items, employers, team, make_plan):
    plan = make_plan()
    few_draw = services.draw_run(actor=boss, plan_id=plan.pk)
    client.force_login(boss)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/random-inspections/manage/draws/{few_draw.pk}/")
        client.get(f"/random-inspections/manage/plans/{plan.pk}/")
        client.get("/random-inspections/manage/")
    plan.share_percent = 100
    plan.save()
    many_draw = services.draw_run(actor=boss, plan_id=plan.pk)
    with CaptureQueriesContext(connection) as lots:
        client.get(f"/random-inspections/manage/draws/{many_draw.pk}/")
        client.get(f"/random-inspections/manage/plans/{plan.pk}/")
        client.get("/random-inspections/manage/")
    assert len(many_draw.result) == 10 and len(few_draw.result) == 3
    assert len(lots) == len(few)


def test_the_result_form_preselects_no_result_and_refuses_one_left_unchosen(
    client, boss, items, employers, team, make_plan
):
    # A form that opens on "No violation found" lets an inspector record a clean result without choosing one.
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    member = row.team.order_by("position").first().inspector
    client.force_login(member)
    page = client.get(f"/random-inspections/manage/draws/{draw.pk}/").content.decode()
    select = page.split(f'id="id_r{row.pk}_result"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>' in select
    r = client.post(f"/random-inspections/manage/inspections/{row.pk}/result/", {
        "result": "", "checked_on": timezone.localdate().isoformat(), "version": 1})
    assert r.status_code == 400 and "请选择结果。" in r.content.decode()
    assert DrawnInspection.objects.get(pk=row.pk).result == ""


def test_the_pages_call_an_inspection_s_result_an_inspection_result_not_a_correction_result(
    client, boss, items, employers, team, make_plan
):
    # "Result" alone is translated for an order to correct (改正结果); a random inspection's result is what the
    # inspection found, which the public reads next to "No violation found".
    draw = services.draw_run(actor=boss, plan_id=make_plan().pk)
    public = client.get(f"/random-inspections/draw/?id={draw.pk}").content.decode()
    assert "<th>检查结果</th>" in public and "改正结果" not in public
    client.force_login(boss)
    staff = client.get(f"/random-inspections/manage/draws/{draw.pk}/").content.decode()
    assert "检查结果" in staff and "改正结果" not in staff
