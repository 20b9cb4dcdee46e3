"""Every field on the registration page, the case page and the workbenches has a name a screen reader reads
(a <label>, or aria-label where a table's headings label the column), never a placeholder alone."""

import pytest
from django.urls import reverse

from disputes.services import referral_offer
from tests.conftest import file_for_inspection
from tests.html_forms import unlabelled

pytestmark = pytest.mark.django_db


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_field_of_the_registration_page_is_labelled(client, people):
    html = html_of(client, people["clerk"], reverse("intake:register"))

    assert unlabelled(html) == []
    assert 'aria-label="第1项请求：请求类型"' in html or 'aria-label="第1项请求：' in html
    assert '<label for="id_evidence">' in html


def test_a_refused_registration_keeps_every_field_labelled(client, people):
    client.force_login(people["clerk"])
    html = client.post(reverse("intake:register"), {"claims-TOTAL_FORMS": "3", "claims-INITIAL_FORMS": "0"}).content.decode()

    assert "form-errors" in html and unlabelled(html) == []


def test_every_field_of_the_case_page_and_the_incoming_list_is_labelled(client, case, people, orgs):
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=case.version)

    assert unlabelled(html_of(client, people["clerk"], reverse("disputes:case", args=[case.pk]))) == []
    assert unlabelled(html_of(client, people["inspector"], reverse("disputes:case", args=[case.pk]))) == []
    assert unlabelled(html_of(client, people["inspector"], reverse("disputes:incoming"))) == []
    assert unlabelled(html_of(client, people["inspector"], reverse("inspection:workbench", args=[case.pk]))) == []


def test_every_field_of_the_inspection_workbench_is_labelled(client, case, people, orgs):
    filed = file_for_inspection(case, people, orgs)
    assert unlabelled(html_of(client, people["inspector"], reverse("inspection:workbench", args=[filed.pk]))) == []
