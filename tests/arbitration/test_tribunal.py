"""The tribunal: sole or three, arbitrators of this commission only, three for a collective dispute; recusals."""

import pytest

from arbitration.models import RecusalRequest, TribunalMember
from arbitration.services import recusal_decide, recusal_request, tribunal_compose, tribunal_is_complete
from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.models import Organization, OrgKind, Role
from disputes.models import Case, CaseEvent
from tests.conftest import make_staff

from .conftest import fresh

pytestmark = pytest.mark.django_db


def compose(case, actor, arbitrators, presiding=None):
    return tribunal_compose(case_id=case.pk, actor=actor, version=fresh(case).version, arbitrators=arbitrators,
                            presiding=presiding)


def sitting(case):
    return set(TribunalMember.objects.filter(file__case=case, removed_at__isnull=True).values_list("arbitrator__username", flat=True))


def test_a_sole_arbitrator_is_composed_and_the_parties_are_told(accepted, arb):
    case = accepted()
    assert case.clocks.get(rule__code="tribunal_notice").state == "running"
    file = compose(case, arb.arbitrator, [arb.arbitrator2])
    # Composing the tribunal meets the five-day tribunal-notice deadline (LDMAL art 32).
    assert case.clocks.get(rule__code="tribunal_notice").state == "satisfied"
    assert file.tribunal_kind == "sole" and tribunal_is_complete(file)
    assert TribunalMember.objects.get(file=file).is_presiding
    event = CaseEvent.objects.get(case=case, action="tribunal_composed")
    assert event.is_public and event.payload["kind"] == "sole"
    with pytest.raises(Conflict):
        compose(case, arb.arbitrator, [arb.arbitrator3])


def test_three_arbitrators_need_a_presiding_member_among_them(accepted, arb):
    case = accepted()
    with pytest.raises(ValidationFailed):
        compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator4)
    with pytest.raises(ValidationFailed):
        compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2])
    with pytest.raises(ValidationFailed):
        compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator, arb.arbitrator2], presiding=arb.arbitrator)
    file = compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator2)
    assert file.tribunal_kind == "three"
    assert TribunalMember.objects.get(file=file, is_presiding=True).arbitrator == arb.arbitrator2


def test_a_collective_dispute_requires_three_arbitrators(accepted, arb):
    case = accepted()
    Case.objects.filter(pk=case.pk).update(is_collective=True)
    with pytest.raises(ValidationFailed) as exc:
        compose(case, arb.arbitrator, [arb.arbitrator])
    assert "arbitrators" in exc.value.fields and sitting(case) == set()
    compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
    assert sitting(case) == {"arbitrator", "arbitrator2", "arbitrator3"}


def test_the_summary_procedure_has_a_sole_arbitrator(accepted, arb):
    case = accepted(procedure="summary")
    with pytest.raises(ValidationFailed):
        compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)


def test_only_arbitrators_of_the_commission_or_its_institutes_sit(accepted, arb, orgs):
    case = accepted()
    elsewhere = Organization.objects.create(name="青州市劳动人事争议仲裁委员会", kind=OrgKind.ARBITRATION)
    foreign = make_staff(elsewhere, Role.ARBITRATOR, "qz-arbitrator")
    for not_eligible in (arb.clerk, arb.chair, foreign):
        with pytest.raises(ValidationFailed):
            compose(case, arb.arbitrator, [not_eligible])
    branch = Organization.objects.create(name="潍城区劳动人事争议仲裁院派出庭", kind=OrgKind.ARBITRATION, parent=arb.org)
    branch_arbitrator = make_staff(branch, Role.ARBITRATOR, "branch-arbitrator")
    compose(case, arb.arbitrator, [branch_arbitrator])
    assert sitting(case) == {"branch-arbitrator"}


def test_composing_refuses_the_wrong_role_org_version_and_state(accepted, in_review, arb, people):
    case = accepted()
    with pytest.raises(PermissionDenied):
        compose(case, arb.clerk, [arb.arbitrator])
    with pytest.raises(PermissionDenied):
        compose(case, people["clerk"], [arb.arbitrator])
    with pytest.raises(Conflict):
        tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=case.version - 1, arbitrators=[arb.arbitrator])
    review = in_review()
    with pytest.raises(TransitionRefused):
        compose(review, arb.arbitrator, [arb.arbitrator])
    assert not TribunalMember.objects.exists()


def test_a_granted_recusal_empties_the_seat_and_the_tribunal_is_recomposed_without_them(accepted, arb):
    case = accepted()
    compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
    with pytest.raises(ValidationFailed):
        recusal_request(case_id=case.pk, actor=arb.clerk, version=fresh(case).version, arbitrator=arb.arbitrator2,
                        ground="bribery", by_party="respondent")
    with pytest.raises(ValidationFailed):  # not on the tribunal
        recusal_request(case_id=case.pk, actor=arb.clerk, version=fresh(case).version, arbitrator=arb.arbitrator4,
                        ground="interest", by_party="respondent")
    recusal = recusal_request(case_id=case.pk, actor=arb.clerk, version=fresh(case).version,
                              arbitrator=arb.arbitrator2, ground="close_relative", by_party="respondent",
                              statement="仲裁员系申请人表兄")
    with pytest.raises(Conflict):
        recusal_request(case_id=case.pk, actor=arb.clerk, version=fresh(case).version, arbitrator=arb.arbitrator2,
                        ground="interest", by_party="applicant")
    # The chair decides, not an arbitrator.
    with pytest.raises(PermissionDenied):
        recusal_decide(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, recusal_id=recusal.pk,
                       granted=True)
    recusal_decide(case_id=case.pk, actor=arb.chair, version=fresh(case).version, recusal_id=recusal.pk,
                   granted=True, reason="近亲属关系属实")
    assert sitting(case) == {"arbitrator", "arbitrator3"}
    file = fresh(case).arbitration_file
    assert not tribunal_is_complete(file)
    decided = CaseEvent.objects.get(case=case, action="recusal_decided")
    assert decided.is_public and decided.payload["granted"] is True
    with pytest.raises(Conflict):
        recusal_decide(case_id=case.pk, actor=arb.chair, version=fresh(case).version, recusal_id=recusal.pk,
                       granted=False)
    with pytest.raises(ValidationFailed):
        compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator2, arb.arbitrator3], presiding=arb.arbitrator)
    compose(case, arb.arbitrator, [arb.arbitrator, arb.arbitrator3, arb.arbitrator4], presiding=arb.arbitrator)
    assert sitting(case) == {"arbitrator", "arbitrator3", "arbitrator4"}
    assert tribunal_is_complete(fresh(case).arbitration_file)


def test_a_refused_recusal_leaves_the_member_sitting(accepted, arb):
    case = accepted()
    compose(case, arb.arbitrator, [arb.arbitrator2])
    recusal = recusal_request(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                              arbitrator=arb.arbitrator2, ground="other_relationship", by_party="applicant")
    recusal_decide(case_id=case.pk, actor=arb.chair, version=fresh(case).version, recusal_id=recusal.pk,
                   granted=False, reason="所述关系不影响公正裁决")
    assert sitting(case) == {"arbitrator2"}
    assert RecusalRequest.objects.get(pk=recusal.pk).granted is False
