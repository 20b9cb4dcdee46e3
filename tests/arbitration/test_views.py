"""The arbitration workbench: the file of the case, and only the forms its stage and the user's role allow.

Today is Monday 1 June 2026, 10:00 Beijing time (frozen); hearings are booked from Monday 8 June on, after the
5-day notice period (LDMAL art 35).
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arbitration.models import Award, AwardItem, PostAwardRecord, RecusalRequest, TribunalMember
from arbitration.services import award_issue, tribunal_compose
from disputes.models import Case, Claim
from hearings.models import Hearing, Room
from hearings.services import hearing_notice_served, hearing_schedule

from tests.conftest import hold_hearing

from .conftest import at, fresh
from .test_awards import TEXTS

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))
CLAIMS = [
    {"type": "wages", "amount": "8600.00", "description": "9-10月工资"},
    {"type": "damages", "amount": "60000.00", "description": "违法解除赔偿金"},
]


@pytest.fixture(autouse=True)
def frozen_today():
    with at("2026-06-01"):
        yield


@pytest.fixture
def room(orgs):
    return Room.objects.create(organization=orgs["arbitration"], name="第一仲裁庭", capacity=20)


@pytest.fixture
def composed(accepted, arb):
    """Accepted, a sole arbitrator composed: the case is in "arbitration"."""

    def _make(**overrides):
        case = accepted(**overrides)
        tribunal_compose(case_id=case.pk, actor=arb.arbitrator, version=case.version, arbitrators=[arb.arbitrator])
        return fresh(case)

    return _make


def slot(day: str, start: str = "09:00", end: str = "11:00") -> dict:
    return {
        "starts_at": datetime.datetime.fromisoformat(f"{day}T{start}:00").replace(tzinfo=TZ),
        "ends_at": datetime.datetime.fromisoformat(f"{day}T{end}:00").replace(tzinfo=TZ),
    }


@pytest.fixture
def scheduled(composed, arb, room):
    """A case in the hearing stage with a hearing on Monday 8 June, 09:00-11:00."""

    def _make(day="2026-06-08", **overrides):
        case = composed(**overrides)
        hearing = hearing_schedule(case_id=case.pk, actor=arb.arbitrator, version=case.version, room_id=room.pk,
                                   arbitrators=[arb.arbitrator], **slot(day))
        return fresh(case), hearing

    return _make


def url(case, name="workbench", *args):
    return reverse(f"arbitration:{name}", args=[case.pk, *args])


def page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(url(case))
    assert response.status_code == 200
    return response.content.decode()


def post(client, user, case, name, data, *args, version=None):
    """Post a form as the user would, and follow the redirect back to the workbench."""
    client.force_login(user)
    body = dict(data)
    if version is not False:
        body["version"] = fresh(case).version if version is None else version
    response = client.post(url(case, name, *args), body, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(url(case))
    return response.content.decode()


def forms_on(html: str) -> set[str]:
    return set(re.findall(r'<form [^>]*id="form-([\w-]+)"', html))


def error_message(html: str) -> str:
    found = re.search(r'<li class="error">(.*?)</li>', html, re.S)
    return found.group(1) if found else ""


# --- who sees what ---------------------------------------------------------------------------------------


def test_the_arbitrator_sees_the_review_forms_while_the_application_is_under_review(client, in_review, arb):
    html = page(client, arb.arbitrator, in_review())

    assert forms_on(html) == {"accept", "reject", "completion_request"}
    assert 'id="no-file"' in html


def test_an_organisation_outside_the_case_gets_404_for_the_page_and_its_forms(client, in_review, people, room):
    case = in_review()
    client.force_login(people["outsider"])

    assert client.get(url(case)).status_code == 404
    assert client.post(url(case, "accept"), {"version": case.version}).status_code == 404
    assert client.post(url(case, "schedule"), {"version": case.version}).status_code == 404
    assert fresh(case).status == "arbitration_review" and fresh(case).version == case.version


def test_a_hearing_of_another_case_cannot_be_reached_through_this_case(client, scheduled, arb):
    case, _hearing = scheduled()
    other, other_hearing = scheduled(day="2026-06-09")
    client.force_login(arb.arbitrator)

    response = client.post(url(case, "hearing_cancel", other_hearing.pk), {"reason": "误操作"})

    assert response.status_code == 404
    assert Hearing.objects.get(pk=other_hearing.pk).state == "scheduled"


def test_the_window_that_referred_the_case_reads_the_file_but_gets_no_forms(client, composed, people):
    case = composed()

    html = page(client, people["clerk"], case)

    assert forms_on(html) == set()
    assert "潍城劳人仲案字〔2026〕第" in html
    assert client.post(url(case, "schedule"), {"version": case.version}).status_code == 302
    assert fresh(case).version == case.version


def test_a_filing_clerk_records_filings_but_does_not_decide(client, in_review, composed, arb):
    assert forms_on(page(client, arb.clerk, in_review())) == {"completion_request"}
    # Once accepted: the service of the copy and recusal requests are the clerk's; the tribunal, hearings and
    # the award are not.
    assert forms_on(page(client, arb.clerk, composed())) == {"service", "recusal"}


def test_forms_follow_the_stage_of_the_case(client, composed, scheduled, arb):
    case = composed()
    # No hearing held yet: no award form, and the awards card says why.
    html = page(client, arb.arbitrator, case)
    assert forms_on(html) == {"service", "recusal", "schedule", "mediation"}
    assert 'id="award-needs-hearing"' in html

    case, hearing = scheduled()
    html = page(client, arb.arbitrator, case)
    # The hearing has not begun: its notice can be recorded, it can be postponed or cancelled, not held.
    assert forms_on(html) == {"service", "recusal", "schedule", "mediation",
                              f"notice-{hearing.pk}", f"postpone-{hearing.pk}", f"cancel-{hearing.pk}"}
    with at("2026-06-08"):
        html = page(client, arb.arbitrator, case)
    assert {f"held-{hearing.pk}", f"notice-{hearing.pk}"} <= forms_on(html)
    assert f"absence-{hearing.pk}" not in forms_on(html)  # only after the notice was served


def test_a_recusal_request_is_recorded_and_only_the_chair_decides_it(client, composed, arb):
    case = composed()
    html = post(client, arb.clerk, case, "recusal",
                {"arbitrator": arb.arbitrator.pk, "ground": "interest", "by_party": "respondent",
                 "statement": "仲裁员系被申请人股东"})
    recusal = RecusalRequest.objects.get()
    assert (recusal.member.arbitrator, recusal.ground, recusal.decided_at) == (arb.arbitrator, "interest", None)
    assert f'id="recusal-{recusal.pk}"' in html and "仲裁员系被申请人股东" in html

    assert f"decide-{recusal.pk}" not in forms_on(page(client, arb.arbitrator, case))
    html = page(client, arb.chair, case)
    assert f"decide-{recusal.pk}" in forms_on(html)

    html = post(client, arb.chair, case, "recusal_decide", {"granted": "yes", "reason": "确有利害关系"}, recusal.pk)
    assert RecusalRequest.objects.get().granted is True
    assert not TribunalMember.objects.filter(removed_at__isnull=True).exists()
    # The seat is empty: the tribunal is composed again.
    assert "tribunal" in forms_on(page(client, arb.arbitrator, case))


# --- the review ----------------------------------------------------------------------------------------------


def test_accepting_through_the_form_numbers_the_case_and_lists_its_notices(client, in_review, arb):
    case = in_review()

    html = post(client, arb.arbitrator, case, "accept", {"procedure": "ordinary"})

    after = fresh(case)
    assert after.status == "arbitration"
    assert re.search(r'id="arbitration-number">潍城劳人仲案字〔2026〕第\d+号<', html)
    docs = re.findall(r'class="document document-(\w+)"><a href="(/documents/\d+/)"', html)
    assert [kind for kind, _href in docs] == ["acceptance_notice", "respond_notice"]
    assert "受理通知书 v1" in html
    download = client.get(docs[0][1])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_bad_input_gives_a_chinese_error_keeps_the_input_and_changes_nothing(client, in_review, arb):
    case = in_review()

    html = post(client, arb.arbitrator, case, "reject", {"reason_code": "out_of_jurisdiction", "reason": ""})

    assert "请填写此项。" in error_message(html)
    assert fresh(case).status == "arbitration_review" and fresh(case).version == case.version
    # The form comes back as it was left, the error beside the field.
    form = html[html.index('id="form-reject"'):]
    assert '<option value="out_of_jurisdiction" selected>' in form[:form.index("</form>")]
    assert "errorlist" in form[:form.index("</form>")]
    # The next page view is clean again.
    assert '<option value="out_of_jurisdiction" selected>' not in page(client, arb.arbitrator, case)


def test_a_rule_of_the_service_is_shown_in_chinese_beside_the_field(client, accepted, arb):
    case = accepted()

    html = post(client, arb.arbitrator, case, "tribunal", {"arbitrators": [arb.arbitrator.pk, arb.arbitrator2.pk]})

    assert "请选择一名仲裁员，或者三名不同的仲裁员。" in error_message(html)
    form = html[html.index('id="form-tribunal"'):]
    form = form[:form.index("</form>")]
    assert "请选择一名仲裁员，或者三名不同的仲裁员。" in form
    assert len(re.findall(r'name="arbitrators" value="\d+"[^>]*checked', form)) == 2
    assert not TribunalMember.objects.filter(file__case=case).exists()
    assert fresh(case).version == case.version


def test_a_stale_version_shows_a_conflict_message_and_changes_nothing(client, in_review, arb):
    case = in_review()

    html = post(client, arb.arbitrator, case, "accept", {"procedure": "ordinary"}, version=case.version - 1)

    assert "其他人已修改" in error_message(html)
    assert fresh(case).status == "arbitration_review" and fresh(case).version == case.version


def test_the_completion_notice_and_the_completed_materials(client, in_review, arb):
    case = in_review()

    html = post(client, arb.clerk, case, "completion_request", {"items": "劳动合同复印件\n\n工资条\n"})
    assert 'id="completion">劳动合同复印件；工资条' in html
    assert forms_on(html) == {"completion"}
    html = post(client, arb.clerk, case, "completion", {})
    assert "completion" not in forms_on(html) and "completion_request" not in forms_on(html)
    assert "补正通知书" in html or "document-completion_notice" in html


def test_the_summary_procedure_is_chosen_on_acceptance_and_converted_later(client, in_review, arb):
    case = in_review()

    html = post(client, arb.arbitrator, case, "accept", {"procedure": "summary", "facts_clear": "on"})
    assert fresh(case).arbitration_file.procedure == "summary"
    assert "convert" in forms_on(html)

    html = post(client, arb.arbitrator, case, "convert", {"reason": "案情复杂，需要组成合议庭"})
    file = fresh(case).arbitration_file
    assert (file.procedure, file.conversion_reason) == ("ordinary", "案情复杂，需要组成合议庭")
    assert "convert" not in forms_on(html) and "案情复杂" in html


def test_the_representatives_of_a_collective_dispute_are_the_groups_own(client, in_review, register, people, orgs,
                                                                          arb):
    """One record of the representatives (disputes.Representative on the lead): the workbench chooses them among
    the group's workers, the case page shows the same, and the arbitration documents name them (代表人)."""
    import random
    import shutil
    import subprocess

    from core.identifiers import make_credit_code
    from disputes.collective import collective_link
    from disputes.models import CaseEvent, Document, Representative
    from disputes.services import referral_accept, referral_offer

    single = in_review()
    assert "representatives" not in forms_on(page(client, arb.clerk, single))
    Case.objects.filter(pk=single.pk).update(is_collective=True)
    # A collective case in no group has no group to choose from: the form is not offered.
    assert "representatives" not in forms_on(page(client, arb.clerk, single))

    employer = make_credit_code(random.Random(41))
    lead, *members = [register(seed=4100 + i, credit_code=employer, worker_name=f"工人{i}",
                               violation_started_on=datetime.date(2026, 1, 5)).case for i in range(3)]
    collective_link(case_id=lead.pk, actor=people["clerk"], member_ids=[m.pk for m in members],
                    version=fresh(lead).version)
    ref = referral_offer(case_id=lead.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=fresh(lead).version)
    referral_accept(referral_id=ref.pk, actor=arb.arbitrator)
    assert "representatives" not in forms_on(page(client, arb.clerk, members[0]))  # a member: on its lead
    html = page(client, arb.clerk, lead)
    form = html[html.index('id="form-representatives"'):]
    form = form[:form.index("</form>")]
    assert all(f"工人{i}（{c.number}）" in form for i, c in enumerate((lead, *members)))

    workers = [lead.worker_id, members[1].worker_id]
    html = post(client, arb.clerk, lead, "representatives", {"workers": [str(w) for w in workers]})
    assert re.search(r'id="representatives">工人0[^<]*、工人2[^<]*<', html)
    assert list(Representative.objects.filter(case=lead).values_list("worker_id", flat=True)) == workers
    # The form shows them checked, for a change; the case page shows the same record.
    assert re.search(rf'value="{members[1].worker_id}"[^>]*checked', html)
    client.force_login(people["clerk"])
    case_page = client.get(reverse("disputes:case", args=[lead.pk])).content.decode()
    assert "工人0、工人2" in case_page.split('id="group-representatives"')[1].split("</p>")[0]
    # Each member's timeline records the group's representatives too.
    assert CaseEvent.objects.filter(case=members[0], action="representatives_set", payload__lead=lead.pk).exists()

    # A worker outside the group is refused with a message on the form; nothing changes.
    html = post(client, arb.clerk, lead, "representatives", {"workers": [str(single.worker_id)]})
    assert 'id="form-representatives"' in html and 'class="errorlist' in html.split('id="form-representatives"')[1]
    assert Representative.objects.filter(case=lead).count() == 2

    # The notice to the respondent, which lists the parties, names them (the documents read the same record).
    post(client, arb.arbitrator, lead, "accept", {"procedure": "ordinary"})
    assert fresh(lead).status == "arbitration"
    if shutil.which("pdftotext"):
        doc = Document.objects.filter(case=lead, kind="respond_notice").latest("id")
        with doc.file.open("rb") as f:
            text = subprocess.run(["pdftotext", "-", "-"], input=f.read(), capture_output=True, check=True).stdout
        assert "代表人：工人0、工人2。" in "".join(text.decode().split())


