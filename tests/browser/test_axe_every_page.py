"""axe-core (vendored, tests/browser/vendor/axe-core) on every page the no-English walk opens (tests/ui/walk.py):
every staff page as every demo login, each of their forms sent empty so that its errors show, the public pages
(the worker's status page on a 390 px phone) and the error pages. A serious or critical violation fails, named
with the pages and elements it was found on; so does a moderate one of a WCAG 2.x A/AA rule (docs/accessibility.md).

The pages are rendered by Django's test client in the test's own thread and transaction, and handed to Chromium
through request interception with the static files they name: no live server, one browser, one page per login,
and the walk finds a new page without being told about it."""

from __future__ import annotations

import os
import re
import sys
import time
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.views import defaults

from tests.browser.conftest import DESKTOP, LOCALE
from tests.browser.test_accessibility import PHONE
from tests.ui.walk import SKIP_ROUTES, demo, public_urls, staff_pages  # noqa: F401 - demo is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ORIGIN = "http://testserver"
BLOCKING = ("serious", "critical")
# A moderate violation fails too when the rule is a WCAG success criterion (level A or AA); axe's other moderate
# findings are best practice (a region, a heading order) and are reported in the failure message only.
WCAG = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}
RUN = "() => axe.run(document, {resultTypes: ['violations']})"
# AXE_VERBOSE=1: each rule broken is printed when first found (with -s), not only at the end.
VERBOSE = os.environ.get("AXE_VERBOSE") == "1"


def blocking(violation: dict) -> bool:
    return violation["impact"] in BLOCKING or (violation["impact"] == "moderate" and bool(WCAG & set(violation["tags"])))


class Served:
    """Answers the browser's requests: the page being checked from the response the test client gave for it, a
    static file from the finders, anything else (a script's fetch, an image of our own) a bare 404."""

    def __init__(self):
        self.page: tuple[int, str, bytes] | None = None

    def show(self, url: str, response) -> str:
        self.page = (response.status_code, response.get("Content-Type", "text/html"), response.content)
        return ORIGIN + url

    def __call__(self, route):
        request = route.request
        path = urlsplit(request.url).path
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path[len(settings.STATIC_URL):])
            if found:
                route.fulfill(path=found)
                return
        if request.is_navigation_request() and request.frame.parent_frame is None and self.page is not None:
            status, content_type, body = self.page
            route.fulfill(status=status, content_type=content_type, body=body)
            return
        route.fulfill(status=404, content_type="text/plain", body="")


class _Shape(HTMLParser):
    """A page's structure as axe sees it: tags, roles and attributes (digits, and the words of a text attribute,
    left out) and where there is text, not what it says."""

    TEXT_ATTRS = {"value", "title", "alt", "placeholder", "aria-label", "data-confirm", "content"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        kept = sorted((k, "" if k == "href" else "T" if k in self.TEXT_ATTRS and v else re.sub(r"\d+", "0", v or ""))
                      for k, v in attrs if not k.startswith("data-"))
        self.parts.append(f"<{tag} {kept}>")

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if data.strip() and (not self.parts or self.parts[-1] != "T"):
            self.parts.append("T")


def shape(html: bytes) -> int:
    parser = _Shape()
    parser.feed(html.decode(errors="replace"))
    return hash("".join(parser.parts))


class Findings:
    def __init__(self):
        self.blocking: dict[str, set[str]] = defaultdict(set)
        self.other: dict[str, set[str]] = defaultdict(set)
        self.pages = self.same = 0
        self.seconds = 0.0
        self._shapes: set[int] = set()

    def check(self, page, served: Served, url: str, response, who: str) -> None:
        """axe on the page, unless a page of the same shape was checked already (the same case page of another
        case in the same stage): what axe finds depends on the shape and the style sheet, not on the words."""
        if b"<html" not in response.content[:500].lower():
            return  # a part of a page, fetched by its script (the employer's file beside the registration form)
        self.pages += 1
        key = shape(response.content)
        if key in self._shapes:
            self.same += 1
            return
        self._shapes.add(key)
        started = time.monotonic()
        page.goto(served.show(url, response), wait_until="load")
        for v in page.evaluate(RUN)["violations"]:
            where = f"{who} {url}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            key = f"{v['id']} ({v['impact']}): {v['help']}"
            found = self.blocking if blocking(v) else self.other
            if key not in found and VERBOSE:
                print(f"\naxe: {key} at {where}", file=sys.stderr)
            found[key].add(where)
        self.seconds += time.monotonic() - started

    def report(self) -> str:
        lines = [f"{len(self.blocking)} accessibility rules broken on {self.pages} pages:"]
        for key, where in sorted(self.blocking.items()):
            lines.append(f"  {key}  ({len(where)} pages)")
            lines.extend(f"      {w}" for w in sorted(where)[:4])
        if self.other:
            lines.append("Best practice, not failing: " + ", ".join(sorted(self.other)))
        return "\n".join(lines)


def _context(browser, served, **options):
    context = browser.new_context(**{"viewport": DESKTOP, "locale": LOCALE, **options})
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))
    context.route(re.compile(r"^https?://testserver/"), served)
    return context


