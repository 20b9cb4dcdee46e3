"""What labour inspection holds on an employer, for its compliance file (disputes.registry.add_employer_records):
orders to correct and what was done by their deadline, and penalty decisions. An order or a penalty is the
employer "investigated and dealt with" (查处); an order not complied with is a refusal to carry it out."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from disputes.registry import EmployerRecord

from .models import ComplianceRecord, CorrectionOrder, PenaltyProposal, ProposalState

INVESTIGATED, NOT_COMPLIED = "investigated", "not_complied"


def employer_records(employer_ids: list[int]) -> list[EmployerRecord]:
    orders = (
        CorrectionOrder.objects.filter(case__employer_id__in=employer_ids)
        .annotate(total=Sum("items__amount")).values_list("case_id", "case__number", "number", "issued_on", "due_on", "total")
    )
    done = ComplianceRecord.objects.filter(case__employer_id__in=employer_ids).values_list(
        "case_id", "case__number", "complied", "amount_paid", "recorded_on")
    penalties = PenaltyProposal.objects.filter(case__employer_id__in=employer_ids, state=ProposalState.DECIDED).values_list(
        "case_id", "case__number", "article", "amount", "decided_on", "decision_number")
    rows = [
        EmployerRecord("order", _("Order to correct"), issued, case_id, number, total,
                       _("%(doc)s, to be done by %(due)s") % {"doc": doc or "—", "due": due}, frozenset({INVESTIGATED}))
        for case_id, number, doc, issued, due, total in orders
    ]
    rows += [
        EmployerRecord("payment" if complied else "not_complied",
                       _("Order complied with") if complied else _("Order not complied with by its deadline"),
                       on, case_id, number, paid, "", frozenset() if complied else frozenset({NOT_COMPLIED}))
        for case_id, number, complied, paid, on in done
    ]
    rows += [
        EmployerRecord("penalty", _("Penalty decision"), on, case_id, number, amount,
                       _("%(doc)s, 监察条例 art %(article)s") % {"doc": doc or "—", "article": article},
                       frozenset({INVESTIGATED}))
        for case_id, number, article, amount, on, doc in penalties
    ]
    return rows
