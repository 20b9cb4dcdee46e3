"""Staff pages of the arbitration track: one workbench per case, and one POST view per service.

The workbench shows the commission's file of the case and only the forms the case's stage and the user's role
allow. Each form posts to its own step (`@BENCH.post`, disputes.kit.web), which calls one service of
arbitration.services or hearings.services with the same arguments the REST API passes (arbitration/api.py,
hearings/api.py) through `BENCH.submit` and redirects back. A refusal is said and the form comes back filled in
as the user left it, with the errors beside the fields.
"""

from __future__ import annotations

from functools import cached_property

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import Role, name_of
from disputes import collective
from disputes.choices import CaseState
from disputes.kit.web import Workbench, case_version, staff_required
from disputes.selectors import sees_personal_data
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
    def group(self):
        """The collective dispute the case leads (its workers are the representatives' choices)."""
        return collective.group_of(self.case)

    @cached_property
    def group_workers(self) -> list[tuple[int, str]]:
        return [(m.case.worker_id, f"{m.case.worker.name}（{m.case.number}）") for m in self.group.members]

    @cached_property
    def representatives(self) -> list:
        return collective.representatives_of(self.case)

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

    @cached_property
    def completion_requested(self) -> bool:
        return self.file is not None and self.file.completion_requested_on is not None

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
        # A collective dispute's lead decides every member's claims too (arbitration.services.group_claims).
        return [c for c in services.group_claims(self.case).values() if c.pk not in decided]


# --- the page ----------------------------------------------------------------------------------------------


def _case_forms(b: Bench, refused) -> dict:
    """The case's forms the stage, role and organisation allow, each as refused if it was."""
    shown = {}

    def show(name, cls, initial=None, **kwargs):
        shown[name] = BENCH.form(refused, name, cls, initial=initial or {}, **kwargs)

    if b.recorder and b.in_review and not b.completion_requested:
        show("completion_request", forms.CompletionRequestForm)
    if b.recorder and b.in_review and b.completion_requested and b.file.completed_on is None:
        show("completion", forms.ConfirmForm)
    if b.decider and b.in_review:
        show("accept", forms.AcceptForm)
        show("reject", forms.RejectForm)
    if b.recorder and b.case.lead_id is None and (b.in_review or b.proceeding) and b.group.is_lead:
        show("representatives", forms.RepresentativesForm, workers=b.group_workers, initial={
            "workers": [str(r.worker_id) for r in b.representatives if r.worker_id]})
    if b.decider and b.proceeding and b.file is not None and b.file.procedure == Procedure.SUMMARY:
        show("convert", forms.ReasonForm)
    if b.decider and b.proceeding and not b.tribunal_complete:
        show("tribunal", forms.TribunalForm, arbitrators=b.tribunal_candidates)
    if b.recorder and b.proceeding and b.members:
        show("recusal", forms.RecusalForm, members=[m.arbitrator for m in b.members])
    if b.recorder and b.proceeding and b.service_kinds:
        show("service", forms.ServiceForm, kinds=b.service_kinds, initial={"on_date": timezone.localdate()})
    if b.hearing_role and b.proceeding:
        show("schedule", forms.ScheduleForm, rooms=b.rooms, arbitrators=b.hearing_arbitrators,
             initial={"arbitrators": [str(m.arbitrator_id) for m in b.members]})
    if b.decider and b.proceeding and b.tribunal_complete and b.undecided_claims and b.held_hearings:
        show("award", forms.AwardForm, **_award_choices(b))
    if b.decider and b.proceeding:
        show("mediation", forms.MediationStatementForm)
    if b.recorder and b.live_final_award is not None:
        show("post_award", forms.PostAwardForm)
    return shown


def _hearing_forms(b: Bench, h, refused) -> dict:
    """A scheduled hearing's forms (notice served, held, absence, postpone, cancel) for those who hear it."""
    if not (b.hearing_role and h.state == HearingState.SCHEDULED):
        return {}
    today = timezone.localdate()
    shown = {}

    def show(kind, cls, initial=None, **kwargs):
        shown[kind] = BENCH.form(refused, f"{kind}-{h.pk}", cls, initial=initial or {}, **kwargs)

    if h.notice_served_on is None:
        show("notice", forms.NoticeServedForm, initial={"served_on": today})
    if b.case.status == S.HEARING and h.begun:
        show("held", forms.HeldForm)
    if b.case.status == S.HEARING and h.begun and h.notice_served_on is not None:
        show("absence", forms.AbsenceForm)
    show("postpone", forms.PostponeForm, rooms=b.rooms, initial={"requested_on": today})
    show("cancel", forms.ReasonForm)
    return shown


