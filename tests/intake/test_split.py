"""Splitting a complaint into several proceedings at the window (intake.split): service, page and API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.errors import Conflict, PermissionDenied, TransitionRefused, ValidationFailed
from core.query_codes import hash_query_code
from disputes.models import Case, CaseEvent, Claim, Evidence
from disputes.services import case_transition, referral_offer
from intake.models import PendingReceipt, SplitProceeding
from intake.split import complaint_split, split_links

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CLAIMS = [
    {"type": "wages", "amount": "8600.00", "description": "9-10月工资"},
    {"type": "overtime", "amount": "1200.00", "description": "加班费"},
    {"type": "welfare", "amount": None, "description": "未提供劳动防护用品"},
]
SAFETY = "用人单位未为骑手提供头盔等劳动防护用品，请求劳动保障监察处理。"


@pytest.fixture
def complaint(register):
    """A rider's complaint with two wage claims for arbitration and a labour-protection matter for inspection."""
    return register(claims=CLAIMS, files=[SimpleUploadedFile("照片.pdf", PDF), SimpleUploadedFile("工资条.pdf", PDF)])


def fresh(case):
    return Case.objects.get(pk=case.pk)


def claims_of(case):
    return list(Claim.objects.filter(case=case).order_by("id").values_list("type", flat=True))


def split(case, actor, claims, **kw):
    kw.setdefault("facts", SAFETY)
    return complaint_split(case_id=case.pk, actor=actor, claims=claims, version=fresh(case).version, **kw)


# --- the service -------------------------------------------------------------------------------------------


