"""An interview's follow-up clock: a rectification deadline sets the follow-up's due date (the deadline plus the local
service level, data); overdue ones show on the team's desk; closing one records whether the employer rectified."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from compliance import warnings as services
from compliance.models import EmployerInterview, FollowUpRule
from compliance.warning_selectors import follow_ups
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Division, Organization, OrgKind, Role
from tests.conftest import file_for_inspection, make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _interview(people, employer_id, *, held=0, rectify=None, follow_up=None, actor="inspector"):
    today = TODAY()
    return services.interview_record(
        employer_id=employer_id, actor=people[actor], kind="interview",
        held_on=today - datetime.timedelta(days=held), attendees="法定代表人", matters="拖欠工资", outcome="承诺整改",
        rectify_by=today + datetime.timedelta(days=rectify) if rectify is not None else None,
        follow_up_on=today + datetime.timedelta(days=follow_up) if follow_up is not None else None,
    )


@pytest.fixture
def supervisor(orgs):
    return make_staff(orgs["inspection"], Role.SUPERVISOR, "insp_sup")


def test_the_rectification_deadline_sets_the_follow_up_by_the_local_rule(case, people):
    rule = FollowUpRule.objects.get()
    assert rule.local and not rule.verified and "非法定" in rule.source  # a local service level, marked as such
    i = _interview(people, case.employer_id, rectify=10)
    assert i.follow_up_on == i.rectify_by + datetime.timedelta(days=rule.days_after)
    # Given explicitly, the date is kept; before the deadline it is refused.
    assert _interview(people, case.employer_id, rectify=10, follow_up=12).follow_up_on == TODAY() + datetime.timedelta(12)
    with pytest.raises(ValidationFailed) as err:
        _interview(people, case.employer_id, rectify=10, follow_up=5)
    assert "follow_up_on" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        _interview(people, case.employer_id, held=3, rectify=-3)
    assert "rectify_by" in err.value.fields
    # No deadline and no date: no clock.
    assert _interview(people, case.employer_id).follow_up_on is None


def test_overdue_follow_ups_come_first_and_show_on_the_supervisors_dashboard(client, case, people, supervisor):
    due = _interview(people, case.employer_id, rectify=10)
    late = _interview(people, case.employer_id, held=20, rectify=-12)  # due 7 days ago
    rows = follow_ups(supervisor.staff, today=TODAY())
    assert [r.pk for r in rows] == [late.pk, due.pk] and rows[0].overdue and not rows[1].overdue
    client.force_login(supervisor)
    page = client.get("/dashboard/").content.decode()
    assert 'id="overdue-follow-up-count">1<' in page and "逾期 7 天" in page
    page = client.get("/compliance/follow-ups/").content.decode()
    assert f'id="follow-up-{late.pk}"' in page and 'data-overdue="yes"' in page
    # Another team's desk shows none of them; the window's clerk has no such desk.
    other = Organization.objects.create(name="青州市劳动保障监察大队", kind=OrgKind.INSPECTION,
                                        division=Division.objects.get(code="370781"))
    assert follow_ups(make_staff(other, Role.SUPERVISOR, "qz_sup").staff, today=TODAY()) == []
    client.force_login(people["clerk"])
    assert client.get("/compliance/follow-ups/").status_code == 403
    assert 'id="overdue-follow-ups"' not in client.get("/dashboard/").content.decode()


def test_closing_a_follow_up_records_the_result_with_the_version(case, people, supervisor):
    i = _interview(people, case.employer_id, held=20, rectify=-12)
    with pytest.raises(Conflict):
        services.follow_up_close(interview_id=i.pk, actor=supervisor, version=2, result="rectified", note="已补发")
    with pytest.raises(ValidationFailed) as err:
        services.follow_up_close(interview_id=i.pk, actor=supervisor, version=1, result="maybe", note="")
    assert set(err.value.fields) == {"result", "note"}
    with pytest.raises(PermissionDenied):
        services.follow_up_close(interview_id=i.pk, actor=make_staff(people["inspector"].staff.organization,
                                                                     Role.CLERK, "insp_clerk"),
                                 version=1, result="rectified", note="x")
    with pytest.raises(NotFound):
        services.follow_up_close(interview_id=i.pk, actor=people["arbitrator"], version=1, result="rectified", note="x")
    done = services.follow_up_close(interview_id=i.pk, actor=supervisor, version=1, result="partly",
                                    note="已补发部分工资")
    assert done.follow_up_result == "partly" and done.follow_up_closed_by == supervisor and done.version == 2
    assert follow_ups(supervisor.staff, today=TODAY()) == []
    with pytest.raises(Conflict):
        services.follow_up_close(interview_id=i.pk, actor=supervisor, version=2, result="rectified", note="x")


def test_closing_from_the_page_passes_the_door_first(client, case, people, supervisor):
    i = _interview(people, case.employer_id, held=20, rectify=-12)
    client.force_login(people["arbitrator"])
    assert client.post(f"/compliance/follow-ups/{i.pk}/close/", {}).status_code == 404
    assert client.post("/compliance/follow-ups/99999999999999999999/close/", {}).status_code == 404
    client.force_login(supervisor)
    r = client.post(f"/compliance/follow-ups/{i.pk}/close/", {"version": 1, "result": "rectified", "note": ""})
    assert r.status_code == 302 and EmployerInterview.objects.get(pk=i.pk).follow_up_open
    assert 'class="error"' in client.get(r.url).content.decode()  # refused, said
    r = client.post(f"/compliance/follow-ups/{i.pk}/close/",
                    {"version": 1, "result": "rectified", "note": "工资已全部补发"})
    assert not EmployerInterview.objects.get(pk=i.pk).follow_up_open
    page = client.get(f"/compliance/employers/{case.employer.credit_code}/").content.decode()
    assert "已整改" in page and "工资已全部补发" in page


def test_follow_ups_through_the_api(case, people, orgs, supervisor):
    file_for_inspection(case, people, orgs)  # the team acts on the employers of its cases
    late = _interview(people, case.employer_id, held=20, rectify=-12)
    _interview(people, case.employer_id, rectify=10)
    api = APIClient()
    api.force_authenticate(supervisor)
    r = api.get("/api/v1/interview-follow-ups/?overdue=true")
    assert r.status_code == 200 and [f["id"] for f in r.json()] == [late.pk] and r.json()[0]["overdue"] is True
    assert api.get("/api/v1/interview-follow-ups/?overdue=maybe").status_code == 400
    r = api.post(f"/api/v1/interviews/{late.pk}/follow-up/", {"version": 2, "result": "rectified", "note": "x"},
                 format="json")
    assert r.status_code == 409
    r = api.post(f"/api/v1/interviews/{late.pk}/follow-up/", {"version": 1, "result": "not_rectified",
                                                               "note": "未补发，转立案调查"}, format="json")
    assert r.status_code == 200 and r.json()["follow_up_result"] == "not_rectified"
    other = APIClient()
    other.force_authenticate(people["arbitrator"])
    assert other.post(f"/api/v1/interviews/{late.pk}/follow-up/", {"version": 2, "result": "rectified", "note": "x"},
                      format="json").status_code == 404
    r = api.post(f"/api/v1/employers/{case.employer_id}/interviews/", {
        "kind": "warning", "held_on": TODAY().isoformat(), "attendees": "x", "matters": "x", "outcome": "x",
        "rectify_by": (TODAY() + datetime.timedelta(days=3)).isoformat()}, format="json")
    assert r.status_code == 201 and r.json()["follow_up_on"] and r.json()["rectify_by"]


def test_the_follow_ups_page_and_the_desk_cost_the_same_queries_for_one_or_many(client, case, people, supervisor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _interview(people, case.employer_id, held=20, rectify=-12)
    client.force_login(supervisor)
    client.get("/compliance/follow-ups/")
    with CaptureQueriesContext(connection) as one_page:
        client.get("/compliance/follow-ups/")
    with CaptureQueriesContext(connection) as one_desk:
        client.get("/dashboard/")
    for n in range(5):
        _interview(people, case.employer_id, held=20 + n, rectify=-12)
    with CaptureQueriesContext(connection) as many_page:
        page = client.get("/compliance/follow-ups/").content.decode()
    with CaptureQueriesContext(connection) as many_desk:
        client.get("/dashboard/")
    assert page.count('class="follow-up overdue"') == 6
    assert len(many_page) == len(one_page) and len(many_desk) == len(one_desk)
