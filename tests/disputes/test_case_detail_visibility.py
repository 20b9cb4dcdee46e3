"""Who may open a case's file: case_detail reads the handling and first-receiving organisations off the row
and asks cases_visible_to (the one rule) for anyone else; both must always agree."""

import pytest

from core.errors import NotFound
from disputes.models import Case
from disputes.selectors import case_detail, cases_visible_to
from disputes.services import referral_decline, referral_offer

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "arbitrator", "inspector", "mediator", "legal_aid", "judge", "outsider")


def opens(user, case) -> bool:
    try:
        return case_detail(user=user, case_id=case.pk).pk == case.pk
    except NotFound:
        return False


def assert_agrees_with_the_rule(people, case):
    for role in ROLES:
        assert opens(people[role], case) == cases_visible_to(people[role]).filter(pk=case.pk).exists(), role


def test_the_receiving_window_opens_its_case_and_others_do_not(people, case):
    assert opens(people["clerk"], case)
    assert not opens(people["outsider"], case) and not opens(people["arbitrator"], case)
    assert_agrees_with_the_rule(people, case)


def test_an_organisation_offered_the_case_opens_it_until_it_declines(people, orgs, case):
    referral = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    assert opens(people["arbitrator"], case)
    assert_agrees_with_the_rule(people, case)

    referral_decline(referral_id=referral.pk, actor=people["arbitrator"], code="out_of_jurisdiction", reason="不属本院管辖")

    assert not opens(people["arbitrator"], case)
    assert opens(people["clerk"], case)  # the first-receiving window still answers for it
    assert_agrees_with_the_rule(people, Case.objects.get(pk=case.pk))


def test_a_case_that_does_not_exist_and_one_that_is_not_yours_look_the_same(people, case):
    with pytest.raises(NotFound) as missing:
        case_detail(user=people["clerk"], case_id=case.pk + 1000)
    with pytest.raises(NotFound) as not_yours:
        case_detail(user=people["outsider"], case_id=case.pk)
    assert str(missing.value) == str(not_yours.value)


def test_the_file_comes_with_its_parties_and_people_as_the_orm_would_give_them(people, case):
    detail = case_detail(user=people["clerk"], case_id=case.pk)
    orm = Case.objects.select_related("worker", "employer", "owner_org", "first_handler").get(pk=case.pk)

    assert {k: v for k, v in vars(detail).items() if not k.startswith("_")} == {
        k: v for k, v in vars(orm).items() if not k.startswith("_")
    }
    assert vars(detail.worker) | {"_state": None} == vars(orm.worker) | {"_state": None}
    assert detail.employer.credit_code == orm.employer.credit_code and detail.owner_org == orm.owner_org
    assert detail.first_handler == orm.first_handler and detail.claims.count() == len(detail.claims.all())


def test_the_referrals_come_as_the_orm_would_give_them_newest_first(people, orgs, case):
    from disputes.models import Referral
    from disputes.selectors import case_referrals

    declined = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                              purpose="arbitration", expected_version=case.version)
    referral_decline(referral_id=declined.pk, actor=people["arbitrator"], code="out_of_jurisdiction", reason="不属本院管辖")
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=Case.objects.get(pk=case.pk).version)

    written = case_referrals(case=case)
    orm = list(Referral.objects.filter(case=case).select_related("from_org", "to_org", "offered_by", "decided_by")
               .order_by("-offered_at", "-id"))

    def described(r):
        return ({k: v for k, v in vars(r).items() if not k.startswith("_")},
                r.from_org.name, r.to_org.name, r.offered_by.username, r.decided_by and r.decided_by.username)

    assert [described(r) for r in written] == [described(r) for r in orm]
    assert [r.to_org_id for r in written] == [orgs["inspection"].pk, orgs["arbitration"].pk]
    assert written[1].decided_by == people["arbitrator"] and written[0].decided_by is None
