"""Cases in several stages, and the ids of the records under each URL segment, for tests that call every
operation of the schema (tests/api/test_fuzz.py)."""

import datetime

from arbitration.services import ensure_default_patterns
from disputes.models import Case, Referral
from disputes.services import referral_accept, referral_offer
from hearings.models import Hearing, Room
from tests.conftest import accept_for_arbitration, complaint_input, file_for_inspection, schedule_first_hearing


def stage_cases(people, orgs, division) -> dict:
    """A registered case, one filed for inspection, one in arbitration with a hearing booked, one offered for
    legal aid and accepted by the station; each with its documents."""
    from intake.services import complaint_register

    def register(seed):
        return complaint_register(
            actor=people["clerk"], data=complaint_input(division, seed=seed,
                                                         violation_started_on=datetime.date(2026, 1, 5)),
            evidence_files=(), force_new=True,
        ).case

    registered = register(1)
    inspected = file_for_inspection(register(2), people, orgs)

    ensure_default_patterns(orgs["arbitration"])
    arbitrated = register(3)
    offer = referral_offer(case_id=arbitrated.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                           purpose="arbitration", expected_version=arbitrated.version)
    referral_accept(referral_id=offer.pk, actor=people["arbitrator"])
    arbitrated = accept_for_arbitration(arbitrated, people["arbitrator"])
    Room.objects.get_or_create(organization=orgs["arbitration"], name="第一仲裁庭", defaults={"capacity": 20})
    schedule_first_hearing(arbitrated, people["arbitrator"])

    aided = register(4)
    aid = referral_offer(case_id=aided.pk, actor=people["clerk"], to_org_id=orgs["legal_aid"].pk,
                         purpose="legal_aid", expected_version=aided.version)
    referral_accept(referral_id=aid.pk, actor=people["legal_aid"])
    return {"registered": registered, "inspected": inspected, "arbitrated": Case.objects.get(pk=arbitrated.pk),
            "aided": Case.objects.get(pk=aided.pk)}


def real_ids_by_segment() -> dict[str, list[int]]:
    """The ids of real records, keyed by the URL segment that names their kind (cases/{id}, hearings/{id} …)."""
    from mediation import court_models as court
    from mediation.models import JointMediationSession

    from disputes.models import Document

    return {
        "cases": sorted(Case.objects.values_list("pk", flat=True)),
        "referrals": sorted(Referral.objects.values_list("pk", flat=True)),
        "hearings": sorted(Hearing.objects.values_list("pk", flat=True)),
        "documents": sorted(Document.objects.values_list("pk", flat=True)),
        "joint-mediation": sorted(JointMediationSession.objects.values_list("pk", flat=True)),
        "mediation-files": sorted(court.MediationFile.objects.values_list("pk", flat=True)),
        "mediation-sessions": sorted(court.MediationSession.objects.values_list("pk", flat=True)),
        "mediation-agreements": sorted(court.MediationAgreement.objects.values_list("pk", flat=True)),
        "mediation-agreement-items": sorted(court.MediationAgreementItem.objects.values_list("pk", flat=True)),
        "judicial-confirmations": sorted(court.JudicialConfirmation.objects.values_list("pk", flat=True)),
        "payment-orders": sorted(court.PaymentOrder.objects.values_list("pk", flat=True)),
        "consultations": sorted(court.Consultation.objects.values_list("pk", flat=True)),
    }
