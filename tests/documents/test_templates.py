import dataclasses
import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import translation

import documents
from core import pdf
from documents.arbitration import AwardItem
from documents.common import Claim, Party, Tribunal, chinese_number, chinese_time
from documents.templates import FULL_PARTICULARS, TEMPLATES
from disputes.registry import document_kind_choices

from . import samples

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt install poppler-utils",
)

CONTEXTS = samples.all_contexts()
KINDS = sorted(CONTEXTS)
TITLES = {
    "acceptance_notice": "受理通知书",
    "rejection_notice": "不予受理通知书",
    "completion_notice": "补正通知书",
    "respond_notice": "应诉通知书",
    "tribunal_notice": "仲裁庭组成通知书",
    "hearing_notice": "开庭通知书",
    "mediation_statement": "仲裁调解书",
    "award": "仲裁裁决书",
    "filing_rejection": "不予立案通知书",
    "correction_order": "责令改正指令书",
    "penalty_notice": "行政处罚告知书",
    "penalty_decision": "行政处罚决定书",
    "joint_mediation_agreement": "联合调解协议书",
    "mediation_agreement": "劳动争议调解协议书",
    "mediation_failure": "劳动争议调解终止书",
    "confirmation_application": "司法确认申请书",
    "payment_order_application": "支付令申请书",
    "legal_aid_decision": "给予法律援助决定书",
    "legal_aid_agreement": "法律援助委托代理协议",
    "listing_notice": "列入失信联合惩戒名单事先告知书",
    "listing_decision": "列入失信联合惩戒名单决定书",
    "listing_removal": "移出失信联合惩戒名单决定书",
    "listing_reinstatement": "撤销提前移出失信联合惩戒名单决定书",
}