def test_the_chosen_claims_move_to_a_new_case_of_the_same_parties_with_its_own_query_code(complaint, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare")
    photo = Evidence.objects.filter(case=case).order_by("id").first()
    result = split(case, people["clerk"], [welfare.pk], evidence=[photo.pk])

    new, old = result.case, fresh(case)
    assert claims_of(old) == ["wages", "overtime"] and claims_of(new) == ["welfare"]  # moved, not copied
    assert Claim.objects.filter(pk=welfare.pk, case=new).exists()
    assert (new.worker_id, new.employer_id, new.division_id, new.channel) == (
        old.worker_id, old.employer_id, old.division_id, old.channel)
    assert new.facts == SAFETY and new.status == "registered" and new.number.startswith("WF")
    assert new.number != old.number
    assert (new.first_handler_id, new.owner_org_id, new.owner_user_id) == (
        old.first_handler_id, old.owner_org_id, old.owner_user_id)
    # The worker's code stays with the original; the new case has its own, waiting on a receipt to print.
    assert old.query_code_hash == hash_query_code(complaint.query_code)
    assert new.query_code_hash == hash_query_code(result.query_code) != old.query_code_hash
    assert PendingReceipt.objects.filter(case=new).exists()
    # Evidence chosen is recorded on both, the same stored file.
    copied = Evidence.objects.get(case=new)
    assert (copied.file.name, copied.sha256) == (photo.file.name, photo.sha256)
    assert Evidence.objects.filter(case=old).count() == 2
    assert old.version == case.version + 1

    link = SplitProceeding.objects.get(case=new)
    assert (link.split_from_id, link.split_by_id) == (old.pk, people["clerk"].pk)
    assert split_links(old.pk).split_into[0].number == new.number and split_links(old.pk).split_from is None
    assert split_links(new.pk).split_from.number == old.number and split_links(new.pk).split_into == []

    into = CaseEvent.objects.get(case=old, action="split_into")
    assert into.is_public and into.payload["number"] == new.number and into.payload["claims"] == [welfare.pk]
    actions = list(CaseEvent.objects.filter(case=new).values_list("action", flat=True))
    assert actions[:2] == ["registered", "split_from"]
    assert CaseEvent.objects.get(case=new, action="split_from").payload["number"] == old.number


@pytest.mark.parametrize("which, message", [
    ("none", "请至少选择一项转入新案件的请求事项。"),
    ("all", "本案须至少保留一项请求事项"),
    ("foreign", "请选择本案的请求事项。"),
])
def test_a_claim_belongs_to_one_proceeding_and_each_keeps_one(complaint, register, people, which, message):
    case = complaint.case
    ids = list(Claim.objects.filter(case=case).values_list("pk", flat=True))
    other = register(seed=77).case
    chosen = {"none": [], "all": ids, "foreign": [Claim.objects.get(case=other).pk]}[which]
    with pytest.raises(ValidationFailed) as refused:
        split(case, people["clerk"], chosen)
    assert message in " ".join(refused.value.fields["claims"])
    assert claims_of(fresh(case)) == ["wages", "overtime", "welfare"] and not SplitProceeding.objects.exists()


def test_the_new_proceeding_needs_its_facts_and_only_this_cases_evidence(complaint, register, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    with pytest.raises(ValidationFailed) as refused:
        split(case, people["clerk"], [welfare], facts="  ")
    assert refused.value.fields["facts"] == ["请写明拆分出的新案件的事实与请求。"]
    elsewhere = Evidence.objects.create(
        case=register(seed=78).case, file="evidence/x/y", original_name="x.pdf", content_type="application/pdf",
        size=1, sha256="0" * 64, uploaded_by=people["clerk"])
    with pytest.raises(ValidationFailed) as refused:
        split(case, people["clerk"], [welfare], evidence=[elsewhere.pk])
    assert refused.value.fields["evidence"] == ["请选择本案的证据材料。"]


def test_only_the_windows_clerk_or_supervisor_of_the_handling_organisation_splits(complaint, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    for who in ("outsider", "outsider_supervisor", "inspector"):
        with pytest.raises(PermissionDenied):
            split(case, people[who], [welfare])
    assert split(case, people["supervisor"], [welfare]).case.pk


def test_a_complaint_that_left_the_window_or_waits_on_a_referral_is_not_split(complaint, register, people, orgs):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["arbitration"].pk, purpose="arbitration",
                   expected_version=fresh(case).version)
    with pytest.raises(Conflict) as refused:
        split(case, people["clerk"], [welfare])
    assert refused.value.code == "referral_open"

    withdrawn = register(seed=79, claims=CLAIMS).case
    case_transition(case_id=withdrawn.pk, action="withdraw", actor=people["clerk"],
                    expected_version=fresh(withdrawn).version, reason="劳动者撤回")
    with pytest.raises(TransitionRefused) as refused:
        split(withdrawn, people["clerk"], [Claim.objects.get(case=withdrawn, type="welfare").pk])
    assert refused.value.code == "not_at_window"
    assert not SplitProceeding.objects.exists()


def test_a_stale_version_is_a_conflict(complaint, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    with pytest.raises(Conflict):
        complaint_split(case_id=case.pk, actor=people["clerk"], claims=[welfare], facts=SAFETY,
                        version=fresh(case).version + 1)
    assert not SplitProceeding.objects.exists()


# --- the pages --------------------------------------------------------------------------------------------


def test_the_clerk_splits_at_the_window_and_both_case_pages_show_the_link(client, complaint, people):
    case = complaint.case
    client.force_login(people["clerk"])
    page = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert 'id="split-link"' in page and "将投诉拆分出另一案件" in page
    form = client.get(reverse("intake:split", args=[case.pk])).content.decode()
    assert "转入新案件的请求事项" in form and "未提供劳动防护用品" in form

    welfare = Claim.objects.get(case=case, type="welfare").pk
    answer = client.post(reverse("intake:split", args=[case.pk]),
                         {"version": fresh(case).version, "claims": [welfare], "facts": SAFETY})
    new = SplitProceeding.objects.get(split_from=case).case
    assert answer.status_code == 302 and answer["Location"] == reverse("intake:registered", args=[new.pk])
    registered = client.get(answer["Location"]).content.decode()
    assert f"已由 {case.number} 案拆分出 {new.number} 案" in registered and 'id="query-code"' in registered

    original = client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    assert f"拆分出 {new.number} 案" in original  # the link and the timeline
    assert original.count(f"拆分出 {new.number} 案") == 2
    split_off = client.get(reverse("disputes:case", args=[new.pk])).content.decode()
    assert split_off.count(f"由 {case.number} 案拆分") == 2


def test_a_refused_split_says_why_in_chinese_and_keeps_what_was_typed(client, complaint, people):
    case = complaint.case
    client.force_login(people["clerk"])
    answer = client.post(reverse("intake:split", args=[case.pk]),
                         {"version": fresh(case).version, "facts": SAFETY})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "请至少选择一项转入新案件的请求事项。" in page and SAFETY in page
    ids = list(Claim.objects.filter(case=case).values_list("pk", flat=True))
    answer = client.post(reverse("intake:split", args=[case.pk]),
                         {"version": fresh(case).version, "claims": ids, "facts": SAFETY})
    assert answer.status_code == 400 and "本案须至少保留一项请求事项" in answer.content.decode()
    assert not SplitProceeding.objects.exists()


def test_the_split_page_is_a_404_outside_the_scope_and_not_offered_to_other_roles(client, complaint, people, orgs):
    case = complaint.case
    client.force_login(people["outsider"])
    assert client.get(reverse("intake:split", args=[case.pk])).status_code == 404
    assert client.post(reverse("intake:split", args=[case.pk]), {"facts": SAFETY}).status_code == 404
    # A team the case was offered to reads it, but does not split it.
    referral_offer(case_id=case.pk, actor=people["clerk"], to_org_id=orgs["inspection"].pk, purpose="inspection",
                   expected_version=fresh(case).version)
    client.force_login(people["inspector"])
    assert 'id="split-link"' not in client.get(reverse("disputes:case", args=[case.pk])).content.decode()
    answer = client.get(reverse("intake:split", args=[case.pk]))
    assert answer.status_code == 302 and not SplitProceeding.objects.exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_case_page_costs_the_same_queries_with_one_or_three_cases_split_off(client, register, people):
    case = register(claims=[*CLAIMS, {"type": "working_time", "amount": None, "description": "休息休假"}]).case
    client.force_login(people["clerk"])
    ids = list(Claim.objects.filter(case=case).order_by("id").values_list("pk", flat=True))
    split(case, people["clerk"], [ids[0]])
    url = reverse("disputes:case", args=[case.pk])
    _queries(client, url)  # warm the per-process reference data
    one = _queries(client, url)
    split(case, people["clerk"], [ids[1]])
    split(case, people["clerk"], [ids[2]])
    assert _queries(client, url) == one
    form = reverse("intake:split", args=[case.pk])
    assert _queries(client, form) == _queries(client, reverse("intake:split", args=[register(seed=5).case.pk]))


# --- the API ----------------------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_the_api_splits_and_both_case_files_list_the_link(complaint, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    answer = api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/split/",
                                       {"version": fresh(case).version, "claims": [welfare], "facts": SAFETY},
                                       format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    new = SplitProceeding.objects.get(split_from=case).case
    assert body["case"]["number"] == new.number and body["split_from"]["version"] == fresh(case).version
    assert hash_query_code(body["query_code"]) == new.query_code_hash and body["claims_moved"] == 1
    assert body["receipt_url"].endswith(f"/api/v1/cases/{new.pk}/receipt/")
    original = api(people["clerk"]).get(f"/api/v1/cases/{case.pk}/").json()
    assert original["tracks"]["split"] == [{"relation": "split_into", "case_id": new.pk, "number": new.number}]
    split_off = api(people["clerk"]).get(f"/api/v1/cases/{new.pk}/").json()
    assert split_off["tracks"]["split"] == [{"relation": "split_from", "case_id": case.pk, "number": case.number}]
    assert [c["type"] for c in split_off["claims"]] == ["welfare"]


def test_the_api_refuses_with_structured_errors(complaint, people):
    case = complaint.case
    welfare = Claim.objects.get(case=case, type="welfare").pk
    url = f"/api/v1/cases/{case.pk}/split/"
    empty = api(people["clerk"]).post(url, {"version": case.version, "claims": [], "facts": SAFETY}, format="json")
    assert empty.status_code == 400
    assert empty.json()["error"]["fields"]["claims"] == ["请至少选择一项转入新案件的请求事项。"]
    stale = api(people["clerk"]).post(url, {"version": 999, "claims": [welfare], "facts": SAFETY}, format="json")
    assert stale.status_code == 409
    hidden = api(people["outsider"]).post(url, {"version": case.version, "claims": [welfare], "facts": SAFETY},
                                          format="json")
    assert hidden.status_code == 404
    assert not SplitProceeding.objects.exists()
