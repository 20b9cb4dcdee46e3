"""Weifang demo data for `manage.py seed_demo`: organisations, one login per role, and cases.

Cases are made only through the intake, dispute and track services (arbitration, hearings, inspection, joint
mediation), so every stage, event, referral, record, document and notification in the demo is one the real
system could have produced. The demo runs "today": the services stamp their records with today's date and
refuse dates the law does not allow (a hearing needs five days' notice, an order's deadline lies ahead), so
a scenario goes only as far as it honestly can today. The organisation names follow
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
from django.db.models import Q
from django.utils import timezone

from arbitration.models import (
    ArbitrationFile,
    Award,
    AwardParty,
    MediationStatement,
    PostAwardKind,
    Procedure,
    RejectionReason,
)
from arbitration.selectors import minimum_wage_for
from arbitration.services import (
    active_members,
    application_accept,
    application_complete,
    application_reject,
    application_request_completion,
    award_issue,
    ensure_default_patterns,
    mediation_statement_issue,
    post_award_record,
    service_record,
    tribunal_compose,
)
from core.errors import Conflict, ValidationFailed
from demo.compliance import DEPARTMENTS, WARNED_EMPLOYER, seed_compliance
from core.identifiers import make_credit_code, make_id_number
from core.models import Division, Organization, OrgKind, Role, StaffProfile
from core.parameters import int_parameter
from deadlines.calendar import CalendarMissing, WorkCalendar
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
from disputes.models import Case, Referral
from disputes.services import case_transition, referral_accept, referral_decline, referral_offer
from documents.numbering import ensure_default_number_patterns
from hearings.models import Hearing, HearingArbitrator, HearingState, Room
from hearings.services import (
    earliest_hearing_day,
    hearing_notice_served,
    hearing_record_absence,
    hearing_record_held,
    hearing_schedule,
)
from inspection.models import CorrectionItemKind, CorrectionOrder, EmployerStatementKind, StatementBy
from inspection.services import (
    compliance_record,
    correction_order_issue,
    employer_statement_record,
    inspection_close,
    inspection_file,
    inspection_transfer_to_arbitration,
    penalty_decide,
    penalty_propose,
    statement_record,
    visit_record,
)
from intake.services import ComplaintInput, complaint_register
from legal_aid.models import CHECKLIST as AID_CHECKLIST
from legal_aid.models import LawFirm, LivingAllowance, PartnerLawyer, PlaceKind, StationProfile
from legal_aid.services import (
    aid_agreement_sign,
    aid_close,
    aid_decide,
    aid_outcome_record,
    aid_work_record,
    lawyer_assign,
)
from mediation.court import (
    confirmation_apply,
    confirmation_rule,
    mediation_accept,
    mediation_agree,
    mediation_file_open,
    mediation_refer,
    mediation_session_hold,
    mediation_session_schedule,
)
from mediation.court_models import JudicialConfirmation, MediationBody, MediationBodyKind, MediationFile, MediationRoom
from mediation.services import joint_session_agree, joint_session_hold, joint_session_schedule

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
            # A county's brigade under the city's detachment: the detachment reads the brigades' early warnings.
            OrgSpec(f"{code}_inspection", f"{county}劳动保障监察大队", OrgKind.INSPECTION, code, "inspection"),
            OrgSpec(f"{code}_centre", f"{county}劳动者维权中心", OrgKind.RIGHTS_CENTRE, code),
            OrgSpec(f"{code}_court", f"{county}人民法院", OrgKind.COURT, code),
            OrgSpec(f"{code}_union", f"{county}总工会", OrgKind.UNION, code),
        ]
    specs += [
        OrgSpec("fangzi_legal_aid", "坊子区劳动人事争议工会法律援助工作站", OrgKind.LEGAL_AID, "370704", "370704_union"),
        OrgSpec("fangzi_court_mediation", "坊子区劳动争议诉调对接室", OrgKind.MEDIATION, "370704", "370704_court"),
        OrgSpec("mediation", "潍城区劳动争议调解中心", OrgKind.MEDIATION, "370702"),
    ]
    # The industries' supervising departments of measure 10, city-wide (demo.compliance says which is which).
    specs += [OrgSpec(key, name, OrgKind.INDUSTRY_DEPARTMENT) for key, name, _department in DEPARTMENTS]
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
    # Each commission numbers its cases (潍劳人仲案字〔2026〕第N号 ...) and each inspection organisation its written
    # decisions (潍城人社监令字〔2026〕第N号 ...); real ones enter theirs in the admin.
    for org in orgs.values():
        if org.kind == OrgKind.ARBITRATION and org.parent_id is None:
            ensure_default_patterns(org)
        elif org.kind in (OrgKind.INSPECTION, OrgKind.LEGAL_AID, OrgKind.MEDIATION):
            # Inspection's decisions, a station's legal-aid decisions and agreements, a mediation organisation's
            # agreements and notices of failure.
            ensure_default_number_patterns(org)
    # Hearings are held by the body that handles the cases: an institute, else the commission itself (a commission
    # with an institute offers that institute's rooms, and two rooms named 第一仲裁庭 would confuse the booking).
    has_institute = {o.parent_id for o in orgs.values() if o.kind == OrgKind.ARBITRATION and o.parent_id}
    for org in orgs.values():
        if org.kind == OrgKind.ARBITRATION and org.pk not in has_institute:
            for name, seats in ROOMS:
                Room.objects.update_or_create(
                    organization=org, name=name, defaults={"capacity": seats, "is_active": True}
                )
    # The mediation organisations as the union and court mediation track knows them, with a room each.
    for key, kind, court in (("mediation", MediationBodyKind.REGIONAL, None),
                             ("fangzi_court_mediation", MediationBodyKind.COURT_UNION_ROOM, "370704_court")):
        org = orgs[key]
        MediationBody.objects.update_or_create(organization=org, defaults={
            "kind": kind, "area": org.division, "court": orgs[court] if court else None,
            "address": org.address, "is_active": True})
        MediationRoom.objects.update_or_create(organization=org, name="第一调解室", defaults={"is_active": True})
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
    # A lawyer of the law firm the station works with, with a login of the station: only their assigned files.
    UserSpec("firm_lawyer", "孟凡东", Role.LEGAL_AID, "legal_aid"),
    UserSpec("court", "周文斌", Role.MEDIATOR, "court"),
    # The union's supervisor, who sees every legal-aid station's "six haves" side by side.
    UserSpec("union", "吴建华", Role.SUPERVISOR, "union"),
    UserSpec("clerk_qz", "杨雪梅", Role.CLERK, "370781_centre"),
    # The inspection detachment's supervisor: random-inspection plans and draws, publication, overdue follow-ups.
    UserSpec("insp_supervisor", "高振东", Role.SUPERVISOR, "inspection"),
    # An officer of the city's transport bureau: the early warnings naming transport (freight, ride-hailing).
    UserSpec("transport", "钱立伟", Role.DEPARTMENT_OFFICER, "transport"),
    UserSpec("admin", "孙海涛", Role.ADMIN, "window", superuser=True),
]
# Colleagues the tracks need besides the one login per role: an on-site inspection takes two inspectors
# (监察条例 art 16) and a collective dispute three arbitrators (办案规则 art 62). Same password, not listed.
COLLEAGUES = [
    UserSpec("inspector2", "马振华", Role.INSPECTOR, "inspection"),
    # A random draw pairs inspectors free of conflict with the employer (none who handled its cases).
    UserSpec("inspector3", "于海燕", Role.INSPECTOR, "inspection"),
    UserSpec("inspector4", "冯建军", Role.INSPECTOR, "inspection"),
    UserSpec("arbitrator2", "郭立新", Role.ARBITRATOR, "arbitration"),
    UserSpec("arbitrator3", "韩淑珍", Role.ARBITRATOR, "arbitration"),
]
# Hearing rooms of every body that holds hearings (name, seats); the largest takes a collective dispute.
ROOMS = [("第一仲裁庭", 40), ("第二仲裁庭", 20)]


def seed_users(orgs: dict[str, Organization], password: str = DEMO_PASSWORD) -> dict:
    User = get_user_model()
    users = {}
    # One hash for all: the shared password is public anyway, and each hash costs most of a second.
    encoded = make_password(password)
    for spec in [*USERS, *COLLEAGUES]:
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
# The employer a few recent complaints are made against, so that an early warning names its department.
WARNED = "warned"
WARNED_SIZE = 3

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
# The steps of the arbitration, hearing, inspection and joint-mediation tracks go through those tracks' services
# with the records and documents they make: ("track", name, *args), run by _Track.
S = CaseState
P = ReferralPurpose
TO_INSPECTION = [("offer", "window", "inspection", P.INSPECTION), ("file", "inspector")]
INVESTIGATED = [*TO_INSPECTION, ("track", "investigate")]
TO_ARBITRATION = [("offer", "window", "arbitration", P.ARBITRATION), ("accept", "arbitrator")]
TO_MEDIATION = [("offer", "window", "mediation", P.MEDIATION), ("accept", "mediator")]
IN_ARBITRATION = [*TO_ARBITRATION, ("track", "accept")]
PREPARED = [*IN_ARBITRATION, ("track", "tribunal"), ("track", "served")]
IN_HEARING = [*PREPARED, ("track", "hearing")]
IN_LITIGATION = [*IN_HEARING, ("offer", "arbitrator", "court", P.LITIGATION), ("accept", "court")]
# The mediation organisation opens its file, holds a session and records the agreement (mediation.court).
IN_CONFIRMATION = [*TO_MEDIATION, ("track", "mediation_agree")]

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
    ("inspection", S.INSPECTION, 4, TO_INSPECTION),
    ("inspection_investigated", S.INSPECTION, 3, INVESTIGATED),
    ("inspection_legal_aid", S.INSPECTION, 2, [*TO_INSPECTION, ("offer", "inspector", "legal_aid", P.LEGAL_AID)]),
    ("correction_due", S.CORRECTION_DUE, 4, [*INVESTIGATED, ("track", "order")]),
    ("corrected", S.CLOSED, 4, [*INVESTIGATED, ("track", "order"), ("track", "comply")]),
    ("inspection_settled", S.CLOSED, 2, [*INVESTIGATED, ("track", "close", Outcome.MEDIATED)]),
    ("no_violation", S.CLOSED, 1, [*INVESTIGATED, ("track", "close", Outcome.NO_VIOLATION)]),
    ("penalty", S.CLOSED, 1, [*INVESTIGATED, ("track", "penalty")]),
    ("inspection_to_arbitration", S.ARBITRATION_REVIEW, 1,
     [*INVESTIGATED, ("track", "transfer"), ("accept", "arbitrator")]),
    ("joint_mediation_scheduled", S.INSPECTION, 1, [*INVESTIGATED, ("track", "joint_schedule")]),
    ("joint_mediation_agreed", S.CLOSED, 1, [*INVESTIGATED, ("track", "joint_agree")]),
    ("inspection_suspended", S.SUSPENDED, 1, [*INVESTIGATED, ("do", "inspector", "suspend")]),
    ("arbitration_review", S.ARBITRATION_REVIEW, 4, TO_ARBITRATION),
    ("completion_requested", S.ARBITRATION_REVIEW, 1, [*TO_ARBITRATION, ("track", "request_completion")]),
    ("not_accepted", S.NOT_ACCEPTED, 2, [*TO_ARBITRATION, ("track", "reject")]),
    ("arbitration", S.ARBITRATION, 3, IN_ARBITRATION),
    ("arbitration_prepared", S.ARBITRATION, 2, PREPARED),
    ("arbitration_legal_aid", S.ARBITRATION, 3,
     [*IN_ARBITRATION, ("offer", "arbitrator", "legal_aid", P.LEGAL_AID), ("accept", "lawyer")]),
    ("arbitration_withdrawn", S.WITHDRAWN, 2, [*IN_ARBITRATION, ("do", "arbitrator", "withdraw")]),
    # The station's path beside the arbitration: aid granted, a partner firm's lawyer, the client agreement.
    ("legal_aid_granted", S.ARBITRATION, 1,
     [*IN_ARBITRATION, ("offer", "arbitrator", "legal_aid", P.LEGAL_AID), ("accept", "lawyer"),
      ("track", "aid_grant"), ("track", "aid_lawyer"), ("track", "aid_agreement")]),
    # Settled by the tribunal's mediation with the worker's legal-aid lawyer (a showcase case: make run shows the
    # station's whole path, from the grant to the outcome and the closing of the aid).
    ("arbitration_settled", S.CLOSED, 2,
     [*PREPARED, ("offer", "arbitrator", "legal_aid", P.LEGAL_AID), ("accept", "lawyer"), ("track", "aid_grant"),
      ("track", "aid_lawyer"), ("track", "aid_agreement"), ("track", "mediation_statement"),
      ("track", "aid_outcome"), ("track", "aid_close")]),
    ("hearing", S.HEARING, 4, IN_HEARING),
    ("hearing_suspended", S.SUSPENDED, 1, [*IN_HEARING, ("do", "arbitrator", "suspend")]),
    ("award", S.CLOSED, 4, [*IN_HEARING, ("track", "award")]),
    ("award_challenged", S.CLOSED, 1, [*IN_HEARING, ("track", "award"), ("track", "post_award")]),
    ("litigation_offered", S.HEARING, 1, [*IN_HEARING, ("offer", "arbitrator", "court", P.LITIGATION)]),
    ("litigation", S.LITIGATION, 3, IN_LITIGATION),
    ("judgment", S.CLOSED, 2, [*IN_LITIGATION, ("do", "court", "court_result")]),
    ("mediation", S.MEDIATION, 5, TO_MEDIATION),
    ("review_to_mediation", S.MEDIATION, 1,
     [*TO_ARBITRATION, ("offer", "arbitrator", "mediation", P.MEDIATION), ("accept", "mediator")]),
    ("mediation_suspended", S.SUSPENDED, 1, [*TO_MEDIATION, ("do", "mediator", "suspend")]),
    ("confirmation", S.CONFIRMATION, 3, IN_CONFIRMATION),
    ("confirmed", S.CLOSED, 2, [*IN_CONFIRMATION, ("track", "confirmation_apply"), ("track", "confirmation_ruling")]),
    ("confirmation_offered", S.CONFIRMATION, 1, [*IN_CONFIRMATION, ("track", "confirmation_apply")]),
    ("confirmed_by_court", S.CLOSED, 2,
     [*IN_CONFIRMATION, ("track", "confirmation_apply"), ("track", "confirmation_ruling")]),
    # The court entrusts a case in litigation to a mediation organisation under its own case number (委托调解).
    ("court_mediation", S.CLOSED, 1,
     [*IN_LITIGATION, ("track", "court_entrust"), ("track", "mediation_agree"), ("track", "confirmation_apply"),
      ("track", "confirmation_ruling")]),
]
del S, P
# Scenarios every demo of some size shows at least once (the track workbenches' less common pages), and awards
# twice, so that one is final and one is not more often than not.
SHOWCASE = [
    "award", "award", "award_challenged", "penalty", "corrected", "not_accepted", "joint_mediation_agreed",
    "joint_mediation_scheduled", "inspection_to_arbitration", "arbitration_settled", "completion_requested",
    "no_violation", "court_mediation",
]

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
}
REJECTIONS = [
    (RejectionReason.NOT_LABOUR_DISPUTE, "申请人与被申请人之间系承揽关系，所涉争议不属于劳动人事争议处理范围。"),
    (RejectionReason.ALREADY_DECIDED, "申请人就同一争议已申请仲裁并经本委作出裁决，裁决已发生法律效力。"),
    (RejectionReason.NO_CLEAR_RESPONDENT, "申请书所列被申请人名称与登记信息不符，经告知补正后仍无法确定。"),
]
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


# --- the tracks' steps ------------------------------------------------------------------------

_STOP = object()  # a track step that cannot honestly be taken today: the case stays where it is

MONEY_LABELS = {
    ClaimType.WAGES: "拖欠工资", ClaimType.OVERTIME: "加班费", ClaimType.INJURY_MEDICAL: "工伤医疗费",
    ClaimType.SEVERANCE: "解除劳动关系经济补偿", ClaimType.DAMAGES: "未签订书面劳动合同二倍工资差额",
}
# What the tribunal found on each kind of claim, what it reasoned and the provisions it relied on (case data).
AWARD_GROUNDS = {
    ClaimType.EMPLOYMENT_RELATIONSHIP: (
        "被申请人通过平台向申请人派单，制定考勤及奖惩规则并按月结算报酬，双方未签订书面劳动合同",
        "申请人接受被申请人的劳动管理，从事被申请人安排的有报酬的劳动，其劳动是被申请人业务的组成部分，双方之间"
        "存在劳动关系，被申请人关于双方系合作关系的主张缺乏证据支持",
        "《中华人民共和国劳动合同法》第七条",
    ),
    ClaimType.WAGES: (
        "被申请人未足额支付申请人工作期间的工资，申请人提交的银行流水与考勤记录能够相互印证",
        "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬；被申请人未能举证证明已足额支付，"
        "应当承担举证不能的不利后果",
        "《中华人民共和国劳动合同法》第三十条",
    ),
    ClaimType.OVERTIME: (
        "申请人提交的考勤记录显示其在工作日延长工作时间，被申请人未支付加班费",
        "用人单位安排劳动者延长工作时间的，应当支付不低于工资百分之一百五十的工资报酬",
        "《中华人民共和国劳动法》第四十四条",
    ),
    ClaimType.INJURY_MEDICAL: (
        "申请人在工作中发生交通事故受伤，经社会保险行政部门认定为工伤，医疗费用由申请人垫付",
        "被申请人未为申请人缴纳工伤保险费，应当按照工伤保险待遇项目和标准向申请人支付相关费用",
        "《工伤保险条例》第六十二条",
    ),
    ClaimType.SEVERANCE: (
        "被申请人以经营调整为由解除与申请人的劳动关系，未支付经济补偿",
        "用人单位依法解除劳动合同的，应当按劳动者在本单位工作的年限向劳动者支付经济补偿",
        "《中华人民共和国劳动合同法》第四十六条、第四十七条",
    ),
    ClaimType.DAMAGES: (
        "申请人入职后，被申请人超过一个月未与其订立书面劳动合同",
        "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资",
        "《中华人民共和国劳动合同法》第八十二条",
    ),
    ClaimType.CONTRACT: (
        "被申请人未与申请人协商一致，单方调整申请人的工作岗位和工作地点",
        "变更劳动合同约定的内容应当经双方协商一致并采用书面形式",
        "《中华人民共和国劳动合同法》第三十五条",
    ),
    ClaimType.DISMISSAL: (
        "被申请人口头通知申请人不必再来上班，未出具书面解除通知，亦未说明解除理由",
        "被申请人解除劳动合同缺乏事实和法律依据，申请人要求继续履行劳动合同，劳动合同仍可继续履行",
        "《中华人民共和国劳动合同法》第四十八条",
    ),
    ClaimType.WORKING_TIME: (
        "申请人连续数月每周工作七日，被申请人未安排休息",
        "用人单位应当保证劳动者每周至少休息一日",
        "《中华人民共和国劳动法》第三十八条",
    ),
    ClaimType.SOCIAL_INSURANCE: (
        "被申请人未为申请人办理社会保险登记，亦未缴纳社会保险费",
        "用人单位应当自用工之日起三十日内为职工办理社会保险登记",
        "《中华人民共和国社会保险法》第五十八条",
    ),
    ClaimType.WELFARE: (
        "被申请人未向申请人发放劳动保护用品",
        "用人单位必须为劳动者提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品",
        "《中华人民共和国劳动法》第五十四条",
    ),
    ClaimType.OTHER: (
        "被申请人在申请人入职时收取押金，至今未予退还",
        "用人单位招用劳动者，不得要求劳动者提供担保或者以其他名义向劳动者收取财物",
        "《中华人民共和国劳动合同法》第九条",
    ),
}
NON_MONEY_DECISIONS = {
    ClaimType.EMPLOYMENT_RELATIONSHIP: "确认申请人与被申请人自{start}起存在劳动关系",
    ClaimType.CONTRACT: "被申请人继续履行与申请人之间的劳动合同，恢复申请人原工作岗位",
    ClaimType.DISMISSAL: "撤销被申请人作出的解除劳动合同决定，双方继续履行劳动合同",
    ClaimType.WORKING_TIME: "被申请人依法安排申请人每周至少休息一日",
    ClaimType.SOCIAL_INSURANCE: "被申请人为申请人依法办理社会保险登记并补缴工作期间的社会保险费",
    ClaimType.WELFARE: "被申请人向申请人发放劳动保护用品",
    ClaimType.OTHER: "被申请人退还申请人入职押金",
}
COMPLETION_ITEMS = [
    "申请人身份证复印件", "被申请人的工商登记信息", "劳动关系证明材料（工资流水、工作证或考勤记录）",
    "仲裁请求所涉金额的计算明细", "证据目录及证据副本",
]
CORRECTION_KINDS = {
    ClaimType.WAGES: CorrectionItemKind.WAGES, ClaimType.OVERTIME: CorrectionItemKind.OVERTIME,
    ClaimType.SEVERANCE: CorrectionItemKind.SEVERANCE,
}
# What the investigation found, and apart from it what the order tells the employer to correct.
CORRECTION_REQUIREMENTS = {
    ClaimType.EMPLOYMENT_RELATIONSHIP: ("未与劳动者订立书面劳动合同", "依法与劳动者补订书面劳动合同"),
    ClaimType.DAMAGES: ("未与劳动者订立书面劳动合同", "依法与劳动者补订书面劳动合同"),
    ClaimType.WORKING_TIME: ("未安排劳动者每周至少休息一日", "依法安排劳动者每周至少休息一日"),
    ClaimType.SOCIAL_INSURANCE: ("未为劳动者办理社会保险登记", "依法为劳动者办理社会保险登记并缴纳社会保险费"),
    ClaimType.WELFARE: ("未按规定向劳动者发放劳动防护用品", "依法向劳动者发放劳动防护用品"),
}
JOINT_PLACE = "潍坊市劳动者维权中心联合调解室"
FEN = Decimal("0.01")


def _version(case: Case) -> int:
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def _money_claims(case: Case):
    return [c for c in case.claims.order_by("id") if c.type in MONEY_LABELS and c.amount is not None]


def _part(amount: Decimal, rng: random.Random) -> Decimal:
    """The part of a sum claimed that the evidence supports: often all of it, sometimes less."""
    return (amount * Decimal(rng.choice((100, 100, 100, 90, 75))) / 100).quantize(FEN)


def _provisions(cited: list[str]) -> str:
    """《劳动合同法》第三十条 and 《劳动合同法》第四十六条 cited together: each law once, its articles after it."""
    laws: dict[str, list[str]] = {}
    for citation in cited:
        law, articles = citation.split("》")
        for article in articles.split("、"):
            if article not in laws.setdefault(law + "》", []):
                laws[law + "》"].append(article)
    return "，".join(law + "、".join(articles) for law, articles in laws.items())


class _HearingPlanner:
    """Books hearings in free morning and afternoon slots of the working days after the notice period.

    The demo runs today and a hearing needs the parties notified five days ahead (LDMAL art 35), so every
    demo hearing lies ahead. Slots already taken (by this run, an earlier one or anyone) are skipped."""

    SLOTS = ((datetime.time(9, 0), datetime.time(11, 0)), (datetime.time(14, 30), datetime.time(16, 30)))

    def __init__(self):
        now = timezone.now()
        self.busy = {
            ("room", room, starts) for room, starts in
            Hearing.objects.filter(state=HearingState.SCHEDULED, ends_at__gt=now).values_list("room_id", "starts_at")
        } | {
            ("arbitrator", who, starts) for who, starts in
            HearingArbitrator.objects.filter(state=HearingState.SCHEDULED, ends_at__gt=now)
            .values_list("arbitrator_id", "starts_at")
        }
        self._calendar = None

    def _is_working_day(self, day: datetime.date) -> bool:
        if self._calendar is None:
            self._calendar = WorkCalendar.load()
        try:
            return self._calendar.is_working_day(day)
        except CalendarMissing:
            # No holiday notice entered for that year: no day of it is offered, rather than a guessed weekday
            # the services would refuse to count a notice period into.
            return False

    def _slots(self):
        # The first day the notice period (working days, hearings.services) allows; none when that period
        # runs into a year whose calendar is not entered.
        try:
            day = earliest_hearing_day(timezone.localdate())
        except ValidationFailed:
            return
        for _ in range(730):
            if self._is_working_day(day):
                for start, end in self.SLOTS:
                    yield (timezone.make_aware(datetime.datetime.combine(day, start)),
                           timezone.make_aware(datetime.datetime.combine(day, end)))
            day += datetime.timedelta(days=1)

    def book(self, case: Case, actor, arbitrators: list) -> Hearing | None:
        """A free slot in a year whose calendar is entered, or None (the case waits for the next year's)."""
        org = case.owner_org
        # The biggest room first: a collective dispute fills it, and the others are used once it is taken.
        rooms = list(Room.objects.filter(organization_id__in=[org.pk, org.parent_id or org.pk], is_active=True)
                     .order_by("-capacity", "name"))
        for starts, ends in self._slots():
            if any(("arbitrator", a.pk, starts) in self.busy for a in arbitrators):
                continue
            for room in rooms:
                if ("room", room.pk, starts) in self.busy:
                    continue
                try:
                    hearing = hearing_schedule(
                        case_id=case.pk, actor=actor, version=None, room_id=room.pk, starts_at=starts, ends_at=ends,
                        arbitrators=arbitrators,
                    )
                except Conflict as exc:  # booked outside the slots this planner knows
                    if exc.code == "arbitrator_booked":
                        break
                    continue
                self.busy.add(("room", room.pk, starts))
                self.busy.update(("arbitrator", a.pk, starts) for a in arbitrators)
                return hearing
        return None


class _Track:
    """The steps of the arbitration, hearing, inspection and joint-mediation tracks, each through its service."""

    def __init__(self, users: dict, orgs: dict):
        self.orgs, self.users = orgs, users
        self.inspector, self.inspector2 = users["inspector"], users["inspector2"]
        self.arbitrator = users["arbitrator"]
        self.arbitrators = [users["arbitrator"], users["arbitrator2"], users["arbitrator3"]]
        self.hearings = _HearingPlanner()
        self.today = timezone.localdate()

    def run(self, case: Case, name: str, *args, rng: random.Random):
        case = Case.objects.select_related("worker", "employer", "owner_org").get(pk=case.pk)
        return getattr(self, f"_{name}")(case, rng, *args)

    # inspection

    def _investigate(self, case, rng):
        issues = "；".join(CLAIM_TEXT[c.type][1] for c in case.claims.order_by("id"))
        visit_record(
            case_id=case.pk, actor=self.inspector, version=_version(case), visited_on=self.today,
            place=case.employer.address or case.employer.name,
            inspector_ids=[self.inspector.pk, self.inspector2.pk],
            findings=f"现场查阅用人单位工资台账、考勤记录和用工协议，询问在岗人员。经初步核查：{issues}。",
        )
        statement_record(
            case_id=case.pk, actor=self.inspector, version=_version(case), who=StatementBy.WORKER,
            name=case.worker.name, taken_on=self.today, taken_by_id=self.inspector2.pk,
            summary=f"投诉人{case.worker.name}陈述其自{case.violation_started_on:%Y年%m月}起在该单位工作，{issues}，"
                    "并提交了工资流水和考勤截图。",
        )
        if rng.random() < 0.5:
            statement_record(
                case_id=case.pk, actor=self.inspector, version=_version(case), who=StatementBy.EMPLOYER,
                name=_name(rng), taken_on=self.today,
                summary="用人单位负责人对投诉人的工作期间无异议，称因资金周转困难未能按时支付，愿意尽快解决。",
            )

    def _order(self, case, rng):
        items = [
            {"kind": CORRECTION_KINDS[c.type], "amount": c.amount, "workers": 1, "description": c.description}
            for c in _money_claims(case) if c.type in CORRECTION_KINDS
        ]
        pairs = list(dict.fromkeys(
            CORRECTION_REQUIREMENTS[c.type] for c in case.claims.order_by("id") if c.type in CORRECTION_REQUIREMENTS
        ))
        found = [f"拖欠劳动者{case.worker.name}{c.description}{c.amount:,.2f}元"
                 for c in _money_claims(case) if c.type in CORRECTION_KINDS]
        found += [finding for finding, _correction in pairs]
        requirements = [correction for _finding, correction in pairs]
        if not items and not requirements:
            found, requirements = ["未遵守劳动保障法律法规的规定"], ["依法改正上述违法行为"]
        correction_order_issue(
            case_id=case.pk, actor=self.inspector, version=_version(case),
            due_on=self.today + datetime.timedelta(days=rng.randint(10, 30)), items=items,
            workers_covered=None if items else 1, findings="；".join(found), requirements="\n".join(requirements),
        )

    def _comply(self, case, rng):
        order = CorrectionOrder.objects.filter(case=case).order_by("-issued_on", "-id").first()
        compliance_record(
            case_id=case.pk, actor=self.inspector, version=_version(case), complied=True,
            amounts_paid={str(i.pk): i.amount for i in order.items.all()}, workers_paid=order.workers_covered,
        )

    def _close(self, case, rng, outcome):
        if outcome == Outcome.MEDIATED:
            amount = sum((_part(c.amount, rng) for c in _money_claims(case)), Decimal("0.00"))
            workers, reason = 1, "经监察大队调解，用人单位当场向投诉人支付款项，投诉人表示满意。"
        else:
            amount, workers = Decimal("0.00"), 0
            reason = "经调查核实，用人单位已按时足额支付工资并已补签书面劳动合同，投诉事项不成立。"
        inspection_close(
            case_id=case.pk, actor=self.inspector, version=_version(case), outcome=outcome,
            amounts_recovered=amount, workers_covered=workers, reason=reason,
        )

    def _penalty(self, case, rng):
        try:
            penalty_propose(
                case_id=case.pk, actor=self.inspector, version=_version(case), article="25", workers=1,
                amount=Decimal(rng.choice((200, 300, 500))),
                facts="安排劳动者每日工作超过十一小时，每月延长工作时间超过三十六小时",
            )
        except ValidationFailed as exc:
            if exc.code == "calendar_missing":  # the statement period cannot be counted without the calendar
                return _STOP
            raise
        employer_statement_record(
            case_id=case.pk, actor=self.inspector, version=_version(case), kind=EmployerStatementKind.STATEMENT,
            received_on=self.today,
            summary="用人单位书面陈述称系订单高峰期临时安排延长工作时间，已调整排班，请求从轻处罚。",
        )
        penalty_decide(case_id=case.pk, actor=self.inspector, version=_version(case))

    def _transfer(self, case, rng):
        transfer = inspection_transfer_to_arbitration(
            case_id=case.pk, actor=self.inspector, version=_version(case), to_org_id=self.orgs["arbitration"].pk,
            note="投诉事项涉及确认劳动关系及支付经济补偿，属劳动争议，依照《劳动保障监察条例》第二十一条移送仲裁。",
        )
        return transfer.referral

    # union and court mediation

    def _court_entrust(self, case, rng):
        mediation_refer(case_id=case.pk, actor=self.users["court"], version=None,
                        body_id=MediationBody.objects.get(organization=self.orgs["mediation"]).pk,
                        court_case_number=f"（{self.today.year}）鲁07民初{case.pk}号", mode="in_litigation",
                        note="请依法组织调解。")
        file = MediationFile.objects.get(case=case, state="offered")
        mediation_accept(file_id=file.pk, actor=self.users["mediator"])

    def _mediation_agree(self, case, rng):
        mediator = self.users["mediator"]
        file = MediationFile.objects.filter(case=case, state="mediating").first() or mediation_file_open(
            case_id=case.pk, actor=mediator, version=None)
        # A walk-in session, held at once: recorded as it happened earlier today.
        now = timezone.now()
        midnight = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        starts = max(midnight, now - datetime.timedelta(hours=1))
        session = mediation_session_schedule(
            file_id=file.pk, actor=mediator, version=None, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
            room_id=MediationRoom.objects.get(organization=file.body.organization, name="第一调解室").pk)
        mediation_session_hold(session_id=session.pk, actor=mediator, version=None, worker_present=True,
                               employer_present=True, worker_position="要求用人单位足额支付。",
                               employer_position="同意支付，请求分期。", proposal="用人单位于约定期限内一次性支付。")
        due = self.today + datetime.timedelta(days=rng.randint(7, 20))
        mediation_agree(
            file_id=file.pk, actor=mediator, version=None, agreed_on=self.today, worker_signed_on=self.today,
            employer_signed_on=self.today,
            items=[{"claim_id": c.pk, "amount": _part(c.amount, rng) if c.amount is not None else None,
                    "due_on": due if c.amount is not None else None} for c in case.claims.order_by("id")],
        )

    def _confirmation_apply(self, case, rng):
        file = MediationFile.objects.get(case=case, state="agreed")
        confirmation_apply(agreement_id=file.agreement.pk, actor=self.users["mediator"], version=None,
                           court_id=self.orgs["court"].pk, applied_on=self.today)

    def _confirmation_ruling(self, case, rng):
        confirmation = JudicialConfirmation.objects.filter(agreement__file__case=case, ruling="").get()
        confirmation_rule(confirmation_id=confirmation.pk, actor=self.users["court"], version=None,
                          ruling="confirmed", ruled_on=self.today,
                          court_case_number=f"（{self.today.year}）鲁07民特{case.pk}号")

    # union legal aid: the station grants aid (a rider's pay claim: no means test), assigns the lawyer, signs the
    # client agreement, records the work and the outcome, and closes the aid

    def _aid_referral(self, case):
        return Referral.objects.get(case=case, purpose=ReferralPurpose.LEGAL_AID, state="accepted")

    def _aid_grant(self, case, rng):
        aid_decide(referral_id=self._aid_referral(case).pk, actor=self.users["lawyer"], grant=True,
                   category="migrant_pay" if case.claims.filter(type="wages").exists() else "migrant_injury")

    def _aid_lawyer(self, case, rng):
        # A lawyer of the law firm the station works with (who has a login of the station's: legal_aid.PartnerLawyer).
        partner = PartnerLawyer.objects.filter(firm__stations=self.orgs["legal_aid"]).order_by("name").first()
        lawyer_assign(referral_id=self._aid_referral(case).pk, actor=self.users["lawyer"], partner_id=partner.pk)

    def _aid_agreement(self, case, rng):
        referral = self._aid_referral(case)
        aid_agreement_sign(referral_id=referral.pk, actor=self.users["lawyer"])
        aid_work_record(referral_id=referral.pk, actor=self.users["lawyer"], kind="consultation", done_on=self.today,
                        note="与受援人面谈，核对工资流水、考勤记录和平台派单记录，制作仲裁申请书。")

    def _aid_outcome(self, case, rng):
        statement = MediationStatement.objects.filter(file__case=case).order_by("-id").first()
        aid_outcome_record(referral_id=self._aid_referral(case).pk, actor=self.users["lawyer"], outcome="settled",
                           amount_recovered=statement.total if statement else Decimal("0.00"),
                           note="仲裁庭主持调解，双方达成调解协议，仲裁委制作调解书。")

    def _aid_close(self, case, rng):
        aid_close(referral_id=self._aid_referral(case).pk, actor=self.users["lawyer"],
                  checklist=[code for code, _label in AID_CHECKLIST])

    # joint mediation

    def _joint_session(self, case, day: datetime.date, at: datetime.time):
        return joint_session_schedule(
            case_id=case.pk, actor=self.inspector, version=None,
            scheduled_at=timezone.make_aware(datetime.datetime.combine(day, at)), place=JOINT_PLACE,
            participant_ids=[self.inspector.pk, self.arbitrator.pk],
            note="监察、仲裁联合调解，请双方当事人携带身份证件和证据材料准时参加。",
        )

    def _joint_schedule(self, case, rng):
        self._joint_session(case, self.today + datetime.timedelta(days=rng.randint(2, 9)), datetime.time(9, 30))

    def _joint_agree(self, case, rng):
        session = self._joint_session(case, self.today, datetime.time(9, 0))
        joint_session_hold(
            session_id=session.pk, actor=self.inspector, version=None, held_on=self.today,
            present_ids=[self.inspector.pk, self.arbitrator.pk],
            minutes="监察员、仲裁员共同主持调解，双方当事人到场，就拖欠款项的数额和支付期限充分协商。",
        )
        due = self.today + datetime.timedelta(days=rng.randint(7, 20))
        items = [
            {"claim_id": c.pk, "amount": _part(c.amount, rng), "due_on": due,
             "text": f"用人单位向劳动者支付{MONEY_LABELS[c.type]}"}
            for c in _money_claims(case)
        ]
        joint_session_agree(
            session_id=session.pk, actor=self.inspector, version=None, items=items, workers_covered=1,
            terms="" if items else "用人单位与劳动者依法补签书面劳动合同",
            summary="经监察、仲裁联合调解，双方自愿达成协议。",
        )

    # arbitration

    def _request_completion(self, case, rng):
        application_request_completion(
            case_id=case.pk, actor=self.arbitrator, version=_version(case), items=rng.sample(COMPLETION_ITEMS, 2)
        )

    def _accept(self, case, rng):
        if rng.random() < 0.25:
            self._request_completion(case, rng)
            application_complete(case_id=case.pk, actor=self.arbitrator, version=_version(case))
        summary = not case.is_collective and rng.random() < 0.35
        application_accept(
            case_id=case.pk, actor=self.arbitrator, version=_version(case),
            procedure=Procedure.SUMMARY if summary else Procedure.ORDINARY, facts_clear=summary,
        )

    def _reject(self, case, rng):
        code, reason = rng.choice(REJECTIONS)
        application_reject(case_id=case.pk, actor=self.arbitrator, version=_version(case), reason_code=code,
                           reason=reason)

    def _tribunal(self, case, rng):
        file = ArbitrationFile.objects.get(case=case)
        if case.is_collective or (file.procedure != Procedure.SUMMARY and rng.random() < 0.3):
            members = self.arbitrators
        else:
            members = [rng.choice(self.arbitrators)]
        tribunal_compose(case_id=case.pk, actor=self.arbitrator, version=_version(case), arbitrators=members,
                         presiding=members[0])

    def _served(self, case, rng):
        service_record(case_id=case.pk, actor=self.arbitrator, version=_version(case), kind="copy_served",
                       on_date=self.today)
        if rng.random() < 0.7:
            service_record(case_id=case.pk, actor=self.arbitrator, version=_version(case), kind="defence_received",
                           on_date=self.today)

    def _hearing(self, case, rng):
        file = ArbitrationFile.objects.get(case=case)
        members = [m.arbitrator for m in active_members(file).order_by("-is_presiding", "id")]
        hearing = self.hearings.book(case, self.arbitrator, members)
        if hearing is None:
            return _STOP  # no slot left before a year without a calendar: the case waits unscheduled
        if rng.random() < 0.6:
            hearing_notice_served(hearing_id=hearing.pk, actor=self.arbitrator, served_on=self.today)

    def _mediation_statement(self, case, rng):
        due = self.today + datetime.timedelta(days=rng.randint(7, 20))
        # The statement prints the terms, then each sum after its label.
        amounts = [
            {"label": f"被申请人于{due:%Y年%m月%d日}前向申请人支付{MONEY_LABELS[c.type]}", "amount": _part(c.amount, rng)}
            for c in _money_claims(case)
        ]
        terms = "双方自愿解除劳动关系，申请人放弃其他仲裁请求，双方就本案劳动争议再无其他争议"
        mediation_statement_issue(case_id=case.pk, actor=self.arbitrator, version=_version(case), terms=terms,
                                  amounts=amounts)

    def _award(self, case, rng):
        if minimum_wage_for(division_id=case.division_id, on_date=self.today) is None:
            return _STOP  # finality cannot be decided without the minimum wage in force: the case waits
        hearing = self._hold_in_the_past(case, rng)
        claims = list(case.claims.order_by("id"))
        start = f"{case.violation_started_on:%Y年%m月%d日}"
        items, reduced = [], False
        for c in claims:
            if c.type in MONEY_LABELS and c.amount is not None:
                amount = _part(c.amount, rng)
                reduced |= amount < c.amount
                # The award prints the amount after the text of its item.
                text = f"被申请人于本裁决生效之日起十日内支付申请人{MONEY_LABELS[c.type]}"
            else:
                amount, text = None, NON_MONEY_DECISIONS[c.type].format(start=start)
            items.append({"claim_id": c.pk, "awarded_amount": amount, "decision_text": text})
        grounds = [AWARD_GROUNDS[c.type] for c in claims]
        job = "" if case.worker.occupation == Occupation.EMPLOYEE else f"从事{OCCUPATION_ZH[case.worker.occupation]}"
        findings = (
            f"申请人{case.worker.name}自{case.violation_started_on:%Y年%m月}起在被申请人处{job}工作。"
            + "。".join(g[0] for g in grounds) + "。"
        )
        reasoning = "。".join(g[1] for g in grounds) + "。"  # printed under 本委认为
        if reduced:
            reasoning += "申请人主张的金额中超出其举证证明部分，本委不予支持。"
        legal_basis = _provisions([*(g[2] for g in grounds), "《中华人民共和国劳动争议调解仲裁法》第四十七条"])
        award_issue(case_id=case.pk, actor=self.arbitrator, version=_version(case), items=items, findings=findings,
                    reasoning=reasoning, legal_basis=legal_basis, hearing_id=hearing.pk)

    def _hold_in_the_past(self, case, rng) -> Hearing:
        """The award rests on a held hearing (arbitration.models.AwardGround), and a hearing is booked at least
        five working days ahead. The demo's story: the case's booked hearing took place on the latest working
        day before today whose slot is free, its notice served when it was booked; only its dates are moved
        (the services refuse to book the past), then it is recorded as held through hearings.services, in one
        case in five in the respondent's absence after the notice (LDMAL art 36)."""
        hearing = case.hearings.filter(state=HearingState.SCHEDULED).order_by("starts_at").first()
        seats = list(HearingArbitrator.objects.filter(hearing=hearing).values_list("arbitrator_id", flat=True))
        length = hearing.ends_at - hearing.starts_at
        day = self.today - datetime.timedelta(days=1)
        while True:
            starts = timezone.make_aware(datetime.datetime.combine(day, timezone.localtime(hearing.starts_at).time()))
            clash = Hearing.objects.filter(
                Q(room_id=hearing.room_id) | Q(seats__arbitrator_id__in=seats), state=HearingState.HELD,
                starts_at__lt=starts + length, ends_at__gt=starts,
            ).exclude(pk=hearing.pk).exists()
            if self._is_working_day(day) and not clash:
                break
            day -= datetime.timedelta(days=1)
        booked = day - datetime.timedelta(days=10)
        # The application was received and accepted before the hearing was booked, as the award will say.
        accepted = booked - datetime.timedelta(days=rng.randint(1, 4))
        received = accepted - datetime.timedelta(days=rng.randint(1, 4))
        ArbitrationFile.objects.filter(case=case).update(accepted_on=accepted, application_received_on=received)
        served = {"notice_served_on": booked} if hearing.notice_served_on else {}
        Hearing.objects.filter(pk=hearing.pk).update(
            starts_at=starts, ends_at=starts + length,
            created_at=timezone.make_aware(datetime.datetime.combine(booked, datetime.time(9))), **served,
        )
        HearingArbitrator.objects.filter(hearing=hearing).update(starts_at=starts, ends_at=starts + length)
        if not served:
            hearing_notice_served(hearing_id=hearing.pk, actor=self.arbitrator, served_on=booked)
        if rng.random() < 0.2:
            hearing_record_absence(hearing_id=hearing.pk, actor=self.arbitrator, party="respondent",
                                   note="被申请人经书面通知，无正当理由未到庭。")
        return hearing_record_held(
            hearing_id=hearing.pk, actor=self.arbitrator,
            minutes_summary="仲裁庭核对当事人身份，告知权利义务；申请人陈述仲裁请求及事实理由，双方举证、质证并进行辩论，"
                            "仲裁庭主持调解未果，双方作最后陈述。",
        )

    def _is_working_day(self, day: datetime.date) -> bool:
        return self.hearings._is_working_day(day)

    def _post_award(self, case, rng):
        award = Award.objects.filter(file__case=case, is_partial=False).order_by("-id").first()
        if award is None:
            return _STOP
        if award.items.filter(is_final=True).exists():
            kind, court = PostAwardKind.SET_ASIDE_APPLIED, self.orgs["court"].name
        else:
            kind, court = PostAwardKind.SUIT_FILED, self.orgs[f"{case.division.code}_court"].name
        post_award_record(case_id=case.pk, actor=self.arbitrator, version=_version(case), kind=kind,
                          filed_on=self.today, by_party=AwardParty.EMPLOYER, court_name=court)


def _run_steps(case: Case, steps, actors: dict, orgs: dict, rng: random.Random, track: _Track) -> None:
    referral = None
    for step in steps:
        kind = step[0]
        if kind == "track":
            result = track.run(case, step[1], *step[2:], rng=rng)
            if result is _STOP:
                return
            if isinstance(result, Referral):
                referral = result
            continue
        who = actors[step[1]]
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
            )


