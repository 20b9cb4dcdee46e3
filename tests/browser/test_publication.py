"""The quarter's publication of major violations (MOHRSS Order 29) in the browser: the team's supervisor assembles
the list from a decided case, reviews the entry, approves and publishes it; anyone then reads it on a phone and
downloads the PDF."""

import datetime
import importlib

import pytest
from django.apps import apps

from compliance.publication_models import Publication, PublicationState
from core.models import Role
from disputes.models import Case
from disputes.services import referral_offer
from documents.numbering import ensure_default_number_patterns
from inspection.services import correction_order_issue, inspection_file
from tests.conftest import make_staff
from tests.inspection.conftest import at

from .conftest import SCREENSHOT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def decided_case(registered_case, browser_people, browser_orgs):
    """The registered case filed by the team and ordered to correct in June 2026 (Q2)."""
    # A transactional test's flush removed the categories the migration seeded: put them back.
    importlib.import_module("compliance.migrations.0006_seed_publication_categories").forward(apps, None)
    case, _code = registered_case
    team = browser_orgs["inspection"]
    ensure_default_number_patterns(team)
    inspector = make_staff(team, Role.INSPECTOR, "inspector")
    supervisor = make_staff(team, Role.SUPERVISOR, "insp_supervisor")
    with at("2026-06-02"):
        referral = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=team.pk,
                                  purpose="inspection", expected_version=Case.objects.get(pk=case.pk).version)
        inspection_file(referral_id=referral.pk, actor=inspector)
        correction_order_issue(case_id=case.pk, actor=inspector, version=Case.objects.get(pk=case.pk).version,
                               due_on=datetime.date(2026, 6, 12),
                               findings=f"拖欠{case.worker.name}等骑手4-5月工资。",
                               items=[{"kind": "wages", "amount": "8600.00", "workers": 1}])
    return Case.objects.select_related("employer", "worker").get(pk=case.pk), supervisor


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def test_a_supervisor_publishes_the_quarter_and_a_phone_reads_it(live_server, new_context, sign_in, decided_case):
    case, supervisor = decided_case
    page = sign_in(new_context().new_page(), supervisor)
    with page.expect_navigation():
        page.click("#nav-publications")
    page.fill("#id_year", "2026")
    page.select_option("#id_quarter", "2")
    _submit(page, "#assemble")
    publication = Publication.objects.get()
    entry = publication.entries.get()
    form = f"#entry{entry.pk}-form"
    assert case.worker.name not in page.input_value(f"#id_entry{entry.pk}_facts")
    page.check(f"{form} input[name=decision][value=included]")
    page.fill(f"#id_entry{entry.pk}_legal_representative", "李某某")
    _submit(page, f"{form} button[type=submit]")
    assert page.get_attribute(f"#entry-{entry.pk}", "data-decision") == "included"

    page.once("dialog", lambda d: d.accept())
    _submit(page, "#approve-form button[type=submit]")
    assert page.get_attribute("#publication-state", "data-state") == PublicationState.APPROVED
    page.once("dialog", lambda d: d.accept())
    _submit(page, "#publish-form button[type=submit]")
    assert page.get_attribute("#publication-state", "data-state") == PublicationState.PUBLISHED

    # Anyone, on a phone, without an account.
    phone = new_context(viewport=PHONE, is_mobile=True).new_page()
    phone.goto(f"{live_server.url}/compliance/published/")
    with phone.expect_navigation():
        phone.click("#published-lists a")
    card = phone.locator(".public-entry")
    assert card.count() == 1 and case.employer.credit_code in card.inner_text()
    assert case.worker.name not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(SCREENSHOT_DIR / "publication-phone.png"), full_page=True)
    with phone.expect_download() as download:
        phone.click("#download-pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
