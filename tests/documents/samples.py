"""Realistic contexts for every document kind: one worker, one employer, one Weifang case."""

import datetime
from decimal import Decimal

from documents.arbitration import (
    AcceptanceNoticeContext,
    AwardContext,
    AwardItem,
    CompletionNoticeContext,
    HearingNoticeContext,
    MediationStatementContext,
    RejectionNoticeContext,
    RespondNoticeContext,
    TribunalNoticeContext,
)
from documents.common import Claim, Party, Remedies, Tribunal
from documents.inspection import (
    CorrectionOrderContext,
    FilingRejectionContext,
    PenaltyDecisionContext,
    PenaltyNoticeContext,
)
from documents.mediation import AgreementItem, JointMediationAgreementContext

WORKER_ID = "370702199003154517"
WORKER_ID_MASKED = "3707**********4517"
WORKER_ADDRESS = "潍坊市潍城区和平路88号3单元502室"
CREDIT_CODE = "91370700MA3C4XYZ1K"
ARBITRATION = "潍城区劳动人事争议仲裁委员会"
DEPARTMENT = "潍城区人力资源和社会保障局"

WORKER = Party(name="王小明", id_number=WORKER_ID, address=WORKER_ADDRESS, agent="李华，山东潍城律师事务所律师")
EMPLOYER = Party(
    name="潍坊速达配送有限公司",
    is_organisation=True,
    credit_code=CREDIT_CODE,
    address="潍坊市潍城区胜利西街100号",
    legal_representative="赵建国",
)
CLAIMS = (
    Claim(text="支付2026年9月至10月工资", amount=Decimal("8600.00")),
    Claim(text="支付延长工作时间加班费", amount=Decimal("1234.5")),
    Claim(text="确认双方2025年3月1日至2026年10月31日存在劳动关系"),
)
TRIBUNAL = Tribunal(presiding="孙立平", members=("周敏", "吴涛"), clerk="郑晓")
REMEDIES = Remedies(review_body="潍城区人民政府", court="潍城区人民法院")
ARB_NUMBER = "潍城劳人仲案字〔2026〕第128号"
INSP_NUMBER = "潍城人社监令〔2026〕第37号"


def header(issuer=ARBITRATION, number=ARB_NUMBER, on=datetime.date(2026, 11, 20)):
    return {"issuer": issuer, "document_number": number, "issued_on": on}


def award(**overrides):
    values = dict(
        **header(on=datetime.date(2026, 12, 28)),
        applicant=WORKER,
        respondent=EMPLOYER,
        accepted_on=datetime.date(2026, 11, 16),
        hearing_on=datetime.date(2026, 12, 10),
        claims=CLAIMS,
        defence="申请人系自动离职，被申请人已足额支付工资，不存在拖欠。",
        findings=(
            "申请人于2025年3月1日入职被申请人处从事配送工作，月工资4,300.00元，双方未签订书面劳动合同。",
            "被申请人未支付申请人2026年9月至10月工资，申请人于2026年10月31日离职。",
        ),
        reasoning=(
            "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。被申请人未能举证证明已支付上述工资，"
            "应当承担不利后果。",
            "申请人主张的加班费，未提交证据证明其存在延长工作时间的事实，本委不予支持。",
        ),
        legal_basis="《中华人民共和国劳动合同法》第七条、第三十条，《中华人民共和国劳动争议调解仲裁法》第六条、第四十七条",
        items=(
            AwardItem(
                text="被申请人于本裁决生效之日起十日内支付申请人2026年9月至10月工资", amount=Decimal("8600"), is_final=True
            ),
            AwardItem(text="确认申请人与被申请人2025年3月1日至2026年10月31日存在劳动关系", is_final=False),
            AwardItem(text="驳回申请人的其他仲裁请求", is_final=False),
        ),
        tribunal=TRIBUNAL,
        intermediate_court="潍坊市中级人民法院",
    )
    values.update(overrides)
    return AwardContext(**values)


