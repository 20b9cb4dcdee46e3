"""Random inspections (双随机、一公开) in a real browser: the supervisor plans and draws, a drawn inspector records
the result, and the public reads the draw on a phone without learning who inspects whom."""

import importlib
import re

import pytest
from django.apps import apps
from django.utils import timezone

from core.models import Role
from intake.services import complaint_register
from sampling.models import Draw, DrawnInspection, DrawnInspector, InspectionItem
from sampling.services import plan_create
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
EMPLOYERS = 4


@pytest.fixture
def inspection_team(browser_orgs, browser_people, browser_division):
    """A supervisor, three inspectors with no case of the pool's employers, and four employers on record with a
    case in the team's division (registered at the window by the clerk)."""
    # The inspection-item list is seeded by migration; a transactional test's flush removes it.
    importlib.import_module("sampling.migrations.0002_inspection_items").forward(apps, None)
    team = browser_orgs["inspection"]
    employers = [
        complaint_register(
            actor=browser_people["clerk"], evidence_files=(),
            data=complaint_input(browser_division, seed=300 + n, employer_name=f"潍坊抽查第{n}号企业有限公司"),
        ).case.employer
        for n in range(EMPLOYERS)
    ]
    return {
        "supervisor": _named(make_staff(team, Role.SUPERVISOR, "ri_boss"), "赵队长"),
        "inspectors": [
            _named(make_staff(team, Role.INSPECTOR, f"ri_inspector{n}"), name)
            for n, name in enumerate(("钱一", "孙二", "李三"))
        ],
        "employers": employers,
    }


def _named(user, name):
    """A person's name as the staff pages show it (a name no employer or plan holds)."""
    user.first_name, user.last_name = "", name
    user.save(update_fields=["first_name", "last_name"])
    return user


def _names(user):
    return {user.username, user.get_full_name(), user.last_name}


