"""Staff pages of the case file. Thin: parse input, call one service or selector, render or redirect."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, NotFound
from core.files import stored_file_response
from core.masking import mask_id_number, mask_phone
from core.models import Organization, Role
from core.replica import replica_view

from . import assignment, collective, priority, registry, selectors, services
from .audit import reads_for_supervisor, record_read
from .choices import CaseState, ClaimType, DeclineReason, Outcome, PriorityGround, ReferralPurpose
from .downloads import document_response
from .kit import guards
from .kit.doors import REFERRAL
from .kit.web import CASE_PAGE, flash_error, next_or, staff_required, to_int
from .models import HANDLERS, Evidence, Notification, ReadKind
from .presentation import event_label
from .search import SearchKey, search_cases

PAGE_SIZE = 20
ACCEPT_CONTROL = "disputes/_referral_accept.html"


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _with_accept_controls(referrals):
    """Each referral with the template of the control that accepts it (a track may take it to its own page)."""
    for r in referrals:
        r.accept_control = registry.referral_action(r.purpose, ACCEPT_CONTROL)
    return referrals


def _worker_data(worker, full: bool) -> dict:
    """The worker's ID number and phone as this reader may see them; nothing for a case without a complainant."""
    if worker is None:
        return {"worker_id_number": "", "worker_phone": ""}
    return {"worker_id_number": worker.id_number if full else mask_id_number(worker.id_number),
            "worker_phone": worker.phone if full else mask_phone(worker.phone)}


@staff_required
def queue(request):
    scope = request.GET.get("scope", "mine")
    status = request.GET.get("status", "")
    if status not in CaseState.values:
        status = ""
    q = request.GET.get("q", "")
    due = request.GET.get("due", "")
    # The tracks' filters the page offers (mediation: agreements not paid by their date), as chosen.
    offered = [f for f in registry.queue_filters() if f.label]
    chosen = {f.name: request.GET.get(f.name, "") for f in offered}
    chosen = {name: value for name, value in chosen.items() if value}
    page = max(to_int(request.GET.get("page"), 1), 1)
    # The page shows who is first-responsible (the API list does not).
    queue = selectors.queue(request.user, scope=scope, status=status, search=q, due=due, filters=chosen,
                            also_related=("first_handler",))
    # No COUNT(*): the page knows only whether another follows.
    listed = selectors.queue_page(queue, size=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "disputes/queue.html",
        {
            "cases": listed.cases,
            "has_next": listed.has_next,
            "page": page,
            "scope": scope,
            "status": status,
            "q": q,
            "due": due,
            "track_filters": [(f, chosen.get(f.name, "")) for f in offered],
            # The chosen filters again on the pager's links.
            "filter_query": urlencode(chosen),
            "states": CaseState.choices,
            "is_supervisor": request.profile.role in (Role.SUPERVISOR, Role.ADMIN),
            "incoming_count": selectors.incoming_referrals(request.user).count(),
            "returned": list(selectors.returned_referrals(request.user)[:10]),
            # What the tracks put above the queue (mediation: agreements not paid by their date).
            **registry.queue_context(profile=request.profile),
        },
    )


@staff_required
def search(request):
    """Every case the organisation may read, found by a number, an ID number, a phone or a name (disputes.search)."""
    q = request.GET.get("q", "").strip()
    after = None
    if request.GET.get("after"):
        try:
            after = SearchKey.from_token(request.GET["after"])
        except ValueError:
            messages.error(request, _("This page link is no longer valid; showing the first page."))
    found = search_cases(request.user, q, size=PAGE_SIZE, after=after)
    return render(request, "disputes/search.html", {
        "q": q,
        "cases": found.cases,
        "partial": found.partial,
        "next_token": found.key_of(found.cases[-1]).token() if found.has_next else "",
        "first_page": after is None,
    })


