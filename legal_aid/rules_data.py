"""The default eligibility rules of legal aid (statutory-rules §5), as data with their sources.

A migration loads them; an administrator corrects them in the admin (legal_aid.EligibilityRule). The county's
minimum living allowance (低保) the hardship test multiplies is entered per county and year
(legal_aid.LivingAllowance), never assumed.
"""

RULES = [
    dict(code="migrant_pay_or_injury", name="进城务工人员请求支付劳动报酬或者工伤赔偿（免予经济困难审查）",
         kind="exempt", categories=["migrant_pay", "migrant_injury"],
         source="中华人民共和国法律援助法 art 42(2)", basis="《中华人民共和国法律援助法》第四十二条", confidence="V",
         notes="No means test for migrant workers claiming pay or work-injury compensation."),
    dict(code="assistance_recipient", name="社会救助、司法救助对象（免予经济困难审查）",
         kind="exempt", categories=["assistance"],
         source="中华人民共和国法律援助法 art 42(3)", basis="《中华人民共和国法律援助法》第四十二条", confidence="V",
         notes="Recipients of minimum-living, extreme-poverty or judicial assistance: no means test."),
    dict(code="shandong_hardship", name="经济困难标准：低于上年度县级最低生活保障标准的2倍",
         kind="hardship", categories=["other"], multiplier="2.00",
         source="山东省法律援助条例 (2015) art 8",
         basis="《中华人民共和国法律援助法》第三十四条、《山东省法律援助条例》第八条", confidence="V",
         notes="Household income per person per month below 2 × the previous year's 低保 of the county where the "
               "legal-aid body sits. The factor may have been revised since the 2021 national law: kept as data."),
    dict(code="urgent_limitation", name="时效期间届满不足七日：先行提供法律援助",
         kind="urgent", categories=[], days=7,
         source="中华人民共和国法律援助法 art 44(1)", basis="《中华人民共和国法律援助法》第四十四条", confidence="M",
         notes="Aid first, review and materials later, when fewer than 7 days remain on a limitation period."),
]

# Where an applicant takes an objection to a refusal, and what follows, as the refusal states it. A union station
# gives aid under art 68 (群团组织 "参照适用本法"), so the objection goes to the justice administration department
# (司法行政部门), not to the union; each station names that department in its profile (StationProfile.objection_body).
# Checked against the predecessor rules the search found, which route it the same way: 法律援助条例 (2003) art 19
# ("向确定该法律援助机构的司法行政部门提出", 5 working days: huarong.gov.cn/33469/content_1019080.html) and
# 山东省法律援助条例 art 17 (old.wfbb.gov.cn/linqu/list_show.asp?sNewsID=3762). The 2021 law's own text was not
# found by the search: confidence M until checked against the official text (flk.npc.gov.cn).
OBJECTION = dict(
    source="中华人民共和国法律援助法 (2021) art 49; art 68 for union stations",
    basis="《中华人民共和国法律援助法》第四十九条",
    # The law's own words, printed when a station has not named its department.
    default_body="设立法律援助机构的司法行政部门",
    review_days=5,
    confidence="M",
)
