"""Interviews and warnings recorded in the employer's compliance file (measure 10), and the trustworthy list
(守法诚信, measure 21) kept consistent with the file's grade."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from compliance import warning_selectors as selectors
from compliance import warnings as services
from compliance.models import BlacklistListing, EmployerInterview, TrustRule
from core.errors import PermissionDenied, ValidationFailed
from core.identifiers import make_credit_code
from disputes.models import Case
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db


def _interview(people, employer, **overrides):
    data = dict(employer_id=employer.pk, actor=people["inspector"], kind="interview",
                held_on=timezone.localdate(), attendees="企业法定代表人张某；市交通运输局王某",
                departments=["transport"], matters="近一月投诉集中，欠薪", commitments="十日内发放工资",
                outcome="企业承诺整改", follow_up_on=timezone.localdate() + datetime.timedelta(days=10))
    data.update(overrides)
    return services.interview_record(**data)


def test_the_inspection_team_records_an_interview_with_the_department_attending(case, people):
    interview = _interview(people, case.employer)
    assert interview.organization.kind == "inspection" and interview.department_labels() == ["交通运输局"]


def test_an_interview_is_refused_with_field_errors_and_by_other_roles(case, people):
    with pytest.raises(ValidationFailed) as refused:
        _interview(people, case.employer, held_on=timezone.localdate() + datetime.timedelta(days=1), matters="",
                   departments=["police"], follow_up_on=timezone.localdate() - datetime.timedelta(days=3))
    assert {"held_on", "matters", "departments"} <= set(refused.value.fields)
    with pytest.raises(PermissionDenied):
        _interview(people, case.employer, actor=people["clerk"])
    assert not EmployerInterview.objects.exists()


def test_the_compliance_file_shows_interviews_and_the_interview_form_to_inspectors(client, case, people, orgs):
    file_for_inspection(case, people, orgs)  # the team acts on the employers of the cases it sees
    _interview(people, case.employer)
    client.force_login(people["inspector"])
    page = client.get(f"/compliance/employers/{case.employer.credit_code}/").content.decode()
    assert "十日内发放工资" in page and "交通运输局" in page and 'id="interview-form"' in page
    client.force_login(people["clerk"])
    page = client.get(f"/compliance/employers/{case.employer.credit_code}/").content.decode()
    assert "十日内发放工资" in page and 'id="interview-form"' not in page


def test_an_interview_posted_from_the_file_is_recorded_and_a_refused_one_is_kept(client, case, people, orgs):
    client.force_login(people["inspector"])
    url = f"/compliance/employers/{case.employer.credit_code}/interviews/"
    assert client.post(url, {"kind": "warning"}).status_code == 404  # not a case the team sees yet
    file_for_inspection(case, people, orgs)
    url = f"/compliance/employers/{case.employer.credit_code}/interviews/"
    refused = client.post(url, {"kind": "warning", "held_on": timezone.localdate().isoformat(), "attendees": "张某",
                                "matters": "", "outcome": "警示"})
    assert refused.status_code == 302 and not EmployerInterview.objects.exists()
    page = client.get(refused["Location"]).content.decode()
    assert 'value="张某"' in page or "张某</textarea>" in page
    ok = client.post(url, {"kind": "warning", "held_on": timezone.localdate().isoformat(), "attendees": "张某",
                           "matters": "拖欠工资", "outcome": "书面警示", "departments": ["postal"]})
    assert ok.status_code == 302
    assert EmployerInterview.objects.get().departments == ["postal"]


# --- the trustworthy list --------------------------------------------------------------------------------------


@pytest.fixture
def rule(db):
    TrustRule.objects.update(active=False)
    return TrustRule.objects.create(code="clean_12", months=12, upheld_outcomes=["corrected", "penalty"],
                                    description="12个月内无违法查处、无失信名单、无查实投诉", source="local rule (test)")


def _age(case, days):
    Case.objects.filter(pk=case.pk).update(registered_at=timezone.now() - datetime.timedelta(days=days))


def test_an_employer_on_file_with_a_clean_record_is_trustworthy_and_its_file_says_so(client, register, rule, people):
    clean = register(seed=1, credit_code=make_credit_code()).case
    _age(clean, 400)
    upheld = register(seed=2, credit_code=make_credit_code()).case
    _age(upheld, 400)
    Case.objects.filter(pk=upheld.pk).update(outcome="corrected", status="closed", closed_at=timezone.now())
    new = register(seed=3, credit_code=make_credit_code()).case  # not on file for the whole period

    _rule, employers = selectors.trustworthy_employers(today=timezone.localdate())
    assert [e.pk for e in employers] == [clean.employer_id]

    client.force_login(people["inspector"])
    page = client.get(f"/compliance/employers/{clean.employer.credit_code}/").content.decode()
    assert 'id="trustworthy-badge"' in page and '<strong id="grade">A</strong>' in page
    for other in (upheld, new):
        page = client.get(f"/compliance/employers/{other.employer.credit_code}/").content.decode()
        assert 'id="not-trustworthy"' in page


def test_a_listing_keeps_an_employer_off_the_trustworthy_list(register, rule, people):
    case = register(seed=1, credit_code=make_credit_code()).case
    _age(case, 400)
    BlacklistListing.objects.create(case=case, employer=case.employer, ground="criminal_threshold",
                                    payment_order_due_on=timezone.localdate(), reason="欠薪", proposed_by=people["inspector"])
    assert selectors.trustworthy_employers(today=timezone.localdate())[1] == []


def test_the_trustworthy_list_as_a_page_and_as_excel(client, register, rule, people):
    case = register(seed=1, credit_code=make_credit_code()).case
    _age(case, 400)
    client.force_login(people["inspector"])
    page = client.get("/compliance/trustworthy/").content.decode()
    assert case.employer.credit_code in page and rule.description in page
    book = load_workbook(io.BytesIO(client.get("/compliance/trustworthy/?format=xlsx").content))
    assert [c.value for c in book.active[2]][:2] == [case.employer.name, case.employer.credit_code]
    client.force_login(people["clerk"])
    assert client.get("/compliance/trustworthy/").status_code == 403


def test_the_trustworthy_page_costs_the_same_queries_for_one_employer_or_many(client, register, rule, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _age(register(seed=1, credit_code=make_credit_code()).case, 400)
    client.force_login(people["inspector"])
    client.get("/compliance/trustworthy/")
    with CaptureQueriesContext(connection) as one:
        client.get("/compliance/trustworthy/")
    for i in range(2, 7):
        _age(register(seed=i, credit_code=make_credit_code()).case, 400)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/compliance/trustworthy/").content.decode()
    assert page.count('class="trustworthy"') == 6
    assert len(many) == len(one)
