"""The union and court mediation workbench: the court entrusts, the room accepts, schedules, holds and records the
agreement through the page; a refused form comes back with what was typed."""

import pytest
from django.test import Client

from disputes.models import Case
from mediation.court_models import MediationFile
from tests.mediation.test_court import COURT_NUMBER, court_case, room, travel  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday():
    with travel("2026-11-02"):
        yield


def client(user):
    c = Client()
    c.force_login(user)
    return c


def version(case):
    return Case.objects.get(pk=case.pk).version


def test_the_mediators_path_on_the_page(court_case, people, room):
    case = court_case()
    judge, mediator = client(people["judge"]), client(room.mediator)
    page = judge.get(f"/cases/{case.pk}/mediation/")
    assert page.status_code == 200 and "refer-form" in page.content.decode()
    judge.post(f"/cases/{case.pk}/mediation/refer/", {
        "version": version(case), "body": room.body.pk, "court_case_number": COURT_NUMBER, "mode": "pre_filing"})
    file = MediationFile.objects.get(case=case)
    assert file.court_case_number == COURT_NUMBER

    mediator.post(f"/mediation-files/{file.pk}/accept/", {"mediator": room.mediator.pk})
    assert Case.objects.get(pk=case.pk).status == "mediation"
    mediator.post(f"/mediation-files/{file.pk}/schedule/", {
        "version": version(case), "room": room.one.pk, "starts_at": "2026-11-03T09:00", "ends_at": "2026-11-03T11:00"})
    session = file.sessions.get()
    with travel("2026-11-03", "11:00"):
        mediator.post(f"/mediation-sessions/{session.pk}/held/", {
            "version": version(case), "worker_present": "on", "employer_present": "on", "proposal": "分两期"})
        claims = list(case.claims.order_by("id"))
        form = {"version": version(case), "agreed_on": "2026-11-03", "worker_signed_on": "2026-11-03",
                "employer_signed_on": "2026-11-03", f"settle_{claims[0].pk}": "on",
                f"amount_{claims[0].pk}": "8000.555", f"due_on_{claims[0].pk}": "2026-11-20"}
        refused = mediator.post(f"/mediation-files/{file.pk}/agree/", form, follow=True)
        html = refused.content.decode()
        assert "8000.555" in html  # kept for the next try, nothing retyped
        assert Case.objects.get(pk=case.pk).status == "mediation"
        form[f"amount_{claims[0].pk}"] = "8000.00"
        form["version"] = version(case)
        done = mediator.post(f"/mediation-files/{file.pk}/agree/", form, follow=True)
    assert Case.objects.get(pk=case.pk).status == "confirmation"
    assert "调解协议书" in done.content.decode() or "document-link" in done.content.decode()


def test_the_case_page_links_the_workbench(court_case, people):
    case = court_case()
    html = client(people["judge"]).get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/mediation/" in html
