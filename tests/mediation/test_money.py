"""One money rule (disputes.kit.inputs.money) on every path of joint mediation: a third decimal or a float is
refused with a field error, never rounded — by the API and by the page, which keeps what was typed."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mediation.models import JointMediationSession

from .conftest import fresh
from .test_views import held

pytestmark = pytest.mark.django_db

TWO_DECIMALS = "请输入以元为单位、最多两位小数的金额。"
NOT_A_FLOAT = "请以元为单位输入金额（可含小数）。"


@pytest.mark.parametrize("amount, message", [("8000.005", TWO_DECIMALS), (8000.5, NOT_A_FLOAT)])
def test_the_api_refuses_them_with_a_field_error(in_inspection, cast, amount, message):
    case = in_inspection()
    session = held(case, cast)
    client = APIClient()
    client.force_authenticate(cast.inspector)
    response = client.post(f"/api/v1/joint-mediation/{session.pk}/agreement/", {
        "items": [{"claim_id": case.claims.get().pk, "amount": amount}], "workers_covered": 1,
        "version": fresh(case).version,
    }, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["items"]["0"]["amount"] == [message]
    assert JointMediationSession.objects.get(pk=session.pk).state == "held"


def test_the_page_refuses_a_third_decimal_in_chinese_and_keeps_what_was_typed(in_inspection, cast, client):
    case = in_inspection()
    session = held(case, cast)
    claim = case.claims.get()
    client.force_login(cast.inspector)
    response = client.post(reverse("mediation:agreement", args=[session.pk]), {
        "version": fresh(case).version, f"amount_{claim.pk}": "8000.005", "terms": "不再申请仲裁",
    }, follow=True)
    html = response.content.decode()
    assert TWO_DECIMALS in html
    assert 'value="8000.005"' in html and ">不再申请仲裁</textarea>" in html
    assert fresh(case).status == "inspection"