def test_rejecting_the_application_issues_the_notice(client, in_review, arb):
    case = in_review()

    html = post(client, arb.arbitrator, case, "reject",
                {"reason_code": "not_labour_dispute", "reason": "双方之间不存在劳动关系"})

    assert fresh(case).status == "not_accepted"
    assert "document-rejection_notice" in html and forms_on(html) == set()


# --- tribunal, service, hearings ------------------------------------------------------------------------------


def test_composing_a_three_member_tribunal_with_a_presiding_arbitrator(client, accepted, arb):
    case = accepted()

    html = post(client, arb.arbitrator, case, "tribunal", {
        "arbitrators": [arb.arbitrator.pk, arb.arbitrator2.pk, arb.arbitrator3.pk], "presiding": arb.arbitrator2.pk,
    })

    presiding = TribunalMember.objects.get(file__case=case, is_presiding=True)
    assert presiding.arbitrator == arb.arbitrator2
    assert "tribunal" not in forms_on(html)
    assert "document-tribunal_notice" in html


def test_the_service_of_the_copy_then_the_defence(client, composed, arb):
    case = composed()

    html = post(client, arb.clerk, case, "service", {"kind": "copy_served", "on_date": "2026-06-01"})
    assert 'id="copy-served">2026-06-01<' in html
    assert '<option value="defence_received"' in html and '<option value="copy_served"' not in html
    html = post(client, arb.clerk, case, "service", {"kind": "defence_received", "on_date": "2026-06-01"})
    assert 'id="defence-received">2026-06-01<' in html
    assert "service" not in forms_on(html)


