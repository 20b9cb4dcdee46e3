"""Staff pages of the arbitration track: one workbench per case, and one POST view per service.

The workbench shows the commission's file of the case and only the forms the case's stage and the user's role
allow. Each form posts to its own view, which calls one service of arbitration.services or hearings.services
with the same arguments the REST API passes (arbitration/api.py, hearings/api.py) and redirects back. A refusal
is shown as a message (flash_error) and the form comes back filled in as the user left it, with the errors
beside the fields: the input and the errors are kept in the session for the one page view after the redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import Role, name_of
from disputes.choices import CaseState
from disputes.kit.web import Workbench, case_version, staff_required
from hearings import selectors as hearing_selectors
from hearings import services as hearing_services
from hearings.models import HearingState

from . import forms, selectors, services
from .models import Procedure, SummaryGround, TribunalKind

S = CaseState
BENCH = Workbench("arbitration:workbench", stash="arbitration_refused_form")


# --- what the user may do here ---------------------------------------------------------------------------


class Bench:
    """The case as the workbench sees it; each piece is read (through the selectors) only when needed."""

    def __init__(self, request, case):
        self.case = case
        self.profile = request.profile
        handles = self.profile.organization_id == case.owner_org_id
        role = self.profile.role
        # The services check the same: role AND the organisation handling the case.
        self.decider = handles and role in services.DECIDERS
        self.recorder = handles and role in services.RECORDERS
        self.hearing_role = handles and role in hearing_services.HEARING_ROLES
        self.chair = handles and role == Role.SUPERVISOR
        self.in_review = case.status == S.ARBITRATION_REVIEW
        self.proceeding = case.status in services.PROCEEDING_STATES

    @cached_property
    def file(self):
        return selectors.workbench_file(self.case)

    @cached_property
    def members(self) -> list:
        """The members sitting now, presiding first."""
        if self.file is None:
            return []
        sitting = [m for m in self.file.tribunal_members.all() if m.removed_at is None]
        return sorted(sitting, key=lambda m: (not m.is_presiding, m.pk))

    @cached_property
    def former_members(self) -> list:
        return [] if self.file is None else [m for m in self.file.tribunal_members.all() if m.removed_at]

    @cached_property
    def recusals(self) -> list:
        if self.file is None:
            return []
        rows = []
        for member in self.file.tribunal_members.all():
            for recusal in member.recusal_requests.all():
                recusal.arbitrator_name = name_of(member.arbitrator)
                rows.append(recusal)
        return sorted(rows, key=lambda r: r.pk)

    @cached_property
    def tribunal_complete(self) -> bool:
        # arbitration.services.tribunal_is_complete, counted on the prefetched members.
        if self.file is None or not self.file.tribunal_kind:
            return False
        return len(self.members) == (1 if self.file.tribunal_kind == TribunalKind.SOLE else 3)

    @cached_property
    def tribunal_candidates(self) -> list:
        commission = self.file.commission if self.file else None
        if commission is None:
            try:
                commission = services.commission_of(self.case.owner_org)
            except DomainError:
                return []
        return selectors.eligible_arbitrators(commission)

    @cached_property
    def hearings(self) -> list:
        hearings = hearing_selectors.case_hearings(self.case)
        now = timezone.now()
        for h in hearings:
            h.begun = h.starts_at <= now
        return hearings

    @cached_property
    def held_hearings(self) -> list:
        """The hearings an award may rest on (arbitration.services._award_ground): held, applicant present."""
        return [h for h in self.hearings if h.state == HearingState.HELD and not h.applicant_absent]

    @cached_property
    def minimum_wage(self):
        """The minimum-wage row in force today in the case's division: shown, with its source and verified flag,
        where the arbitrator decides which items are final."""
        return selectors.minimum_wage_for(division_id=self.case.division_id, on_date=timezone.localdate())

    @property
    def awaiting_held_hearing(self) -> bool:
        """The tribunal could decide but no hearing is held yet: the workbench says why no award form shows."""
        return (self.decider and self.proceeding and self.tribunal_complete and bool(self.undecided_claims)
                and not self.held_hearings)

    @cached_property
    def rooms(self) -> list:
        return hearing_selectors.rooms_for_case(self.case)

    @cached_property
    def hearing_arbitrators(self) -> list:
        return hearing_selectors.arbitrators_for_case(self.case)

    @cached_property
    def service(self) -> dict:
        return selectors.service_dates(self.case)

    @cached_property
    def service_kinds(self) -> list[str]:
        kinds = []
        if self.service["copy_served"] is None:
            kinds.append("copy_served")
        elif self.service["defence_received"] is None:
            kinds.append("defence_received")
        return kinds

    @cached_property
    def awards(self) -> list:
        return [] if self.file is None else list(self.file.awards.all())

    @cached_property
    def live_final_award(self):
        finals = [a for a in self.awards if a.superseded_at is None and not a.is_partial]
        return finals[-1] if finals else None

    @cached_property
    def undecided_claims(self) -> list:
        decided = {i.claim_id for a in self.awards if a.superseded_at is None for i in a.items.all()}
        return [c for c in self.case.claims.all() if c.pk not in decided]


@dataclass(frozen=True)
class Spec:
    """A form of the workbench: its class, its case-dependent arguments, when it is shown, what it calls."""

    form_class: type
    call: Callable  # (request, case_id, form) -> the service's result; the version is case_version(request)
    success: Callable[[], str]
    shown: Callable[[Bench], bool]
    kwargs: Callable[[Bench], dict] = lambda bench: {}
    initial: Callable[[Bench], dict] = lambda bench: {}
    versioned: bool = True
    anchor: str = ""


def _completion_requested(b: Bench):
    return b.file is not None and b.file.completion_requested_on is not None


FORMS: dict[str, Spec] = {
    "completion_request": Spec(
        forms.CompletionRequestForm,
        lambda r, pk, f: services.application_request_completion(
            case_id=pk, actor=r.user, items=f.cleaned_data["items"], version=case_version(r)),
        lambda: _("The completion notice was issued."),
        lambda b: b.recorder and b.in_review and not _completion_requested(b),
        anchor="review",
    ),
    "completion": Spec(
        forms.ConfirmForm,
        lambda r, pk, f: services.application_complete(case_id=pk, actor=r.user, version=case_version(r)),
        lambda: _("The materials were recorded as complete."),
        lambda b: b.recorder and b.in_review and _completion_requested(b) and b.file.completed_on is None,
        anchor="review",
    ),
    "accept": Spec(
        forms.AcceptForm,
        lambda r, pk, f: services.application_accept(
            case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("The application was accepted."),
        lambda b: b.decider and b.in_review,
        anchor="review",
    ),
    "reject": Spec(
        forms.RejectForm,
        lambda r, pk, f: services.application_reject(
            case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("The application was not accepted; the notice was issued."),
        lambda b: b.decider and b.in_review,
        anchor="review",
    ),
    "representatives": Spec(
        forms.RepresentativesForm,
        lambda r, pk, f: services.collective_representatives_set(
            case_id=pk, actor=r.user, version=case_version(r), representatives=f.representatives()),
        lambda: _("The representatives were recorded."),
        lambda b: b.recorder and b.case.is_collective and (b.in_review or b.proceeding),
        initial=lambda b: {
            key: value for i, rep in enumerate(b.file.representatives.all() if b.file else [])
            for key, value in ((f"name_{i}", rep.name), (f"phone_{i}", rep.phone))
        },
        anchor="file",
    ),
    "convert": Spec(
        forms.ReasonForm,
        lambda r, pk, f: services.procedure_convert_to_ordinary(
            case_id=pk, actor=r.user, version=case_version(r), reason=f.cleaned_data["reason"]),
        lambda: _("The case now follows the ordinary procedure."),
        lambda b: b.decider and b.proceeding and b.file is not None and b.file.procedure == Procedure.SUMMARY,
        anchor="file",
    ),
    "tribunal": Spec(
        forms.TribunalForm,
        lambda r, pk, f: services.tribunal_compose(case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("The tribunal was composed; the notice was issued."),
        lambda b: b.decider and b.proceeding and not b.tribunal_complete,
        kwargs=lambda b: {"arbitrators": b.tribunal_candidates},
        anchor="tribunal",
    ),
    "recusal": Spec(
        forms.RecusalForm,
        lambda r, pk, f: services.recusal_request(
            case_id=pk, actor=r.user, version=case_version(r), arbitrator=f.cleaned_data["arbitrator"],
            ground=f.cleaned_data["ground"], by_party=f.cleaned_data["by_party"],
            statement=f.cleaned_data["statement"]),
        lambda: _("The recusal request was recorded."),
        lambda b: b.recorder and b.proceeding and bool(b.members),
        kwargs=lambda b: {"members": [m.arbitrator for m in b.members]},
        anchor="tribunal",
    ),
    "service": Spec(
        forms.ServiceForm,
        lambda r, pk, f: services.service_record(case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("Recorded."),
        lambda b: b.recorder and b.proceeding and bool(b.service_kinds),
        kwargs=lambda b: {"kinds": b.service_kinds},
        initial=lambda b: {"on_date": timezone.localdate()},
        anchor="service",
    ),
    "schedule": Spec(
        forms.ScheduleForm,
        lambda r, pk, f: hearing_services.hearing_schedule(
            case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("The hearing was scheduled; the hearing notice was issued."),
        lambda b: b.hearing_role and b.proceeding,
        kwargs=lambda b: {"rooms": b.rooms, "arbitrators": b.hearing_arbitrators},
        initial=lambda b: {"arbitrators": [str(m.arbitrator_id) for m in b.members]},
        anchor="hearings",
    ),
    "award": Spec(
        forms.AwardForm,
        lambda r, pk, f: services.award_issue(
            case_id=pk, actor=r.user, version=case_version(r), items=f.items(), findings=f.cleaned_data["findings"],
            reasoning=f.cleaned_data["reasoning"], legal_basis=f.cleaned_data["legal_basis"],
            partial=f.cleaned_data["partial"], hearing_id=f.cleaned_data["hearing_id"]),
        lambda: _("The award was made."),
        lambda b: b.decider and b.proceeding and b.tribunal_complete and bool(b.undecided_claims)
        and bool(b.held_hearings),
        kwargs=lambda b: {"claims": b.undecided_claims, "partial_only": b.case.status == S.ARBITRATION,
                          "held_hearings": b.held_hearings},
        anchor="awards",
    ),
    "mediation": Spec(
        forms.MediationStatementForm,
        lambda r, pk, f: services.mediation_statement_issue(
            case_id=pk, actor=r.user, version=case_version(r), terms=f.cleaned_data["terms"], amounts=f.amounts()),
        lambda: _("The mediation statement was issued; the case is closed by settlement."),
        lambda b: b.decider and b.proceeding,
        anchor="mediation",
    ),
    "post_award": Spec(
        forms.PostAwardForm,
        lambda r, pk, f: services.post_award_record(
            case_id=pk, actor=r.user, version=case_version(r), **f.cleaned_data),
        lambda: _("Recorded."),
        lambda b: b.recorder and b.live_final_award is not None,
        anchor="post-award",
    ),
}

# Forms of one hearing or one recusal request: the services take that row's id and lock the case themselves,
# so (as in the API) they carry no case version.
HEARING_FORMS: dict[str, Spec] = {
    "notice": Spec(
        forms.NoticeServedForm,
        lambda r, hid, f: hearing_services.hearing_notice_served(hearing_id=hid, actor=r.user, **f.cleaned_data),
        lambda: _("The service of the hearing notice was recorded."),
        lambda b, h: h.notice_served_on is None,
        initial=lambda b: {"served_on": timezone.localdate()},
        versioned=False,
    ),
    "held": Spec(
        forms.HeldForm,
        lambda r, hid, f: hearing_services.hearing_record_held(hearing_id=hid, actor=r.user, **f.cleaned_data),
        lambda: _("The hearing was recorded as held."),
        lambda b, h: b.case.status == S.HEARING and h.begun,
        versioned=False,
    ),
    "absence": Spec(
        forms.AbsenceForm,
        lambda r, hid, f: hearing_services.hearing_record_absence(hearing_id=hid, actor=r.user, **f.cleaned_data),
        lambda: _("The absence was recorded."),
        lambda b, h: b.case.status == S.HEARING and h.begun and h.notice_served_on is not None,
        versioned=False,
    ),
    "postpone": Spec(
        forms.PostponeForm,
        lambda r, hid, f: hearing_services.hearing_postpone(hearing_id=hid, actor=r.user, **f.cleaned_data),
        lambda: _("The hearing was postponed; the new hearing notice was issued."),
        lambda b, h: True,
        kwargs=lambda b: {"rooms": b.rooms},
        initial=lambda b: {"requested_on": timezone.localdate()},
        versioned=False,
    ),
    "cancel": Spec(
        forms.ReasonForm,
        lambda r, hid, f: hearing_services.hearing_cancel(hearing_id=hid, actor=r.user, **f.cleaned_data),
        lambda: _("The hearing was cancelled."),
        lambda b, h: True,
        versioned=False,
    ),
}

DECIDE = Spec(
    forms.RecusalDecideForm,
    lambda r, pk, rid, f: services.recusal_decide(case_id=pk, actor=r.user, version=case_version(r), recusal_id=rid,
                                                     **f.cleaned_data),
    lambda: _("The recusal request was decided."),
    lambda b: b.chair and b.proceeding,
    anchor="tribunal",
)


# --- the page ----------------------------------------------------------------------------------------------


def _build(spec: Spec, name: str, bench: Bench, refused):
    return BENCH.form(refused, name, spec.form_class, initial=spec.initial(bench), **spec.kwargs(bench))


@staff_required
def workbench(request, pk):
    case = selectors.arbitration_case(user=request.user, case_id=pk)
    bench = Bench(request, case)
    restored = BENCH.refused(request, pk)
    shown = {name: _build(spec, name, bench, restored) for name, spec in FORMS.items() if spec.shown(bench)}
    hearings = bench.hearings
    for h in hearings:
        h.forms = {}
        if bench.hearing_role and h.state == HearingState.SCHEDULED:
            h.forms = {
                kind: _build(spec, f"{kind}-{h.pk}", bench, restored)
                for kind, spec in HEARING_FORMS.items() if spec.shown(bench, h)
            }
    recusals = bench.recusals
    for r in recusals:
        r.form = _build(DECIDE, f"decide-{r.pk}", bench, restored) if r.decided_at is None and DECIDE.shown(bench) \
            else None
    file = bench.file
    return render(
        request,
        "arbitration/workbench.html",
        {
            "case": case,
            "file": file,
            "bench": bench,
            "forms": shown,
            "members": bench.members,
            "former_members": bench.former_members,
            "recusals": recusals,
            "hearings": hearings,
            "service": bench.service,
            "awards": bench.awards,
            "statements": list(file.mediation_statements.all()) if file else [],
            "post_award_records": list(file.post_award_records.all()) if file else [],
            "representatives": list(file.representatives.all()) if file else [],
            "summary_grounds": [SummaryGround(g).label for g in file.summary_grounds if g in SummaryGround.values]
            if file else [],
            "documents": case.arbitration_documents,
            "read_only": not (bench.recorder or bench.decider or bench.hearing_role),
        },
    )


# --- the writes ---------------------------------------------------------------------------------------------


def _spec_step(request, pk: int, name: str, spec: Spec, bench: Bench, call, anchor: str):
    form = spec.form_class(data=request.POST, name=name, initial=spec.initial(bench), **spec.kwargs(bench))
    return BENCH.submit(request, pk, name, form, spec.success(), lambda _data: call(form), anchor=anchor)


def _case_action(name: str):
    spec = FORMS[name]

    def view(request, pk):
        bench = Bench(request, selectors.arbitration_case(user=request.user, case_id=pk))
        return _spec_step(request, pk, name, spec, bench, lambda form: spec.call(request, pk, form), spec.anchor)

    view.__name__ = f"{name}_view"
    return BENCH.post(view)


def _hearing_action(kind: str):
    spec = HEARING_FORMS[kind]

    def view(request, pk, hid):
        hearing_selectors.hearing_of_case(user=request.user, case_id=pk, hearing_id=hid)
        bench = Bench(request, selectors.arbitration_case(user=request.user, case_id=pk))
        return _spec_step(request, pk, f"{kind}-{hid}", spec, bench, lambda form: spec.call(request, hid, form),
                       f"hearing-{hid}")

    view.__name__ = f"hearing_{kind}_view"
    return BENCH.post(view)


@BENCH.post
def recusal_decide(request, pk, rid):
    bench = Bench(request, selectors.arbitration_case(user=request.user, case_id=pk))
    return _spec_step(request, pk, f"decide-{rid}", DECIDE, bench, lambda form: DECIDE.call(request, pk, rid, form),
                   DECIDE.anchor)


CASE_ACTIONS = {name: _case_action(name) for name in FORMS}
HEARING_ACTIONS = {kind: _hearing_action(kind) for kind in HEARING_FORMS}