def correction_order(**overrides):
    values = dict(
        **header(issuer=DEPARTMENT, number=INSP_NUMBER, on=datetime.date(2026, 11, 20)),
        employer=EMPLOYER,
        facts="拖欠王小明、李小红2名劳动者2026年9月至10月工资共计14,200.00元",
        legal_basis="《劳动保障监察条例》第十八条、第二十六条",
        items=(
            Claim(text="支付王小明2026年9月至10月工资", amount=Decimal("8600.00")),
            Claim(text="支付李小红2026年9月至10月工资", amount=Decimal("5600.00")),
        ),
        correct_by=datetime.date(2026, 12, 4),
        remedies=REMEDIES,
        consequence="逾期不支付的，本机关将依照《劳动保障监察条例》第二十六条的规定，责令你单位按照应付金额百分之五十以上一倍以下的标准向劳动者加付赔偿金",
    )
    values.update(overrides)
    return CorrectionOrderContext(**values)


STATION = "潍坊市劳动人事争议仲裁院工会法律援助工作站"


def aid_decision(**overrides):
    from documents.legal_aid import AidDecisionContext

    values = dict(
        **header(issuer=STATION, number="WF20260000128", on=datetime.date(2026, 11, 20)), applicant=WORKER,
        employer=EMPLOYER, applied_on=datetime.date(2026, 11, 16), granted=True,
        reasons="你系进城务工人员，请求支付劳动报酬，依法免予核查经济困难状况",
        legal_basis="《中华人民共和国法律援助法》第四十二条", contact=f"{STATION}，0536-8888888",
    )
    values.update(overrides)
    return AidDecisionContext(**values)