def test_scheduling_offers_the_rooms_and_arbitrators_and_books_the_hearing(client, composed, arb, room, orgs):
    Room.objects.create(organization=orgs["arbitration"], name="旧庭室", capacity=10, is_active=False)
    case = composed()
    html = page(client, arb.arbitrator, case)
    form = html[html.index('id="form-schedule"'):]
    form = form[:form.index("</form>")]
    assert "第一仲裁庭" in form and "旧庭室" not in form
    # The sitting tribunal is ticked already.
    assert re.search(rf'name="arbitrators" value="{arb.arbitrator.pk}"[^>]*checked', form)

    html = post(client, arb.arbitrator, case, "schedule", {
        "room_id": room.pk, "starts_at": "2026-06-08T09:00", "ends_at": "2026-06-08T11:00",
        "arbitrators": [arb.arbitrator.pk],
    })

    hearing = Hearing.objects.get(case=case)
    assert hearing.starts_at == datetime.datetime(2026, 6, 8, 9, tzinfo=TZ)
    assert fresh(case).status == "hearing"
    assert f'id="hearing-{hearing.pk}"' in html and "2026-06-08 09:00–11:00" in html
    assert "document-hearing_notice" in html


def test_a_hearing_too_soon_is_refused_in_chinese_and_the_times_stay_in_the_form(client, composed, arb, room):
    case = composed()

    html = post(client, arb.arbitrator, case, "schedule", {
        "room_id": room.pk, "starts_at": "2026-06-03T09:00", "ends_at": "2026-06-03T11:00",
        "arbitrators": [arb.arbitrator.pk],
    })

    # Five working days after Monday 1 June (办案规则 art 81): Monday 8 June.
    assert "2026-06-08" in error_message(html) and "开庭" in error_message(html)
    assert 'value="2026-06-03T09:00"' in html
    assert not Hearing.objects.exists() and fresh(case).status == "arbitration"