def _award_choices(b: Bench) -> dict:
    return {"claims": b.undecided_claims, "partial_only": b.case.status == S.ARBITRATION,
            "held_hearings": b.held_hearings}


@staff_required
def workbench(request, pk):
    case = selectors.arbitration_case(user=request.user, case_id=pk)
    bench = Bench(request, case)
    restored = BENCH.refused(request, pk)
    shown = _case_forms(bench, restored)
    hearings = bench.hearings
    for h in hearings:
        h.forms = _hearing_forms(bench, h, restored)
    recusals = bench.recusals
    for r in recusals:
        r.form = (BENCH.form(restored, f"decide-{r.pk}", forms.RecusalDecideForm, initial={})
                  if r.decided_at is None and bench.chair and bench.proceeding else None)
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
            "representatives": bench.representatives,
            "full_personal_data": sees_personal_data(request.profile, case),
            "summary_grounds": [SummaryGround(g).label for g in file.summary_grounds if g in SummaryGround.values]
            if file else [],
            "documents": case.arbitration_documents,
            "read_only": not (bench.recorder or bench.decider or bench.hearing_role),
        },
    )


# --- the steps: review ------------------------------------------------------------------------------------


def _bench(request, pk) -> Bench:
    """The case as the workbench saw it, for a form whose choices depend on it (arbitrators, rooms, claims)."""
    return Bench(request, selectors.arbitration_case(user=request.user, case_id=pk))


@BENCH.post
def completion_request(request, pk):
    form = forms.CompletionRequestForm(request.POST, name="completion_request")
    return BENCH.submit(request, pk, "completion_request", form, _("The completion notice was issued."), lambda d: (
        services.application_request_completion(case_id=pk, actor=request.user, items=d["items"],
                                                version=case_version(request))), anchor="review")


@BENCH.post
def completion(request, pk):
    form = forms.ConfirmForm(request.POST, name="completion")
    return BENCH.submit(request, pk, "completion", form, _("The materials were recorded as complete."), lambda d: (
        services.application_complete(case_id=pk, actor=request.user, version=case_version(request))),
        anchor="review")


@BENCH.post
def accept(request, pk):
    form = forms.AcceptForm(request.POST, name="accept")
    return BENCH.submit(request, pk, "accept", form, _("The application was accepted."), lambda d: (
        services.application_accept(case_id=pk, actor=request.user, version=case_version(request), **d)),
        anchor="review")


@BENCH.post
def reject(request, pk):
    form = forms.RejectForm(request.POST, name="reject")
    return BENCH.submit(request, pk, "reject", form, _("The application was not accepted; the notice was issued."),
                        lambda d: services.application_reject(case_id=pk, actor=request.user,
                                                              version=case_version(request), **d), anchor="review")


# --- the file: representatives, procedure, tribunal, service ----------------------------------------------


@BENCH.post
def representatives(request, pk):
    form = forms.RepresentativesForm(request.POST, name="representatives", workers=_bench(request, pk).group_workers)
    return BENCH.submit(request, pk, "representatives", form, _("The representatives were recorded."), lambda d: (
        collective.collective_representatives_set(case_id=pk, actor=request.user, version=case_version(request),
                                                  workers=[int(w) for w in d["workers"]])), anchor="file")


@BENCH.post
def convert(request, pk):
    form = forms.ReasonForm(request.POST, name="convert")
    return BENCH.submit(request, pk, "convert", form, _("The case now follows the ordinary procedure."), lambda d: (
        services.procedure_convert_to_ordinary(case_id=pk, actor=request.user, version=case_version(request),
                                               reason=d["reason"])), anchor="file")


@BENCH.post
def tribunal(request, pk):
    form = forms.TribunalForm(request.POST, name="tribunal", arbitrators=_bench(request, pk).tribunal_candidates)
    return BENCH.submit(request, pk, "tribunal", form, _("The tribunal was composed; the notice was issued."),
                        lambda d: services.tribunal_compose(case_id=pk, actor=request.user,
                                                            version=case_version(request), **d), anchor="tribunal")


@BENCH.post
def recusal(request, pk):
    form = forms.RecusalForm(request.POST, name="recusal", members=[m.arbitrator for m in _bench(request, pk).members])
    return BENCH.submit(request, pk, "recusal", form, _("The recusal request was recorded."), lambda d: (
        services.recusal_request(case_id=pk, actor=request.user, version=case_version(request),
                                 arbitrator=d["arbitrator"], ground=d["ground"], by_party=d["by_party"],
                                 statement=d["statement"])), anchor="tribunal")


