"""The order to correct (责令改正) and the employer's compliance."""

import datetime
from decimal import Decimal

import pytest

from core.errors import PermissionDenied, TransitionRefused, ValidationFailed
from deadlines.models import Clock
from disputes.models import CaseEvent
from inspection.models import ComplianceRecord, CorrectionOrder, InspectionClosure
from inspection.services import compliance_record, correction_order_issue

from .conftest import at, fresh

pytestmark = pytest.mark.django_db
D = datetime.date
ITEMS = [
    {"kind": "wages", "amount": "8600.00", "workers": 3, "description": "2026年4-5月工资"},
    {"kind": "overtime", "amount": Decimal("1200.50"), "workers": 2},
]


def order(case, actor, due_on=D(2026, 6, 15), items=ITEMS, **kw):
    kw.setdefault("findings", "拖欠王小明等劳动者2026年4月至5月工资")
    return correction_order_issue(case_id=case.pk, actor=actor, version=fresh(case).version, due_on=due_on, items=items, **kw)


def comply(case, actor, paid, workers, complied):
    return compliance_record(case_id=case.pk, actor=actor, version=fresh(case).version, amounts_paid=paid,
                             workers_paid=workers, complied=complied)


def test_an_order_sets_the_deadline_and_the_sums_to_pay(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = order(case, team["lead"])
    assert fresh(case).status == "correction_due"
    assert (o.issued_on, o.due_on, o.workers_covered, o.total) == (D(2026, 6, 5), D(2026, 6, 15), 3, Decimal("9800.50"))
    assert [(i.kind, i.amount, i.workers) for i in o.items.all()] == [
        ("wages", Decimal("8600.00"), 3), ("overtime", Decimal("1200.50"), 2)]
    clocks = {c.rule.code: c for c in Clock.objects.filter(case=case)}
    assert clocks["correction_order"].due_on == D(2026, 6, 15)
    assert clocks["investigation"].state == "satisfied"
    assert CaseEvent.objects.get(case=case, action="order_correction").payload["due_on"] == "2026-06-15"


def test_an_order_with_bad_items_lists_every_mistake_and_changes_nothing(filed, team):
    case = filed()
    items = [{"kind": "wages", "amount": 8600.0}, {"kind": "bonus", "amount": "0"}, {"kind": "wages", "amount": "1.001"}]
    with at("2026-06-05"), pytest.raises(ValidationFailed) as exc:
        order(case, team["lead"], due_on=D(2026, 6, 5), items=items)
    messages = exc.value.fields["items"]
    assert len(messages) == 4  # a float, an unknown kind, a zero amount, a third decimal
    assert "due_on" in exc.value.fields
    assert fresh(case).status == "inspection" and not CorrectionOrder.objects.exists()


def test_an_order_covering_fewer_workers_than_an_item_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"), pytest.raises(ValidationFailed) as exc:
        order(case, team["lead"], workers_covered=2)
    assert "workers_covered" in exc.value.fields


def test_only_the_inspection_team_orders(filed, team, people):
    case = filed()
    with at("2026-06-05"):
        for who in (people["clerk"], team["clerk"], team["stranger"]):
            with pytest.raises(PermissionDenied):
                order(case, who)
    assert fresh(case).status == "inspection"


def test_full_payment_closes_the_case_as_corrected_with_the_sums_for_statistics(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = order(case, team["lead"])
    wages, overtime = o.items.all()
    with at("2026-06-12"):
        record = comply(case, team["second"], {wages.pk: "8600.00", overtime.pk: "1200.50"}, 3, True)
    case = fresh(case)
    assert (case.status, case.outcome) == ("closed", "corrected")
    assert (record.complied, record.amount_paid, record.workers_paid) == (True, Decimal("9800.50"), 3)
    closure = InspectionClosure.objects.get(case=case)
    assert (closure.outcome, closure.amount_recovered, closure.workers_covered) == ("corrected", Decimal("9800.50"), 3)
    assert Clock.objects.get(case=case, rule__code="correction_order").state == "satisfied"


def test_compliance_with_something_unpaid_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = order(case, team["lead"])
    wages = o.items.first()
    with at("2026-06-12"), pytest.raises(ValidationFailed) as exc:
        comply(case, team["lead"], {wages.pk: "8600.00"}, 3, True)
    assert "amounts_paid" in exc.value.fields
    assert fresh(case).status == "correction_due" and not ComplianceRecord.objects.exists()


def test_paying_more_than_ordered_or_an_unknown_item_is_refused(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = order(case, team["lead"])
    wages = o.items.first()
    with at("2026-06-12"):
        with pytest.raises(ValidationFailed):
            comply(case, team["lead"], {wages.pk: "8600.01"}, 3, False)
        with pytest.raises(ValidationFailed):
            comply(case, team["lead"], {wages.pk + 999: "1.00"}, 3, False)


def test_non_compliance_is_recorded_only_after_the_deadline_and_the_case_waits_for_a_penalty(filed, team):
    case = filed()
    with at("2026-06-05"):
        o = order(case, team["lead"])
    wages = o.items.first()
    with at("2026-06-15"), pytest.raises(ValidationFailed) as exc:
        comply(case, team["lead"], {wages.pk: "3000.00"}, 1, False)
    assert "2026-06-15" in exc.value.fields["complied"][0]
    with at("2026-06-16"):
        record = comply(case, team["lead"], {wages.pk: "3000.00"}, 1, False)
    assert (record.complied, record.amount_paid) == (False, Decimal("3000.00"))
    assert fresh(case).status == "correction_due"
    event = CaseEvent.objects.get(case=case, action="correction_not_complied")
    assert event.payload["amount_paid"] == "3000.00" and event.payload["ordered"] == "9800.50"


def test_compliance_is_recorded_only_while_an_order_runs(filed, team):
    case = filed()
    with at("2026-06-12"), pytest.raises(TransitionRefused):
        comply(case, team["lead"], {}, 0, True)