@staff_required
def case_detail(request, pk):
    case = selectors.case_detail(user=request.user, case_id=pk)
    profile = request.profile
    events = list(selectors.case_events(case=case))
    for e in events:
        e.label = event_label(e)
    referrals = list(selectors.case_referrals(case=case))
    open_for_me = _with_accept_controls(
        [r for r in referrals if r.state == "offered" and r.to_org_id == profile.organization_id]
    )
    can_refer = profile.organization_id == case.owner_org_id and case.is_open
    full_personal_data = selectors.sees_personal_data(profile, case)
    answers_to_worker = selectors.answers_to_worker(profile, case)
    today = timezone.localdate()
    record_read(request, ReadKind.CASE_PAGE, case_id=case.pk)
    group = collective.group_of(case)
    handles_group = guards.handles(case, profile, HANDLERS) and case.is_open
    return render(
        request,
        "disputes/case_detail.html",
        {
            "case": case,
            "events": events,
            "referrals": referrals,
            "open_for_me": open_for_me,
            "actions": services.available_actions(case, profile),
            # An award or a penalty is recorded by its track's decision, never by "close".
            "outcomes": [(v, label) for v, label in Outcome.choices if v not in services.track_outcomes()],
            "purposes": ReferralPurpose.choices,
            "decline_reasons": DeclineReason.choices,
            "targets": Organization.objects.filter(is_active=True).exclude(pk=case.owner_org_id).order_by("kind", "name")
            if can_refer
            else [],
            "can_refer": can_refer,
            "full_personal_data": full_personal_data,
            "answers_to_worker": answers_to_worker,
            **_worker_data(case.worker, full_personal_data),
            "is_first_handler_org": profile.organization_id == case.first_handler_org_id,
            # A member of a collective dispute is assigned, taken and prioritised with its lead, never alone.
            "can_take": case.is_open and case.owner_user_id is None and profile.organization_id == case.owner_org_id
            and profile.role in assignment.ASSIGNABLE_ROLES and case.lead_id is None,
            "can_assign": case.is_open and profile.organization_id == case.owner_org_id
            and profile.role in assignment.SUPERVISORS and case.lead_id is None,
            "can_prioritise": case.is_open and guards.handles(case, profile, HANDLERS) and case.lead_id is None,
            "priority_grounds": PriorityGround.choices,
            # The collective dispute: the lead lists its members and representatives, a member links to its lead.
            "group": group,
            "can_group": handles_group,
            "linkable": collective.linkable_cases(case) if handles_group else [],
            "today": today,
            # What the tracks add to the page (deadlines: the case's clocks).
            **registry.case_page_context(case=case, profile=profile, today=today),
        },
    )


@CASE_PAGE.post
def case_transition(request, pk):
    return CASE_PAGE.submit(request, pk, "transition", None, _("Done."), lambda _d: services.case_transition(
        case_id=pk, action=request.POST.get("action", ""), actor=request.user,
        expected_version=to_int(request.POST.get("version"), -1), reason_code=request.POST.get("reason_code", ""),
        reason=request.POST.get("reason", ""), outcome=request.POST.get("outcome", ""),
        due_on=_date(request.POST.get("due_on"))))


@CASE_PAGE.post
def referral_offer(request, pk):
    return CASE_PAGE.submit(
        request, pk, "refer", None, _("Referral sent. You remain responsible until it is accepted."),
        lambda _d: services.referral_offer(
            case_id=pk, actor=request.user, to_org_id=to_int(request.POST.get("to_org"), -1),
            purpose=request.POST.get("purpose", ""), note=request.POST.get("note", ""),
            expected_version=to_int(request.POST.get("version"), -1)))


@CASE_PAGE.post(door=REFERRAL)
def referral_decide(request, pk, decision, case_id):
    def step(success, call, then=None):
        # Refused, back where the form was (the case page, or the incoming referrals).
        return CASE_PAGE.submit(request, case_id, decision, None, success, lambda _d: call(), then=then,
                                refused_to=next_or(request, "disputes:incoming"))

    if decision == "accept":
        return step(_("Referral accepted: the case is now in your queue."),
                    lambda: services.referral_accept(referral_id=pk, actor=request.user))
    if decision == "decline":
        return step(_("Referral declined: it has gone back to the first-responsible handler."),
                    lambda: services.referral_decline(referral_id=pk, actor=request.user,
                                                      code=request.POST.get("code", ""),
                                                      reason=request.POST.get("reason", "")),
                    then=redirect("disputes:incoming"))
    if decision == "withdraw":
        return step(_("Referral withdrawn."), lambda: services.referral_withdraw(
            referral_id=pk, actor=request.user, reason=request.POST.get("reason", "")))
    raise Http404


@CASE_PAGE.post
def case_note(request, pk):
    return CASE_PAGE.submit(request, pk, "note", None, _("Note added."), lambda _d: services.case_add_note(
        case_id=pk, actor=request.user, text=request.POST.get("text", "")))


@staff_required
def assign(request):
    """The supervisor's assignment page: each colleague's open cases, and the organisation's open cases (all,
    unassigned, or one colleague's) with checkboxes to give to someone, with a reason."""
    if request.profile.role not in assignment.SUPERVISORS:
        raise Http404
    handler = request.GET.get("handler", "none")
    if request.method == "POST":
        try:
            moved = assignment.cases_assign(
                case_ids=[to_int(i) for i in request.POST.getlist("cases") if to_int(i)], actor=request.user,
                to_user_id=to_int(request.POST.get("to_user")), reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("%(n)d case(s) assigned to %(name)s.") % {
                "n": len(moved), "name": moved[0].owner_user.get_full_name() or moved[0].owner_user.get_username()})
        except NotFound:
            messages.error(request, _("One of the chosen cases is not your organisation's."))
        except DomainError as exc:
            flash_error(request, exc)
        return redirect(f"{request.path}?handler={handler}")
    people, unassigned = assignment.workload(request.user)
    return render(request, "disputes/assign.html", {
        "workload": people, "unassigned": unassigned, "handler": handler,
        "cases": assignment.assignable_cases(request.user, handler=handler),
        "colleagues": assignment.colleagues(request.user),
    })