def test_the_hearing_notice_postponement_and_cancellation(client, scheduled, arb, room):
    case, hearing = scheduled()

    html = post(client, arb.arbitrator, case, "hearing_notice", {"served_on": "2026-06-01"}, hearing.pk,
                version=False)
    assert Hearing.objects.get(pk=hearing.pk).notice_served_on == datetime.date(2026, 6, 1)
    assert f"notice-{hearing.pk}" not in forms_on(html)

    post(client, arb.arbitrator, case, "hearing_postpone", {
        "requested_by": "applicant", "requested_on": "2026-06-01", "reason": "申请人需补充证据",
        "new_starts_at": "2026-06-15T14:00", "new_ends_at": "2026-06-15T16:00", "new_room_id": "",
    }, hearing.pk, version=False)
    new = Hearing.objects.get(postponed_from=hearing)
    assert Hearing.objects.get(pk=hearing.pk).state == "postponed" and new.room == room

    html = post(client, arb.arbitrator, case, "hearing_cancel", {"reason": ""}, new.pk, version=False)
    assert "请填写此项。" in error_message(html)
    post(client, arb.arbitrator, case, "hearing_cancel", {"reason": "双方和解"}, new.pk, version=False)
    assert Hearing.objects.get(pk=new.pk).state == "cancelled"


