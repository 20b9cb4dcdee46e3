"""The inspection's written decisions carry official numbers from the organisation's patterns: one series per
organisation, kind and year, never a made-up form."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from core.models import Division, Organization, OrgKind
from core.sequences import Sequence
from demo.data import seed_organizations
from disputes.models import CaseEvent, Document, Referral
from disputes.services import referral_offer
from documents.models import NumberKind, NumberPattern
from documents.numbering import NumberingNotConfigured, ensure_default_number_patterns
from inspection.models import CorrectionOrder, FilingDecision
from inspection.services import (
    correction_order_issue,
    employer_statement_record,
    inspection_refuse,
    penalty_decide,
    penalty_propose,
)
from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def refuse(register, offer_to_inspection, actor, **overrides):
    case = register(violation_started_on=D(2026, 3, 2), **overrides).case
    referral = offer_to_inspection(case)
    return inspection_refuse(referral_id=referral.pk, actor=actor, reason_code="out_of_scope", reason="属劳动争议")


def order(case, actor, due_on=D(2026, 6, 30)):
    return correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=actor, version=fresh(case).version, due_on=due_on,
                                  items=[{"kind": "wages", "amount": "8600.00"}])


def test_each_kind_has_its_own_series_numbered_in_order(filed, register, offer_to_inspection, team):
    first, second = filed(seed=1), filed(seed=2)
    with at("2026-06-02"):
        orders = [order(first, team["lead"]), order(second, team["lead"])]
        refusal = refuse(register, offer_to_inspection, team["lead"], seed=3)
        proposal = penalty_propose(case_id=first.pk, actor=team["lead"], version=fresh(first).version, article="30",
                                   workers=0, amount="2000", facts="拒绝提供工资台账")
    assert [o.number for o in orders] == ["潍城人社监令字〔2026〕第1号", "潍城人社监令字〔2026〕第2号"]
    assert refusal.number == "潍城人社监不立字〔2026〕第1号"
    assert proposal.notice_number == "潍城人社罚告字〔2026〕第1号"
    assert CaseEvent.objects.get(case=refusal.case, action="inspection_refused").payload["number"] == refusal.number


def test_the_numbers_restart_each_year(register, offer_to_inspection, team):
    # Only numbering is asserted: 2027 has no official calendar, so clocks of 2027 record the gap.
    with at("2026-12-28"):
        december = [refuse(register, offer_to_inspection, team["lead"], seed=s) for s in (1, 2)]
    with at("2027-01-04"):
        january = refuse(register, offer_to_inspection, team["lead"], seed=3)
    assert [d.number for d in december] == ["潍城人社监不立字〔2026〕第1号", "潍城人社监不立字〔2026〕第2号"]
    assert january.number == "潍城人社监不立字〔2027〕第1号"


def test_each_organisation_numbers_its_own_decisions(register, team, people, orgs):
    qingzhou, inspector = team["stranger_org"], team["stranger"]
    qingzhou.division = Division.objects.get(code="370781")
    qingzhou.save()
    ensure_default_number_patterns(qingzhou)
    numbers = []
    with at("2026-06-01"):
        for org, actor, seed in [(orgs["inspection"], team["lead"], 1), (qingzhou, inspector, 2),
                                 (orgs["inspection"], team["lead"], 3)]:
            case = register(violation_started_on=D(2026, 3, 2), seed=seed).case
            referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=org.pk, purpose="inspection",
                                      expected_version=fresh(case).version)
            numbers.append(inspection_refuse(referral_id=referral.pk, actor=actor, reason_code="out_of_jurisdiction",
                                             reason="用人单位不在本辖区").number)
    assert numbers == ["潍城人社监不立字〔2026〕第1号", "青州人社监不立字〔2026〕第1号", "潍城人社监不立字〔2026〕第2号"]


def test_proposals_decided_together_share_the_decisions_number(filed, team):
    case = filed()
    with at("2026-06-02"):
        for article, workers, amount in [("25", 2, "600"), ("30", 0, "2000")]:
            penalty_propose(case_id=case.pk, actor=team["lead"], version=fresh(case).version, article=article,
                            workers=workers, amount=amount, facts="经调查核实")
        employer_statement_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, kind="waived")
        decided = penalty_decide(case_id=case.pk, actor=team["head"], version=fresh(case).version)
    assert {p.decision_number for p in decided} == {"潍城人社罚决字〔2026〕第1号"}
    assert [p.notice_number for p in decided] == ["潍城人社罚告字〔2026〕第1号", "潍城人社罚告字〔2026〕第2号"]
    assert Document.objects.filter(case=case, kind="penalty_decision").count() == 1


def test_without_a_pattern_the_order_is_refused_and_nothing_is_numbered_or_issued(filed, team, orgs):
    case = filed()
    NumberPattern.objects.filter(issuer=orgs["inspection"], kind=NumberKind.CORRECTION_ORDER).delete()
    with at("2026-06-02"), pytest.raises(NumberingNotConfigured) as exc:
        order(case, team["lead"])
    assert exc.value.code == "numbering_not_configured"
    assert orgs["inspection"].name in str(exc.value.message)
    after = fresh(case)
    assert (after.status, after.version) == ("inspection", case.version)
    assert not CorrectionOrder.objects.exists()
    assert not Document.objects.filter(case=case, kind="correction_order").exists()
    assert not Sequence.objects.filter(series__contains="correction_order").exclude(last=0).exists()

    # Once an administrator enters the pattern, the first order of the year is number 1.
    ensure_default_number_patterns(orgs["inspection"])
    with at("2026-06-02"):
        assert order(case, team["lead"]).number == "潍城人社监令字〔2026〕第1号"


def test_a_refusal_without_a_pattern_leaves_the_referral_open(register, offer_to_inspection, team, orgs):
    NumberPattern.objects.filter(issuer=orgs["inspection"]).delete()
    with at("2026-06-01"):
        case = register(violation_started_on=D(2026, 3, 2)).case
        referral = offer_to_inspection(case)
        with pytest.raises(NumberingNotConfigured):
            inspection_refuse(referral_id=referral.pk, actor=team["lead"], reason_code="out_of_scope", reason="x")
    assert Referral.objects.get(pk=referral.pk).state == "offered"
    assert not FilingDecision.objects.exists()


def test_default_patterns_follow_the_place_and_never_overwrite_an_administrators(orgs, division):
    city = Organization.objects.create(name="潍坊市劳动保障监察支队", kind=OrgKind.INSPECTION)
    assert {p.kind: p.pattern for p in ensure_default_number_patterns(city)} == {
        "filing_rejection": "潍人社监不立字〔{year}〕第{seq}号",
        "correction_order": "潍人社监令字〔{year}〕第{seq}号",
        "penalty_notice": "潍人社罚告字〔{year}〕第{seq}号",
        "penalty_decision": "潍人社罚决字〔{year}〕第{seq}号",
        "listing_notice": "潍人社失信告字〔{year}〕第{seq}号",
        "listing_decision": "潍人社失信决字〔{year}〕第{seq}号",
        "listing_removal": "潍人社失信移字〔{year}〕第{seq}号",
    }
    entered = NumberPattern.objects.create(issuer=orgs["inspection"], kind=NumberKind.CORRECTION_ORDER,
                                               pattern="潍城人社监察令〔{year}〕{seq}号")
    ensure_default_number_patterns(orgs["inspection"])
    assert NumberPattern.objects.get(pk=entered.pk).pattern == "潍城人社监察令〔{year}〕{seq}号"
    assert NumberPattern.objects.filter(issuer=orgs["inspection"]).count() == 7
    with pytest.raises(ValueError):  # a commission does not issue orders to correct
        ensure_default_number_patterns(orgs["arbitration"], kinds=[NumberKind.CORRECTION_ORDER])
    with pytest.raises(ValueError):  # the window issues no numbered document
        ensure_default_number_patterns(orgs["window"])


def test_the_demo_inspection_organisations_get_their_patterns(division):
    orgs = seed_organizations()
    patterns = {(p.issuer.name, p.kind): p.pattern for p in NumberPattern.objects.select_related("issuer")}
    assert patterns[("潍城区劳动保障监察大队", "correction_order")] == "潍城人社监令字〔{year}〕第{seq}号"
    assert patterns[("青州市劳动保障监察大队", "penalty_decision")] == "青州人社罚决字〔{year}〕第{seq}号"
    assert patterns[("潍坊市劳动保障监察支队", "filing_rejection")] == "潍人社监不立字〔{year}〕第{seq}号"
    inspection = [o for o in orgs.values() if o.kind == OrgKind.INSPECTION]
    assert NumberPattern.objects.filter(issuer__in=inspection).count() == 7 * len(inspection)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="insp-admin", password="pw-insp-admin")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_administrator_enters_an_inspection_pattern_and_a_mismatched_one_is_refused(admin_client, orgs):
    url = reverse("admin:documents_numberpattern_add")
    wrong = admin_client.post(url, {"issuer": orgs["arbitration"].pk, "kind": "correction_order",
                                    "pattern": "潍城劳人仲令字〔{year}〕第{seq}号"})
    assert wrong.status_code == 200 and "issued by an organisation of kind" in wrong.content.decode()
    assert not NumberPattern.objects.filter(issuer=orgs["arbitration"]).exists()

    entered = admin_client.post(url, {"issuer": orgs["inspection"].pk, "kind": "correction_order",
                                      "pattern": "潍城人社监令字〔{year}〕第{seq}号"})
    assert entered.status_code == 302
    pattern = NumberPattern.objects.get(issuer=orgs["inspection"])
    assert (pattern.issuer, pattern.kind, pattern.series) == (
        orgs["inspection"], "correction_order", f"number:{orgs['inspection'].pk}:correction_order")