def _plan(n: int, rng: random.Random, collective_size: int) -> list[tuple[tuple, bool]]:
    """Which scenario each case follows: every final state once first, then the showcase, then the collective
    group, then the rest by weight. Returned shuffled so case numbers do not line up with stages."""
    by_state: dict[str, list] = {}
    for scenario in SCENARIOS:
        by_state.setdefault(scenario[1], []).append(scenario)
    plan = [(_pick(rng, [(s, s[2]) for s in by_state[state]]), False) for state in CaseState.values]
    by_name = {s[0]: s for s in SCENARIOS}
    plan += [(by_name[name], False) for name in SHOWCASE][: max(0, n - len(plan))]
    open_scenarios = [(s, s[2]) for s in SCENARIOS if s[1] in ACTIVE_STATES]
    # Too few cases left to make a collective dispute: spend them on variety instead.
    collective = collective_size if n - len(plan) >= collective_size else 0
    plan += [(_pick(rng, open_scenarios), True) for _ in range(collective)]
    # Complaints against one freight platform within the last weeks: the early-warning rules raise warnings on it
    # (demo.compliance runs the sweep), naming the transport bureau.
    short = [(s, s[2]) for s in SCENARIOS if s[1] in ACTIVE_STATES and len(s[3]) <= 2]
    warned = WARNED_SIZE if n - len(plan) >= WARNED_SIZE + 5 else 0
    plan += [(_pick(rng, short), WARNED) for _ in range(warned)]
    all_scenarios = [(s, s[2]) for s in SCENARIOS]
    plan += [(_pick(rng, all_scenarios), False) for _ in range(n - len(plan))]
    plan = plan[:n]
    rng.shuffle(plan)
    return plan