@BENCH.post
def recusal_decide(request, pk, rid):
    form = forms.RecusalDecideForm(request.POST, name=f"decide-{rid}")
    return BENCH.submit(request, pk, f"decide-{rid}", form, _("The recusal request was decided."), lambda d: (
        services.recusal_decide(case_id=pk, actor=request.user, version=case_version(request), recusal_id=rid,
                                **d)), anchor="tribunal")


@BENCH.post
def service(request, pk):
    form = forms.ServiceForm(request.POST, name="service", kinds=_bench(request, pk).service_kinds)
    return BENCH.submit(request, pk, "service", form, _("Recorded."), lambda d: services.service_record(
        case_id=pk, actor=request.user, version=case_version(request), **d), anchor="service")


# --- hearings ---------------------------------------------------------------------------------------------


@BENCH.post
def schedule(request, pk):
    b = _bench(request, pk)
    form = forms.ScheduleForm(request.POST, name="schedule", rooms=b.rooms, arbitrators=b.hearing_arbitrators)
    return BENCH.submit(request, pk, "schedule", form, _("The hearing was scheduled; the hearing notice was issued."),
                        lambda d: hearing_services.hearing_schedule(case_id=pk, actor=request.user,
                                                                    version=case_version(request), **d),
                        anchor="hearings")


def _hearing_step(request, pk, hid, kind, form, success, step):
    """A hearing's step: that hearing of this case or a 404; the service takes the hearing's id and locks the
    case itself, so (as in the API) the form carries no case version."""
    hearing_selectors.hearing_of_case(user=request.user, case_id=pk, hearing_id=hid)
    return BENCH.submit(request, pk, f"{kind}-{hid}", form(request.POST, name=f"{kind}-{hid}"), success,
                        lambda d: step(hearing_id=hid, actor=request.user, **d), anchor=f"hearing-{hid}")


@BENCH.post
def hearing_notice(request, pk, hid):
    return _hearing_step(request, pk, hid, "notice", forms.NoticeServedForm,
                         _("The service of the hearing notice was recorded."), hearing_services.hearing_notice_served)


@BENCH.post
def hearing_held(request, pk, hid):
    return _hearing_step(request, pk, hid, "held", forms.HeldForm, _("The hearing was recorded as held."),
                         hearing_services.hearing_record_held)


@BENCH.post
def hearing_absence(request, pk, hid):
    return _hearing_step(request, pk, hid, "absence", forms.AbsenceForm, _("The absence was recorded."),
                         hearing_services.hearing_record_absence)


@BENCH.post
def hearing_postpone(request, pk, hid):
    rooms = hearing_selectors.rooms_for_case(selectors.arbitration_case(user=request.user, case_id=pk))
    return _hearing_step(request, pk, hid, "postpone", lambda data, name: forms.PostponeForm(data, name=name, rooms=rooms),
                         _("The hearing was postponed; the new hearing notice was issued."),
                         hearing_services.hearing_postpone)


@BENCH.post
def hearing_cancel(request, pk, hid):
    return _hearing_step(request, pk, hid, "cancel", forms.ReasonForm, _("The hearing was cancelled."),
                         hearing_services.hearing_cancel)


# --- decisions --------------------------------------------------------------------------------------------


@BENCH.post
def award(request, pk):
    form = forms.AwardForm(request.POST, name="award", **_award_choices(_bench(request, pk)))
    return BENCH.submit(request, pk, "award", form, _("The award was made."), lambda d: services.award_issue(
        case_id=pk, actor=request.user, version=case_version(request), items=form.items(), findings=d["findings"],
        reasoning=d["reasoning"], legal_basis=d["legal_basis"], partial=d["partial"], hearing_id=d["hearing_id"]),
        anchor="awards")


@BENCH.post
def mediation(request, pk):
    form = forms.MediationStatementForm(request.POST, name="mediation")
    return BENCH.submit(request, pk, "mediation", form,
                        _("The mediation statement was issued; the case is closed by settlement."),
                        lambda d: services.mediation_statement_issue(
                            case_id=pk, actor=request.user, version=case_version(request), terms=d["terms"],
                            amounts=form.amounts()), anchor="mediation")


@BENCH.post
def post_award(request, pk):
    form = forms.PostAwardForm(request.POST, name="post_award")
    return BENCH.submit(request, pk, "post_award", form, _("Recorded."), lambda d: services.post_award_record(
        case_id=pk, actor=request.user, version=case_version(request), **d), anchor="post-award")
