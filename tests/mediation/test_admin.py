"""Administrators look at joint mediation sessions; changes go through the services only."""

import pytest
from django.urls import reverse

from mediation.services import joint_session_schedule

from .conftest import D, at_ten, fresh

pytestmark = pytest.mark.django_db


def test_sessions_are_listed_and_shown_read_only(in_inspection, cast, client, django_user_model):
    case = in_inspection()
    session = joint_session_schedule(
        case_id=case.pk, actor=cast.inspector, version=fresh(case).version, scheduled_at=at_ten(D(2026, 6, 5)),
        place="调解室", participant_ids=[cast.inspector.pk, cast.arbitrator.pk],
    )
    client.force_login(django_user_model.objects.create_superuser(username="admin", password="pw-admin"))

    listing = client.get(reverse("admin:mediation_jointmediationsession_changelist"))
    assert listing.status_code == 200 and case.number in listing.content.decode()
    detail = client.get(reverse("admin:mediation_jointmediationsession_change", args=[session.pk]))
    detail = detail.content.decode()
    assert f"{case.number} 2026-06-05 10:00" in detail  # Beijing time
    assert "潍城区劳动人事争议仲裁院" in detail
    assert client.get(reverse("admin:mediation_jointmediationsession_add")).status_code == 403