def seed_cases(n: int, rng: random.Random, users: dict, orgs: dict) -> Counter:
    divisions = {d.code: d for d in Division.objects.all()}
    employers = [(spec, make_credit_code(rng), _employer_address(spec, rng)) for spec in EMPLOYERS]
    base_actors = {k: users[k] for k in ("inspector", "arbitrator", "mediator", "lawyer", "court")}
    track = _Track(users, orgs)
    now = timezone.now()
    workers: list[dict] = []
    states: Counter = Counter()
    others = [e for i, e in enumerate(employers) if i != COLLECTIVE_EMPLOYER]
    warned = next(e for e in employers if e[0].name == WARNED_EMPLOYER)

    collective_size = int_parameter("collective_dispute_min_workers") + COLLECTIVE_MARGIN
    for scenario, in_collective in _plan(n, rng, collective_size):
        name, _final, _weight, steps = scenario
        group, in_collective = in_collective, in_collective is True
        spec, credit_code, employer_address = (
            warned if group == WARNED else employers[COLLECTIVE_EMPLOYER] if in_collective else rng.choice(
            # A court entrusts a case to a mediation organisation serving its county (潍城区's centre).
            [e for e in others if e[0].division_code == ORGS_COUNTY["mediation"]] if name == "court_mediation"
            else others))
        occupation = _pick(rng, INDUSTRY_OCCUPATIONS[spec.industry])
        # Later stages took longer to reach, so their cases were registered earlier.
        days_ago = min(180, rng.randint(0, 20) + len(steps) * rng.randint(2, 18))
        if group == WARNED:
            days_ago = rng.randint(1, 20)
        registered_at = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        registered_on = timezone.localtime(registered_at).date()
        start = registered_on - datetime.timedelta(days=rng.randint(30, 300))
        end = registered_on - datetime.timedelta(days=rng.randint(0, 25)) if rng.random() < 0.4 else None

        if workers and not in_collective and not group and rng.random() < 0.08:
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
            _run_steps(case, steps, {**base_actors, "window": clerk}, orgs, rng, track)
            # Spread over past months for the dashboard; only the registration time moves (events are
            # append-only and keep their real times).
            received_on = ArbitrationFile.objects.filter(case=case).values_list("application_received_on", flat=True).first()
            if received_on is not None and received_on < registered_on:
                # A case heard in the past was registered before its application reached the commission.
                registered_at = timezone.make_aware(datetime.datetime.combine(
                    received_on - datetime.timedelta(days=rng.randint(0, 3)), datetime.time(rng.randint(8, 16))))
            Case.objects.filter(pk=case.pk).update(registered_at=registered_at)
        states[Case.objects.values_list("status", flat=True).get(pk=case.pk)] += 1
    return states


