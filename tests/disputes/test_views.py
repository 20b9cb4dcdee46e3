"""Staff pages: queues, the case file, actions through forms, scope and query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from arbitration.models import Award
from disputes.models import Case, CaseEvent, Document
from disputes.services import case_add_note, referral_accept, referral_offer, transition_table
from tests.conftest import accept_for_arbitration, file_for_inspection, schedule_first_hearing

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_the_queue_shows_the_clerks_case_in_chinese(client, case, people):
    body = login(client, people["clerk"]).get(reverse("disputes:queue")).content.decode()
    assert case.number in body
    assert "我的待办" in body or "需要我处理的案件" in body


def test_anonymous_users_are_sent_to_sign_in(client, case):
    resp = client.get(reverse("disputes:case", args=[case.pk]))
    assert resp.status_code == 302 and reverse("login") in resp["Location"]


def test_an_outsider_gets_404_for_a_case_of_another_organisation(client, case, people):
    assert login(client, people["outsider"]).get(reverse("disputes:case", args=[case.pk])).status_code == 404


def test_a_transition_through_the_form_moves_the_case(client, case, people):
    login(client, people["clerk"])
    resp = client.post(reverse("disputes:transition", args=[case.pk]),
                       {"action": "suspend", "version": case.version, "reason": "等待材料"}, follow=True)
    assert resp.status_code == 200
    assert Case.objects.get(pk=case.pk).status == "suspended"


def test_a_stale_form_gets_a_conflict_message_and_changes_nothing(client, case, people):
    login(client, people["clerk"])
    stale = case.version
    client.post(reverse("disputes:transition", args=[case.pk]), {"action": "suspend", "version": stale, "reason": "甲"})
    resp = client.post(reverse("disputes:transition", args=[case.pk]),
                       {"action": "resume", "version": stale}, follow=True)
    assert Case.objects.get(pk=case.pk).status == "suspended"
    assert "其他人" in resp.content.decode() or "someone else" in resp.content.decode().lower()


TRACK_STEPS = {name for name, info in transition_table().items() if info.via_service}


def in_arbitration(case, people, orgs, stage):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    referral_accept(referral_id=ref.pk, actor=people["arbitrator"])
    if stage in ("arbitration", "hearing"):
        accept_for_arbitration(case, people["arbitrator"])
    if stage == "hearing":
        schedule_first_hearing(case, people["arbitrator"])
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("stage", ["arbitration_review", "arbitration", "hearing", "inspection"])
def test_the_case_page_offers_no_track_step_and_links_the_track_page(client, case, people, orgs, stage):
    if stage == "inspection":
        file_for_inspection(case, people, orgs)
        user, track_page = people["inspector"], reverse("inspection:workbench", args=[case.pk])
    else:
        in_arbitration(case, people, orgs, stage)
        user, track_page = people["arbitrator"], reverse("arbitration:workbench", args=[case.pk])

    body = login(client, user).get(reverse("disputes:case", args=[case.pk])).content.decode()

    buttons = set(re.findall(r'data-action="(\w+)"', body))
    assert {"suspend", "withdraw"} <= buttons
    assert not buttons & TRACK_STEPS
    assert f'href="{track_page}' in body
    if stage == "inspection":
        # An inspection case is closed on its own page, with the amounts recovered and workers covered.
        assert not buttons & {"close", "settle"}
    else:
        assert "close" in buttons
        # Closing with an outcome cannot claim an award or a penalty either.
        assert '<option value="award">' not in body and '<option value="penalty">' not in body
        assert '<option value="no_violation">' in body


def test_an_award_posted_through_the_generic_form_is_refused_and_changes_nothing(client, case, people, orgs):
    case = in_arbitration(case, people, orgs, "hearing")
    events = CaseEvent.objects.filter(case=case).count()
    login(client, people["arbitrator"])

    resp = client.post(reverse("disputes:transition", args=[case.pk]),
                       {"action": "award", "version": case.version}, follow=True)

    assert resp.redirect_chain[-1][0] == reverse("disputes:case", args=[case.pk])
    messages = [str(m) for m in resp.context["messages"]]
    assert len(messages) == 1 and "仲裁案卷及办案台" in messages[0]
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.outcome, after.version) == ("hearing", "", case.version)
    assert CaseEvent.objects.filter(case=case).count() == events
    assert not Award.objects.exists() and not Document.objects.filter(case=case, kind="award").exists()


def test_the_receiver_accepts_a_referral_from_its_inbox(client, case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    login(client, people["arbitrator"])
    assert case.number in client.get(reverse("disputes:incoming")).content.decode()
    client.post(reverse("disputes:referral_decide", args=[ref.pk, "accept"]))
    case.refresh_from_db()
    assert case.status == "arbitration_review" and case.owner_org == orgs["arbitration"]


def test_a_refused_referral_step_goes_back_to_the_page_it_came_from_on_this_site_only(client, case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    login(client, people["arbitrator"])
    decline = reverse("disputes:referral_decide", args=[ref.pk, "decline"])
    here = reverse("disputes:case", args=[case.pk])
    # No reason code: refused, with the reason said, back where the form was.
    refused = client.post(decline, {"code": "", "next": here})
    assert refused.status_code == 302 and refused.url == here
    # A "next" pointing off the site is not followed: the incoming list instead.
    refused = client.post(decline, {"code": "", "next": "https://elsewhere.example/"})
    assert refused.url == reverse("disputes:incoming")
    assert client.post(decline, {"code": ""}).url == reverse("disputes:incoming")
    ref.refresh_from_db()
    assert ref.state == "offered"


def test_an_inspection_referral_is_taken_by_filing_on_the_inspection_page(client, case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk,
                         purpose="inspection", expected_version=case.version)
    login(client, people["inspector"])
    with translation.override("zh-hans"):
        label = gettext("File or refuse")
    link = re.compile(
        rf'<a class="button" href="{reverse("inspection:workbench", args=[case.pk])}#filing" '
        rf'id="file-referral-{ref.pk}">{re.escape(label)}</a>'
    )
    accept = reverse("disputes:referral_decide", args=[ref.pk, "accept"])
    decline = reverse("disputes:referral_decide", args=[ref.pk, "decline"])
    for page in (reverse("disputes:incoming"), reverse("disputes:case", args=[case.pk])):
        body = client.get(page).content.decode()
        assert link.search(body), page
        assert accept not in body, page
        assert decline in body, page  # declining stays where it was
    # The link lands on the filing section of the workbench, with the filing form.
    workbench = client.get(reverse("inspection:workbench", args=[case.pk])).content.decode()
    assert 'id="filing"' in workbench and 'id="file-form"' in workbench


def test_an_arbitration_referral_is_still_accepted_with_a_button(client, case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk,
                         purpose="arbitration", expected_version=case.version)
    login(client, people["arbitrator"])
    accept = f'action="{reverse("disputes:referral_decide", args=[ref.pk, "accept"])}"'
    for page in (reverse("disputes:incoming"), reverse("disputes:case", args=[case.pk])):
        body = client.get(page).content.decode()
        assert accept in body, page
        assert f'{reverse("inspection:workbench", args=[case.pk])}#filing' not in body, page


def test_personal_data_is_masked_for_an_organisation_that_does_not_handle_the_case(client, case, people, orgs):
    ref = referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["legal_aid"].pk,
                         purpose="legal_aid", expected_version=case.version)
    body = login(client, people["legal_aid"]).get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert case.worker.id_number not in body and case.worker.id_number[-4:] in body
    assert ref.pk
    body = login(client, people["clerk"]).get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert case.worker.id_number in body


def test_the_dashboard_counts_by_stage_claim_type_and_county(client, register, people):
    for i in range(3):
        register(seed=i)
    body = login(client, people["supervisor"]).get(reverse("disputes:dashboard")).content.decode()
    assert 'id="total-year">3<' in body
    assert "潍城区" in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_costs_the_same_queries_for_3_or_20_cases(client, register, people):
    login(client, people["clerk"])
    for i in range(3):
        register(seed=i)
    few = _queries(client, reverse("disputes:queue"))
    for i in range(3, 20):
        register(seed=i)
    assert _queries(client, reverse("disputes:queue")) == few


def test_the_case_page_costs_the_same_queries_for_3_or_60_events(client, case, people):
    login(client, people["clerk"])
    url = reverse("disputes:case", args=[case.pk])
    for i in range(2):
        case_add_note(case_id=case.pk, actor=people["clerk"], text=f"n{i}")
    few = _queries(client, url)
    for i in range(58):
        case_add_note(case_id=case.pk, actor=people["clerk"], text=f"m{i}")
    assert _queries(client, url) == few
