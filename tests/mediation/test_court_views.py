"""The union and court mediation workbench: the court entrusts, the room accepts, schedules, holds and records the
agreement through the page; a refused form comes back with what was typed."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import Organization, OrgKind, Role
from disputes.models import Case, CaseEvent
from disputes.services import referral_accept, referral_offer
from documents.numbering import ensure_default_number_patterns
from mediation import court as services
from mediation.court_models import Consultation, MediationFile
from tests.conftest import agree_by_mediation, make_staff
from tests.mediation.test_court import COURT_NUMBER, agree, at, court_case, held_session, room, travel  # noqa: F401

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


def test_a_consultation_of_court_arbitration_and_union_on_the_page(court_case, people, orgs, room):
    union = Organization.objects.create(name="潍坊市总工会", kind=OrgKind.UNION)
    court_head = make_staff(orgs["court"], Role.SUPERVISOR, "courthead")
    arb_head = make_staff(orgs["arbitration"], Role.SUPERVISOR, "arbhead")
    union_head = make_staff(union, Role.SUPERVISOR, "unionhead")
    cases = [court_case(seed=n) for n in (1, 2, 3)]
    head = client(court_head)
    page = head.post("/consultations/", {
        "title": "某平台网约车司机劳动争议会商", "agenda": "劳动关系认定", "held_at": "2026-11-05T14:30",
        "place": "中院会议室", "participants": [arb_head.pk, union_head.pk],
        "cases": " ".join(c.number for c in cases)}, follow=True)
    consultation = Consultation.objects.get()
    assert page.redirect_chain[-1][0] == f"/consultations/{consultation.pk}/"
    form = {"minutes": "三方讨论", "conclusions": "统一标准，委派调解",
            # Each participant's opinion has its own field; one left empty is recorded as none.
            f"opinion_{arb_head.pk}": "倾向认定劳动关系", f"opinion_{union_head.pk}": "工会先行调解",
            f"opinion_{court_head.pk}": ""}
    for c in cases:
        form.update({f"step_{c.pk}": "委派工会调解", f"org_{c.pk}": room.org.pk, f"due_{c.pk}": "2026-11-20"})
    done = head.post(f"/consultations/{consultation.pk}/", form, follow=True).content.decode()
    assert "统一标准，委派调解" in done
    opinions = dict(consultation.participants.values_list("user_id", "opinion"))
    assert opinions == {court_head.pk: "", arb_head.pk: "倾向认定劳动关系", union_head.pk: "工会先行调解"}
    assert f'id="opinion-{union_head.pk}"' in done and "工会先行调解" in done
    assert f'id="opinion-{court_head.pk}"' not in done
    assert CaseEvent.objects.filter(action="consultation_next_step").count() == 3
    # The union's supervisor reads the consultation; the window's supervisor, who took no part, does not.
    assert client(union_head).get(f"/consultations/{consultation.pk}/").status_code == 200
    assert client(people["supervisor"]).get(f"/consultations/{consultation.pk}/").status_code == 404


def test_the_workers_page_shows_the_session_the_payment_dates_and_the_ruling(register, people, orgs, room):
    cache.clear()  # the status page's rate limit
    result = register(actor=people["judge"], channel="court", violation_started_on=datetime.date(2026, 3, 1),
                      claims=[{"type": "wages", "amount": "8600.00", "description": "3-8月工资"},
                              {"type": "severance", "amount": "4000.00", "description": "经济补偿"}])
    case = result.case
    file = services.mediation_refer(case_id=case.pk, actor=people["judge"], version=version(case),
                                    body_id=room.body.pk, court_case_number=COURT_NUMBER, mode="pre_filing")
    file = services.mediation_accept(file_id=file.pk, actor=room.mediator)
    held_session(file, room, "2026-11-03")
    services.mediation_session_schedule(file_id=file.pk, actor=room.mediator, version=version(case),
                                        room_id=room.two.pk, starts_at=at("2026-11-09", "14:30"),
                                        ends_at=at("2026-11-09", "16:00"))
    with travel("2026-11-05"):
        agreement = agree(file, room)
        confirmation = services.confirmation_apply(agreement_id=agreement.pk, actor=room.mediator,
                                                   version=version(case), court_id=orgs["court"].pk,
                                                   applied_on="2026-11-05")
        services.confirmation_rule(confirmation_id=confirmation.pk, actor=people["judge"], version=version(case),
                                   ruling="confirmed", ruled_on="2026-11-05", court_case_number="（2026）鲁0702民特5号")
    page = Client().post("/status/", {"n": case.number, "c": result.query_code}).content.decode()
    assert "2026-11-09 14:30" in page and "第二调解室" in page and "潍城区人民法院一楼" in page
    assert "2026-11-20前支付8000.00元" in page and "2026-12-20前支付3000.00元" in page
    assert "确认有效" in page

    with travel("2026-11-21"):
        board = client(people["judge"]).get("/dashboard/").content.decode()
    assert 'id="unpaid-agreements"' in board and case.number in board


def _referred_and_agreed(register, people, orgs, **overrides):
    """A case the window's clerk registered and referred to the mediation centre, which accepted it and recorded
    an agreement paying every claim ten days on (tests.conftest.agree_by_mediation): due 12 November."""
    ensure_default_number_patterns(orgs["mediation"])
    case = register(violation_started_on=datetime.date(2026, 3, 1), **overrides).case
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["mediation"].pk,
                              purpose="mediation", expected_version=case.version)
    referral_accept(referral_id=referral.pk, actor=people["mediator"])
    agree_by_mediation(case, people["mediator"])
    return case


def test_the_window_clerk_finds_an_unpaid_agreement_at_the_head_of_the_queue(register, people, orgs):
    """The clerk registered the case and referred it to mediation; once the mediation organisation accepted it,
    it left the clerk's queue. The employer does not pay the agreement by its date: the clerk's own queue page
    now lists it, with the overdue sum, linking to the mediation page; the queue's filter (which reads only the
    queue's own cases) would not have shown it."""
    case = _referred_and_agreed(register, people, orgs)
    clerk = client(people["clerk"])
    with travel("2026-11-12", "12:00"):  # due that day: not late yet
        assert 'id="queue-unpaid-agreements"' not in clerk.get("/").content.decode()
    with travel("2026-11-13", "12:00"):
        queue = clerk.get("/").content.decode()
        filtered = clerk.get("/", {"agreement": "unpaid"}).content.decode()
    assert case.number not in filtered.split('id="queue"')[1]
    head = queue.split('id="queue-unpaid-agreements"')[1].split("</div>")[0]
    assert case.number in head
    assert "8600.00" in head, head
    assert "2026-11-12" in head, head
    assert f'href="/cases/{case.pk}/mediation/"' in head
    # Another window does not see it.
    with travel("2026-11-13", "12:00"):
        other = client(people["outsider"]).get("/").content.decode()
    assert 'id="queue-unpaid-agreements"' not in other and case.number not in other


def test_the_queue_page_costs_the_same_queries_with_one_unpaid_agreement_or_three(register, people, orgs):
    def queries():
        clerk = client(people["clerk"])
        with travel("2026-11-13", "12:00"), CaptureQueriesContext(connection) as ctx:
            page = clerk.get("/").content.decode()
        return len(ctx.captured_queries), page.count('class="unpaid-agreement"')

    _referred_and_agreed(register, people, orgs, seed=3, worker_name="工人甲")
    one = queries()
    _referred_and_agreed(register, people, orgs, seed=4, worker_name="工人乙")
    _referred_and_agreed(register, people, orgs, seed=5, worker_name="工人丙")
    three = queries()
    assert (one[1], three[1]) == (1, 3) and one[0] == three[0]