def test_the_respondents_absence_is_recorded_after_the_notice(client, scheduled, arb):
    case, hearing = scheduled()
    hearing_notice_served(hearing_id=hearing.pk, actor=arb.arbitrator, served_on=datetime.date(2026, 6, 1))

    with at("2026-06-08"):
        html = post(client, arb.arbitrator, case, "hearing_absence", {"party": "respondent", "note": "未到庭"},
                    hearing.pk, version=False)
    assert Hearing.objects.get(pk=hearing.pk).respondent_absent is True
    row = html[html.index(f'id="hearing-{hearing.pk}"'):]
    assert 'class="absent-respondent"' in row[:row.index("</tr>")]
    assert fresh(case).status == "hearing"  # the hearing goes on; a default award may follow


# --- the award ----------------------------------------------------------------------------------------------


def award_form(case, amounts: dict, **texts) -> dict:
    held = Hearing.objects.filter(case=case, state="held").order_by("-starts_at").first()
    data = {**TEXTS, "hearing_id": held.pk if held else "", **texts}
    for claim in case.claims.order_by("id"):
        data[f"decide_{claim.pk}"] = "on"
        data[f"amount_{claim.pk}"] = amounts.get(claim.type, "")
        data[f"decision_{claim.pk}"] = f"被申请人支付申请人{claim.description}"
    return data


