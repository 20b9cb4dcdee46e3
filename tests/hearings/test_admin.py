"""Rooms are entered in the admin per organisation; hearings are only looked at there."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Role
from hearings.models import Room
from hearings.services import hearing_schedule
from tests.conftest import make_staff

from .conftest import slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission_admin(client, orgs):
    """The arbitration commission's own administrator: a staff account with the room permissions."""
    user = make_staff(orgs["arbitration"], Role.ADMIN, "arb-admin", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="hearings"))
    client.force_login(user)
    return client


def test_an_organisation_administrator_sees_and_adds_only_its_own_rooms(commission_admin, orgs, other_commission):
    Room.objects.create(organization=other_commission, name="青州第一仲裁庭", capacity=10)
    Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)
    page = commission_admin.get(reverse("admin:hearings_room_changelist"))
    assert "第一仲裁庭" in page.content.decode() and "青州第一仲裁庭" not in page.content.decode()
    refused = commission_admin.post(reverse("admin:hearings_room_add"),
                                    {"organization": other_commission.pk, "name": "冒名仲裁庭", "capacity": 5, "is_active": "on"})
    assert refused.status_code == 200 and not Room.objects.filter(name="冒名仲裁庭").exists()
    commission_admin.post(reverse("admin:hearings_room_add"),
                          {"organization": orgs["arbitration"].pk, "name": "第三仲裁庭", "capacity": 12, "is_active": "on"})
    assert Room.objects.get(name="第三仲裁庭").organization == orgs["arbitration"]


def test_hearings_are_read_only_in_the_admin(commission_admin, arbitration_case, people, rooms, arbitrators):
    case = arbitration_case()
    hearing = hearing_schedule(case_id=case.pk, actor=people["arbitrator"], version=case.version,
                               room_id=rooms["one"].pk, arbitrators=[arbitrators["chief"]],
                               **slot("2026-06-08", "09:00", "11:00"))
    assert commission_admin.get(reverse("admin:hearings_hearing_changelist")).status_code == 200
    assert commission_admin.get(reverse("admin:hearings_hearing_change", args=[hearing.pk])).status_code == 200
    assert commission_admin.get(reverse("admin:hearings_hearing_add")).status_code == 403
    commission_admin.post(reverse("admin:hearings_hearing_delete", args=[hearing.pk]), {"post": "yes"})
    assert commission_admin.post(reverse("admin:hearings_hearing_change", args=[hearing.pk]), {}).status_code == 403
    hearing.refresh_from_db()
    assert hearing.state == "scheduled"
