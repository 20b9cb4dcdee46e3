"""One money rule (disputes.kit.inputs.money) on every path of the arbitration track: a third decimal or a float
is refused with a field error, never rounded — by the service, by the API and by the workbench."""

import pytest
from rest_framework.test import APIClient

from arbitration.models import MediationStatement
from arbitration.services import mediation_statement_issue
from core.errors import ValidationFailed

from .conftest import fresh
from .test_views import composed, post  # noqa: F401  (composed is a fixture)

TWO_DECIMALS = "请输入以元为单位、最多两位小数的金额。"
NOT_A_FLOAT = "请以元为单位输入金额（可含小数）。"


@pytest.mark.parametrize("amount", ["12.345", 12.5])
def test_the_service_refuses_a_third_decimal_and_a_float(composed, arb, amount):
    case = composed()
    with pytest.raises(ValidationFailed) as refused:
        mediation_statement_issue(case_id=case.pk, actor=arb.arbitrator, version=case.version, terms="支付",
                                  amounts=[{"label": "工资", "amount": amount}])
    assert list(refused.value.fields) == ["amounts.0.amount"]
    assert not MediationStatement.objects.exists() and fresh(case).status == "arbitration"


@pytest.mark.parametrize("amount, message", [("12.345", TWO_DECIMALS), (12.5, NOT_A_FLOAT)])
def test_the_api_refuses_them_with_a_field_error(composed, arb, amount, message):
    case = composed()
    client = APIClient()
    client.force_authenticate(arb.arbitrator)
    response = client.post(
        f"/api/v1/cases/{case.pk}/arbitration/mediation-statement/",
        {"terms": "支付", "amounts": [{"label": "工资", "amount": amount}], "version": case.version},
        format="json", HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["amounts"]["0"]["amount"] == [message]
    assert not MediationStatement.objects.exists()


def test_the_workbench_refuses_a_third_decimal_in_chinese_and_keeps_it(client, composed, arb):
    case = composed()
    html = post(client, arb.arbitrator, case, "mediation", {"terms": "支付", "label_0": "工资", "amount_0": "12.345"})
    assert TWO_DECIMALS in html and 'value="12.345"' in html
    assert not MediationStatement.objects.exists()
