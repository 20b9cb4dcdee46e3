"""Official numbers come from the commission's pattern, restart every year and are never made up."""

import pytest
from django.core.exceptions import ValidationError

from arbitration.models import ArbitrationFile
from arbitration.services import (
    application_accept,
    application_reject,
    commission_of,
    ensure_default_patterns,
)
from core.errors import TransitionRefused
from core.models import Division, Organization, OrgKind, Role
from disputes.models import CaseEvent
from documents.models import NumberKind, NumberPattern, validate_pattern
from documents.numbering import NumberingNotConfigured
from tests.conftest import make_staff

from .conftest import at, fresh

pytestmark = pytest.mark.django_db


def accept(case, actor):
    return application_accept(case_id=case.pk, actor=actor, version=fresh(case).version)


def test_it_numbers_accepted_cases_from_the_commission_pattern_in_order(in_review, arb):
    with at("2026-03-02"):
        first, second = in_review(), in_review()
        accept(first, arb.arbitrator)
        accept(second, arb.arbitrator)
    numbers = [ArbitrationFile.objects.get(case=c).official_number for c in (first, second)]
    assert numbers == ["潍城劳人仲案字〔2026〕第1号", "潍城劳人仲案字〔2026〕第2号"]
    event = CaseEvent.objects.get(case=first, action="arbitration_number_assigned")
    assert event.is_public and event.payload["number"] == numbers[0]


def test_it_restarts_the_numbers_each_year_and_keeps_rejections_in_their_own_series(in_review, arb):
    # Only numbering is asserted here: 2027 has no official calendar, so clocks of 2027 record the gap.
    with at("2026-12-28"):
        dec_a, dec_b, dec_rejected = in_review(), in_review(), in_review()
        accept(dec_a, arb.arbitrator)
        accept(dec_b, arb.arbitrator)
        application_reject(case_id=dec_rejected.pk, actor=arb.arbitrator, version=dec_rejected.version,
                           reason_code="out_of_jurisdiction", reason="用人单位及劳动合同履行地均不在本区")
    with at("2027-01-04"):
        jan = in_review()
        accept(jan, arb.arbitrator)
    files = {c.pk: ArbitrationFile.objects.get(case=c) for c in (dec_a, dec_b, dec_rejected, jan)}
    assert files[dec_b.pk].official_number == "潍城劳人仲案字〔2026〕第2号"
    assert files[dec_rejected.pk].rejection_number == "潍城劳人仲案不字〔2026〕第1号"
    assert files[dec_rejected.pk].official_number == ""
    assert files[jan.pk].official_number == "潍城劳人仲案字〔2027〕第1号"


def test_it_refuses_to_accept_when_the_commission_has_no_pattern_and_changes_nothing(in_review, arb):
    with at("2026-03-02"):
        case = in_review()
        NumberPattern.objects.filter(issuer=arb.org, kind=NumberKind.ACCEPT).delete()
        with pytest.raises(NumberingNotConfigured) as exc:
            accept(case, arb.arbitrator)
    assert arb.org.name in str(exc.value.message)
    after = fresh(case)
    assert (after.status, after.version) == ("arbitration_review", case.version)
    assert not CaseEvent.objects.filter(case=case, action="accept_application").exists()


def test_an_institute_numbers_with_its_parent_commissions_pattern(register, people, in_review):
    weifang = Division.objects.get(code="370702")
    commission = Organization.objects.create(name="潍坊市劳动人事争议仲裁委员会", kind=OrgKind.ARBITRATION)
    institute = Organization.objects.create(name="潍坊市劳动人事争议仲裁院", kind=OrgKind.ARBITRATION,
                                            parent=commission, division=weifang)
    arbitrator = make_staff(institute, Role.ARBITRATOR, "city-arbitrator")
    assert commission_of(institute) == commission
    created = ensure_default_patterns(institute)  # given the institute, the patterns go to its commission
    assert {p.issuer for p in created} == {commission}
    with at("2026-03-02"):
        case = in_review(org=institute, receiver=arbitrator)
        accept(case, arbitrator)
    assert ArbitrationFile.objects.get(case=case).official_number == "潍劳人仲案字〔2026〕第1号"


def test_default_patterns_never_overwrite_an_administrators_pattern(arb):
    pattern = NumberPattern.objects.get(issuer=arb.org, kind=NumberKind.ACCEPT)
    pattern.pattern = "潍城劳人仲字（{year}）第{seq}号"
    pattern.save()
    ensure_default_patterns(arb.org)
    assert NumberPattern.objects.get(pk=pattern.pk).pattern == "潍城劳人仲字（{year}）第{seq}号"
    assert NumberPattern.objects.filter(issuer=arb.org).count() == 2


@pytest.mark.parametrize("bad", ["潍劳人仲案字〔{year}〕号", "潍劳人仲案字〔{year}〕第{n}号", "潍劳人仲案字{seq"])
def test_a_pattern_without_seq_or_with_unknown_placeholders_is_invalid(bad):
    with pytest.raises(ValidationError):
        validate_pattern(bad)


def test_a_case_outside_arbitration_gets_no_number(case, people):
    with pytest.raises(TransitionRefused):
        # The window's supervisor owns a registered case, but it is not under review.
        application_accept(case_id=case.pk, actor=people["supervisor"], version=case.version)
