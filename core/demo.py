"""Weifang demo data for `manage.py seed_demo`: organisations, one login per role, and cases.

Cases are made only through the intake and dispute services, so every stage, event, referral and
notification in the demo is one the real system could have produced. The organisation names follow
statutory-rules §10; their addresses and phone numbers, the employers, workers and identifiers are invented.
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from disputes.choices import (
    ACTIVE_STATES,
    MONETARY_CLAIM_TYPES,
    CaseState,
    Channel,
    ClaimType,
    DeclineReason,
    Industry,
    Occupation,
    Outcome,
    RedirectReason,
    ReferralPurpose,
)
from disputes.models import Case
from disputes.services import case_transition, referral_accept, referral_decline, referral_offer
from inspection.services import inspection_file
from intake.services import ComplaintInput, complaint_register

from .identifiers import make_credit_code, make_id_number
from .models import Division, Organization, OrgKind, Role, StaffProfile
from .parameters import int_parameter

DEMO_PASSWORD = "demo12345"

# --- organisations -------------------------------------------------------------------------------

# The counties and districts that get a full set of bodies (code, name, streets for invented addresses).
COUNTIES = [
    ("370702", "潍城区", ("胜利西街", "和平路", "北宫西街", "向阳路")),
    ("370704", "坊子区", ("北海路", "凤山路", "坊泰路", "龙泉街")),
    ("370705", "奎文区", ("东风东街", "福寿东街", "新华路", "胜利东街")),
    ("370781", "青州市", ("范公亭西路", "云门山路", "海岱北路", "玲珑山路")),
    ("370783", "寿光市", ("圣城街", "金光街", "农圣街", "建新街")),
]
CITY_STREETS = ("东风东街", "福寿东街", "新华路", "健康东街", "北海路")


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: str
    division_code: str | None = None  # None: the whole city
    parent_key: str | None = None


def _org_specs() -> list[OrgSpec]:
    specs = [
        OrgSpec("city_centre", "潍坊市劳动者维权中心", OrgKind.RIGHTS_CENTRE),
        OrgSpec("window", "潍坊市劳动者联动维权服务窗口", OrgKind.RIGHTS_CENTRE, parent_key="city_centre"),
        OrgSpec("commission", "潍坊市劳动人事争议仲裁委员会", OrgKind.ARBITRATION),
        OrgSpec("arbitration", "潍坊市劳动人事争议仲裁院", OrgKind.ARBITRATION, parent_key="commission"),
        OrgSpec("inspection", "潍坊市劳动保障监察支队", OrgKind.INSPECTION),
        OrgSpec("court", "潍坊市中级人民法院", OrgKind.COURT),
        OrgSpec("union", "潍坊市总工会", OrgKind.UNION),
        OrgSpec("legal_aid", "潍坊市劳动人事争议仲裁院工会法律援助工作室", OrgKind.LEGAL_AID, parent_key="union"),
        OrgSpec("court_legal_aid", "潍坊市中级人民法院工会法律援助工作室", OrgKind.LEGAL_AID, parent_key="union"),
    ]
    for code, county, _streets in COUNTIES:
        specs += [
            OrgSpec(f"{code}_commission", f"{county}劳动人事争议仲裁委员会", OrgKind.ARBITRATION, code),
            OrgSpec(f"{code}_inspection", f"{county}劳动保障监察大队", OrgKind.INSPECTION, code),
            OrgSpec(f"{code}_centre", f"{county}劳动者维权中心", OrgKind.RIGHTS_CENTRE, code),
            OrgSpec(f"{code}_court", f"{county}人民法院", OrgKind.COURT, code),
            OrgSpec(f"{code}_union", f"{county}总工会", OrgKind.UNION, code),
        ]
    specs += [
        OrgSpec("fangzi_legal_aid", "坊子区劳动人事争议工会法律援助工作站", OrgKind.LEGAL_AID, "370704", "370704_union"),
        OrgSpec("fangzi_court_mediation", "坊子区劳动争议诉调对接室", OrgKind.MEDIATION, "370704", "370704_court"),
        OrgSpec("mediation", "潍城区劳动争议调解中心", OrgKind.MEDIATION, "370702"),
    ]
    return specs


def _stable_int(text: str, modulo: int) -> int:
    """A number derived from the name, so an organisation keeps its invented phone across reseeds."""
    return zlib.crc32(text.encode()) % modulo


def _place(division_code: str | None) -> tuple[str, tuple[str, ...]]:
    """The address prefix and streets of a division (None: the city seat in Kuiwen)."""
    if division_code is None:
        return "潍坊市奎文区", CITY_STREETS
    _code, county, streets = next(c for c in COUNTIES if c[0] == division_code)
    # Districts are written under the city; county-level cities under the province.
    return (f"潍坊市{county}" if county.endswith("区") else f"山东省{county}"), streets


def _org_contact(spec: OrgSpec) -> tuple[str, str]:
    place, streets = _place(spec.division_code)
    street = streets[_stable_int(spec.name, len(streets))]
    address = f"{place}{street}{_stable_int(spec.name + 'no', 380) + 1}号"
    phone = f"0536-{8000000 + _stable_int(spec.name + 'tel', 999999):07d}"
    return address, phone


def seed_organizations() -> dict[str, Organization]:
    divisions = {d.code: d for d in Division.objects.all()}
    orgs: dict[str, Organization] = {}
    for spec in _org_specs():
        address, phone = _org_contact(spec)
        orgs[spec.key], _ = Organization.objects.update_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "division": divisions[spec.division_code] if spec.division_code else None,
                "parent": orgs[spec.parent_key] if spec.parent_key else None,
                "address": address,
                "phone": phone,
                "is_active": True,
            },
        )
    from arbitration.services import ensure_default_patterns
    from inspection.services import ensure_default_number_patterns

    # Each commission numbers its cases (潍劳人仲案字〔2026〕第N号 ...) and each inspection organisation its written
    # decisions (潍城人社监令字〔2026〕第N号 ...); real ones enter theirs in the admin.
    for org in orgs.values():
        if org.kind == OrgKind.ARBITRATION and org.parent_id is None:
            ensure_default_patterns(org)
        elif org.kind == OrgKind.INSPECTION:
            ensure_default_number_patterns(org)
    return orgs


# --- staff -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class UserSpec:
    username: str
    full_name: str
    role: str
    org_key: str
    superuser: bool = False


USERS = [
    UserSpec("clerk", "刘晓燕", Role.CLERK, "window"),
    UserSpec("supervisor", "赵丽华", Role.SUPERVISOR, "window"),
    UserSpec("inspector", "王建国", Role.INSPECTOR, "inspection"),
    UserSpec("arbitrator", "张志强", Role.ARBITRATOR, "arbitration"),
    UserSpec("mediator", "李秀英", Role.MEDIATOR, "mediation"),
    UserSpec("lawyer", "陈明远", Role.LEGAL_AID, "legal_aid"),
    UserSpec("court", "周文斌", Role.MEDIATOR, "court"),
    UserSpec("clerk_qz", "杨雪梅", Role.CLERK, "370781_centre"),
    UserSpec("admin", "孙海涛", Role.ADMIN, "window", superuser=True),
]


def seed_users(orgs: dict[str, Organization], password: str = DEMO_PASSWORD) -> dict:
    User = get_user_model()
    users = {}
    # One hash for all: the shared password is public anyway, and each hash costs most of a second.
    encoded = make_password(password)
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": "",
                "last_name": spec.full_name,
                "is_active": True,
                "is_staff": spec.superuser,
                "is_superuser": spec.superuser,
            },
        )
        user.password = encoded
        user.save(update_fields=["password"])
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "organization": orgs[spec.org_key],
                "role": spec.role,
                "phone": orgs[spec.org_key].phone,
            },
        )
        users[spec.username] = user
    return users


# --- parties ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class EmployerSpec:
    name: str
    industry: str
    is_platform: bool
    division_code: str
    platform: str = ""  # the app the workers take orders through, if any


I = Industry  # noqa: E741  (short alias keeps the table below readable)
EMPLOYERS = [
    EmployerSpec("潍坊速食达同城配送服务有限公司", I.FOOD_DELIVERY, True, "370705", "速食达"),
    EmployerSpec("潍坊市奎文区飞骑外卖配送站", I.FOOD_DELIVERY, True, "370705", "飞骑外卖"),
    EmployerSpec("潍坊市潍城区闪送达餐饮配送站", I.FOOD_DELIVERY, True, "370702", "闪送达"),
    EmployerSpec("青州市及时雨外卖配送服务部", I.FOOD_DELIVERY, True, "370781", "及时雨外卖"),
    EmployerSpec("寿光市骑士同城配送有限公司", I.FOOD_DELIVERY, True, "370783", "骑士配送"),
    EmployerSpec("潍坊鸿运快递有限公司坊子营业部", I.EXPRESS_DELIVERY, True, "370704", "鸿运快递"),
    EmployerSpec("潍坊通达速运有限公司潍城分部", I.EXPRESS_DELIVERY, True, "370702", "通达速运"),
    EmployerSpec("青州市捷顺快递服务部", I.EXPRESS_DELIVERY, False, "370781", "捷顺快递"),
    EmployerSpec("寿光市万通快递有限公司", I.EXPRESS_DELIVERY, False, "370783", "万通快递"),
    EmployerSpec("潍坊市奎文区邮捷快递驿站", I.EXPRESS_DELIVERY, False, "370705"),
    EmployerSpec("潍坊畅行网约车科技有限公司", I.RIDE_HAILING, True, "370705", "畅行出行"),
    EmployerSpec("潍坊易达出行服务有限公司", I.RIDE_HAILING, True, "370702", "易达出行"),
    EmployerSpec("潍坊顺途汽车租赁有限公司", I.RIDE_HAILING, False, "370704", "畅行出行"),
    EmployerSpec("潍坊货运宝网络货运有限公司", I.FREIGHT, True, "370705", "货运宝"),
    EmployerSpec("寿光市蔬菜物流运输有限公司", I.FREIGHT, False, "370783"),
    EmployerSpec("潍坊港通物流有限公司", I.FREIGHT, False, "370704"),
    EmployerSpec("青州市宏达货物运输有限公司", I.FREIGHT, False, "370781", "货运宝"),
    EmployerSpec("潍坊好管家家政服务有限公司", I.DOMESTIC_SERVICES, True, "370705", "好管家"),
    EmployerSpec("潍坊巧手阿姨家政服务有限公司", I.DOMESTIC_SERVICES, False, "370702"),
    EmployerSpec("潍坊康乐居家养老服务中心", I.DOMESTIC_SERVICES, False, "370704"),
    EmployerSpec("青州市贴心家政服务部", I.DOMESTIC_SERVICES, False, "370781"),
    EmployerSpec("潍坊月嫂之家母婴护理有限公司", I.DOMESTIC_SERVICES, False, "370705"),
    EmployerSpec("潍坊安盾保安服务有限公司", I.SECURITY_SERVICES, False, "370705"),
    EmployerSpec("潍坊金卫士保安服务有限公司", I.SECURITY_SERVICES, False, "370702"),
    EmployerSpec("寿光市平安保安服务有限公司", I.SECURITY_SERVICES, False, "370783"),
    EmployerSpec("潍坊万嘉购物广场有限公司", I.RETAIL, False, "370705"),
    EmployerSpec("潍坊新百隆商贸有限公司", I.RETAIL, False, "370702"),
    EmployerSpec("青州市惠民超市有限公司", I.RETAIL, False, "370781"),
    EmployerSpec("潍坊安家房产经纪有限公司", I.REAL_ESTATE_AGENCY, False, "370705"),
    EmployerSpec("潍坊链居房地产经纪有限公司", I.REAL_ESTATE_AGENCY, False, "370702"),
    EmployerSpec("寿光市乐居房屋中介服务部", I.REAL_ESTATE_AGENCY, False, "370783"),
    EmployerSpec("潍坊华信机械制造有限公司", I.OTHER, False, "370704"),
    EmployerSpec("潍坊鑫源纺织有限公司", I.OTHER, False, "370702"),
    EmployerSpec("坊子区宏盛建筑劳务有限公司", I.OTHER, False, "370704"),
    EmployerSpec("潍坊锦程餐饮管理有限公司", I.OTHER, False, "370705"),
    EmployerSpec("寿光市绿源蔬菜种植有限公司", I.OTHER, False, "370783"),
    EmployerSpec("潍坊金港食品有限公司", I.OTHER, False, "370704"),
    EmployerSpec("潍坊老城酒店管理有限公司", I.OTHER, False, "370702"),
    EmployerSpec("潍坊天宇电子科技有限公司", I.OTHER, False, "370705"),
    EmployerSpec("青州市古城旅游服务有限公司", I.OTHER, False, "370781"),
]
del I
# The employer whose riders complain together (more workers with open cases than the collective-dispute
# threshold, so the flag shows).
COLLECTIVE_EMPLOYER = 0
COLLECTIVE_MARGIN = 2

O = Occupation  # noqa: E741
INDUSTRY_OCCUPATIONS = {
    Industry.FOOD_DELIVERY: [(O.DELIVERY_RIDER, 1)],
    Industry.EXPRESS_DELIVERY: [(O.COURIER, 1)],
    Industry.RIDE_HAILING: [(O.RIDE_HAILING_DRIVER, 1)],
    Industry.FREIGHT: [(O.TRUCK_DRIVER, 1)],
    Industry.DOMESTIC_SERVICES: [(O.DOMESTIC_WORKER, 3), (O.CARER, 2)],
    Industry.SECURITY_SERVICES: [(O.SECURITY_GUARD, 1)],
    Industry.RETAIL: [(O.MALL_INFORMATION_WORKER, 2), (O.EMPLOYEE, 1)],
    Industry.REAL_ESTATE_AGENCY: [(O.ESTATE_AGENT, 1)],
    Industry.OTHER: [(O.EMPLOYEE, 3), (O.OTHER_FLEXIBLE, 1)],
}
# Chinese job titles for the invented facts (case data, not interface text).
OCCUPATION_ZH = {
    O.TRUCK_DRIVER: "货车司机", O.RIDE_HAILING_DRIVER: "网约车司机", O.COURIER: "快递员", O.DELIVERY_RIDER: "外卖骑手",
    O.CARER: "护理员", O.ESTATE_AGENT: "房产经纪人", O.MALL_INFORMATION_WORKER: "商场信息员",
    O.DOMESTIC_WORKER: "家政服务员", O.SECURITY_GUARD: "保安员", O.OTHER_FLEXIBLE: "灵活用工人员", O.EMPLOYEE: "职工",
}
PLATFORM_OCCUPATIONS = {O.DELIVERY_RIDER, O.COURIER, O.RIDE_HAILING_DRIVER, O.TRUCK_DRIVER}
del O

SURNAMES = "王李张刘陈杨赵孙周吴徐马高郭于董曹田韩宋隋丁邢邱孟苏袁谭秦"
GIVEN_CHARS = "建国志强秀英丽华明亮海涛雪梅文斌晓燕玉兰春生桂芳振华红霞立新淑珍永刚凤英俊杰佳怡子涵浩然欣悦宇航"

CLAIMS_BY_GROUP = {
    # (claim type, weight); platform workers mostly need the employment relationship confirmed first.
    "platform": [
        (ClaimType.EMPLOYMENT_RELATIONSHIP, 5), (ClaimType.WAGES, 6), (ClaimType.INJURY_MEDICAL, 2),
        (ClaimType.SOCIAL_INSURANCE, 2), (ClaimType.DAMAGES, 1),
    ],
    "flexible": [
        (ClaimType.WAGES, 6), (ClaimType.EMPLOYMENT_RELATIONSHIP, 2), (ClaimType.OVERTIME, 2),
        (ClaimType.DAMAGES, 2), (ClaimType.SOCIAL_INSURANCE, 2), (ClaimType.SEVERANCE, 1),
    ],
    "employee": [
        (ClaimType.WAGES, 5), (ClaimType.OVERTIME, 3), (ClaimType.SEVERANCE, 3), (ClaimType.DAMAGES, 2),
        (ClaimType.SOCIAL_INSURANCE, 2), (ClaimType.CONTRACT, 1), (ClaimType.DISMISSAL, 2),
        (ClaimType.WORKING_TIME, 1), (ClaimType.WELFARE, 1), (ClaimType.OTHER, 1),
    ],
}
AMOUNT_RANGES = {
    ClaimType.WAGES: (1800, 36000),
    ClaimType.OVERTIME: (500, 12000),
    ClaimType.INJURY_MEDICAL: (2000, 60000),
    ClaimType.SEVERANCE: (3000, 50000),
    ClaimType.DAMAGES: (4000, 60000),
}
CLAIM_TEXT = {
    ClaimType.EMPLOYMENT_RELATIONSHIP: ("确认与被申请人存在劳动关系", "双方未签订书面劳动合同，单位以“合作关系”为由否认劳动关系"),
    ClaimType.CONTRACT: ("继续履行劳动合同", "单位单方调整工作岗位和工作地点"),
    ClaimType.DISMISSAL: ("撤销解除劳动合同决定", "单位口头通知不用再来上班"),
    ClaimType.WORKING_TIME: ("依法安排休息休假", "连续数月每周工作七天，未安排休息"),
    ClaimType.SOCIAL_INSURANCE: ("补缴社会保险", "单位未为其缴纳社会保险"),
    ClaimType.WELFARE: ("发放防暑降温费及劳动保护用品", "单位未发放劳动保护用品"),
    ClaimType.WAGES: ("支付拖欠工资", "单位拖欠工资至今未付"),
    ClaimType.OVERTIME: ("支付加班费", "长期延长工作时间，单位未支付加班费"),
    ClaimType.INJURY_MEDICAL: ("支付工伤医疗费", "工作中发生交通事故受伤，医疗费用由本人垫付"),
    ClaimType.SEVERANCE: ("支付经济补偿", "单位解除劳动关系但未支付经济补偿"),
    ClaimType.DAMAGES: ("支付未签订书面劳动合同二倍工资差额", "入职超过一个月未签订书面劳动合同"),
    ClaimType.OTHER: ("退还押金", "单位扣押入职押金不予退还"),
}
CHANNEL_WEIGHTS = [
    (Channel.WINDOW, 40), (Channel.HOTLINE, 20), (Channel.ONLINE, 20), (Channel.UNION, 10),
    (Channel.PETITION, 5), (Channel.COURT, 5),
]


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def _phone(rng: random.Random) -> str:
    return rng.choice(("13", "15", "18", "17")) + f"{rng.randint(0, 999999999):09d}"


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _claims(rng: random.Random, occupation: str, violation_start: datetime.date, registered: datetime.date):
    if occupation in PLATFORM_OCCUPATIONS:
        group = "platform"
    elif occupation == Occupation.EMPLOYEE:
        group = "employee"
    else:
        group = "flexible"
    types: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        ctype = _pick(rng, CLAIMS_BY_GROUP[group])
        if ctype not in types:
            types.append(ctype)
    period = f"{violation_start:%Y年%m月}至{registered:%Y年%m月}"
    claims = []
    for ctype in types:
        claim = {"type": ctype, "amount": None, "description": CLAIM_TEXT[ctype][0]}
        if ctype in MONETARY_CLAIM_TYPES:
            low, high = AMOUNT_RANGES[ctype]
            claim["amount"] = Decimal(rng.randint(low * 100, high * 100)) / 100
            if ctype in (ClaimType.WAGES, ClaimType.OVERTIME):
                claim["description"] = f"{period}{CLAIM_TEXT[ctype][0]}"
        claims.append(claim)
    return claims


def _facts(worker_name: str, occupation: str, employer: EmployerSpec, start: datetime.date, claims) -> str:
    issues = "；".join(CLAIM_TEXT[c["type"]][1] for c in claims)
    via = f"通过“{employer.platform}”平台接单，" if employer.platform and occupation in PLATFORM_OCCUPATIONS else ""
    return (
        f"申请人{worker_name}自{start:%Y年%m月}起在{employer.name}从事{OCCUPATION_ZH[occupation]}工作，{via}"
        f"{issues}。请求依法处理。"
    )


# --- case lifecycles -------------------------------------------------------------------------

# Each scenario is a path through the transition table (disputes/models.py), step by step, with the
# member of staff who may take each step: ("offer", who, org, purpose), ("accept", who), ("file", who),
# ("decline", who, code), ("do", who, action). "window" is whichever clerk registered the case. An inspection
# referral is taken by filing it (若干规定 art 18), which records the inspector in charge, never by a bare accept.
S = CaseState
P = ReferralPurpose
TO_INSPECTION = [("offer", "window", "inspection", P.INSPECTION), ("file", "inspector")]
TO_ARBITRATION = [("offer", "window", "arbitration", P.ARBITRATION), ("accept", "arbitrator")]
TO_MEDIATION = [("offer", "window", "mediation", P.MEDIATION), ("accept", "mediator")]
IN_ARBITRATION = [*TO_ARBITRATION, ("do", "arbitrator", "accept_application")]
IN_HEARING = [*IN_ARBITRATION, ("do", "arbitrator", "schedule_hearing")]
IN_LITIGATION = [*IN_HEARING, ("offer", "arbitrator", "court", P.LITIGATION), ("accept", "court")]
IN_CONFIRMATION = [*TO_MEDIATION, ("do", "mediator", "agree")]

SCENARIOS: list[tuple[str, str, int, list]] = [
    # (name, final state, weight, steps)
    ("fresh", S.REGISTERED, 6, []),
    ("inspection_offered", S.REGISTERED, 4, [("offer", "window", "inspection", P.INSPECTION)]),
    ("arbitration_offered", S.REGISTERED, 4, [("offer", "window", "arbitration", P.ARBITRATION)]),
    ("mediation_offered", S.REGISTERED, 2, [("offer", "window", "mediation", P.MEDIATION)]),
    ("legal_aid_offered", S.REGISTERED, 2, [("offer", "window", "legal_aid", P.LEGAL_AID)]),
    ("legal_aid_accepted", S.REGISTERED, 1, [("offer", "window", "legal_aid", P.LEGAL_AID), ("accept", "lawyer")]),
    ("inspection_declined", S.REGISTERED, 2, [*TO_INSPECTION[:1], ("decline", "inspector", DeclineReason.OUT_OF_JURISDICTION)]),
    ("declined_then_arbitration", S.ARBITRATION_REVIEW, 2,
     [*TO_INSPECTION[:1], ("decline", "inspector", DeclineReason.OUT_OF_SCOPE), *TO_ARBITRATION]),
    ("arbitration_declined", S.REGISTERED, 1, [TO_ARBITRATION[0], ("decline", "arbitrator", DeclineReason.INCOMPLETE)]),
    ("redirected", S.REDIRECTED, 2, [("do", "window", "redirect")]),
    ("redirected_archived", S.ARCHIVED, 2, [("do", "window", "redirect"), ("do", "window", "archive")]),
    ("resolved_at_window", S.CLOSED, 2, [("do", "window", "close")]),
    ("resolved_archived", S.ARCHIVED, 3, [("do", "window", "close"), ("do", "window", "archive")]),
    ("withdrawn_at_window", S.WITHDRAWN, 2, [("do", "window", "withdraw")]),
    ("inspection", S.INSPECTION, 6, TO_INSPECTION),
    ("inspection_legal_aid", S.INSPECTION, 2, [*TO_INSPECTION, ("offer", "inspector", "legal_aid", P.LEGAL_AID)]),
    ("correction_due", S.CORRECTION_DUE, 4, [*TO_INSPECTION, ("do", "inspector", "order_correction")]),
    ("corrected", S.CLOSED, 4,
     [*TO_INSPECTION, ("do", "inspector", "order_correction"), ("do", "inspector", "confirm_correction")]),
    ("inspection_settled", S.CLOSED, 2, [*TO_INSPECTION, ("do", "inspector", "settle")]),
    ("inspection_suspended", S.SUSPENDED, 1, [*TO_INSPECTION, ("do", "inspector", "suspend")]),
    ("arbitration_review", S.ARBITRATION_REVIEW, 5, TO_ARBITRATION),
    ("not_accepted", S.NOT_ACCEPTED, 2, [*TO_ARBITRATION, ("do", "arbitrator", "reject_application")]),
    ("arbitration", S.ARBITRATION, 5, IN_ARBITRATION),
    ("arbitration_legal_aid", S.ARBITRATION, 3,
     [*IN_ARBITRATION, ("offer", "arbitrator", "legal_aid", P.LEGAL_AID), ("accept", "lawyer")]),
    ("arbitration_withdrawn", S.WITHDRAWN, 2, [*IN_ARBITRATION, ("do", "arbitrator", "withdraw")]),
    ("arbitration_settled", S.CLOSED, 2, [*IN_ARBITRATION, ("do", "arbitrator", "settle")]),
    ("hearing", S.HEARING, 4, IN_HEARING),
    ("hearing_suspended", S.SUSPENDED, 1, [*IN_HEARING, ("do", "arbitrator", "suspend")]),
    ("award", S.CLOSED, 4, [*IN_HEARING, ("do", "arbitrator", "award")]),
    ("litigation_offered", S.HEARING, 1, [*IN_HEARING, ("offer", "arbitrator", "court", P.LITIGATION)]),
    ("litigation", S.LITIGATION, 3, IN_LITIGATION),
    ("judgment", S.CLOSED, 2, [*IN_LITIGATION, ("do", "court", "court_result")]),
    ("mediation", S.MEDIATION, 5, TO_MEDIATION),
    ("review_to_mediation", S.MEDIATION, 1,
     [*TO_ARBITRATION, ("offer", "arbitrator", "mediation", P.MEDIATION), ("accept", "mediator")]),
    ("mediation_suspended", S.SUSPENDED, 1, [*TO_MEDIATION, ("do", "mediator", "suspend")]),
    ("confirmation", S.CONFIRMATION, 3, IN_CONFIRMATION),
    ("confirmed", S.CLOSED, 2, [*IN_CONFIRMATION, ("do", "mediator", "confirm")]),
    ("confirmation_offered", S.CONFIRMATION, 1,
     [*IN_CONFIRMATION, ("offer", "mediator", "court", P.JUDICIAL_CONFIRMATION)]),
    ("confirmed_by_court", S.CLOSED, 2,
     [*IN_CONFIRMATION, ("offer", "mediator", "court", P.JUDICIAL_CONFIRMATION), ("accept", "court"),
      ("do", "court", "confirm")]),
    ("court_mediation", S.CLOSED, 1,
     [("offer", "window", "court", P.MEDIATION), ("accept", "court"), ("do", "court", "agree"), ("do", "court", "confirm")]),
]
del S, P

# Reasons staff would type for the steps that require one (case data, in Chinese).
REASONS = {
    "redirect": [
        (RedirectReason.NOT_LABOUR_DISPUTE, "属于民间借贷纠纷，已告知向人民法院起诉。"),
        (RedirectReason.OTHER_AUTHORITY, "属于社会保险费征缴事项，已引导至税务部门办理。"),
        (RedirectReason.CRIMINAL, "涉嫌拒不支付劳动报酬罪，已移送公安机关。"),
    ],
    "close": [("", "窗口当场协调，用人单位当场支付拖欠款项。"), ("", "经窗口协调双方达成和解并已履行。")],
    "withdraw": [("", "双方自行和解，申请人撤回申请。"), ("", "用人单位已支付拖欠工资，申请人撤回投诉。")],
    "suspend": [
        ("", "申请人正在申请工伤认定，需等待认定结论。"),
        ("", "需等待劳动能力鉴定结论。"),
        ("", "被申请人下落不明，正在公告送达。"),
    ],
    "reject_application": [("", "申请超过一年仲裁时效且无中止、中断事由。"), ("", "申请事项不属于劳动人事争议处理范围。")],
}
DECLINE_TEXT = {
    DeclineReason.OUT_OF_JURISDICTION: "用工地在县市区，请转当地劳动保障监察大队办理。",
    DeclineReason.OUT_OF_SCOPE: "诉求为确认劳动关系及支付赔偿，属仲裁受理范围，请转仲裁院。",
    DeclineReason.INCOMPLETE: "缺少劳动关系证明材料，请补充后再移交。",
}
WINDOW_OUTCOME = Outcome.RESOLVED_OTHER


@dataclass
class SeedResult:
    organizations: int
    users: list
    states: Counter
    collective_cases: int


def _run_steps(case: Case, steps, actors: dict, orgs: dict, rng: random.Random) -> None:
    referral = None
    for step in steps:
        kind, who = step[0], actors[step[1]]
        if kind == "offer":
            referral = referral_offer(
                case_id=case.pk, actor=who, to_org_id=orgs[step[2]].pk, purpose=step[3],
                note="请依法处理。", expected_version=None,
            )
        elif kind == "accept":
            referral_accept(referral_id=referral.pk, actor=who)
        elif kind == "file":
            inspection_file(referral_id=referral.pk, actor=who)
        elif kind == "decline":
            referral_decline(referral_id=referral.pk, actor=who, code=step[2], reason=DECLINE_TEXT[step[2]])
        else:
            action = step[2]
            code, reason = rng.choice(REASONS[action]) if action in REASONS else ("", "")
            case_transition(
                case_id=case.pk, action=action, actor=who, expected_version=None, reason_code=code, reason=reason,
                outcome=WINDOW_OUTCOME if action == "close" else "",
                due_on=timezone.localdate() + datetime.timedelta(days=rng.randint(10, 30))
                if action == "order_correction" else None,
            )


def _plan(n: int, rng: random.Random, collective_size: int) -> list[tuple[tuple, bool]]:
    """Which scenario each case follows: every final state once first, then the collective group, then
    the rest by weight. Returned shuffled so case numbers do not line up with stages."""
    by_state: dict[str, list] = {}
    for scenario in SCENARIOS:
        by_state.setdefault(scenario[1], []).append(scenario)
    plan = [(_pick(rng, [(s, s[2]) for s in by_state[state]]), False) for state in CaseState.values]
    open_scenarios = [(s, s[2]) for s in SCENARIOS if s[1] in ACTIVE_STATES]
    # Too few cases left to make a collective dispute: spend them on variety instead.
    collective = collective_size if n - len(plan) >= collective_size else 0
    plan += [(_pick(rng, open_scenarios), True) for _ in range(collective)]
    all_scenarios = [(s, s[2]) for s in SCENARIOS]
    plan += [(_pick(rng, all_scenarios), False) for _ in range(n - len(plan))]
    plan = plan[:n]
    rng.shuffle(plan)
    return plan


def seed_cases(n: int, rng: random.Random, users: dict, orgs: dict) -> Counter:
    divisions = {d.code: d for d in Division.objects.all()}
    employers = [(spec, make_credit_code(rng), _employer_address(spec, rng)) for spec in EMPLOYERS]
    base_actors = {k: users[k] for k in ("inspector", "arbitrator", "mediator", "lawyer", "court")}
    now = timezone.now()
    workers: list[dict] = []
    states: Counter = Counter()
    others = [e for i, e in enumerate(employers) if i != COLLECTIVE_EMPLOYER]

    collective_size = int_parameter("collective_dispute_min_workers") + COLLECTIVE_MARGIN
    for scenario, in_collective in _plan(n, rng, collective_size):
        name, _final, _weight, steps = scenario
        spec, credit_code, employer_address = employers[COLLECTIVE_EMPLOYER] if in_collective else rng.choice(others)
        occupation = _pick(rng, INDUSTRY_OCCUPATIONS[spec.industry])
        # Later stages took longer to reach, so their cases were registered earlier.
        days_ago = min(180, rng.randint(0, 20) + len(steps) * rng.randint(2, 18))
        registered_at = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        registered_on = timezone.localtime(registered_at).date()
        start = registered_on - datetime.timedelta(days=rng.randint(30, 300))
        end = registered_on - datetime.timedelta(days=rng.randint(0, 25)) if rng.random() < 0.4 else None

        if workers and not in_collective and rng.random() < 0.08:
            worker = rng.choice(workers)  # a worker with an earlier complaint against another employer
        else:
            worker = {
                "name": _name(rng), "id_number": make_id_number(rng), "phone": _phone(rng), "occupation": occupation,
                "platform": spec.platform if occupation in PLATFORM_OCCUPATIONS else "",
            }
            workers.append(worker)
        claims = _claims(rng, worker["occupation"], start, registered_on)
        data = ComplaintInput(
            worker_name=worker["name"],
            worker_id_number=worker["id_number"],
            worker_phone=worker["phone"],
            worker_occupation=worker["occupation"],
            worker_platform=worker["platform"],
            employer_name=spec.name,
            employer_credit_code=credit_code,
            employer_address=employer_address,
            employer_is_platform=spec.is_platform,
            employer_industry=spec.industry,
            division_id=divisions[spec.division_code].pk,
            channel=_pick(rng, CHANNEL_WEIGHTS),
            facts=_facts(worker["name"], worker["occupation"], spec, start, claims),
            violation_started_on=start,
            violation_ended_on=end,
            claims=claims,
            # Recorded only where a limitation period has in fact expired (a few of the older demo cases).
            limitation_reason="时效中断：劳动者曾向用人单位书面主张权利。",
        )
        # Qingzhou's own centre registers part of Qingzhou's complaints; the city window takes the rest.
        clerk = users["clerk_qz"] if spec.division_code == "370781" and rng.random() < 0.6 else users["clerk"]
        # One commit per case instead of one per step: SQLite's commits dominate the run time otherwise.
        # Notifications still go out, after the case's commit.
        with transaction.atomic():
            case = complaint_register(actor=clerk, data=data, force_new=True).case
            _run_steps(case, steps, {**base_actors, "window": clerk}, orgs, rng)
            # Spread over past months for the dashboard; only the registration time moves (events are
            # append-only and keep their real times).
            Case.objects.filter(pk=case.pk).update(registered_at=registered_at)
        states[Case.objects.values_list("status", flat=True).get(pk=case.pk)] += 1
    return states


def _employer_address(spec: EmployerSpec, rng: random.Random) -> str:
    place, streets = _place(spec.division_code)
    return f"{place}{rng.choice(streets)}{rng.randint(1, 999)}号"


def seed_demo(*, cases: int, seed: int | None = None) -> SeedResult:
    rng = random.Random(seed)
    with transaction.atomic():
        orgs = seed_organizations()
        users = seed_users(orgs)
    states = seed_cases(cases, rng, users, orgs)
    return SeedResult(
        organizations=len(orgs),
        users=[(spec, orgs[spec.org_key]) for spec in USERS],
        states=states,
        # Counted, not planned: other employers may pass the threshold by chance, as they would in life.
        collective_cases=Case.objects.filter(is_collective=True).count(),
    )
