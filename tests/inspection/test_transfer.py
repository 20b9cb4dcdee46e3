"""A dispute matter goes to arbitration (监察条例 art 21) with the file and the limitation interruption."""

import datetime

import pytest

from core.errors import NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from disputes.models import Case, CaseEvent, Referral
from disputes.services import referral_accept
from inspection.models import ArbitrationTransfer
from inspection.selectors import inspection_file
from inspection.services import correction_order_issue, inspection_transfer_to_arbitration, statement_record, visit_record
from tests.conftest import accept_for_arbitration

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date


def transfer(case, actor, to_org, note="属劳动争议，移送仲裁"):
    return inspection_transfer_to_arbitration(case_id=case.pk, actor=actor, version=fresh(case).version,
                                              to_org_id=to_org.pk, note=note)


def test_the_arbitration_institute_receives_the_whole_file_with_the_interruption_recorded(filed, team, people, orgs):
    case = filed()  # registered Mon 1 Jun 2026
    with at("2026-06-03"):
        visit_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, visited_on=D(2026, 6, 3),
                     place="单位办公室", inspector_ids=[team["lead"].pk, team["second"].pk], findings="双方对解除合同有争议")
        statement_record(case_id=case.pk, actor=team["lead"], version=fresh(case).version, who="employer",
                         name="李经理", taken_on=D(2026, 6, 3), summary="主张系劳务关系")
    with at("2026-06-10"):
        t = transfer(case, team["lead"], orgs["arbitration"])
    assert t.limitation_interrupted_on == D(2026, 6, 1)  # the day of the complaint, not of the transfer
    assert (t.interruption_source, t.note, t.referral.purpose, t.referral.state) == (
        "劳动争议调解仲裁法 art 27", "属劳动争议，移送仲裁", "arbitration", "offered")
    event = CaseEvent.objects.get(case=case, action="limitation_interrupted")
    assert event.payload["interrupted_on"] == "2026-06-01"

    # Offered: the institute already reads what the inspectors found and the interruption.
    seen = inspection_file(user=people["arbitrator"], case_id=case.pk)
    assert [v.findings for v in seen.visits] == ["双方对解除合同有争议"]
    assert [s.name for s in seen.statements] == ["李经理"]
    assert [x.limitation_interrupted_on for x in seen.transfers] == [D(2026, 6, 1)]
    assert [f.decision for f in seen.filing_decisions] == ["filed"]

    with at("2026-06-11"):
        referral_accept(referral_id=t.referral_id, actor=people["arbitrator"])
        accept_for_arbitration(case, people["arbitrator"])
    after = fresh(case)
    assert (after.status, after.owner_org, after.pk) == ("arbitration", orgs["arbitration"], case.pk)
    # Same case, same claims and worker: nothing re-entered.
    assert list(after.claims.values_list("type", "amount")) == list(case.claims.values_list("type", "amount"))
    seen = inspection_file(user=people["arbitrator"], case_id=case.pk)
    assert len(seen.visits) == 1 and len(seen.transfers) == 1


def test_a_transfer_from_the_order_stage_is_refused(filed, team, orgs):
    case = filed()
    with at("2026-06-05"):
        correction_order_issue(findings="拖欠劳动者工资", case_id=case.pk, actor=team["lead"], version=fresh(case).version, due_on=D(2026, 6, 15),
                               items=[{"kind": "wages", "amount": "100.00"}])
        with pytest.raises(TransitionRefused):
            transfer(case, team["lead"], orgs["arbitration"])
    assert not Referral.objects.filter(case=case, purpose="arbitration").exists()
    assert not ArbitrationTransfer.objects.exists()


def test_a_transfer_goes_only_to_an_arbitration_body(filed, team, orgs):
    case = filed()
    with at("2026-06-05"), pytest.raises(ValidationFailed):
        transfer(case, team["lead"], orgs["mediation"])
    assert not ArbitrationTransfer.objects.exists() and fresh(case).version == case.version


@pytest.mark.parametrize("who", ["clerk", "stranger"])
def test_only_the_handling_inspectors_transfer(filed, team, orgs, who):
    case = filed()
    with at("2026-06-05"), pytest.raises(PermissionDenied):
        transfer(case, team[who], orgs["arbitration"])
    assert not Referral.objects.filter(case=case, purpose="arbitration").exists()


def test_an_outsider_cannot_read_the_inspection_file(filed, people):
    case = filed()
    with pytest.raises(NotFound):
        inspection_file(user=people["outsider"], case_id=case.pk)
    assert Case.objects.filter(pk=case.pk).exists()
