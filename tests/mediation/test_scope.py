"""A participant's organisation reads the case it mediates; an unrelated one still gets 404."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from disputes.selectors import cases_visible_to
from mediation.services import joint_session_cancel, joint_session_schedule

from .conftest import D, at_ten, fresh

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def schedule(case, cast):
    return joint_session_schedule(
        case_id=case.pk, actor=cast.inspector, version=fresh(case).version, scheduled_at=at_ten(D(2026, 6, 5)),
        place="调解室", participant_ids=[cast.inspector.pk, cast.arbitrator.pk],
    )


def test_the_participating_organisation_sees_the_case_once_it_takes_part(in_inspection, cast, client):
    case = in_inspection()
    client.force_login(cast.arbitrator)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert not cases_visible_to(cast.arbitrator).filter(pk=case.pk).exists()

    schedule(case, cast)

    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/cases/{case.pk}/joint-mediation/").status_code == 200
    assert api(cast.arbitrator).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    # Its other members read it too (the scope is the organisation's, as for referrals).
    assert cases_visible_to(cast.arbitration_chair).filter(pk=case.pk).count() == 1


def test_an_unrelated_organisation_gets_404_everywhere(in_inspection, cast, client):
    case = in_inspection()
    session = schedule(case, cast)
    client.force_login(cast.outsider_supervisor)

    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/joint-mediation/").status_code == 404
    outsider = api(cast.outsider_supervisor)
    assert outsider.get(f"/api/v1/cases/{case.pk}/joint-mediation/").status_code == 404
    response = outsider.post(f"/api/v1/joint-mediation/{session.pk}/cancel/",
                             {"reason": "x", "version": fresh(case).version}, format="json")
    assert response.status_code == 404


def test_a_cancelled_session_no_longer_opens_the_case(in_inspection, cast):
    case = in_inspection()
    session = schedule(case, cast)
    joint_session_cancel(session_id=session.pk, actor=cast.inspector, version=fresh(case).version, reason="改期")

    assert not cases_visible_to(cast.arbitrator).filter(pk=case.pk).exists()
    assert cases_visible_to(cast.inspector).filter(pk=case.pk).exists()


def test_one_case_is_listed_once_however_many_sessions_name_the_organisation(in_inspection, cast):
    case = in_inspection()
    for _ in range(2):
        session = schedule(case, cast)
        joint_session_cancel(session_id=session.pk, actor=cast.inspector, version=fresh(case).version, reason="改期")
    schedule(case, cast)
    assert list(cases_visible_to(cast.arbitrator).values_list("pk", flat=True)) == [case.pk]