def _employer_address(spec: EmployerSpec, rng: random.Random) -> str:
    place, streets = _place(spec.division_code)
    return f"{place}{rng.choice(streets)}{rng.randint(1, 999)}号"


# The county each county-level demo organisation serves, where a scenario depends on it.
ORGS_COUNTY = {"mediation": "370702"}

# The legal-aid stations' own data (measure 14): where each sits and what it covers, one law firm they work
# with. The minimum living allowance is a demo figure so the hardship test can be tried; an administrator enters
# each county's published figure with its notice before going live.
STATIONS = {
    "legal_aid": (PlaceKind.ARBITRATION, "市劳动人事争议仲裁院一楼", "潍坊市"),
    "court_legal_aid": (PlaceKind.COURT, "市中级人民法院诉讼服务中心", "潍坊市"),
    "fangzi_legal_aid": (PlaceKind.TOWN, "坊子区凤凰街道劳动者港湾", "坊子区"),
}
DEMO_ALLOWANCE = Decimal("1000.00")


def seed_legal_aid(orgs: dict[str, Organization], users: dict | None = None) -> None:
    for key, (place, site, area) in STATIONS.items():
        StationProfile.objects.get_or_create(station=orgs[key], defaults={
            "place_kind": place, "site": site, "area_covered": area, "funding": "工会法律援助专项经费",
            "rules": "首问负责\n值班律师\n办案质量回访", "opening_hours": "工作日 9:00-17:00",
            # Where objections to a refusal go (法律援助法 art 49): the justice bureau of the station's level.
            "objection_body": "潍坊市司法局" if area == "潍坊市" else f"潍坊市{area}司法局",
        })
    firm, _created = LawFirm.objects.get_or_create(name="山东潍州律师事务所", defaults={"phone": "0536-8000000"})
    firm.stations.add(*(orgs[key] for key in STATIONS))
    for name, phone in (("孟凡东", "13706360001"), ("高雅琴", "13706360002")):
        PartnerLawyer.objects.get_or_create(firm=firm, name=name, defaults={"phone": phone})
    if users and "firm_lawyer" in users:
        # 孟凡东's own login at the station (the demo's legal-aid files are assigned to him).
        PartnerLawyer.objects.filter(firm=firm, name="孟凡东").update(user=users["firm_lawyer"])
    year = timezone.localdate().year - 1
    for division in Division.objects.all():
        LivingAllowance.objects.get_or_create(division=division, year=year, defaults={
            "monthly_amount": DEMO_ALLOWANCE, "source": "演示数据（非正式标准：上线前按民政部门公布的标准录入）",
        })


def seed_demo(*, cases: int, seed: int | None = None) -> SeedResult:
    rng = random.Random(seed)
    with transaction.atomic():
        orgs = seed_organizations()
        users = seed_users(orgs)
        seed_legal_aid(orgs, users)
    states = seed_cases(cases, rng, users, orgs)
    seed_compliance(orgs, users)
    return SeedResult(
        organizations=len(orgs),
        users=[(spec, orgs[spec.org_key]) for spec in USERS],
        states=states,
        # Counted, not planned: other employers may pass the threshold by chance, as they would in life.
        collective_cases=Case.objects.filter(is_collective=True).count(),
    )
