"""One money rule (disputes.kit.inputs.money) at the window: a claimed amount with a third decimal, or a float,
is refused with a field error, never rounded."""

import pytest

from core.errors import ValidationFailed
from disputes.models import Case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("amount", ["8600.005", 8600.5])
def test_registration_refuses_a_third_decimal_and_a_float(register, amount):
    with pytest.raises(ValidationFailed) as refused:
        register(claims=[{"type": "wages", "amount": amount}])
    assert list(refused.value.fields) == ["claims"]
    assert not Case.objects.exists()


TWO_DECIMALS = "请输入以元为单位、最多两位小数的金额。"
NOT_A_FLOAT = "请以元为单位输入金额（可含小数）。"


@pytest.mark.parametrize("amount, message", [("8600.005", TWO_DECIMALS), (8600.5, NOT_A_FLOAT)])
def test_the_api_refuses_them_with_a_field_error(people, division, amount, message):
    from tests.api.test_complaints import URL, api, payload

    response = api(people["clerk"]).post(
        URL, payload(division, claims=[{"type": "wages", "amount": amount}]), format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["fields"]["claims"]["0"]["amount"] == [message]
    assert not Case.objects.exists()


def test_the_registration_page_refuses_a_third_decimal_in_chinese_and_keeps_it(client, people, division):
    from .test_register_page import URL, form_data

    client.force_login(people["clerk"])
    response = client.post(URL, form_data(division, **{"claims-0-amount": "5000.005"}))
    html = response.content.decode()
    assert TWO_DECIMALS in html and 'value="5000.005"' in html
    assert not Case.objects.exists()