def test_a_supervisor_plans_and_draws_a_drawn_inspector_records_and_the_public_sees_no_person(
    live_server, new_context, sign_in, inspection_team
):
    boss = new_context().new_page()
    sign_in(boss, inspection_team["supervisor"])
    with boss.expect_navigation():
        boss.click("#nav-random-inspections")
    assert boss.url == live_server.url + "/random-inspections/manage/"
    with boss.expect_navigation():
        boss.click("#plan-new")

    # The plan: first item of the list, half the pool, two inspectors each, the team's whole area.
    assert boss.input_value("#id_year") == str(timezone.localdate().year)
    boss.fill("#id_name", "2026年度工资支付专项双随机抽查")
    boss.locator('#plan-form input[name="items"]').first.check()
    boss.fill("#id_share_percent", "50")
    with boss.expect_navigation():
        boss.click('#plan-form button[type="submit"]')
    assert re.fullmatch(re.escape(live_server.url) + r"/random-inspections/manage/plans/\d+/", boss.url), boss.url

    # The pools read from the case file: four employers, half of them to draw, three inspectors, no conflict.
    assert boss.inner_text("#pool-base").strip() == str(EMPLOYERS)
    assert boss.inner_text("#pool-eligible").strip() == str(EMPLOYERS)
    assert boss.inner_text("#pool-to-draw").strip() == "2"
    assert boss.inner_text("#pool-inspectors").strip() == "3"
    assert boss.inner_text("#pool-conflicts").strip() == "0"

    asked = []
    boss.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with boss.expect_navigation():
        boss.click("#draw-form button")
    assert asked == ["抽取结果将被记录并公开，不能撤销。现在抽取？"]
    draw = Draw.objects.get()
    assert boss.url == f"{live_server.url}/random-inspections/manage/draws/{draw.pk}/"
    assert boss.inner_text("#draw-seed").strip() == draw.seed
    verification = boss.locator("#verification")
    assert verification.get_attribute("class") == "ok"
    assert verification.inner_text().strip() == "已按随机种子重演：抽中同样的用人单位和检查人员。"
    checks = boss.locator("#draw-record li[data-check]").all_inner_texts()
    assert checks and all(c.startswith("✓") for c in checks), checks
    assert boss.locator(".card.drawn").count() == 2
    boss.screenshot(path=str(SCREENSHOT_DIR / "random-draw.png"), full_page=True)

    # A drawn inspector finds the inspection under "drawn for me" and records what was found.
    row = DrawnInspection.objects.filter(draw=draw).order_by("position").first()
    drawn = DrawnInspector.objects.filter(inspection=row).order_by("position").first().inspector
    # The staff page names the team drawn (so the public page's silence below is a choice, not an accident).
    assert drawn.last_name in boss.inner_text(f"#i{row.pk}")
    inspector = new_context().new_page()
    sign_in(inspector, drawn)
    inspector.goto(live_server.url + "/random-inspections/manage/")
    assert "抽中我检查的" in inspector.inner_text("main")
    assigned = inspector.locator("#assigned a", has_text=row.employer.name)
    assert assigned.count() == 1
    with inspector.expect_navigation():
        assigned.click()
    assert inspector.url == f"{live_server.url}/random-inspections/manage/draws/{draw.pk}/#i{row.pk}"
    card = inspector.locator(f"#i{row.pk}")
    card.locator("select[name=result]").select_option("compliant")
    card.locator("input[name=checked_on]").fill(timezone.localdate().isoformat())
    with inspector.expect_navigation():
        card.locator('button[type="submit"]').click()
    assert "结果已登记。" in inspector.content()
    row.refresh_from_db()
    assert (row.result, row.checked_on, row.recorded_by_id) == ("compliant", timezone.localdate(), drawn.pk)
    assert "未发现违法行为" in inspector.inner_text(f"#i{row.pk} .result")
    # Recorded, it is no longer waiting for them.
    inspector.goto(live_server.url + "/random-inspections/manage/")
    assert inspector.locator("#assigned a", has_text=row.employer.name).count() == 0

    # The public, on a phone, with no account: the draw with its seed and digests, and no person named.
    public = new_context(**PHONE_390).new_page()
    public.goto(live_server.url + "/random-inspections/")
    assert public.evaluate("document.scrollingElement.scrollWidth") <= 390
    with public.expect_navigation():
        public.click(f'#public-draws a[href="/random-inspections/draw/?id={draw.pk}"]')
    record = public.inner_text("#public-record")
    assert draw.seed in record and draw.record_digest in record and draw.result_digest in record
    results = public.inner_text("#public-results")
    for employer in DrawnInspection.objects.filter(draw=draw).select_related("employer"):
        assert employer.employer.name in results
    text = public.inner_text("body")
    page_html = public.content()
    people = [inspection_team["supervisor"], *inspection_team["inspectors"]]
    for person in people:
        for name in _names(person):
            assert name not in text and name not in page_html, name
    public.screenshot(path=str(SCREENSHOT_DIR / "random-public-phone.png"), full_page=True)
    assert public.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_drawn_inspections_become_cases_the_inspector_closes_one_and_the_public_sees_its_result(
    live_server, new_context, sign_in, inspection_team
):
    boss_user = inspection_team["supervisor"]
    plan = plan_create(actor=boss_user, name="2026年度双随机抽查（立案检查）", year=timezone.localdate().year,
                       item_ids=[InspectionItem.objects.order_by("code").first().pk], share_percent="50")
    boss = new_context().new_page()
    sign_in(boss, boss_user)
    boss.goto(f"{live_server.url}/random-inspections/manage/plans/{plan.pk}/")
    boss.once("dialog", lambda dialog: dialog.accept())
    with boss.expect_navigation():
        boss.click("#draw-form button")
    draw = Draw.objects.get(plan=plan)

    # The supervisor opens the draw's inspection cases from its page: one per employer drawn, no complainant.
    with boss.expect_navigation():
        boss.click("#open-cases button")
    assert "监察案件已立案" in boss.content()
    assert boss.locator("#open-cases").count() == 0
    rows = list(DrawnInspection.objects.filter(draw=draw).select_related("opened_case", "employer")
                .order_by("position"))
    assert len(rows) == 2 and all(r.opened_case_id for r in rows)
    assert boss.locator("a.opened-case").all_inner_texts() == [r.opened_case.number for r in rows]
    row, case = rows[0], rows[0].opened_case

    # The first inspector drawn finds it in their queue, with no complainant named.
    drawn = DrawnInspector.objects.filter(inspection=row).order_by("position").first().inspector
    assert case.owner_user_id == drawn.pk
    inspector = sign_in(new_context().new_page(), drawn)
    queue_row = inspector.locator("#queue tr", has_text=case.number)
    assert queue_row.count() == 1
    assert "无投诉人（主动检查）" in queue_row.inner_text()
    with inspector.expect_navigation():
        queue_row.locator(f'a:has-text("{case.number}")').click()
    assert inspector.inner_text("#no-complainant").strip() == "无投诉人（主动检查）"
    assert "主动检查（双随机抽查）" in inspector.inner_text("main")

    # They record the result on the inspection page: nothing found, the case closed.
    inspector.goto(f"{live_server.url}/cases/{case.pk}/inspection/")
    inspector.select_option("#close-form select[name=outcome]", "no_violation")
    inspector.fill("#close-form input[name=amounts_recovered]", "0")
    inspector.fill("#close-form input[name=workers_covered]", "0")
    inspector.fill("#close-form textarea[name=reason]", "现场检查工资支付台账，未发现违法行为")
    inspector.once("dialog", lambda dialog: dialog.accept())
    with inspector.expect_navigation():
        inspector.click("#close-form button[type=submit]")
    assert inspector.locator(".messages li.error").count() == 0
    row.refresh_from_db()
    assert (row.result, row.checked_on) == ("compliant", timezone.localdate())

    # The public record shows the result for that employer, the other still being inspected; no case number.
    public = new_context(**PHONE_390).new_page()
    public.goto(f"{live_server.url}/random-inspections/draw/?id={draw.pk}")
    results = public.locator("#public-results tbody tr")
    assert "未发现违法行为" in results.filter(has_text=row.employer.name).inner_text()
    assert "检查中" in results.filter(has_text=rows[1].employer.name).inner_text()
    html = public.content()
    assert all(r.opened_case.number not in html for r in rows)
    assert all(name not in html for name in _names(drawn))
    public.screenshot(path=str(SCREENSHOT_DIR / "random-result-from-case.png"), full_page=True)
