"""Union and court mediation in the browser: the court's filing division entrusts a ride-hailing driver's case
under its own number, the union's mediation room accepts it, schedules and holds a session and records the
agreement, which is issued as a PDF.

The clock is moved with time_machine (in-process, so the live server sees it too): a session is recorded as held
only once it has begun.
"""

import datetime

import pytest

from core.models import Organization, OrgKind, Role
from documents.numbering import ensure_default_number_patterns
from disputes.models import Case, Document
from intake.services import complaint_register
from mediation.court_models import MediationBody, MediationBodyKind, MediationFile, MediationRoom
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR
from .conftest import submit as _submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date
COURT_NUMBER = "（2026）鲁0702民诉前调88号"


@pytest.fixture
def cast(browser_division, browser_orgs):
    court = Organization.objects.create(name="潍城区人民法院", kind=OrgKind.COURT, division=browser_division)
    room_org = Organization.objects.create(name="潍城区劳动争议诉调对接室", kind=OrgKind.MEDIATION,
                                           division=browser_division)
    ensure_default_number_patterns(room_org)
    body = MediationBody.objects.create(organization=room_org, kind=MediationBodyKind.COURT_UNION_ROOM,
                                        area=browser_division, court=court, address="潍城区人民法院一楼")
    MediationRoom.objects.create(organization=room_org, name="第一调解室")
    return {
        "judge": make_staff(court, Role.MEDIATOR, "filing_judge"),
        "mediator": make_staff(room_org, Role.MEDIATOR, "union_mediator"),
        "body": body,
    }


def test_a_court_entrusts_the_union_room_mediates_the_court_confirms_and_a_payment_order_follows(
    live_server, new_context, sign_in, november, cast, browser_division
):
    case = complaint_register(
        actor=cast["judge"], evidence_files=(),
        data=complaint_input(browser_division, seed=31, channel="court", worker_occupation="ride_hailing_driver",
                             employer_industry="ride_hailing", violation_started_on=D(2026, 3, 1),
                             violation_ended_on=D(2026, 8, 31),
                             claims=[{"type": "wages", "amount": "8600.00", "description": "3-8月工资"}]),
    ).case

    judge = sign_in(new_context().new_page(), cast["judge"])
    judge.goto(f"{live_server.url}/cases/{case.pk}/")
    with judge.expect_navigation():
        judge.click("#track-union-mediation")
    judge.select_option("#refer-body", str(cast["body"].pk))
    judge.fill("#refer-court_case_number", COURT_NUMBER)
    judge.select_option("#refer-mode", "pre_filing")
    _submit(judge, "#refer-form")
    file = MediationFile.objects.get(case=case)
    assert file.court_case_number == COURT_NUMBER

    mediator = sign_in(new_context().new_page(), cast["mediator"])
    mediator.goto(f"{live_server.url}/cases/{case.pk}/mediation/")
    _submit(mediator, ".accept-form")
    assert mediator.inner_text(f"#file-state-{file.pk}") == "调解中"
    mediator.fill(f"#schedule-{file.pk}-starts_at", "2026-11-03T09:00")
    mediator.fill(f"#schedule-{file.pk}-ends_at", "2026-11-03T11:00")
    _submit(mediator, ".schedule-form")
    session = file.sessions.get()
    assert "第一调解室" in mediator.inner_text(f"#session-{session.pk}")

    november.move_to(datetime.datetime.fromisoformat("2026-11-03T11:00:00+08:00"))
    mediator.reload()
    mediator.check(f"#held-{session.pk}-worker_present")
    mediator.check(f"#held-{session.pk}-employer_present")
    mediator.fill(f"#held-{session.pk}-proposal", "一次性支付8000元")
    _submit(mediator, ".held-form")
    claim = case.claims.get()
    for name in ("agreed_on", "worker_signed_on", "employer_signed_on"):
        mediator.fill(f"#agree-{file.pk}-{name}", "2026-11-03")
    mediator.fill(f"#agree-{file.pk}-amount_{claim.pk}", "8000.00")
    mediator.fill(f"#agree-{file.pk}-due_on_{claim.pk}", "2026-11-20")
    _submit(mediator, ".agreement-form")
    assert Case.objects.get(pk=case.pk).status == "confirmation"
    assert mediator.inner_text("#agreement-total").replace(",", "") == "8000.00"
    assert Document.objects.filter(case=case, kind="mediation_agreement").exists()
    mediator.screenshot(path=str(SCREENSHOT_DIR / "court_mediation_agreement.png"), full_page=True)

    # The parties apply for judicial confirmation: the application is made from the agreement, nothing retyped.
    mediator.fill(f"#confirm-{file.pk}-applied_on", "2026-11-03")
    _submit(mediator, ".confirm-form")
    assert Document.objects.filter(case=case, kind="confirmation_application").exists()
    # The court confirms: the agreement is enforceable and the case ends.
    judge.goto(f"{live_server.url}/cases/{case.pk}/mediation/")
    confirmation = file.agreement.confirmations.get()
    judge.select_option(f"#ruling-{confirmation.pk}-ruling", "confirmed")
    judge.fill(f"#ruling-{confirmation.pk}-ruled_on", "2026-11-03")
    judge.fill(f"#ruling-{confirmation.pk}-court_case_number", "（2026）鲁0702民特5号")
    _submit(judge, ".ruling-form")
    closed = Case.objects.get(pk=case.pk)
    assert (closed.status, closed.outcome) == ("closed", "confirmed")
    assert "（2026）鲁0702民特5号" in judge.inner_text(".confirmation")

    # The employer does not pay by 20 November: the worker obtains a payment order for the overdue sum.
    november.move_to(datetime.datetime.fromisoformat("2026-11-23T10:00:00+08:00"))
    judge = sign_in(new_context().new_page(), cast["judge"])  # a new day's session
    judge.goto(f"{live_server.url}/cases/{case.pk}/mediation/")
    judge.select_option(f"#order-{file.pk}-court", str(cast["judge"].staff.organization_id))
    judge.fill(f"#order-{file.pk}-applied_on", "2026-11-23")
    _submit(judge, ".order-form")  # the amount left empty: every overdue sum
    order = file.agreement.payment_orders.get()
    assert order.amount == 8000 and Document.objects.filter(case=case, kind="payment_order_application").exists()
    judge.fill(f"#record-{order.pk}-order_number", "（2026）鲁0702民督3号")
    judge.fill(f"#record-{order.pk}-issued_on", "2026-11-23")
    judge.select_option(f"#record-{order.pk}-result", "paid")
    judge.fill(f"#record-{order.pk}-result_on", "2026-11-23")
    _submit(judge, ".order-record-form")
    assert "（2026）鲁0702民督3号" in judge.inner_text(".payment-order")
    assert file.agreement.items.get().paid_on == D(2026, 11, 23)
    assert Case.objects.get(pk=case.pk).status == "closed"
    judge.screenshot(path=str(SCREENSHOT_DIR / "court_mediation_payment_order.png"), full_page=True)
