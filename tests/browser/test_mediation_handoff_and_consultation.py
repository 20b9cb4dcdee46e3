"""Two paths of union mediation and joint consultation in the browser.

- The window refers a case to a mediation organisation; mediation fails and the mediator hands the case on to
  arbitration; the institute accepts it and finds the parties and claims already there: nothing is typed twice.
- An arbitration supervisor convenes a joint consultation (会商) with the court and the union on one platform's
  drivers: three linked cases, each participant's opinion, the conclusions and a next step on each case, which
  the organisation it names records as done.

The clock is moved with time_machine (in-process, so the live server sees it too).
"""

import datetime
import random

import pytest

from arbitration.models import ArbitrationFile
from arbitration.services import ensure_default_patterns
from core.identifiers import make_credit_code
from core.models import Organization, OrgKind, Role
from deadlines.models import Clock
from disputes.models import Case, CaseEvent, Document
from disputes.services import referral_accept, referral_offer
from documents.numbering import ensure_default_number_patterns
from intake.services import complaint_register
from mediation.court_models import ConsultationCase, MediationBody, MediationBodyKind, MediationFile, MediationRoom
from tests.conftest import complaint_input, make_staff

from .conftest import SCREENSHOT_DIR
from .conftest import submit as _submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def test_a_failed_mediation_goes_on_to_arbitration_which_accepts_it_without_retyping(
    live_server, new_context, sign_in, november, browser_people, browser_orgs, browser_division
):
    arbitration = browser_orgs["arbitration"]
    ensure_default_patterns(arbitration)
    centre = Organization.objects.create(name="潍城区劳动争议调解中心", kind=OrgKind.MEDIATION, division=browser_division)
    ensure_default_number_patterns(centre)
    body = MediationBody.objects.create(organization=centre, kind=MediationBodyKind.REGIONAL, area=browser_division)
    MediationRoom.objects.create(organization=centre, name="第一调解室")
    mediator = make_staff(centre, Role.MEDIATOR, "centre_mediator")
    case = complaint_register(
        actor=browser_people["clerk"], evidence_files=(),
        data=complaint_input(browser_division, seed=41, worker_name="孙师傅", worker_occupation="ride_hailing_driver",
                             employer_industry="ride_hailing", violation_started_on=D(2026, 3, 1),
                             violation_ended_on=D(2026, 8, 31),
                             claims=[{"type": "wages", "amount": "8600.00", "description": "3-8月工资"},
                                     {"type": "severance", "amount": "4000.00", "description": "经济补偿"}]),
    ).case
    claims_before = list(case.claims.order_by("id").values_list("pk", "type", "amount", "description"))
    limitation_before = case.arbitration_limitation_ends_on

    # The window refers the case to the mediation centre from the mediation page.
    clerk = sign_in(new_context().new_page(), browser_people["clerk"])
    clerk.goto(f"{live_server.url}/cases/{case.pk}/")
    with clerk.expect_navigation():
        clerk.click("#track-union-mediation")
    clerk.select_option("#refer-body", str(body.pk))
    _submit(clerk, "#refer-form")
    file = MediationFile.objects.get(case=case)

    # The centre accepts; the parties cannot agree and the mediator records the failure, handing the case on to
    # the arbitration institute (a data-confirm dialog asks first).
    centre_page = sign_in(new_context().new_page(), mediator)
    centre_page.goto(f"{live_server.url}/cases/{case.pk}/mediation/")
    _submit(centre_page, ".accept-form")
    centre_page.select_option(f"#fail-{file.pk}-code", "no_agreement")
    centre_page.fill(f"#fail-{file.pk}-record", "用人单位只同意支付一半工资")
    centre_page.select_option(f"#fail-{file.pk}-next_step", "arbitration")
    centre_page.select_option(f"#fail-{file.pk}-to_org", str(arbitration.pk))
    asked = []
    centre_page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    _submit(centre_page, ".failure-form")
    assert len(asked) == 1  # the failure was confirmed before it was sent
    file.refresh_from_db()
    assert file.state == "failed" and file.next_referral.to_org == arbitration
    assert Document.objects.filter(case=case, kind="mediation_failure").exists()
    # LDMAL art 27(2): the mediation interrupted the limitation, which runs anew from the failure.
    after = Case.objects.get(pk=case.pk).arbitration_limitation_ends_on
    assert limitation_before == D(2027, 8, 31) and after == D(2027, 11, 2)

    # The institute finds the referral waiting, accepts it and opens its workbench: the parties and the claims are
    # those the window registered.
    arbitrator = sign_in(new_context().new_page(), browser_people["arbitrator"])
    arbitrator.goto(live_server.url + "/referrals/incoming/")
    with arbitrator.expect_navigation():
        arbitrator.locator(
            f'#incoming tbody tr:has(a[href="/cases/{case.pk}/"]) form[action$="/accept/"] button').click()
    assert "用人单位只同意支付一半工资" in arbitrator.inner_text("body")  # the referral's note: why it failed
    with arbitrator.expect_navigation():
        arbitrator.click("#track-arbitration")
    header = arbitrator.inner_text("p.help >> nth=0")
    assert "孙师傅" in header and case.employer.name in header
    rows = arbitrator.locator("#arbitration-claims tr.claim")
    assert rows.count() == 2
    assert "8600.00" in rows.nth(0).inner_text().replace(",", "") and "3-8月工资" in rows.nth(0).inner_text()
    assert "4000.00" in rows.nth(1).inner_text().replace(",", "") and "经济补偿" in rows.nth(1).inner_text()
    arbitrator.select_option("#id_accept_procedure", "ordinary")
    _submit(arbitrator, "#form-accept")
    assert arbitrator.inner_text("#arbitration-number").strip().startswith("潍城劳人仲案字〔2026〕第")
    arbitrator.screenshot(path=str(SCREENSHOT_DIR / "mediation_failed_to_arbitration.png"), full_page=True)

    accepted = Case.objects.get(pk=case.pk)
    assert (accepted.status, accepted.owner_org) == ("arbitration", arbitration)
    assert ArbitrationFile.objects.filter(case=case, accepted_on__isnull=False).exists()
    # One case file all along: the same worker, employer and claim rows, none entered again.
    assert (accepted.worker_id, accepted.employer_id) == (case.worker_id, case.employer_id)
    assert list(accepted.claims.order_by("id").values_list("pk", "type", "amount", "description")) == claims_before