def test_the_award_form_decides_each_claim_and_shows_which_items_are_final(client, scheduled, arb):
    case, hearing = scheduled(claims=CLAIMS)
    hold_hearing(hearing, arb.arbitrator)
    with at("2026-06-08", ):
        html = post(client, arb.arbitrator, case, "award",
                    award_form(case, {"wages": "8600.00", "damages": "60000.00"}))

    after = fresh(case)
    assert (after.status, after.outcome) == ("closed", "award")
    award = Award.objects.get(file__case=case)
    assert award.findings == TEXTS["findings"] and award.legal_basis == TEXTS["legal_basis"]
    assert (award.ground, award.hearing_id) == ("hearing_held", hearing.pk)
    assert 'class="award-ground"' in html and "2026-05-31 09:00" in html
    # Each item shows the minimum-wage row its finality was measured against, flagged as not verified.
    assert html.count('class="minimum-wage unverified"') == 2 and "2021-10-01" in html
    assert Hearing.objects.get(pk=hearing.pk).state == "held"
    finality = re.findall(r'<tr class="award-item (final|not-final)">', html)
    assert finality == ["final", "not-final"]
    assert "document-award" in html
    assert "award" not in forms_on(html) and "post_award" in forms_on(html)


def test_an_award_without_findings_is_refused_in_chinese_and_keeps_the_items(client, scheduled, arb):
    case, hearing = scheduled(claims=CLAIMS)
    hold_hearing(hearing, arb.arbitrator)
    wages = case.claims.get(type="wages")

    html = post(client, arb.arbitrator, case, "award",
                award_form(case, {"wages": "8600.00", "damages": "1000.00"}, findings=""))

    assert "请填写此项。" in error_message(html)
    assert not Award.objects.exists() and fresh(case).status == "hearing"
    form = html[html.index('id="form-award"'):]
    assert f'name="amount_{wages.pk}" value="8600.00"' in form
    assert TEXTS["reasoning"] in form


def test_a_money_claim_without_an_amount_is_refused_beside_its_row(client, scheduled, arb):
    case, hearing = scheduled(claims=CLAIMS)
    hold_hearing(hearing, arb.arbitrator)
    damages = case.claims.get(type="damages")

    html = post(client, arb.arbitrator, case, "award", award_form(case, {"wages": "8600.00"}))

    assert "给付金钱的请求须填写裁决金额。" in error_message(html)
    row = html[html.index(f'data-claim="{damages.pk}"'):]
    assert "errorlist" in row[:row.index("</tr>")]
    assert not Award.objects.exists()


def test_a_partial_award_leaves_the_other_claims_for_later(client, scheduled, arb):
    case, hearing = scheduled(claims=CLAIMS)
    hold_hearing(hearing, arb.arbitrator)
    wages = case.claims.get(type="wages")
    data = {**award_form(case, {"wages": "8600.00"}), "partial": "on"}
    del data[f"decide_{case.claims.get(type='damages').pk}"]

    html = post(client, arb.arbitrator, case, "award", data)

    award = Award.objects.get()
    assert award.is_partial and [i.claim_id for i in award.items.all()] == [wages.pk]
    assert fresh(case).status == "hearing"
    form = html[html.index('id="form-award"'):]
    form = form[:form.index("</form>")]
    assert f'name="amount_{wages.pk}"' not in form  # decided already: only the damages claim is left
    assert f'name="amount_{case.claims.get(type="damages").pk}"' in form


