"""The arbitration workbench asks before not accepting an application, cancelling a hearing or recording an
absence (which may count as withdrawing), naming the consequence; other steps do not ask."""

import re

import pytest
from django.urls import reverse

from tests.html_forms import forms

pytestmark = pytest.mark.django_db

ASKING = r"/(reject|hearings/\d+/(cancel|absence))/$"


def asking_forms(client, user, case):
    client.force_login(user)
    html = client.get(reverse("arbitration:workbench", args=[case.pk])).content.decode()
    found = {}
    for form in forms(html):
        confirms = [b.get("data-confirm", "") for b in form.buttons]
        if re.search(ASKING, form.action):
            assert all(re.search(r"[\u4e00-\u9fff].*？$", c) for c in confirms), form
            assert all("danger" in b.get("class", "") for b in form.buttons), form
            found[re.search(ASKING, form.action).group(0)] = confirms[0]
        else:
            assert not any(confirms), form
    return found


def test_not_accepting_the_application_asks_first(client, in_review, arb):
    found = asking_forms(client, arb.arbitrator, in_review())
    assert "不予受理通知书" in found["/reject/"]


def test_cancelling_a_hearing_asks_first(client, heard, arb):
    found = asking_forms(client, arb.arbitrator, heard())
    cancel = [m for path, m in found.items() if path.endswith("/cancel/")]
    assert cancel and "本次开庭不再举行" in cancel[0]


def test_every_field_of_the_arbitration_workbench_is_labelled(client, in_review, heard, arb):
    from tests.html_forms import unlabelled

    client.force_login(arb.arbitrator)
    for case in (in_review(), heard()):
        html = client.get(reverse("arbitration:workbench", args=[case.pk])).content.decode()
        assert unlabelled(html) == []
