"""One money rule (disputes.kit.inputs.money) on every path of the inspection track: a third decimal or a float
is refused with a field error, never rounded — by the service, by the API and by the workbench."""

import pytest
from rest_framework.test import APIClient

from core.errors import ValidationFailed
from inspection.models import PenaltyProposal
from inspection.services import penalty_propose

from .conftest import at, fresh
from .test_views import post

pytestmark = pytest.mark.django_db

TWO_DECIMALS = "请输入以元为单位、最多两位小数的金额。"
NOT_A_FLOAT = "请以元为单位输入金额（可含小数）。"


@pytest.mark.parametrize("amount", ["2000.005", 2000.5])
def test_the_service_refuses_a_third_decimal_and_a_float(filed, team, amount):
    case = filed()
    with at("2026-06-02"), pytest.raises(ValidationFailed) as refused:
        penalty_propose(case_id=case.pk, actor=team["lead"], version=case.version, article="23", workers=2,
                        amount=amount, facts="未支付")
    assert list(refused.value.fields) == ["amount"]
    assert not PenaltyProposal.objects.exists()


@pytest.mark.parametrize("amount, message", [("2000.005", TWO_DECIMALS), (2000.5, NOT_A_FLOAT)])
def test_the_api_refuses_them_with_a_field_error(filed, team, amount, message):
    case = filed()
    client = APIClient()
    client.force_authenticate(team["lead"])
    with at("2026-06-02"):
        response = client.post(
            f"/api/v1/cases/{case.pk}/inspection/penalty-proposals/",
            {"article": "23", "workers": 2, "amount": amount, "facts": "未支付", "version": fresh(case).version},
            format="json", HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["amount"] == [message]
    assert not PenaltyProposal.objects.exists()


def test_the_workbench_refuses_a_third_decimal_in_chinese_and_keeps_it(client, filed, team):
    case = filed()
    body = post(client, team["lead"], "propose", case, {"article": "23", "workers": "2", "amount": "2000.005"})
    assert TWO_DECIMALS in body and 'value="2000.005"' in body
    assert not PenaltyProposal.objects.exists()
