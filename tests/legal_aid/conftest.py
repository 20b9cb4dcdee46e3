import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import Organization, OrgKind, Role
from disputes.models import Case
from disputes.services import referral_accept, referral_offer
from legal_aid.models import LawFirm, LivingAllowance, PartnerLawyer, StationProfile
from tests.conftest import make_staff


@pytest.fixture
def allowance(division):
    """Last year's 低保 of the station's county (a test figure: the real one is entered with its notice)."""
    return LivingAllowance.objects.create(
        division=division, year=timezone.localdate().year - 1, monthly_amount=Decimal("950.00"),
        source="潍城区民政局关于提高城乡低保标准的通知（测试数据）",
    )


@pytest.fixture
def station(orgs):
    StationProfile.objects.create(
        station=orgs["legal_aid"], place_kind="arbitration", site="潍城区劳动人事争议仲裁院一楼工会法律援助工作室",
        area_covered="潍城区", funding="市总工会专项经费每年20万元", rules="首问负责制\n值班律师制度",
    )
    return orgs["legal_aid"]


@pytest.fixture
def firm(orgs):
    firm = LawFirm.objects.create(name="山东潍城律师事务所", phone="0536-8000000")
    firm.stations.add(orgs["legal_aid"])
    lawyer = PartnerLawyer.objects.create(firm=firm, name="赵明", phone="13700000001", licence_number="13707201810000001")
    return lawyer


@pytest.fixture
def other_station(orgs, division):
    org = Organization.objects.create(name="潍城区北关街道工会法律援助服务站", kind=OrgKind.LEGAL_AID,
                                      division=division, phone="0536-2222222")
    return {"org": org, "officer": make_staff(org, Role.LEGAL_AID, "other-station")}


def refer_for_aid(case, people, orgs, *, accept=True):
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["legal_aid"].pk,
                              purpose="legal_aid", expected_version=Case.objects.get(pk=case.pk).version)
    if accept:
        referral_accept(referral_id=referral.pk, actor=people["legal_aid"])
    return referral


@pytest.fixture
def aid_referral(register, people, orgs):
    """A delivery rider's wage claim, referred by the window to the station and accepted by it."""
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    return refer_for_aid(case, people, orgs)
