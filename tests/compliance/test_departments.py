"""Industry supervising departments (measure 10): accounts of their own that read the warnings naming them in their
jurisdiction and the interviews about them, acknowledge and give feedback (version, role, doors first), are told
in-app, and see no case and no worker's personal data. Another county's or another industry's department: 404."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from compliance import departments
from compliance import warnings as services
from compliance.models import EarlyWarning, IndustryDepartment, WarningNotice
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.models import Division, Organization, OrgKind, Role
from disputes.models import Case
from tests.compliance.test_warnings import complaints, rule
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

ID_NUMBER = "370702199001011234"
PHONE = "13800138000"


def _department(name, department, division, username, role=Role.DEPARTMENT_OFFICER):
    org = Organization.objects.create(name=name, kind=OrgKind.INDUSTRY_DEPARTMENT, division=division)
    IndustryDepartment.objects.create(organization=org, department=department)
    return make_staff(org, role, username)


@pytest.fixture
def depts(division):
    other = Division.objects.get(code="370781")
    return {
        # Food delivery is supervised by market regulation (disputes.choices.INDUSTRY_DEPARTMENT).
        "market": _department("潍城区市场监督管理局", "market_regulation", division, "market"),
        "city_market": _department("潍坊市市场监督管理局", "market_regulation", None, "city_market"),
        "other_county": _department("青州市市场监督管理局", "market_regulation", other, "qz_market"),
        "transport": _department("潍城区交通运输局", "transport", division, "transport"),
    }


@pytest.fixture
def raised(register, depts, orgs):
    rule()
    complaints(register, 3, seed=100)
    services.warnings_sweep()
    return EarlyWarning.objects.get()


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_warning_naming_the_department_tells_its_officers_in_its_jurisdiction(raised, depts):
    told = set(WarningNotice.objects.values_list("recipient__username", flat=True))
    assert told == {"market", "city_market"}  # not Qingzhou's department, not transport
    services.warnings_sweep()  # a second sweep raises nothing and tells nobody again
    assert WarningNotice.objects.count() == 2


def test_the_notice_is_on_the_notifications_page_and_marked_read(client, raised, depts):
    client.force_login(depts["market"])
    page = client.get("/notifications/").content.decode()
    assert 'id="warning-notices"' in page and raised.employer.name in page
    assert f"/compliance/department/warnings/{raised.pk}/" in page
    assert WarningNotice.objects.get(recipient=depts["market"]).read_at is not None
    client.force_login(depts["transport"])
    assert 'id="warning-notices"' not in client.get("/notifications/").content.decode()


def test_the_department_reads_its_warnings_and_other_departments_get_a_404(client, raised, depts, people):
    client.force_login(depts["market"])
    page = client.get("/compliance/department/").content.decode()
    assert f'id="warning-{raised.pk}"' in page and raised.employer.name in page and 'id="nav-department"' in page
    assert 'id="nav-search"' not in page  # no case-system navigation
    page = client.get(f"/compliance/department/warnings/{raised.pk}/").content.decode()
    assert 'id="ack-form"' in page and 'id="feedback-form"' in page
    for other in ("other_county", "transport"):
        client.force_login(depts[other])
        assert f'id="warning-{raised.pk}"' not in client.get("/compliance/department/").content.decode()
        assert client.get(f"/compliance/department/warnings/{raised.pk}/").status_code == 404
        r = client.post(f"/compliance/department/warnings/{raised.pk}/acknowledge/", {"version": 1})
        assert r.status_code == 404
        assert _api(depts[other]).get(f"/api/v1/department/warnings/{raised.pk}/").status_code == 404
        assert _api(depts[other]).post(f"/api/v1/department/warnings/{raised.pk}/feedback/",
                                       {"version": 1, "feedback": "x"}, format="json").status_code == 404
    # Staff of the case system have no department: the pages are not theirs.
    client.force_login(people["inspector"])
    assert client.get("/compliance/department/").status_code == 403
    assert client.get(f"/compliance/department/warnings/{raised.pk}/").status_code == 404


def test_an_id_beyond_bigint_is_a_404_before_the_form_is_read(client, depts):
    client.force_login(depts["market"])
    assert client.get("/compliance/department/warnings/99999999999999999999/").status_code == 404
    assert client.post("/compliance/department/warnings/99999999999999999999/feedback/", {}).status_code == 404


def test_the_department_sees_no_case_and_no_personal_data(client, raised, depts, people):
    EarlyWarning.objects.filter(pk=raised.pk).update(note=f"投诉人电话 {PHONE}，身份证号 {ID_NUMBER}")
    client.force_login(depts["market"])
    page = client.get(f"/compliance/department/warnings/{raised.pk}/").content.decode()
    assert PHONE not in page and ID_NUMBER not in page and "＊＊" in page
    assert raised.employer.credit_code in page
    # Not the cases: no case number, no worker, no compliance file of the employer.
    for c in Case.objects.filter(employer=raised.employer):
        assert c.number not in page and c.worker.name not in page
        assert client.get(f"/cases/{c.pk}/").status_code == 404
    assert client.get(f"/compliance/employers/{raised.employer.credit_code}/").status_code == 404
    body = _api(depts["market"]).get(f"/api/v1/department/warnings/{raised.pk}/").json()
    assert "trigger_case" not in body and PHONE not in str(body) and ID_NUMBER not in str(body)


def test_acknowledging_and_feedback_compare_the_version_and_the_role(raised, depts, division):
    officer = depts["market"]
    with pytest.raises(Conflict):
        departments.department_acknowledge(warning_id=raised.pk, actor=officer, version=2)
    w = departments.department_acknowledge(warning_id=raised.pk, actor=officer, version=1)
    assert w.department_acknowledged_by == officer and w.version == 2
    with pytest.raises(Conflict):  # once
        departments.department_acknowledge(warning_id=raised.pk, actor=officer, version=2)
    with pytest.raises(ValidationFailed):
        departments.department_feedback(warning_id=raised.pk, actor=officer, version=2, feedback="  ")
    with pytest.raises(Conflict):  # stale: another officer's feedback came first
        departments.department_feedback(warning_id=raised.pk, actor=officer, version=1, feedback="已约谈平台")
    w = departments.department_feedback(warning_id=raised.pk, actor=officer, version=2, feedback="已约谈平台")
    assert w.department_feedback == "已约谈平台" and w.version == 3
    # A member of the department in another role may read but not act.
    clerk = make_staff(officer.staff.organization, Role.CLERK, "market_clerk")
    with pytest.raises(PermissionDenied):
        departments.department_feedback(warning_id=raised.pk, actor=clerk, version=3, feedback="x")
    with pytest.raises(NotFound):
        departments.department_feedback(warning_id=raised.pk, actor=depts["transport"], version=3, feedback="x")


def test_feedback_from_the_page_and_the_team_sees_it(client, raised, depts, people):
    client.force_login(depts["market"])
    r = client.post(f"/compliance/department/warnings/{raised.pk}/feedback/", {"version": 1, "feedback": ""})
    assert r.status_code == 302
    page = client.get(r.url).content.decode()
    assert 'class="error"' in page and not EarlyWarning.objects.get().department_feedback  # refused, said
    r = client.post(f"/compliance/department/warnings/{raised.pk}/feedback/",
                    {"version": 1, "feedback": "已约谈平台企业负责人"})
    assert r.status_code == 302 and EarlyWarning.objects.get().department_feedback == "已约谈平台企业负责人"
    r = client.post(f"/compliance/department/warnings/{raised.pk}/acknowledge/", {"version": 1})
    assert "已签收" in client.get(r.url).content.decode()  # acknowledged with the feedback: no second time
    client.force_login(people["inspector"])
    page = client.get("/compliance/warnings/").content.decode()
    assert "行业主管部门已签收" in page and "已约谈平台企业负责人" in page


def test_the_api_lists_and_writes_with_the_version(raised, depts, people):
    api = _api(depts["city_market"])
    r = api.get("/api/v1/department/warnings/")
    assert r.status_code == 200 and [w["id"] for w in r.json()] == [raised.pk]
    r = api.post(f"/api/v1/department/warnings/{raised.pk}/acknowledge/", {"version": 1}, format="json")
    assert r.status_code == 200 and r.json()["department_acknowledged_at"] and r.json()["version"] == 2
    r = api.post(f"/api/v1/department/warnings/{raised.pk}/feedback/", {"version": 1, "feedback": "x"}, format="json")
    assert r.status_code == 409
    r = api.post(f"/api/v1/department/warnings/{raised.pk}/feedback/", {"version": 2}, format="json")
    assert r.status_code == 400 and "feedback" in r.json()["error"]["fields"]
    assert _api(people["inspector"]).get("/api/v1/department/warnings/").status_code == 403
    assert _api(depts["transport"]).get("/api/v1/department/warnings/").json() == []


def test_the_department_reads_the_interviews_it_attended_or_on_its_warnings(client, raised, depts, people):
    today = timezone.localdate()
    attended = services.interview_record(
        employer_id=raised.employer_id, actor=people["inspector"], kind="interview", held_on=today,
        attendees=f"法定代表人张某（电话 {PHONE}）", departments=["market_regulation"], matters="投诉集中",
        outcome="承诺整改", rectify_by=today + datetime.timedelta(days=10))
    other = services.interview_record(
        employer_id=raised.employer_id, actor=people["inspector"], kind="warning", held_on=today,
        attendees="负责人", departments=["transport"], matters="x", outcome="y")
    rows = departments.interviews_page(depts["market"].staff)
    assert [i.pk for i in rows] == [attended.pk] and PHONE not in rows[0].attendees
    assert [i.pk for i in departments.interviews_page(depts["transport"].staff)] == [other.pk]
    assert departments.interviews_page(depts["other_county"].staff) == []
    client.force_login(depts["market"])
    page = client.get("/compliance/department/").content.decode()
    assert f'id="interview-{attended.pk}"' in page and f'id="interview-{other.pk}"' not in page
    body = _api(depts["market"]).get("/api/v1/department/interviews/").json()
    assert [i["id"] for i in body] == [attended.pk] and body[0]["rectify_by"]


def test_the_department_page_costs_the_same_queries_for_one_warning_or_many(client, register, depts):
    rule()
    complaints(register, 3, seed=100)
    services.warnings_sweep()
    client.force_login(depts["market"])
    client.get("/compliance/department/")
    with CaptureQueriesContext(connection) as one:
        client.get("/compliance/department/")
    for i in range(2, 6):
        complaints(register, 3, seed=100 * i)
    services.warnings_sweep()
    with CaptureQueriesContext(connection) as many:
        page = client.get("/compliance/department/").content.decode()
    assert page.count('class="warning"') == 5
    assert len(many) == len(one)


def test_the_dashboard_says_how_many_warnings_wait_for_the_department(client, raised, depts):
    client.force_login(depts["market"])
    page = client.get("/dashboard/").content.decode()
    assert 'id="department-unacknowledged">1<' in page


def test_the_schema_documents_the_department_endpoints(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in ("/api/v1/department/warnings/", "/api/v1/department/warnings/{id}/",
                 "/api/v1/department/interviews/", "/api/v1/interview-follow-ups/"):
        assert "get" in paths[path], path
    for path in ("/api/v1/department/warnings/{id}/acknowledge/", "/api/v1/department/warnings/{id}/feedback/",
                 "/api/v1/interviews/{id}/follow-up/"):
        assert "post" in paths[path], path