def all_contexts():
    """kind -> context, one per kind."""
    inspection = header(issuer=DEPARTMENT, number=INSP_NUMBER)
    return {
        "acceptance_notice": AcceptanceNoticeContext(
            **header(), applicant=WORKER, respondent=EMPLOYER, received_on=datetime.date(2026, 11, 16), claims=CLAIMS,
            contact="李娜，0536-1234567",
        ),
        "rejection_notice": RejectionNoticeContext(
            **header(number="潍城劳人仲案不字〔2026〕第9号"), applicant=WORKER, respondent=EMPLOYER,
            received_on=datetime.date(2026, 11, 16), reason="你的仲裁请求不属于劳动人事争议处理范围",
            legal_basis="《劳动人事争议仲裁办案规则》第三十条",
        ),
        "completion_notice": CompletionNoticeContext(
            **header(), applicant=WORKER, respondent=EMPLOYER, received_on=datetime.date(2026, 11, 16),
            missing=("被申请人的准确名称和住所", "仲裁请求所依据的事实和理由"), complete_by=datetime.date(2026, 11, 30),
        ),
        "respond_notice": RespondNoticeContext(
            **header(), applicant=WORKER, respondent=EMPLOYER, accepted_on=datetime.date(2026, 11, 18), claims=CLAIMS,
            contact="李娜，0536-1234567",
        ),
        "tribunal_notice": TribunalNoticeContext(
            **header(), addressee=EMPLOYER, applicant=WORKER, respondent=EMPLOYER, tribunal=TRIBUNAL,
        ),
        "hearing_notice": HearingNoticeContext(
            **header(on=datetime.date(2026, 11, 25)), addressee=EMPLOYER, applicant=WORKER, respondent=EMPLOYER,
            hearing_on=datetime.date(2026, 12, 10), hearing_time=datetime.time(14, 30),
            place="潍城区劳动人事争议仲裁院第一仲裁庭（潍坊市潍城区福寿西街1号）",
        ),
        "mediation_statement": MediationStatementContext(
            **header(on=datetime.date(2026, 12, 10)), applicant=WORKER, respondent=EMPLOYER,
            accepted_on=datetime.date(2026, 11, 16), claims=CLAIMS,
            agreement=(
                Claim(text="被申请人于2026年12月20日前支付申请人2026年9月至10月工资", amount=Decimal("8600.00")),
                Claim(text="申请人放弃其他仲裁请求"),
            ),
            tribunal=Tribunal(presiding="孙立平", clerk="郑晓"),
        ),
        "award": award(),
        "filing_rejection": FilingRejectionContext(
            **inspection, complainant=WORKER, employer=EMPLOYER, received_on=datetime.date(2026, 11, 13),
            matter="未依法解除劳动合同", reason="你投诉的事项属于劳动争议，不属于劳动保障监察的受理范围",
            legal_basis="《劳动保障监察条例》第二十一条", redirect=ARBITRATION, remedies=REMEDIES,
        ),
        "correction_order": correction_order(),
        "penalty_notice": PenaltyNoticeContext(
            **inspection, employer=EMPLOYER, facts="安排劳动者每月延长工作时间超过三十六小时，涉及劳动者12人",
            violated="《中华人民共和国劳动法》第四十一条", penalty_basis="《劳动保障监察条例》第二十五条",
            penalty="警告", amount=Decimal("6000.00"), hearing_right=True, contact="刘强，0536-7654321",
        ),
        "penalty_decision": PenaltyDecisionContext(
            **header(issuer=DEPARTMENT, number="潍城人社监罚〔2026〕第5号", on=datetime.date(2026, 12, 15)),
            employer=EMPLOYER, facts="安排劳动者每月延长工作时间超过三十六小时，涉及劳动者12人",
            evidence=("询问笔录2份", "考勤记录复印件1份"), notice_served_on=datetime.date(2026, 12, 1),
            representations="你单位在规定期限内未提出陈述、申辩意见，也未要求听证",
            violated="《中华人民共和国劳动法》第四十一条", penalty_basis="《劳动保障监察条例》第二十五条",
            penalty="警告", amount=Decimal("6000.00"), payment_to="中国工商银行潍坊潍城支行（非税收入代收账户）",
            remedies=REMEDIES,
        ),
        "legal_aid_decision": aid_decision(),
        "legal_aid_agreement": _aid_agreement(),
        "joint_mediation_agreement": JointMediationAgreementContext(
            **header(issuer="潍城区劳动争议调解中心", number="潍城联调〔2026〕第21号", on=datetime.date(2026, 11, 24)),
            worker=WORKER, employer=EMPLOYER, mediation_bodies=("潍城区劳动保障监察大队", "潍城区劳动争议调解中心"),
            mediators=("钱多多", "孙立平"), dispute="劳动者主张用人单位拖欠2026年9月至10月工资8,600.00元",
            items=(
                AgreementItem(
                    text="用人单位支付劳动者2026年9月至10月工资", amount=Decimal("8600.00"), due_on=datetime.date(2026, 12, 5)
                ),
                AgreementItem(text="劳动者不再就本争议事项申请仲裁或者投诉"),
            ),
        ),
        **court_mediation_contexts(),
        **listing_contexts(),
    }


def listing_contexts():
    from documents.compliance import (
        ListedPerson,
        ListingDecisionContext,
        ListingNoticeContext,
        ReinstatementContext,
        RemovalDecisionContext,
    )

    persons = (ListedPerson(name="李某", role="法定代表人", id_number="11010519491231002X"),
               ListedPerson(name="王某", role="项目经理"))
    common = dict(employer=EMPLOYER, ground="criminal_threshold", facts="拖欠42名农民工工资共计86万元", persons=persons)
    return {
        "listing_notice": ListingNoticeContext(
            **header(issuer=DEPARTMENT, number="潍城人社失信告字〔2026〕第1号", on=datetime.date(2026, 11, 20)), **common,
            payment_order="潍城人社监令字〔2026〕第3号", payment_order_due_on=datetime.date(2026, 11, 10),
        ),
        "listing_decision": ListingDecisionContext(
            **header(issuer=DEPARTMENT, number="潍城人社失信决字〔2026〕第1号", on=datetime.date(2026, 12, 1)), **common,
            notice_number="潍城人社失信告字〔2026〕第1号", representations="你单位在规定期限内未提出陈述、申辩意见",
            listed_from=datetime.date(2026, 12, 1), listed_until=datetime.date(2029, 12, 1), remedies=REMEDIES,
        ),
        "listing_removal": RemovalDecisionContext(
            **header(issuer=DEPARTMENT, number="潍城人社失信移字〔2027〕第1号", on=datetime.date(2027, 8, 1)),
            employer=EMPLOYER, decision_number="潍城人社失信决字〔2026〕第1号", early=True,
            removed_on=datetime.date(2027, 8, 1),
        ),
        "listing_reinstatement": ReinstatementContext(
            **header(issuer=DEPARTMENT, number="潍城人社失信决字〔2027〕第4号", on=datetime.date(2027, 10, 9)),
            employer=EMPLOYER, decision_number="潍城人社失信决字〔2026〕第1号", removal_on=datetime.date(2027, 8, 1),
            facts="你单位申请提前移出时提交的工资支付凭证系伪造", listed_from=datetime.date(2027, 10, 9),
            listed_until=datetime.date(2030, 10, 9), remedies=REMEDIES,
        ),
    }


