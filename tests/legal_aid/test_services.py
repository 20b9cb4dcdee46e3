"""The station's aid file from the eligibility decision to closing, through legal_aid.services."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.access import staff_of
from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from deadlines.models import Clock
from disputes.models import Case, CaseEvent, Document
from disputes.selectors import sees_personal_data
from disputes.services import referral_accept, referral_offer
from legal_aid import services
from documents.models import NumberPattern
from legal_aid.models import AidFile, LawyerAssignment, StationProfile
from tests.conftest import accept_for_arbitration, make_staff, schedule_first_hearing

from .conftest import refer_for_aid
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=stored_bytes(document.file), check=True,
                         capture_output=True)
    out.stdout = out.stdout.decode()
    return "".join(out.stdout.split())


def aid_file(referral) -> AidFile:
    return AidFile.objects.get(referral=referral)


def test_a_migrant_worker_claiming_pay_is_granted_without_a_means_test_with_the_decision(aid_referral, people):
    decided = services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], version=1, grant=True,
                                  category="migrant_pay")

    assert decided.state == "granted" and decided.rule.code == "migrant_pay_or_injury"
    assert decided.monthly_income is None and decided.threshold is None  # nobody asked for income
    decision = Document.objects.get(case=aid_referral.case_id, kind="legal_aid_decision")
    text = pdf_text(decision)
    assert "给予法律援助决定书" in text and "免予核查经济困难状况" in text
    assert "《中华人民共和国法律援助法》第四十二条" in text
    assert CaseEvent.objects.filter(case=aid_referral.case_id, action="aid_granted", is_public=True).exists()


def test_an_applicant_at_or_above_twice_the_county_allowance_is_refused_in_writing_with_the_figures(
        aid_referral, people, allowance):
    officer = people["legal_aid"]
    with pytest.raises(ValidationFailed) as refused:
        services.aid_decide(referral_id=aid_referral.pk, actor=officer, grant=True, category="other",
                            household_size=2, monthly_income="3800.00")
    assert "monthly_income" in refused.value.fields  # 1,900.00 per person is not below 2 × 950.00

    decided = services.aid_decide(referral_id=aid_referral.pk, actor=officer, grant=False, category="other",
                                  household_size=2, monthly_income="3800.00")
    assert decided.state == "refused" and decided.threshold == Decimal("1900.00")
    text = pdf_text(Document.objects.get(case=aid_referral.case_id, kind="legal_aid_decision"))
    assert "不予法律援助决定书" in text
    assert "你家庭人均月收入1,900.00元，不低于潍城区" in text and "不符合经济困难标准" in text
    # 法律援助法 art 49: the objection goes to the justice administration department, not to the union.
    assert "可以依照《中华人民共和国法律援助法》第四十九条的规定，向设立法律援助机构的司法行政部门提出" in text
    assert "五日内进行审查" in text and "可以依法申请行政复议或者提起行政诉讼" in text
    assert "总工会" not in text


def test_an_applicant_below_the_threshold_is_granted_and_refusing_them_needs_a_reason(aid_referral, people, allowance):
    officer = people["legal_aid"]
    with pytest.raises(ValidationFailed) as refused:
        services.aid_decide(referral_id=aid_referral.pk, actor=officer, grant=False, category="other",
                            household_size=3, monthly_income="5000.00")
    assert "reason" in refused.value.fields
    decided = services.aid_decide(referral_id=aid_referral.pk, actor=officer, grant=True, category="other",
                                  household_size=3, monthly_income="5000.00")
    assert decided.state == "granted" and decided.rule.code == "shandong_hardship"


def test_the_hardship_test_needs_the_county_allowance_entered_and_never_takes_a_float(aid_referral, people):
    with pytest.raises(ValidationFailed) as missing:
        services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=True, category="other",
                            household_size=1, monthly_income="800.00")
    assert "minimum living allowance" in str(missing.value.message) or "最低生活保障" in str(missing.value.message)
    with pytest.raises(ValidationFailed) as floating:
        services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=True, category="other",
                            household_size=1, monthly_income=800.5)
    assert "monthly_income" in floating.value.fields
    assert aid_file(aid_referral).state == "review"


def test_aid_comes_first_when_fewer_than_seven_days_remain_on_the_limitation_period(aid_referral, people):
    Case.objects.filter(pk=aid_referral.case_id).update(
        arbitration_limitation_ends_on=timezone.localdate() + datetime.timedelta(days=4))
    decided = services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=True,
                                  category="other")  # no income yet: the review follows
    assert decided.state == "granted" and decided.urgent and decided.rule.code == "urgent_limitation"


def test_only_the_station_that_accepted_the_referral_acts_and_a_stale_version_is_refused(
        aid_referral, people, other_station):
    for outsider in (people["clerk"], other_station["officer"]):
        with pytest.raises(PermissionDenied):
            services.aid_decide(referral_id=aid_referral.pk, actor=outsider, grant=True, category="migrant_pay")
    services.aid_materials_request(referral_id=aid_referral.pk, actor=people["legal_aid"], version=1,
                                   note="劳动合同或者工资流水")
    with pytest.raises(Conflict):
        services.aid_materials_receive(referral_id=aid_referral.pk, actor=people["legal_aid"], version=1)


def test_an_offered_referral_has_no_aid_file_to_act_on(register, people, orgs):
    referral = refer_for_aid(register().case, people, orgs, accept=False)
    with pytest.raises(Conflict):
        services.aid_decide(referral_id=referral.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")


def test_the_lawyer_of_a_partner_firm_is_assigned_replaced_and_signs_the_client_agreement(
        aid_referral, people, firm, orgs):
    officer = people["legal_aid"]
    with pytest.raises(Conflict):  # not granted yet
        services.lawyer_assign(referral_id=aid_referral.pk, actor=officer, partner_id=firm.pk)
    services.aid_decide(referral_id=aid_referral.pk, actor=officer, grant=True, category="migrant_pay")
    firm.firm.stations.clear()
    with pytest.raises(ValidationFailed):  # a firm the station does not work with
        services.lawyer_assign(referral_id=aid_referral.pk, actor=officer, partner_id=firm.pk)
    firm.firm.stations.add(orgs["legal_aid"])
    assigned = services.lawyer_assign(referral_id=aid_referral.pk, actor=officer, partner_id=firm.pk)
    assert (assigned.lawyer_name, assigned.lawyer_phone, assigned.partner) == ("赵明", "13700000001", firm)

    services.aid_agreement_sign(referral_id=aid_referral.pk, actor=officer)
    agreement = Document.objects.get(case=aid_referral.case_id, kind="legal_aid_agreement")
    text = pdf_text(agreement)
    assert "法律援助委托代理协议" in text and "赵明（山东潍城律师事务所律师）" in text
    assert aid_referral.case.worker.id_number in text  # a contract the client signs names them in full
    year = timezone.localdate().year
    assert f"潍城工法援协字〔{year}〕第1号" in text and aid_referral.case.number not in text

    replaced = services.lawyer_replace(referral_id=aid_referral.pk, actor=officer, reason="赵明律师因病退出",
                                       staff_id=officer.pk)
    current = LawyerAssignment.objects.get(referral=aid_referral, ended_at__isnull=True)
    assert current == replaced and current.staff == officer
    assert LawyerAssignment.objects.get(partner=firm).end_reason == "赵明律师因病退出"


def test_work_is_linked_to_the_case_hearing_then_the_outcome_and_the_checklist_close_the_aid(
        register, people, orgs):
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    referral = refer_for_aid(case, people, orgs)
    to_arb = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                            purpose="arbitration", expected_version=Case.objects.get(pk=case.pk).version)
    referral_accept(referral_id=to_arb.pk, actor=people["arbitrator"])
    accept_for_arbitration(case, people["arbitrator"])
    hearing = schedule_first_hearing(case, people["arbitrator"])
    officer = people["legal_aid"]
    services.aid_decide(referral_id=referral.pk, actor=officer, grant=True, category="migrant_pay")
    services.lawyer_assign(referral_id=referral.pk, actor=officer, lawyer_name="钱律师", lawyer_phone="13700000002")

    with pytest.raises(ValidationFailed):  # a hearing of another case is not this one's
        services.aid_work_record(referral_id=referral.pk, actor=officer, kind="hearing",
                                 done_on=timezone.localdate(), hearing_id=hearing.pk + 1000)
    entry = services.aid_work_record(referral_id=referral.pk, actor=officer, kind="hearing",
                                     done_on=timezone.localdate(), hearing_id=hearing.pk)
    assert entry.hearing == hearing and entry.note == ""  # nothing typed twice

    with pytest.raises(ValidationFailed):
        services.aid_close(referral_id=referral.pk, actor=officer, checklist=["application"])  # no outcome yet
    services.aid_outcome_record(referral_id=referral.pk, actor=officer, outcome="won", amount_recovered="8600.00")
    with pytest.raises(ValidationFailed) as incomplete:
        services.aid_close(referral_id=referral.pk, actor=officer, checklist=["application", "decision"])
    assert "checklist" in incomplete.value.fields
    closed = services.aid_close(referral_id=referral.pk, actor=officer, checklist=[
        "application", "eligibility", "decision", "agreement", "work", "outcome", "report"])
    assert closed.state == "closed" and closed.amount_recovered == Decimal("8600.00")
    assert Case.objects.get(pk=case.pk).status == "hearing"  # the aid runs beside the case


def test_the_station_reads_the_client_s_id_and_phone_in_full_only_once_it_granted_aid(aid_referral, people, other_station):
    case = Case.objects.get(pk=aid_referral.case_id)
    station = staff_of(people["legal_aid"])
    assert not sees_personal_data(station, case)
    services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    assert sees_personal_data(station, case)
    assert not sees_personal_data(staff_of(other_station["officer"]), case)
    assert not sees_personal_data(staff_of(people["inspector"]), case)


def test_a_refusing_station_keeps_seeing_the_personal_data_masked(aid_referral, people, allowance):
    services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=False, category="other",
                        household_size=1, monthly_income="5000.00")
    assert not sees_personal_data(staff_of(people["legal_aid"]), Case.objects.get(pk=aid_referral.case_id))


def test_a_worker_applying_at_the_station_is_registered_with_the_window_s_checks_and_reviewed_the_same_way(
        register, people, orgs):
    case = register(actor=people["legal_aid"], channel="legal_aid", violation_started_on=datetime.date(2026, 1, 5)).case
    referral = case.referrals.get()
    assert (referral.from_org, referral.to_org, referral.state) == (orgs["legal_aid"], orgs["legal_aid"], "accepted")
    assert aid_file(referral).state == "review"
    assert Clock.objects.get(case=case, rule__code="legal_aid_review").owner_org == orgs["legal_aid"]
    decided = services.aid_decide(referral_id=referral.pk, actor=people["legal_aid"], grant=True,
                                  category="migrant_pay")
    assert decided.state == "granted"


def test_decisions_are_numbered_in_the_station_s_own_series_and_a_station_without_one_cannot_decide(
        register, people, orgs, station, other_station):
    """Each station numbers its decisions (法援决字) from 1 each year, gap-free; the case number is not the
    decision's number; a station with no pattern entered is refused rather than given a made-up form."""
    year = timezone.localdate().year
    first = refer_for_aid(register(seed=1).case, people, orgs)
    second = refer_for_aid(register(seed=2, worker_name="李四").case, people, orgs)
    services.aid_decide(referral_id=first.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    services.aid_decide(referral_id=second.pk, actor=people["legal_aid"], grant=True, category="migrant_injury")
    numbers = [AidFile.objects.get(referral=r).decision_number for r in (first, second)]
    assert numbers == [f"潍城工法援决字〔{year}〕第1号", f"潍城工法援决字〔{year}〕第2号"]
    text = pdf_text(Document.objects.get(case=second.case_id, kind="legal_aid_decision"))
    assert numbers[1] in text and second.case.number not in text

    NumberPattern.objects.filter(issuer=orgs["legal_aid"], kind="aid_decision").delete()
    third = refer_for_aid(register(seed=3, worker_name="王五").case, people, orgs)
    with pytest.raises(ValidationFailed) as refused:
        services.aid_decide(referral_id=third.pk, actor=people["legal_aid"], grant=True, category="migrant_pay")
    assert refused.value.code == "numbering_not_configured"
    assert AidFile.objects.get(referral=third).state == "review"
    assert not Document.objects.filter(case=third.case_id).filter(kind="legal_aid_decision").exists()


def test_a_refusal_names_the_justice_bureau_the_station_entered_for_objections(aid_referral, people, allowance,
                                                                               station):
    StationProfile.objects.filter(station=station).update(objection_body="潍坊市潍城区司法局")
    services.aid_decide(referral_id=aid_referral.pk, actor=people["legal_aid"], grant=False, category="other",
                        household_size=1, monthly_income="5000.00")
    text = pdf_text(Document.objects.get(case=aid_referral.case_id, kind="legal_aid_decision"))
    assert "向潍坊市潍城区司法局提出。潍坊市潍城区司法局应当自收到异议之日起五日内进行审查" in text


def test_a_partner_firm_s_lawyer_logs_in_at_the_station_and_works_only_the_files_assigned_to_them(
        register, people, orgs, firm, client):
    """The firm's lawyer has a login of the station (legal-aid officer): their queue and desk hold only their
    assigned files; they record the agreement, the work and the outcome, and leave deciding and closing to
    the station."""
    login = make_staff(orgs["legal_aid"], "legal_aid_officer", "zhaoming")
    firm.user = login
    firm.save(update_fields=["user"])
    officer = people["legal_aid"]
    mine = refer_for_aid(register(seed=11).case, people, orgs)
    other = refer_for_aid(register(seed=12, worker_name="钱七").case, people, orgs)
    for referral in (mine, other):
        services.aid_decide(referral_id=referral.pk, actor=officer, grant=True, category="migrant_pay")
    services.lawyer_assign(referral_id=mine.pk, actor=officer, partner_id=firm.pk)
    services.lawyer_assign(referral_id=other.pk, actor=officer, lawyer_name="陈明远", lawyer_phone="13700000009")

    client.force_login(login)
    queue = client.get(reverse("legal_aid:queue")).content.decode()
    assert mine.case.number in queue and other.case.number not in queue
    assert client.get(reverse("legal_aid:desk", args=[mine.case_id])).status_code == 200
    assert client.get(reverse("legal_aid:desk", args=[other.case_id])).status_code == 404
    with pytest.raises(NotFound):
        services.aid_work_record(referral_id=other.pk, actor=login, kind="consultation",
                                 done_on=timezone.localdate(), note="x")
    with pytest.raises(PermissionDenied):
        services.aid_close(referral_id=mine.pk, actor=login, checklist=[])
    services.aid_agreement_sign(referral_id=mine.pk, actor=login)
    services.aid_work_record(referral_id=mine.pk, actor=login, kind="consultation", done_on=timezone.localdate(),
                             note="与受援人面谈")
    done = services.aid_outcome_record(referral_id=mine.pk, actor=login, outcome="won", amount_recovered="8600.00")
    assert done.outcome == "won"
    # The station's own officer still sees and works every file.
    client.force_login(officer)
    queue = client.get(reverse("legal_aid:queue")).content.decode()
    assert mine.case.number in queue and other.case.number in queue
