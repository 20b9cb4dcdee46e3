"""The default deadline rules (statutory-rules.md), as data with their sources.

A migration loads them; an administrator corrects them in the admin. Triggers name case-event actions,
narrowed by referral purpose or registration channel after a colon. Rules whose events are not recorded
yet (they come with the inspection and arbitration tracks) are loaded inactive so they start no clock that
nothing could ever satisfy.
"""

# Closing with an outcome meets a deadline; withdrawal and redirection end the case without meeting it, and
# deadlines.services cancels whatever still runs when a case ends that way.
ENDS = ["close"]

RULES = [
    dict(code="referral_acceptance", name="接收单位受理转办", track="referral",
         start_on=["referral_offered:mediation", "referral_offered:litigation", "referral_offered:judicial_confirmation"],
         satisfy_on=["referral_accepted", "referral_declined", "referral_withdrawn"],
         length=3, unit="wd", source="首问负责（保障农民工工资支付条例 art 10）；本地服务时限，可调整",
         confidence="M", notes="Not a statutory period: the receiving organisation's service level."),
    dict(code="inspection_acceptance", name="监察投诉受理（立案）", track="inspection",
         start_on=["referral_offered:inspection"],
         satisfy_on=["referral_accepted", "referral_declined", "referral_withdrawn"],
         length=5, unit="wd", source="关于实施《劳动保障监察条例》若干规定 art 18", confidence="V"),
    dict(code="investigation", name="监察案件调查处理", track="inspection",
         start_on=["referral_accepted:inspection"],
         satisfy_on=["order_correction", "decide_penalty", "settle", "referral_accepted:arbitration", *ENDS],
         pause_on=["suspend"], resume_on=["resume"],
         length=60, unit="wd", extension_length=30, extension_role="supervisor",
         source="劳动保障监察条例 art 17; 若干规定 art 18", confidence="V"),
    dict(code="correction_order", name="责令改正期限", track="inspection",
         start_on=["order_correction"], satisfy_on=["confirm_correction", "decide_penalty", "settle", *ENDS],
         length=0, unit="set", source="劳动保障监察条例 art 18（期限由责令改正指令书确定）", confidence="V",
         show_to_worker=True),
    dict(code="arbitration_acceptance", name="仲裁申请受理审查", track="arbitration",
         start_on=["referral_offered:arbitration"],
         satisfy_on=["accept_application", "reject_application", "referral_declined", "referral_withdrawn"],
         restart_on=["materials_completed"],
         length=5, unit="wd",
         source="劳动争议调解仲裁法 art 29; 办案规则 arts 30-31, 81; 山东省劳动人事争议调解仲裁条例 art 21",
         confidence="V", show_to_worker=True),
    dict(code="service_of_copy", name="送达申请书副本", track="arbitration",
         start_on=["accept_application"], satisfy_on=["copy_served", *ENDS],
         length=5, unit="wd", source="劳动争议调解仲裁法 art 30; 办案规则 art 81", confidence="V"),
    dict(code="defence", name="被申请人答辩期", track="arbitration",
         start_on=["copy_served"], satisfy_on=["defence_received", *ENDS],
         length=10, unit="wd", source="劳动争议调解仲裁法 art 30; 办案规则 art 81", confidence="V",
         notes="No defence within the period does not stop the case (LDMAL art 30)."),
    dict(code="tribunal_notice", name="仲裁庭组成通知", track="arbitration",
         start_on=["accept_application"], satisfy_on=["tribunal_composed", *ENDS],
         length=5, unit="wd", source="劳动争议调解仲裁法 art 32; 办案规则 art 81", confidence="V"),
    dict(code="hearing_notice", name="开庭通知（开庭5日前）", track="arbitration",
         start_on=["hearing_scheduled"],
         satisfy_on=["hearing_notice_served", "hearing_postponed", "hearing_cancelled", *ENDS],
         length=0, unit="set", source="劳动争议调解仲裁法 art 35", confidence="V", show_to_worker=False,
         notes="A backward deadline: the notice is due 5 days before the hearing (hearings.services sets due_on)."),
    dict(code="award", name="仲裁结案期限", track="arbitration",
         start_on=["accept_application"],
         satisfy_on=["award", "settle", "referral_accepted:litigation", "referral_accepted:mediation", *ENDS],
         pause_on=["suspend"], resume_on=["resume"],
         restart_on=["party_added", "materials_completed", "claims_changed", "counterclaim_merged", "case_transferred_in"],
         length=45, unit="cd", extension_length=15, extension_role="supervisor",
         source="劳动争议调解仲裁法 art 43; 办案规则 arts 45-47; 山东省劳动人事争议调解仲裁条例 art 33",
         confidence="V", show_to_worker=True,
         notes="Extension once, at most 15 days, with the written approval of the commission chair."),
    # Extended only by the parties' recorded agreement (mediation.court.mediation_period_extend): "parties" is
    # no staff role, so no one's approval alone extends it.
    dict(code="mediation", name="调解期限", track="mediation",
         start_on=["referral_accepted:mediation"],
         satisfy_on=["agree", "mediation_failed", "settle", "referral_accepted:arbitration", *ENDS],
         pause_on=["suspend"], resume_on=["resume"],
         length=15, unit="cd", extension_length=15, extension_role="parties",
         source="劳动争议调解仲裁法 art 14; 企业劳动争议协商调解规定 (人社部令第17号) art 26", confidence="V",
         show_to_worker=True,
         notes="No agreement within 15 days: the worker may apply for arbitration. Extended if both parties agree."),
    dict(code="judicial_confirmation", name="申请司法确认", track="mediation",
         start_on=["agree"], satisfy_on=["confirmation_applied", "confirm", *ENDS],
         length=30, unit="cd", source="人民调解法 art 33; 民事诉讼法 art 205 (2023)", confidence="V",
         show_to_worker=True),
    # A joint consultation's conclusion sets each linked case a next step, an organisation to take it and a date
    # (mediation.court.consultation_conclude); the organisation records it done (consultation_step_done).
    dict(code="consultation_next_step", name="会商确定的下一步工作", track="consultation",
         start_on=["consultation_next_step"], satisfy_on=["consultation_step_done", *ENDS],
         length=0, unit="set", source="会商纪要确定的期限；本地服务时限，非法定期限", confidence="M",
         notes="Not a statutory period: the date the consultation's conclusion sets, owned by the organisation "
               "it names."),
    # The review runs from the hand-off to the eligibility decision (a decline ends it too); time the applicant
    # spends supplementing materials does not count (arts 19-20).
    dict(code="legal_aid_review", name="法律援助申请审查", track="legal_aid",
         start_on=["referral_offered:legal_aid", "registered:legal_aid"],
         satisfy_on=["aid_granted", "aid_refused", "referral_declined", "referral_withdrawn"],
         pause_on=["aid_materials_requested"], resume_on=["aid_materials_received"],
         length=7, unit="wd", extension_length=3, extension_role="supervisor",
         source="办理法律援助案件程序规定 (2023) arts 19-20", confidence="V", show_to_worker=True),
    # The station's own deadline, not the worker's: the worker's page says a lawyer will be assigned.
    dict(code="legal_aid_assignment", name="指派承办人员", track="legal_aid",
         start_on=["aid_granted"], satisfy_on=["lawyer_assigned", "aid_closed"],
         length=3, unit="cd", source="办理法律援助案件程序规定 (2023) art 24", confidence="V", show_to_worker=False),
    dict(code="legal_aid_agreement", name="签订委托代理协议", track="legal_aid",
         start_on=["lawyer_assigned"], satisfy_on=["aid_agreement_signed", "aid_closed"],
         length=5, unit="cd", source="办理法律援助案件程序规定 (2023) art 27", confidence="V"),
    dict(code="petition_forwarding", name="信访登记转送", track="petition",
         start_on=["registered:petition"], satisfy_on=["referral_offered", *ENDS],
         length=15, unit="cd", source="信访工作条例 art 22", confidence="V"),
    dict(code="petition_handling", name="信访事项办理", track="petition",
         start_on=["registered:petition"],
         satisfy_on=["close", "settle", "award", "confirm_correction", "decide_penalty", "confirm", "court_result",
                     "redirect", "reject_application"],
         pause_on=["suspend"], resume_on=["resume"],
         length=60, unit="cd", extension_length=30, extension_role="supervisor",
         source="信访工作条例 art 34", confidence="V", show_to_worker=True,
         notes="Registration at the window is the acceptance; any decision that answers the petitioner meets it."),
    # Limitation periods are computed at intake from the dates given, not run as clocks.
    dict(code="arbitration_limitation", name="仲裁时效", track="limitation", start_on=[], satisfy_on=[],
         length=1, unit="year", source="劳动争议调解仲裁法 art 27", confidence="V",
         notes="Wage arrears during employment: no limitation while employed; one year after it ends."),
    dict(code="inspection_limitation", name="监察时效", track="limitation", start_on=[], satisfy_on=[],
         length=2, unit="year", source="劳动保障监察条例 art 20", confidence="V",
         notes="Two years from the violation, or from its end if it continued."),
    # The wage-arrears list (compliance.services): the decision within 20 working days after the order to pay's
    # deadline (the proposal sets due_on), the employer's objections within 5 working days of the notice.
    dict(code="blacklist_decision", name="失信名单列入决定", track="compliance",
         start_on=["blacklist_proposed"],
         satisfy_on=["blacklist_decided", "blacklist_not_listed", "blacklist_decision_extended", *ENDS],
         length=0, unit="set", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）art 8",
         confidence="V", notes="Counted from the expiry of the order to pay's deadline; 20 more working days when "
                               "complex, with approval (clock blacklist_decision_extended)."),
    dict(code="blacklist_decision_extended", name="失信名单列入决定（延长）", track="compliance",
         start_on=["blacklist_decision_extended"], satisfy_on=["blacklist_decided", "blacklist_not_listed", *ENDS],
         length=0, unit="set", extension_role="supervisor", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）art 8",
         confidence="V", notes="Complex cases: 20 more working days, approved by the department's head "
                               "(the supervisor records the approval; compliance.services.listing_decision_extend)."),
    dict(code="blacklist_objection", name="失信名单列入异议期", track="compliance",
         start_on=["blacklist_notified"], satisfy_on=["blacklist_objection_received", "blacklist_decided",
                                                      "blacklist_not_listed", *ENDS],
         length=5, unit="wd", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）art 6",
         confidence="V", notes="The employer may object within 5 working days of the notice; the department verifies within 5."),
    dict(code="blacklist_objection_review", name="失信名单异议核实", track="compliance",
         start_on=["blacklist_objection_received"],
         satisfy_on=["blacklist_objection_reviewed", "blacklist_decided", "blacklist_not_listed"],
         length=5, unit="wd", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）art 6", confidence="V",
         notes="The department verifies the employer's statement within 5 working days of receiving it."),
    # The decision sets the term's end (compliance.services: three calendar years, no holiday calendar needed).
    dict(code="blacklist_term", name="失信名单列入期限（三年）", track="compliance",
         # blacklist_relisted: an early removal revoked for false information counts the term again (art 15).
         start_on=["blacklist_decided", "blacklist_relisted"], satisfy_on=["blacklist_removed"],
         length=0, unit="set", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）art 11; art 17", confidence="V",
         notes="Three years from the decision; removed (publication stopped, removal shared) within 10 working "
               "days of the term's end: the daily sweep removes a listing on the day its term ends."),
    dict(code="blacklist_early_removal", name="失信名单提前移出审核", track="compliance",
         start_on=["blacklist_removal_applied"], satisfy_on=["blacklist_removed", "blacklist_removal_refused"],
         length=15, unit="wd", source="拖欠农民工工资失信联合惩戒对象名单管理暂行办法（人社部令第45号）arts 12-14", confidence="V",
         notes="Decided within 15 working days of the application; granted when wages were paid, 6 months have "
               "passed since, and a written credit promise is given; barred by a new default or criminal proceedings."),
]