def court_mediation_contexts():
    from documents.court_mediation import (
        ConfirmationApplicationContext,
        MediationAgreementContext,
        MediationFailureContext,
        PaymentOrderApplicationContext,
        SettledClaim,
    )

    room = header(issuer="潍城区劳动争议诉调对接室", number="潍城劳调协字〔2026〕第7号", on=datetime.date(2026, 11, 24))
    wages = SettledClaim(text="2026年9月至10月工资", amount=Decimal("8000.00"), due_on=datetime.date(2026, 12, 5))
    return {
        "confirmation_application": ConfirmationApplicationContext(
            **room, worker=WORKER, employer=EMPLOYER, court="潍城区人民法院", mediation_body="潍城区劳动争议诉调对接室",
            entrustment="潍城区人民法院委派（案号：（2026）鲁0702民诉前调88号）",
            dispute="王小明与潍坊速达配送有限公司因2026年9月至10月工资8,600.00元发生争议",
            agreed_on=datetime.date(2026, 11, 24), items=(wages,),
        ),
        "payment_order_application": PaymentOrderApplicationContext(
            **header(issuer="潍城区劳动争议诉调对接室", number="潍城劳调协字〔2026〕第7号", on=datetime.date(2026, 12, 8)),
            worker=WORKER, employer=EMPLOYER, court="潍城区人民法院", mediation_body="潍城区劳动争议诉调对接室",
            agreed_on=datetime.date(2026, 11, 24), overdue=(wages,), amount=Decimal("8000.00"),
        ),
        "mediation_agreement": MediationAgreementContext(
            **room, worker=WORKER, employer=EMPLOYER, mediators=("李秀英",),
            entrustment="潍城区人民法院委派（案号：（2026）鲁0702民诉前调88号）",
            dispute="王小明与潍坊速达配送有限公司因2026年9月至10月工资8,600.00元发生争议",
            items=(SettledClaim(text="2026年9月至10月工资", amount=Decimal("8000.00"), due_on=datetime.date(2026, 12, 5)),),
            terms=("劳动者不再就本争议事项申请仲裁或者起诉",),
            worker_signed_on=datetime.date(2026, 11, 24), employer_signed_on=datetime.date(2026, 11, 24),
        ),
        "mediation_failure": MediationFailureContext(
            **room, worker=WORKER, employer=EMPLOYER,
            dispute="王小明与潍坊速达配送有限公司因2026年9月至10月工资8,600.00元发生争议",
            accepted_on=datetime.date(2026, 11, 10), reason="双方当事人经调解未能达成一致",
            next_step="本案退回潍城区人民法院依法处理（案号：（2026）鲁0702民诉前调88号）",
        ),
    }


def _aid_agreement():
    from documents.legal_aid import AidAgreementContext

    return AidAgreementContext(
        **header(issuer=STATION, number="WF20260000128", on=datetime.date(2026, 11, 21)), client=WORKER,
        employer=EMPLOYER, lawyer="赵明（山东潍城律师事务所律师）", lawyer_phone="13700000000", claims=CLAIMS,
        forum="劳动人事争议仲裁",
    )