def test_a_supervisor_convenes_a_consultation_whose_conclusions_set_a_next_step_on_each_case(
    live_server, new_context, sign_in, november, browser_people, browser_orgs, browser_division
):
    arbitration = browser_orgs["arbitration"]
    court = Organization.objects.create(name="潍城区人民法院", kind=OrgKind.COURT, division=browser_division)
    union = Organization.objects.create(name="潍城区总工会", kind=OrgKind.UNION, division=browser_division)
    arb_head = make_staff(arbitration, Role.SUPERVISOR, "arb_head")
    court_head = make_staff(court, Role.SUPERVISOR, "court_head")
    union_head = make_staff(union, Role.SUPERVISOR, "union_head")
    # Three drivers of one ride-hailing platform, registered at the window and taken on by arbitration.
    platform = make_credit_code(random.Random(5))
    cases = []
    for seed, name in ((51, "张师傅"), (52, "李师傅"), (53, "王师傅")):
        case = complaint_register(
            actor=browser_people["clerk"], evidence_files=(),
            data=complaint_input(browser_division, seed=seed, worker_name=name, credit_code=platform,
                                 employer_name="潍坊畅行网约车科技有限公司", employer_is_platform=True,
                                 worker_occupation="ride_hailing_driver", employer_industry="ride_hailing",
                                 violation_started_on=D(2026, 3, 1)),
        ).case
        referral = referral_offer(case_id=case.pk, actor=browser_people["clerk"], to_org_id=arbitration.pk,
                                  purpose="arbitration", expected_version=case.version)
        referral_accept(referral_id=referral.pk, actor=browser_people["arbitrator"])
        cases.append(Case.objects.get(pk=case.pk))
    first, second, third = cases

    # Before the consultation the union does not read the drivers' cases.
    union_page = sign_in(new_context().new_page(), union_head)
    assert union_page.goto(f"{live_server.url}/cases/{first.pk}/").status == 404

    # The arbitration supervisor convenes it from the navigation: agenda, participants of the court and the union,
    # the three cases by number.
    head = sign_in(new_context().new_page(), arb_head)
    with head.expect_navigation():
        head.click("#nav-consultations")
    head.fill("#id_title", "畅行出行网约车司机劳动关系认定会商")
    head.fill("#id_agenda", "平台与司机之间劳动关系的认定标准；三案的处理方式")
    head.fill("#id_held_at", "2026-11-05T14:30")
    head.fill("#id_place", "潍城区劳动人事争议仲裁院第二会议室")
    head.select_option("#id_participants", [str(court_head.pk), str(union_head.pk)])
    head.fill("#id_cases", " ".join(c.number for c in cases))
    _submit(head, "#convene-form")
    for case in cases:
        assert case.number in head.inner_text("table")
    links = {link.case_id: link for link in ConsultationCase.objects.filter(case__in=cases)}
    assert len(links) == 3
    # Now the participants' organisations read the linked cases, for the consultation's purpose.
    assert union_page.goto(f"{live_server.url}/cases/{first.pk}/").status == 200

    # After the meeting the convener records the minutes, each participant's opinion, the conclusions and the
    # next step on each case: who does what by when.
    head.reload()
    head.fill("#id_minutes", "三方就平台用工的劳动关系认定交换意见。")
    head.fill(f"#id_opinion_{arb_head.pk}", "司机接受平台管理、报酬由平台结算的，倾向认定劳动关系。")
    head.fill(f"#id_opinion_{court_head.pk}", "裁审标准应统一，参照最高法相关指导案例。")
    head.fill(f"#id_opinion_{union_head.pk}", "工会可派调解员先行调解。")
    head.fill("#id_conclusions", "统一认定标准；张案优先审理，李案委派工会调解，王案由法院诉前调解。")
    steps = {first: ("优先审理", arbitration), second: ("委派工会调解", union), third: ("诉前调解", court)}
    for case, (text, org) in steps.items():
        head.fill(f"#id_step_{case.pk}", text)
        head.select_option(f"#id_org_{case.pk}", str(org.pk))
        head.fill(f"#id_due_{case.pk}", "2026-11-20")
    _submit(head, "#conclude-form")
    assert "统一认定标准" in head.inner_text("#conclusions")
    assert "工会可派调解员先行调解" in head.inner_text(f"#opinion-{union_head.pk}")
    assert "参照最高法相关指导案例" in head.inner_text(f"#opinion-{court_head.pk}")
    for case, (text, org) in steps.items():
        row = head.inner_text(f"#step-{links[case.pk].pk}")
        assert text in row and org.name in row and "2026-11-20" in row
        # Each next step is on the case's timeline and is a clock of the organisation named.
        assert CaseEvent.objects.filter(case=case, action="consultation_next_step", payload__text=text).exists()
        step_clock = Clock.objects.get(case=case, rule__code="consultation_next_step")
        assert (step_clock.state, step_clock.due_on, step_clock.owner_org_id) == ("running", D(2026, 11, 20), org.pk)
    head.screenshot(path=str(SCREENSHOT_DIR / "consultation_concluded.png"), full_page=True)

    # The union records its step on 李师傅's case as done; its clock is met.
    union_page.goto(f"{live_server.url}/consultations/{links[second.pk].consultation_id}/")
    union_page.fill(f"#step-{links[second.pk].pk} input[name=note]", "已委派工会调解员")
    _submit(union_page, f"#step-{links[second.pk].pk}")
    assert "已委派工会调解员" in union_page.inner_text(f"#step-{links[second.pk].pk}")
    assert Clock.objects.get(case=second, rule__code="consultation_next_step").state == "satisfied"
    # The union has no step on the others: no button there.
    assert union_page.locator(f"#step-{links[first.pk].pk} button").count() == 0

    # The window, which took no part, does not read the consultation.
    clerk = sign_in(new_context().new_page(), browser_people["clerk"])
    assert clerk.goto(f"{live_server.url}/consultations/{links[first.pk].consultation_id}/").status == 404