def test_after_the_award_a_suit_is_recorded(client, scheduled, arb):
    case, hearing = scheduled()
    hold_hearing(hearing, arb.arbitrator)
    with at("2026-06-08"):
        items = [{"claim_id": c.pk, "awarded_amount": "8600.00", "decision_text": "支付工资"} for c in case.claims.all()]
        award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, items=items, **TEXTS)
    with at("2026-06-15"):
        html = post(client, arb.clerk, case, "post_award", {
            "kind": "suit_filed", "by_party": "worker", "filed_on": "2026-06-12", "court_name": "潍城区人民法院",
        })
    record = PostAwardRecord.objects.get()
    assert record.kind == "suit_filed" and not record.is_late
    assert "潍城区人民法院" in html


def test_a_mediation_statement_closes_the_case(client, composed, arb):
    case = composed()

    html = post(client, arb.arbitrator, case, "mediation", {
        "terms": "被申请人于2026年6月30日前支付", "label_0": "", "amount_0": "", "label_1": "工资", "amount_1": "6000",
    })

    after = fresh(case)
    assert (after.status, after.outcome) == ("closed", "mediated")
    assert "document-mediation_statement" in html
    statement = html[html.index('class="statement"'):]
    assert "被申请人于2026年6月30日前支付" in statement and "工资: 6000.00" in statement


# --- the case page links here, and the cost of the page ---------------------------------------------------


def test_the_case_page_links_to_the_workbench_only_for_an_arbitration_case(client, register, in_review, people):
    case = register(violation_started_on=datetime.date(2026, 1, 5)).case
    client.force_login(people["clerk"])
    assert 'id="track-arbitration"' not in client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    review = in_review()
    html = client.get(reverse("disputes:case", args=[review.pk])).content.decode()
    assert f'href="{url(review)}" id="track-arbitration"' in html


def _workbench_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(case)).status_code == 200
    return len(ctx.captured_queries)


def _hearing_case(composed, arb, rooms, n: int, first_day: int) -> Case:
    """A case with n claims and n hearings (every other notice served) and a partial award on one claim."""
    case = composed(claims=[{"type": "wages", "amount": f"{100 + i}.00", "description": f"工资{i}"} for i in range(n)])
    for i in range(n):
        day = f"2026-06-{first_day + i // 4:02d}"
        hearing = hearing_schedule(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version,
                                   room_id=rooms[i % len(rooms)].pk, arbitrators=[arb.arbitrator],
                                   **slot(day, f"{8 + 2 * (i % 4):02d}:00", f"{9 + 2 * (i % 4):02d}:00"))
        if i % 2:
            hearing_notice_served(hearing_id=hearing.pk, actor=arb.arbitrator, served_on=datetime.date(2026, 6, 1))
    hold_hearing(Hearing.objects.filter(case=case, notice_served_on__isnull=True).first(), arb.arbitrator)
    first = case.claims.order_by("id").first()
    award_issue(case_id=case.pk, actor=arb.arbitrator, version=fresh(case).version, partial=True,
                items=[{"claim_id": first.pk, "awarded_amount": "100.00", "decision_text": "先行支付"}], **TEXTS)
    return fresh(case)


def test_the_workbench_costs_the_same_queries_for_3_or_12_hearings_and_claims(client, composed, arb, orgs):
    rooms = [Room.objects.create(organization=orgs["arbitration"], name=f"第{i}仲裁庭", capacity=20) for i in range(3)]
    client.force_login(arb.arbitrator)
    few = _hearing_case(composed, arb, rooms, 3, first_day=8)
    # The arbitrator sits at every hearing: the second case's hearings come after the first case's.
    many = _hearing_case(composed, arb, rooms, 12, first_day=15)
    assert Hearing.objects.filter(case=many).count() == 12 and Claim.objects.filter(case=many).count() == 12
    assert AwardItem.objects.filter(award__file__case=many).count() == 1

    assert _workbench_queries(client, many) == _workbench_queries(client, few)
