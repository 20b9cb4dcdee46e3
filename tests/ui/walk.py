"""The pages a person can open, found from the URL configuration so that a new page is walked without being
listed: every staff page (with and without an id) as a given login on the demo's cases in every stage, and the
public pages (sign-in, the worker's status page). The no-English check (tests/ui/test_no_english.py) and the
accessibility check (tests/browser/test_axe_every_page.py) walk the same pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from core.query_codes import hash_query_code, new_query_code
from tests.conftest import ensure_reference_data
from tests.schema_walk import path_ids

SKIP_ROUTES = ("logout/", "i18n/", "favicon.ico", "healthz/")
# Files, not pages (PDF, spreadsheets, evidence as uploaded).
DOWNLOADS = ("evidence/", "documents/", "intake/receipt/", "reports/statistics.xlsx", "compliance/listings/export/")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo (every stage of the lifecycle, every track), built once for the module and rolled back after it;
    a few cases get a known query code for the worker's status page."""
    from demo.data import USERS, seed_demo
    from disputes.models import Case
    from tests.test_doors import _create_rare_records

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_reference_data()
            seed_demo(cases=40, seed=7)
            User = get_user_model()
            _create_rare_records(list(User.objects.filter(staff__isnull=False).order_by("pk")[:1]))
            codes = {}
            seen = set()
            for case in Case.objects.order_by("pk"):
                if case.status not in seen:
                    seen.add(case.status)
                    code = new_query_code()
                    Case.objects.filter(pk=case.pk).update(query_code_hash=hash_query_code(code))
                    codes[case.number] = code
            yield {"users": [User.objects.get(username=spec.username) for spec in USERS], "codes": codes}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _candidates(label: str, user) -> list[int]:
    """Ids of this kind to open as this user: for cases, those the user sees, one per stage; otherwise a few."""
    from django.apps import apps

    from disputes.selectors import cases_visible_to

    model = apps.get_model(label)
    if label == "disputes.Case":
        chosen, seen = [], set()
        for pk, status in cases_visible_to(user).order_by("pk").values_list("pk", "status"):
            if status not in seen:
                seen.add(status)
                chosen.append(pk)
        return chosen
    fields = {f.name for f in model._meta.fields}
    state = next((f for f in ("status", "state", "purpose") if f in fields), None)
    if state is None:
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:3])
    chosen, seen = [], set()
    for pk, value in model.objects.order_by("pk").values_list("pk", state):
        if value not in seen:
            seen.add(value)
            chosen.append(pk)
    return chosen[:6]


def _is_page(response) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def staff_pages(client, user):
    """(url, response) of every page this user can open with GET."""
    for route in page_routes_all():
        if route.startswith(SKIP_ROUTES + DOWNLOADS) or route.endswith("/download/"):
            continue
        if "<" not in route:
            urls = ["/" + route] + (["/search/?q=王"] if route == "search/" else [])
        else:
            template = "/" + re.sub(r"<int:(\w+)>", r"{\1}", route)
            if "<str:" in template:
                continue  # the referral decisions and the employer file: reached through the case pages' links
            params = path_ids(template)
            if len(params) != 1:
                continue  # a row of a case (a hearing of the case …): writes only
            (param, label), = params
            urls = [template.replace("{" + param + "}", str(pk)) for pk in _candidates(label, user)]
        for url in urls:
            response = client.get(url)
            if response.status_code == 405:
                break  # a write: no page to read
            if _is_page(response):
                yield url, response


def page_routes_all():
    """Every staff page's route, with or without an id (not the API's, not the admin's)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("api/", "admin/")):
                    yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(walk(get_resolver()))


def public_urls(codes: dict) -> list[str]:
    """The pages without an account: sign-in, the status lookup, a wrong query (its refusal), and the status page
    of cases in several stages."""
    urls = ["/login/", "/status/", "/status/?n=WF20269999999&c=ABCDEFGH"]
    return urls + [f"/status/?n={number}&c={code}" for number, code in codes.items()]
