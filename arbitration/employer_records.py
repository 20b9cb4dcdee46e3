"""What arbitration holds on an employer, for its compliance file: awards and mediation statements."""

from django.utils.translation import gettext as _

from disputes.registry import EmployerRecord

from .models import Award, MediationStatement


def employer_records(employer_ids: list[int]) -> list[EmployerRecord]:
    awards = Award.objects.filter(file__case__employer_id__in=employer_ids, superseded_at__isnull=True).values_list(
        "file__case_id", "file__case__number", "issued_on", "is_partial")
    statements = MediationStatement.objects.filter(file__case__employer_id__in=employer_ids).values_list(
        "file__case_id", "file__case__number", "issued_on", "total")
    return [
        EmployerRecord("award", _("Partial award") if partial else _("Arbitral award"), on, case_id, number)
        for case_id, number, on, partial in awards
    ] + [
        EmployerRecord("agreement", _("Arbitral mediation statement"), on, case_id, number, total)
        for case_id, number, on, total in statements
    ]