class _Forms(HTMLParser):
    """The POST forms of a page: action, hidden values, and whether a field is marked required."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = {"action": a.get("action") or "", "hidden": {}, "required": False}
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea"):
            if tag == "input" and (a.get("type") or "").lower() == "hidden":
                if a.get("name") and a["name"] != "csrfmiddlewaretoken":
                    self._open["hidden"][a["name"]] = a.get("value") or ""
            elif "required" in a:
                self._open["required"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def forms_to_refuse(url: str, html: str) -> list[tuple[str, dict]]:
    """(action, data) of each form with a required field, to send with every field left empty but the hidden
    ones: the form is refused and shows its errors (nothing is done)."""
    parser = _Forms()
    parser.feed(html)
    found = []
    for form in parser.forms:
        action = form["action"] or url
        if form["required"] and not urlsplit(action).path.lstrip("/").startswith(SKIP_ROUTES):
            found.append((action, form["hidden"]))
    return found


def _with_errors(client, action: str, data: dict):
    """The page that shows the refusal: the form's own answer, or the page its redirect leads to."""
    response = client.post(action, data)
    hops = 0
    while response.status_code in (301, 302, 303) and hops < 3:
        location = response["Location"]
        url = location[len(ORIGIN):] if location.startswith(ORIGIN) else location
        response, hops = client.get(url), hops + 1
        action = url
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        return action, response
    return action, None


def test_every_staff_page_and_its_errors_pass_axe_for_every_demo_login(browser, demo):
    started = time.monotonic()
    findings, served = Findings(), Served()
    refused_forms, errors_shown = set(), 0
    for user in demo["users"]:
        client = Client(raise_request_exception=True)
        client.force_login(user)
        context = _context(browser, served)
        page = context.new_page()
        forms = []
        for url, response in staff_pages(client, user):
            if response.status_code in (301, 302, 303):
                continue  # no page: where it leads is walked on its own
            findings.check(page, served, url, response, user.username)
            for action, data in forms_to_refuse(url, response.content.decode()):
                shape = re.sub(r"\d+", "N", urlsplit(action).path)
                if shape not in refused_forms:
                    refused_forms.add(shape)
                    forms.append((action, data))
        for action, data in forms:
            shown_at, response = _with_errors(client, action, data)
            if response is not None:
                html = response.content.decode()
                errors_shown += 'class="errorlist"' in html or 'class="error"' in html
                findings.check(page, served, shown_at, response, f"{user.username} (sent empty: {action})")
        context.close()
    print(f"\naxe: {findings.pages} staff pages ({len(refused_forms)} forms sent empty, {findings.same} of the same "
          f"shape as one checked) in {time.monotonic() - started:.0f} s, {findings.seconds:.0f} s of them in Chromium")
    assert findings.pages > 200  # the walk opened the pages, not only error pages
    assert errors_shown > 10  # forms' refusals were seen, not only their pages
    assert not findings.blocking, findings.report()


def test_the_public_and_error_pages_pass_axe_on_a_phone(browser, demo):
    findings, served = Findings(), Served()
    client = Client(raise_request_exception=True)
    context = _context(browser, served, **PHONE)
    page = context.new_page()
    statuses = 0
    for url in public_urls(demo["codes"]) + ["/no-such-page/"]:
        response = client.get(url)
        statuses += 'id="stage"' in response.content.decode()
        findings.check(page, served, url, response, "phone")
    # The sign-in form refused, and the error pages the server renders without a view of ours.
    findings.check(page, served, "/login/", client.post("/login/", {"username": "", "password": ""}), "phone")
    request = RequestFactory().get("/")
    request.user = demo["users"][0]
    for url, response in (("/400/", defaults.bad_request(request, Exception())),
                          ("/403/", defaults.permission_denied(request, Exception())),
                          ("/500/", defaults.server_error(request))):
        findings.check(page, served, url, response, "phone")
    context.close()
    assert statuses >= 5  # the status page of cases in several stages, not only the lookup form
    assert not findings.blocking, findings.report()


def test_the_check_fails_on_what_axe_calls_serious_and_on_wcag_moderate(browser):
    served = Served()
    context = _context(browser, served)
    page = context.new_page()
    findings = Findings()

    class Page:
        status_code = 200
        content = ('<!doctype html><html lang="zh-CN"><head><title>页</title></head><body><main><h1>页</h1>'
                   '<input type="text"><p style="color:#eee">看不清的字</p></main></body></html>').encode()

        def get(self, name, default=None):
            return "text/html; charset=utf-8"

    findings.check(page, served, "/made-up/", Page(), "test")
    context.close()
    report = findings.report()
    assert "label (critical)" in report and "color-contrast (serious)" in report, report
    assert blocking({"impact": "moderate", "tags": ["wcag2a", "wcag131"]})
    assert not blocking({"impact": "moderate", "tags": ["best-practice"]})
