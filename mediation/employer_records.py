"""What union and court mediation holds on an employer, for its compliance file: agreements and their payments."""

from django.utils.translation import gettext as _

from disputes.registry import EmployerRecord

from .court_models import MediationAgreement, MediationAgreementItem


def employer_records(employer_ids: list[int]) -> list[EmployerRecord]:
    agreements = MediationAgreement.objects.filter(file__case__employer_id__in=employer_ids).values_list(
        "file__case_id", "file__case__number", "agreed_on", "total", "number")
    paid = MediationAgreementItem.objects.filter(
        agreement__file__case__employer_id__in=employer_ids, paid_on__isnull=False,
    ).values_list("agreement__file__case_id", "agreement__file__case__number", "paid_on", "amount")
    return [
        EmployerRecord("agreement", _("Mediation agreement"), on, case_id, number, total, doc)
        for case_id, number, on, total, doc in agreements
    ] + [
        EmployerRecord("payment", _("Paid under the mediation agreement"), on, case_id, number, amount)
        for case_id, number, on, amount in paid
    ]