@CASE_PAGE.post
def case_priority(request, pk):
    """Mark the case for the green channel, or take it out (clear=1)."""
    version = to_int(request.POST.get("version"))
    if request.POST.get("clear"):
        return CASE_PAGE.submit(request, pk, "priority", None, _("The case has left the green channel."),
                                lambda _d: priority.case_clear_priority(
                                    case_id=pk, actor=request.user, reason=request.POST.get("reason", ""),
                                    version=version))
    return CASE_PAGE.submit(request, pk, "priority", None, _("The case is in the green channel: first in every queue."),
                            lambda _d: priority.case_mark_priority(
                                case_id=pk, actor=request.user, ground=request.POST.get("ground", ""),
                                note=request.POST.get("note", ""), version=version))


@CASE_PAGE.post
def case_group(request, pk):
    """The case's collective dispute: add members (the case leads), record representatives, or split the case
    off its lead (op=link | representatives | split)."""
    op, version = request.POST.get("op", ""), to_int(request.POST.get("version"))
    if op == "link":
        members = [m for m in (to_int(v) for v in request.POST.getlist("members")) if m]
        return CASE_PAGE.submit(
            request, pk, "group", None, _("The cases joined the collective dispute: its steps are taken here."),
            lambda _d: collective.collective_link(case_id=pk, actor=request.user, member_ids=members,
                                                  version=version, note=request.POST.get("note", "")))
    if op == "representatives":
        workers = [w for w in (to_int(v) for v in request.POST.getlist("workers")) if w]
        return CASE_PAGE.submit(
            request, pk, "group", None, _("The representatives are recorded."),
            lambda _d: collective.collective_representatives_set(case_id=pk, actor=request.user, workers=workers,
                                                                 version=version))
    if op == "split":
        return CASE_PAGE.submit(
            request, pk, "group", None, _("The case is split off the collective dispute and handled on its own."),
            lambda _d: collective.collective_split(case_id=pk, actor=request.user,
                                                   reason=request.POST.get("reason", ""), version=version))
    raise Http404


@CASE_PAGE.post
def case_take(request, pk):
    return CASE_PAGE.submit(request, pk, "take", None, _("The case is now yours."), lambda _d: assignment.case_take(
        case_id=pk, actor=request.user, version=to_int(request.POST.get("version"))))


@staff_required
def incoming(request):
    return render(
        request,
        "disputes/incoming.html",
        {
            "referrals": _with_accept_controls(list(selectors.incoming_referrals(request.user)[:100])),
            "decline_reasons": DeclineReason.choices,
        },
    )


@staff_required
@replica_view
def dashboard(request):
    counts = selectors.dashboard_counts(request.user)
    labels = dict(CaseState.choices)
    claim_labels = dict(ClaimType.choices)
    return render(
        request,
        "disputes/dashboard.html",
        {
            "totals": counts["totals"],
            "by_stage": sorted(((labels.get(k, k), v) for k, v in counts["by_stage"].items()), key=lambda r: -r[1]["year"]),
            "by_claim_type": sorted(
                ((claim_labels.get(k, k), v) for k, v in counts["by_claim_type"].items()), key=lambda r: -r[1]["year"]
            ),
            "by_county": sorted(counts["by_county"].items(), key=lambda r: -r[1]["year"]),
            "today": timezone.localdate(),
            # What the tracks add to the dashboard (deadlines: the organisation's due clocks).
            **registry.dashboard_context(profile=request.profile),
        },
    )


@staff_required
def notifications(request):
    rows = list(Notification.objects.filter(recipient=request.user).select_related("case")[:50])
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "disputes/notifications.html", {
        "notifications": rows, **registry.notifications_context(user=request.user)})


@staff_required
def evidence_download(request, pk):
    ev = Evidence.objects.filter(pk=pk, case__in=selectors.cases_visible_to(request.user)).first()
    if ev is None:
        raise Http404
    record_read(request, ReadKind.EVIDENCE, case_id=ev.case_id, object_id=ev.pk)
    return stored_file_response(ev.file, sha256=ev.sha256, filename=ev.original_name, content_type=ev.content_type)


@staff_required
def document_download(request, pk):
    # The API's rule (selectors.document_get): a receipt only to those answering to the worker, a document with
    # personal data only to those reading it in full.
    try:
        doc = selectors.document_get(user=request.user, document_id=pk)
    except NotFound:
        raise Http404 from None
    record_read(request, ReadKind.DOCUMENT, case_id=doc.case_id, object_id=doc.pk)
    return document_response(doc)


@staff_required
def read_audit(request):
    """Who in the supervisor's organisation read which case, downloaded what, exported what."""
    number = request.GET.get("case", "")
    try:
        rows, more = reads_for_supervisor(request.profile, case_number=number, before_id=to_int(request.GET.get("before")))
    except DomainError:
        raise Http404 from None
    return render(request, "disputes/read_audit.html", {"rows": rows, "more": more, "number": number})
