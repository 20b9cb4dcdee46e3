"""The green channel (绿色通道, measure 11): a case marked for priority with a coded ground and a note goes first in
every queue and runs the channel's own local service-level clocks beside the statutory ones."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.errors import PermissionDenied, ValidationFailed
from deadlines.models import Clock, ClockState
from disputes.models import Case, CaseEvent
from disputes.presentation import event_label
from disputes.priority import case_clear_priority, case_mark_priority
from disputes.selectors import queue, queue_for, queue_page
from disputes.services import referral_offer

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def mark(case, actor, ground="flexible_wages", note="骑手欠薪三个月，家庭困难"):
    return case_mark_priority(case_id=case.pk, actor=actor, ground=ground, note=note,
                              version=Case.objects.get(pk=case.pk).version)


@pytest.fixture
def crowd(register, people):
    """An older wage case, a newer collective one and two newer ordinary ones, all the clerk's."""
    wage = register(seed=900).case
    collective = register(seed=901).case
    Case.objects.filter(pk=collective.pk).update(is_collective=True)
    newer = [register(seed=902 + i).case for i in range(2)]
    return wage, collective, newer


def test_a_priority_wage_case_sits_on_top_of_every_queue(crowd, people, client):
    wage, collective, _ = crowd
    mark(wage, people["clerk"])
    for user, scope in ((people["clerk"], "mine"), (people["supervisor"], "org")):
        first = queue_page(queue(user, scope=scope), size=20).cases
        assert [c.pk for c in first[:2]] == [wage.pk, collective.pk]
        assert list(queue_for(user, scope=scope).values_list("pk", flat=True))[:2] == [wage.pk, collective.pk]
    body = api(people["clerk"]).get("/api/v1/cases/").json()
    assert body["results"][0]["id"] == wage.pk and body["results"][0]["is_priority"] is True
    client.force_login(people["clerk"])
    page = client.get(reverse("disputes:queue")).content.decode()
    assert page.index(wage.number) < page.index(collective.number) and "绿色通道" in page


def test_the_api_pages_turn_through_priority_cases_without_repeats(crowd, people):
    wage, collective, newer = crowd
    mark(newer[0], people["clerk"], ground="vulnerable")
    mark(wage, people["clerk"])
    client, url, seen = api(people["clerk"]), "/api/v1/cases/?page_size=1", []
    while url:
        body = client.get(url).json()
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert seen == list(queue_for(people["clerk"]).values_list("pk", flat=True))
    assert seen[:3] == [newer[0].pk, wage.pk, collective.pk]


def test_marking_needs_a_coded_ground_and_a_note_and_the_handling_organisation(case, people):
    with pytest.raises(ValidationFailed) as refused:
        case_mark_priority(case_id=case.pk, actor=people["clerk"], ground="because", note="")
    assert set(refused.value.fields) == {"ground", "note"}
    with pytest.raises(PermissionDenied):
        case_mark_priority(case_id=case.pk, actor=people["inspector"], ground="vulnerable", note="x")


def test_marking_runs_the_channels_local_clocks_beside_the_statutory_ones(case, people, orgs):
    marked = mark(case, people["clerk"])
    event = CaseEvent.objects.filter(case=case, action="priority_marked").get()
    assert event.is_public and event_label(event) == "纳入绿色通道：灵活就业劳动者欠薪"
    first = Clock.objects.get(case=case, rule__code="green_channel_first_action")
    assert first.rule.is_local and first.state == ClockState.RUNNING
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["mediation"].pk, purpose="mediation",
                   expected_version=marked.version)
    first.refresh_from_db()
    assert first.state == ClockState.SATISFIED
    codes = set(Clock.objects.filter(case=case, state=ClockState.RUNNING).values_list("rule__code", flat=True))
    # The channel's one-day acceptance runs beside the ordinary (statutory or local) acceptance clock.
    assert {"green_channel_acceptance", "referral_acceptance"} <= codes
    case_clear_priority(case_id=case.pk, actor=people["clerk"], reason="已核实不属困难情形")
    assert Clock.objects.get(case=case, rule__code="green_channel_acceptance").state == ClockState.SATISFIED
    assert Clock.objects.get(case=case, rule__code="referral_acceptance").state == ClockState.RUNNING
    assert Case.objects.get(pk=case.pk).is_priority is False


def test_the_case_page_shows_the_ground_and_the_api_marks_and_clears(case, people, client):
    response = api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/priority/",
                                         {"ground": "urgent_limitation", "note": "仲裁时效下周届满"}, format="json")
    assert response.status_code == 200 and response.json()["priority_ground"] == "urgent_limitation"
    client.force_login(people["clerk"])
    page = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert 'id="priority-badge"' in page and "时效即将届满" in page and "仲裁时效下周届满" in page
    cleared = api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/priority/clear/", {"reason": ""}, format="json")
    assert cleared.status_code == 400
    cleared = api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/priority/clear/", {"reason": "已立案"}, format="json")
    assert cleared.status_code == 200 and cleared.json()["is_priority"] is False
    assert api(people["outsider"]).post(f"/api/v1/cases/{case.pk}/priority/",
                                        {"ground": "vulnerable", "note": "x"}, format="json").status_code in (403, 404)
