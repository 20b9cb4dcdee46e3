"""The administrator maintains patterns and minimum wages; arbitration files are only looked at."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from arbitration.models import MinimumWage
from arbitration.services import application_accept
from documents.models import NumberPattern

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="arb-admin", password="pw-arb-admin")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_minimum_wage_list_shows_each_amount_with_its_source(admin_client, division):
    response = admin_client.get(reverse("admin:arbitration_minimumwage_changelist"), {"verified__exact": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "潍城区" in page and "2100.00" in page and "2021" in page and "未核实" in page


def test_an_administrator_corrects_a_minimum_wage(admin_client, division):
    wage = MinimumWage.objects.get(division=division, effective_from=datetime.date(2021, 10, 1))
    response = admin_client.post(
        reverse("admin:arbitration_minimumwage_change", args=[wage.pk]),
        {"division": division.pk, "effective_from": "2021-10-01", "monthly_amount": "2200.00",
         "source": "山东省人民政府关于调整最低工资标准的通知 第一档", "verified": "on", "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    wage.refresh_from_db()
    assert str(wage.monthly_amount) == "2200.00" and wage.source.startswith("山东省") and wage.verified


def test_a_pattern_without_seq_is_refused_in_the_admin(admin_client, orgs):
    response = admin_client.post(
        reverse("admin:documents_numberpattern_add"),
        {"issuer": orgs["arbitration"].pk, "kind": "accept", "pattern": "潍城劳人仲案字〔{year}〕号"},
    )
    assert response.status_code == 200 and "must contain {seq}" in response.content.decode()
    assert not NumberPattern.objects.filter(issuer=orgs["arbitration"]).exists()


def test_arbitration_files_are_read_only_in_the_admin(admin_client, in_review, arb):
    case = in_review()
    file = application_accept(case_id=case.pk, actor=arb.arbitrator, version=case.version)
    url = reverse("admin:arbitration_arbitrationfile_change", args=[file.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and file.official_number in page.content.decode()
    admin_client.post(url, {"official_number": "改号"})
    file.refresh_from_db()
    assert file.official_number.startswith("潍城劳人仲案字")
