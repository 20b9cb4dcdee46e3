"""The employer's compliance file: its cases and records from every track, and the credit grade by the rules."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import CreditRule
from core.identifiers import make_credit_code
from compliance.selectors import compliance_file
from inspection.models import ComplianceRecord, CorrectionOrder
from tests.conftest import file_for_inspection

pytestmark = pytest.mark.django_db

_rng = random.Random(2301)
CODE, PLATFORM_CODE, UNKNOWN_CODE = (make_credit_code(_rng) for _ in range(3))


def _order(case, actor, *, days_ago=10, complied=None):
    today = timezone.localdate()
    order = CorrectionOrder.objects.create(
        case=case, recorded_by=actor, issued_on=today - datetime.timedelta(days=days_ago),
        due_on=today - datetime.timedelta(days=days_ago - 5), workers_covered=1,
    )
    if complied is not None:
        ComplianceRecord.objects.create(case=case, order=order, recorded_by=actor, complied=complied,
                                        amount_paid="0.00" if not complied else "8600.00", workers_paid=int(complied),
                                        recorded_on=today - datetime.timedelta(days=days_ago - 5))
    return order


def _case(register, seed, **kw):
    return register(seed=seed, credit_code=CODE, force_new=True, **kw).case


def test_an_employer_never_investigated_is_graded_a(register):
    _case(register, 1)

    found = compliance_file(CODE, today=timezone.localdate())

    assert found.grade == "A" and found.counts["cases"] == 1 and found.reasons == []


def test_an_order_to_correct_makes_it_b_with_the_rule_and_its_source(register, people):
    case = _case(register, 2)
    _order(case, people["inspector"], complied=True)

    found = compliance_file(CODE, today=timezone.localdate())

    assert found.grade == "B"
    (reason,) = found.reasons
    assert reason["cases"] == [case.number] and "人社部规〔2016〕1号" in reason["rule"].source
    assert {r.kind for r in found.records} == {"order", "payment"}


def test_three_cases_investigated_or_an_order_not_complied_with_make_it_c(register, people):
    cases = [_case(register, 10 + i) for i in range(3)]
    for case in cases[:2]:
        _order(case, people["inspector"])
    assert compliance_file(CODE, today=timezone.localdate()).grade == "B"

    _order(cases[2], people["inspector"])
    assert compliance_file(CODE, today=timezone.localdate()).grade == "C"

    CreditRule.objects.filter(code="c_investigated_three").update(min_cases=4)  # rules are data
    assert compliance_file(CODE, today=timezone.localdate()).grade == "B"
    _order(cases[0], people["inspector"], complied=False)
    found = compliance_file(CODE, today=timezone.localdate())
    assert found.grade == "C" and "拒不履行" in found.reasons[0]["rule"].description


def test_an_old_order_no_longer_lowers_the_grade(register, people):
    _order(_case(register, 20), people["inspector"], days_ago=400)

    assert compliance_file(CODE, today=timezone.localdate()).grade == "A"


def test_the_file_costs_the_same_queries_for_one_case_or_many(register, people):
    _order(_case(register, 30), people["inspector"], complied=True)
    with CaptureQueriesContext(connection) as one:
        compliance_file(CODE, today=timezone.localdate())
    for i in range(4):
        _order(_case(register, 31 + i), people["inspector"], complied=False)
    with CaptureQueriesContext(connection) as many:
        found = compliance_file(CODE, today=timezone.localdate())
    assert found.counts["cases"] == 5 and found.counts["order"] == 5
    assert len(many) == len(one)


def test_a_platform_and_its_partner_employers_are_linked(register, division):
    from disputes.models import Employer

    register(seed=40, credit_code=CODE, worker_platform="美团")
    platform_code = PLATFORM_CODE
    Employer.objects.create(credit_code=platform_code, name="美团", address="北京", is_platform=True,
                            industry="food_delivery")

    assert [e.credit_code for e in compliance_file(CODE, today=timezone.localdate()).platforms] == [platform_code]
    assert [e.credit_code for e in compliance_file(platform_code, today=timezone.localdate()).partners] == [CODE]


def test_the_clerk_sees_the_summary_when_the_credit_code_is_entered_and_nothing_for_an_unknown_one(register, people, client):
    _order(_case(register, 50), people["inspector"])
    client.force_login(people["clerk"])

    summary = client.get("/compliance/employers/summary/", {"credit_code": CODE.lower()}).content.decode()
    assert 'id="compliance-grade">B<' in summary
    assert client.get("/compliance/employers/summary/", {"credit_code": UNKNOWN_CODE}).content == b""
    assert 'id="employer-file-slot"' in client.get("/intake/register/").content.decode()


def test_the_inspector_sees_the_grade_on_the_case_page_and_opens_the_file(register, people, orgs, client):
    case = file_for_inspection(_case(register, 60), people, orgs)
    _order(case, people["inspector"])
    client.force_login(people["inspector"])

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="compliance-grade">B<' in page
    file_page = client.get(f"/compliance/employers/{CODE}/").content.decode()
    assert case.number in file_page and 'id="grade">B<' in file_page
    assert "13800138000" not in file_page  # no worker's personal data in the employer's file