# Local service levels, not periods of the law: the green channel's (measure 11). Loaded with is_local set
# (deadlines/0014), apart from RULES, which the earlier migrations load. They run beside the statutory clocks,
# never instead of them; taking a case out of the channel ends them.
LOCAL_RULES = [
    dict(code="green_channel_first_action", name="绿色通道：首次处理", track="green_channel",
         start_on=["priority_marked"],
         satisfy_on=["referral_offered", "accept_application", "reject_application", "order_correction", "settle",
                     "agree", "redirect", "priority_cleared", *ENDS],
         length=2, unit="wd", remind_before=1,
         source="潍人社字〔2023〕58号《加强灵活就业劳动者社会保障工作的二十二条措施》第十一条（维权绿色通道）",
         confidence="M", show_to_worker=False,
         notes="本地服务标准：纳入绿色通道后2个工作日内作出首次处理（移交或决定）。该措施未规定期限，可在管理后台调整。"),
    dict(code="green_channel_acceptance", name="绿色通道：接收单位受理", track="green_channel",
         start_on=["referral_offered:priority"],
         satisfy_on=["referral_accepted", "referral_declined", "referral_withdrawn", "priority_cleared"],
         length=1, unit="wd", remind_before=0,
         source="潍人社字〔2023〕58号《加强灵活就业劳动者社会保障工作的二十二条措施》第十一条（维权绿色通道）",
         confidence="M",
         notes="本地服务标准：绿色通道案件的移交在1个工作日内受理或退回，与法定或一般受理期限并行。该措施未规定期限，可在管理后台调整。"),
]