def pdf_text(data: bytes, tmp_path) -> str:
    """The text with all whitespace removed: lines wrap wherever the layout puts them."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return "".join(out.stdout.split())


def text_of(kind, tmp_path, context=None):
    return pdf_text(documents.render(kind, context or CONTEXTS[kind]), tmp_path)


def test_every_arbitration_and_inspection_kind_has_a_template():
    expected = {k for k, _label in document_kind_choices() if k != "receipt"}
    assert set(TEMPLATES) == expected == set(CONTEXTS)


@needs_poppler
@pytest.mark.parametrize("kind", KINDS)
def test_it_prints_the_title_issuer_number_date_and_parties(kind, tmp_path):
    ctx = CONTEXTS[kind]
    text = text_of(kind, tmp_path)
    assert TITLES[kind] in text
    assert ctx.issuer in text
    assert ctx.document_number in text
    assert pdf.chinese_date(ctx.issued_on) in text
    assert samples.EMPLOYER.name in text
    if kind not in ("correction_order", "penalty_notice", "penalty_decision", "listing_notice", "listing_decision",
                    "listing_removal", "listing_reinstatement"):  # served on the employer alone
        assert samples.WORKER.name in text


@needs_poppler
@pytest.mark.parametrize("kind", KINDS)
def test_only_enforceable_instruments_print_the_worker_id_number_and_address_in_full(kind, tmp_path):
    text = text_of(kind, tmp_path)
    if kind in FULL_PARTICULARS:
        assert samples.WORKER_ID in text
        assert samples.WORKER_ADDRESS in text
    else:
        assert samples.WORKER_ID not in text
        assert samples.WORKER_ID[6:14] not in text  # not even the birth date
        assert samples.WORKER_ADDRESS not in text


def test_the_full_particulars_are_the_award_the_agreements_and_the_applications_to_a_court():
    assert FULL_PARTICULARS == {
        "award", "mediation_statement", "joint_mediation_agreement", "mediation_agreement", "legal_aid_agreement",
        "confirmation_application", "payment_order_application",
    }


@needs_poppler
def test_a_refusal_of_legal_aid_states_the_hardship_figures_and_where_to_object(tmp_path):
    context = samples.aid_decision(
        granted=False, objection_body="潍坊市潍城区司法局",
        reasons="你家庭人均月收入2,000.00元，不低于潍城区2025年度最低生活保障标准950.00元的2倍（1,900.00元），不符合经济困难标准",
        legal_basis="《中华人民共和国法律援助法》第三十四条、《山东省法律援助条例》第八条",
    )
    text = text_of("legal_aid_decision", tmp_path, context)
    assert "不予法律援助决定书" in text and "不符合经济困难标准" in text
    assert "决定不予法律援助" in text and "向潍坊市潍城区司法局提出" in text
    assert "五日内进行审查" in text and "申请行政复议或者提起行政诉讼" in text
    with pytest.raises(ValueError):
        samples.aid_decision(granted=False)  # a refusal names where an objection goes


@needs_poppler
def test_the_respondent_learns_who_sued_but_sees_a_masked_id_number(tmp_path):
    text = text_of("respond_notice", tmp_path)
    assert f"申请人：王小明，公民身份号码{samples.WORKER_ID_MASKED}" in text
    assert samples.CREDIT_CODE in text  # an employer's registration data is not personal data
    assert "王小明与你单位劳动争议一案" in text
    assert "自收到仲裁申请书副本之日起十日内向本委提交答辩书" in text
    assert "9,834.50" in text


@needs_poppler
@pytest.mark.parametrize("kind", KINDS)
def test_it_embeds_every_font_it_uses(kind, tmp_path):
    if pdf.find_cjk_font() is None:
        pytest.skip("no embeddable CJK font in PDF_CJK_FONT_PATHS (apt install fonts-wqy-zenhei)")
    path = tmp_path / "doc.pdf"
    path.write_bytes(documents.render(kind, CONTEXTS[kind]))
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows


@needs_poppler
def test_the_acceptance_notice_says_the_case_is_accepted_and_lists_the_claims(tmp_path):
    text = text_of("acceptance_notice", tmp_path)
    assert "你与潍坊速达配送有限公司劳动争议一案，本委于二〇二六年十一月十六日收到你的仲裁申请" in text
    assert "经审查，符合受理条件，决定立案受理" in text
    assert "8,600.00" in text and "1,234.50" in text and "9,834.50" in text
    assert "李娜，0536-1234567" in text


@needs_poppler
def test_the_award_marks_each_item_final_or_not_and_gives_the_matching_rights(tmp_path):
    text = text_of("award", tmp_path)
    for section in ("申请人请求：", "被申请人辩称：", "本委查明：", "本委认为：", "裁决如下："):
        assert section in text
    # Items read as a 裁决书 reads them: the decision and its sum in one sentence; finality said once, below.
    assert "一、被申请人于本裁决生效之日起十日内支付申请人2026年9月至10月工资人民币8,600.00元；" in text
    assert "二、确认申请人与被申请人2025年3月1日至2026年10月31日存在劳动关系；" in text
    assert "三、驳回申请人的其他仲裁请求。" in text
    assert "（终局裁决）" not in text and "。8,600.00元" not in text
    assert "本裁决第一项为终局裁决" in text
    assert "劳动者对终局裁决不服的，可以自收到本裁决书之日起十五日内向人民法院提起诉讼" in text
    assert "可以自收到本裁决书之日起三十日内向潍坊市中级人民法院申请撤销裁决" in text
    assert "当事人对本裁决第二、三项不服的，可以自收到本裁决书之日起十五日内向人民法院提起诉讼" in text
    assert "首席仲裁员孙立平" in text and "仲裁员周敏" in text and "仲裁员吴涛" in text and "书记员郑晓" in text
    assert "于二〇二六年十一月十六日立案受理" in text and "于二〇二六年十二月十日公开开庭" in text
    assert "二〇二六年十二月二十八日" in text


@needs_poppler
def test_an_award_with_no_final_item_offers_no_set_aside(tmp_path):
    ctx = samples.award(
        items=(AwardItem(text="被申请人支付申请人经济补偿", amount=Decimal("60000.00"), is_final=False),),
        tribunal=Tribunal(presiding="孙立平"),
        respondent_absent=True,
        defence="",
    )
    text = text_of("award", tmp_path, ctx)
    assert "终局裁决，" not in text and "中级人民法院" not in text
    assert "当事人对本裁决不服的，可以自收到本裁决书之日起十五日内向人民法院提起诉讼；期满不起诉的，本裁决书发生法律效力" in text
    assert "一、被申请人支付申请人经济补偿人民币60,000.00元。" in text
    assert "由仲裁员孙立平独任仲裁" in text
    assert "无正当理由未到庭参加庭审，本委依照" in text and "缺席审理，依法缺席裁决" in text
    assert "被申请人未提交书面答辩意见" in text


@needs_poppler
def test_the_hearing_notice_gives_the_day_time_and_room_and_the_five_day_rule(tmp_path):
    text = text_of("hearing_notice", tmp_path)
    assert "王小明与你单位劳动争议一案，本委定于二〇二六年十二月十日下午二时三十分在潍城区劳动人事争议仲裁院第一仲裁庭" in text
    assert "仲裁庭应当在开庭五日前，将开庭日期、地点书面通知双方当事人" in text
    assert "可以在开庭三日前请求延期开庭" in text
    assert "可以缺席裁决" in text


@needs_poppler
def test_the_tribunal_notice_names_the_arbitrators_and_the_right_to_recusal(tmp_path):
    text = text_of("tribunal_notice", tmp_path)
    assert "本委决定由孙立平担任首席仲裁员，周敏、吴涛担任仲裁员，组成仲裁庭审理" in text
    assert "第三十三条规定情形之一的，有权以口头或者书面方式提出回避申请" in text


@needs_poppler
def test_the_rejection_and_completion_notices_give_reason_basis_and_what_to_do(tmp_path):
    rejection = text_of("rejection_notice", tmp_path)
    assert "你的仲裁请求不属于劳动人事争议处理范围，不符合受理条件" in rejection
    assert "根据《劳动人事争议仲裁办案规则》第三十条的规定，本委决定不予受理" in rejection
    assert "可以就该劳动争议事项向人民法院提起诉讼" in rejection
    completion = text_of("completion_notice", tmp_path)
    assert "一、被申请人的准确名称和住所；二、仲裁请求所依据的事实和理由。" in completion
    assert "请你于二〇二六年十一月三十日前将上述材料提交本委" in completion


@needs_poppler
def test_the_mediation_statement_records_the_agreement_and_when_it_binds(tmp_path):
    text = text_of("mediation_statement", tmp_path)
    assert "一、被申请人于2026年12月20日前支付申请人2026年9月至10月工资8,600.00元；" in text
    assert "本调解书经双方当事人签收后，即发生法律效力" in text
    assert "仲裁员孙立平" in text and "首席仲裁员" not in text


@needs_poppler
def test_the_correction_order_gives_the_deadline_and_the_sums_to_pay(tmp_path):
    text = text_of("correction_order", tmp_path)
    assert "现责令你单位于二〇二六年十二月四日前改正下列行为" in text
    assert "支付王小明2026年9月至10月工资8,600.00" in text
    assert "支付李小红2026年9月至10月工资5,600.00" in text
    assert "合计14,200.00" in text
    assert "《劳动保障监察条例》第十八条、第二十六条" in text
    assert "百分之五十以上一倍以下的标准向劳动者加付赔偿金" in text
    assert "六十日内向潍城区人民政府申请行政复议" in text


@needs_poppler
def test_the_penalty_notice_tells_the_employer_it_may_state_its_case_and_ask_for_a_hearing(tmp_path):
    text = text_of("penalty_notice", tmp_path)
    assert "本机关拟对你单位作出如下行政处罚：警告，罚款6,000.00元" in text
    assert "你单位有权进行陈述和申辩" in text
    assert "你单位有权要求举行听证" in text
    assert "视为放弃上述权利" in text
    no_hearing = dataclasses.replace(CONTEXTS["penalty_notice"], hearing_right=False, amount=Decimal("800"))
    text = text_of("penalty_notice", tmp_path, no_hearing)
    assert "陈述和申辩" in text and "听证" not in text
    assert "罚款800.00元" in text


@needs_poppler
def test_the_penalty_decision_states_basis_amount_and_review_and_litigation_rights(tmp_path):
    text = text_of("penalty_decision", tmp_path)
    assert "违反了《中华人民共和国劳动法》第四十一条的规定" in text
    assert "根据《劳动保障监察条例》第二十五条的规定，本机关决定对你单位作出如下行政处罚：警告，罚款6,000.00元" in text
    assert "本机关于二〇二六年十二月一日向你单位送达了《行政处罚告知书》" in text
    assert "自收到本决定书之日起十五日内，将罚款缴至中国工商银行潍坊潍城支行" in text
    assert "自收到本决定书之日起六十日内向潍城区人民政府申请行政复议" in text
    assert "自收到本决定书之日起六个月内向潍城区人民法院提起行政诉讼" in text


@needs_poppler
def test_the_filing_rejection_points_a_dispute_to_arbitration(tmp_path):
    text = text_of("filing_rejection", tmp_path)
    assert "你于二〇二六年十一月十三日向本机关投诉潍坊速达配送有限公司未依法解除劳动合同一事" in text
    assert "本机关决定不予立案" in text
    assert "向潍城区劳动人事争议仲裁委员会申请调解或者仲裁" in text


@needs_poppler
def test_the_joint_agreement_has_items_with_due_dates_and_room_to_sign(tmp_path):
    text = text_of("joint_mediation_agreement", tmp_path)
    assert "一、用人单位支付劳动者2026年9月至10月工资8,600.00元，于二〇二六年十二月五日前履行完毕；" in text
    assert "三十日内，共同向人民法院申请司法确认" in text
    assert "申请支付令" in text
    assert "本协议书一式四份" in text
    assert "劳动者（签名）王小明" in text and "用人单位（盖章）潍坊速达配送有限公司" in text


@needs_poppler
def test_documents_come_out_in_chinese_whatever_language_is_active(tmp_path):
    with translation.override("en"):
        text = text_of("award", tmp_path)
    assert "（盖章）" in text
    assert "seal" not in text


def test_the_same_context_gives_the_same_bytes():
    assert documents.render("award", samples.award()) == documents.render("award", samples.award())


def test_a_context_of_another_kind_is_refused():
    with pytest.raises(TypeError):
        documents.render("award", CONTEXTS["hearing_notice"])
    with pytest.raises(ValueError):
        documents.render("receipt", CONTEXTS["award"])
    with pytest.raises(ValueError):
        documents.render("no_such_kind", CONTEXTS["award"])


def test_contexts_refuse_float_money_and_datetimes():
    with pytest.raises(TypeError):
        Claim(text="工资", amount=8600.0)
    with pytest.raises(TypeError):
        AwardItem(text="工资", amount=8600.0, is_final=True)
    with pytest.raises(TypeError):
        samples.award(accepted_on=datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.UTC))


def test_contexts_refuse_what_no_such_document_can_say():
    with pytest.raises(ValueError):
        dataclasses.replace(CONTEXTS["hearing_notice"], hearing_on=CONTEXTS["hearing_notice"].issued_on)
    with pytest.raises(ValueError):
        samples.correction_order(correct_by=datetime.date(2026, 11, 20))
    with pytest.raises(ValueError):
        samples.award(items=())
    with pytest.raises(ValueError):
        Tribunal(presiding="孙立平", members=("周敏",))
    stranger = Party(name="陌生人")
    with pytest.raises(ValueError):
        dataclasses.replace(CONTEXTS["tribunal_notice"], addressee=stranger)


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (99, "九十九")]
)
def test_item_numbers_are_chinese_numerals(n, expected):
    assert chinese_number(n) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.time(9, 0), "上午九时"),
        (datetime.time(9, 30), "上午九时三十分"),
        (datetime.time(12, 0), "中午十二时"),
        (datetime.time(14, 5), "下午二时零五分"),
        (datetime.time(19, 15), "晚上七时十五分"),
    ],
)
def test_hearing_times_read_as_written_in_notices(value, expected):
    assert chinese_time(value) == expected


@needs_poppler
def test_the_applications_to_the_court_cite_the_2023_numbering_and_carry_the_agreement_s_sums(tmp_path):
    confirmation = text_of("confirmation_application", tmp_path)
    assert "请求确认申请人于二〇二六年十一月二十四日经潍城区劳动争议诉调对接室调解达成的调解协议（编号：潍城劳调协字〔2026〕第7号）有效" in confirmation
    assert "《中华人民共和国民事诉讼法》第二百零五条、第二百零六条" in confirmation and "此致潍城区人民法院" in confirmation
    order = text_of("payment_order_application", tmp_path)
    assert "督促被申请人向申请人支付8,000.00元" in order and "于二〇二六年十二月五日前付清" in order
    assert "《中华人民共和国劳动争议调解仲裁法》第十六条、《中华人民共和国民事诉讼法》第二百二十五条" in order


def test_the_reinstatement_states_the_false_information_and_the_new_term(tmp_path):
    text = text_of("listing_reinstatement", tmp_path)
    assert "工资支付凭证系伪造" in text and "第十五条" in text and "列入期限重新计算" in text
    assert "至二〇三〇年十月九日止" in text


def test_a_revoked_listing_is_removed_naming_the_decision_that_revoked_the_order(tmp_path):
    import dataclasses

    context = dataclasses.replace(CONTEXTS["listing_removal"], early=False,
                                  revoked_by="潍坊市人民政府行政复议决定书（潍政复决字〔2027〕第5号）")
    text = text_of("listing_removal", tmp_path, context)
    assert "潍政复决字〔2027〕第5号" in text and "第十六条" in text and "撤销该列入决定" in text
