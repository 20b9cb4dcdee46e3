"""Browser tests: headless Chromium, driven by Playwright's sync API, against pytest-django's live server.

Skipped when Chromium is absent, unless REQUIRE_BROWSER=1 (CI), in which case they fail loudly instead.
"""

import datetime
import os
import random
from pathlib import Path

import pytest
import time_machine
from django.db import connections

from core.identifiers import make_credit_code, make_id_number
from core.models import Division, Organization, OrgKind, Role
from intake.services import complaint_register
from tests.conftest import complaint_input, make_staff

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
# The background-networking flags matter: without them Chromium phones home and stalls on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SCREENSHOT_DIR = Path(os.environ.get("BROWSER_SCREENSHOT_DIR", "/tmp"))
DESKTOP = {"width": 1280, "height": 900}
# The window's users read Chinese; Accept-Language decides the UI language, not LANGUAGE_CODE alone.
LOCALE = "zh-CN"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - requirements-dev installs it
    sync_playwright = None


def _missing() -> str:
    if sync_playwright is None:
        return "the playwright package is not installed"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM}"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if not reason or REQUIRE_BROWSER:
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason} (set REQUIRE_BROWSER=1 to make this an error)")
    for item in items:
        if item.get_closest_marker("browser") and here in Path(item.path).parents:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One Chromium for all browser tests.

    Package-scoped rather than session-scoped on purpose: pytest-django runs tests that use no database
    after the transactional ones, and while Playwright's sync API is alive its event loop counts as
    "running" in the main thread (asyncio.run() and Django's async guard see it). Closing it when the
    last browser test ends keeps that from leaking into unrelated tests.
    """
    reason = _missing()
    if reason:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    with pytest.MonkeyPatch.context() as mp:
        # Playwright's sync API drives its event loop from the test thread (through greenlets), so Django
        # believes the ORM calls our fixtures and assertions make there come from async code and raises
        # SynchronousOnlyOperation. They do not: no coroutine touches the ORM, the loop only talks to
        # Chromium. Allowed only while Playwright runs, so the guard stays on for every other test.
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        originals = {alias: connections[alias] for alias in connections}
        pw = sync_playwright().start()
        # For the same reason Django keeps database connections per async context instead of per thread
        # from here on, so the test thread would quietly open a second connection: one without the
        # test database's data and, on in-memory SQLite,
        # not the one the live server thread shares. Hand it the thread's own connections back.
        for alias, conn in originals.items():
            connections[alias] = conn
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
        finally:
            for alias in originals:
                del connections[alias]  # only the per-context entries: the thread's own stay
            pw.stop()


@pytest.fixture
def new_context(browser):
    """Open a fresh browser context (its own cookies: another person at another desk); closed after the test."""
    opened = []

    def _new(**options):
        options = {"viewport": DESKTOP, "locale": LOCALE, "accept_downloads": True, **options}
        ctx = browser.new_context(**options)
        ctx.set_default_timeout(15_000)
        opened.append(ctx)
        return ctx

    yield _new
    for ctx in opened:
        ctx.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def sign_in(live_server):
    """Sign a staff user in through the real login form; they land on their queue."""

    def _sign_in(page, user):
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from core.second_factor import second_factor_required

        # A supervisor or administrator has an authenticator app and types its code after the password.
        device = None
        if second_factor_required(user):
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "app"})
        page.goto(live_server.url + "/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "pw-" + user.username)
        with page.expect_navigation():
            page.press("#id_password", "Enter")
        if device is not None:
            page.fill("#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
            with page.expect_navigation():
                page.click("#verify")
        assert page.url == live_server.url + "/", f"{user.username} did not get past the login form"
        return page

    return _sign_in


@pytest.fixture
def browser_division(transactional_db):
    # A transactional test's flush removes migration data; put it back rather than rely on
    # serialized_rollback, which collides with content types re-created by earlier flushes on PostgreSQL.
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    return Division.objects.get(code="370702")


@pytest.fixture
def browser_orgs(transactional_db, browser_division):
    mk = lambda name, kind: Organization.objects.create(  # noqa: E731
        name=name, kind=kind, division=browser_division, phone="0536-1234567"
    )
    return {
        "window": mk("潍城区劳动者维权中心", OrgKind.RIGHTS_CENTRE),
        "arbitration": mk("潍城区劳动人事争议仲裁院", OrgKind.ARBITRATION),
        "inspection": mk("潍城区劳动保障监察大队", OrgKind.INSPECTION),
    }


@pytest.fixture
def browser_people(browser_orgs):
    return {
        "clerk": make_staff(browser_orgs["window"], Role.CLERK, "clerk"),
        "arbitrator": make_staff(browser_orgs["arbitration"], Role.ARBITRATOR, "arbitrator"),
    }


@pytest.fixture
def registered_case(browser_people, browser_division):
    """A complaint registered at the window by the clerk: (case, query code)."""
    result = complaint_register(
        actor=browser_people["clerk"], data=complaint_input(browser_division, seed=7), evidence_files=()
    )
    return result.case, result.query_code


@pytest.fixture
def complaint_values(browser_division):
    """What the clerk types into the register form: valid, checksummed identifiers."""
    rng = random.Random()
    return {
        "worker_name": "王小明",
        "worker_id_number": make_id_number(rng),
        "worker_phone": "13800138000",
        "worker_occupation": "delivery_rider",
        "employer_name": "潍坊速达配送有限公司",
        "employer_credit_code": make_credit_code(rng),
        "employer_address": "潍坊市潍城区胜利西街100号",
        "employer_industry": "food_delivery",
        "channel": "window",
        "division": str(browser_division.pk),
        "facts": "2026年9月至10月工资未发放，共计8600元。",
        "violation_started_on": datetime.date(2026, 9, 1).isoformat(),
        "claim_type": "wages",
        "claim_amount": "8600.00",
    }


@pytest.fixture
def fill_complaint(complaint_values):
    """Fill the register form the way a clerk does; returns the values used (overrides win)."""
    selects = {"worker_occupation", "employer_industry", "channel", "division"}

    def _fill(page, **overrides):
        values = {**complaint_values, **overrides}
        for name, value in values.items():
            if name.startswith("claim_"):
                continue
            if name in selects:
                page.select_option(f"#id_{name}", value)
            else:
                page.fill(f"#id_{name}", value)
        page.select_option("#id_claims-0-type", values["claim_type"])
        page.fill("#id_claims-0-amount", values["claim_amount"])
        return values

    return _fill


@pytest.fixture
def small_pdf(tmp_path):
    path = tmp_path / "工资条.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


@pytest.fixture
def november():
    """Monday 2 November 2026, 09:00 in Weifang, for server and test alike; the clock runs on from there."""
    with time_machine.travel(datetime.datetime.fromisoformat("2026-11-02T09:00:00+08:00"), tick=True) as traveller:
        yield traveller


def submit(page, selector):
    """Press the submit button of the form `selector` and wait for the page the redirect lands on, which must
    say no error."""
    with page.expect_navigation():
        page.click(f"{selector} button[type=submit]")
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()
