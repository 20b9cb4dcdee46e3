"""Words for the timeline and the worker's page (translated labels of events and stages)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import registry
from .choices import CaseState, DeclineReason, Outcome, PriorityGround, ReferralPurpose
from .lifecycle import transition_table


def _transition_labels():
    return {name: str(info.label) for name, info in transition_table().items()}


def complainant_name(case) -> str:
    """The worker's name where a page names the complainant; a case the department opened itself has none."""
    return case.worker.name if case.worker_id is not None else str(_("No complainant (own-initiative inspection)"))


def event_label(event) -> str:
    """How the timeline, the notifications and the worker's page name an event: the case file's own events
    here, the tracks' events as they registered them (disputes.registry.add_event_labels), a stage change by
    its transition's label. A member's event that followed its lead says so."""
    label = _event_label(event)
    lead_number = (event.payload or {}).get("lead_number")
    if lead_number and event.action not in ("collective_joined", "collective_split_off", "group_hearing_scheduled"):
        return _("%(label)s (with the collective dispute's lead case %(number)s)") % {"label": label, "number": lead_number}
    return label


def _event_label(event) -> str:
    a, p = event.action, event.payload or {}
    if a == "collective_joined":
        return _("Joined the collective dispute led by case %(number)s") % {"number": p.get("lead_number", "")}
    if a == "collective_members_added":
        return _("Cases joined this collective dispute: %(numbers)s") % {"numbers": "、".join(p.get("numbers", []))}
    if a == "collective_split_off":
        return _("Split off the collective dispute led by case %(number)s") % {"number": p.get("lead_number", "")}
    if a == "collective_member_split_off":
        return _("Case %(number)s split off this collective dispute") % {"number": p.get("number", "")}
    if a == "representatives_set":
        return _("Representatives of the workers: %(names)s") % {"names": "、".join(p.get("names", []))}
    if a == "referral_offered":
        return _("Referred to %(org)s for %(purpose)s") % {
            "org": p.get("to_org_name", ""), "purpose": ReferralPurpose(p.get("purpose")).label
        }
    if a == "referral_accepted":
        return _("Accepted by %(org)s") % {"org": p.get("to_org_name", "")}
    if a == "referral_declined":
        return _("Declined by %(org)s: %(reason)s") % {
            "org": p.get("to_org_name", ""), "reason": DeclineReason(event.reason_code).label
        }
    if a == "referral_withdrawn":
        return _("Referral to %(org)s withdrawn") % {"org": p.get("to_org_name", "")}
    if a == "opened_own_initiative":
        return _("Inspection opened on the department's own initiative")
    if a == "note":
        return _("Internal note")
    if a == "evidence_added":
        return _("Evidence added")
    if a == "case_assigned":
        return _("Assigned to %(name)s") % {"name": p.get("to_name", "")}
    if a == "case_reassigned":
        return _("Reassigned from %(from)s to %(to)s") % {"from": p.get("from_name", ""), "to": p.get("to_name", "")}
    if a in ("priority_marked", "priority_changed"):
        return _("Green channel: %(ground)s") % {"ground": PriorityGround(p.get("ground")).label}
    if a == "priority_cleared":
        return _("Taken out of the green channel")
    if a == "case_taken":
        return _("Taken by %(name)s") % {"name": p.get("to_name", "")}
    track_label = registry.event_label_of(event)
    if track_label is not None:
        return track_label
    label = _transition_labels().get(a)
    if label:
        if p.get("outcome"):
            return f"{label} ({Outcome(p['outcome']).label})"
        return label
    return a


# What happens next, in plain words for the worker, by stage.
NEXT_STEP = {
    CaseState.REGISTERED: gettext_lazy("Your complaint has been registered. The window will pass it to the team that handles it."),
    CaseState.INSPECTION: gettext_lazy("A labour inspector is looking into your complaint and may contact you or the employer."),
    CaseState.CORRECTION_DUE: gettext_lazy("The employer has been ordered to correct the violation by a deadline."),
    CaseState.ARBITRATION_REVIEW: gettext_lazy("The arbitration institute is deciding whether to accept your application."),
    CaseState.NOT_ACCEPTED: gettext_lazy("Arbitration was not accepted. You may take the dispute to the people's court."),
    CaseState.ARBITRATION: gettext_lazy("Your arbitration case has been accepted; a hearing will be scheduled."),
    CaseState.HEARING: gettext_lazy("A hearing has been scheduled; you will receive a written notice."),
    CaseState.LITIGATION: gettext_lazy("The dispute is before the people's court."),
    CaseState.MEDIATION: gettext_lazy("A mediator is helping you and the employer reach an agreement."),
    CaseState.CONFIRMATION: gettext_lazy("An agreement was reached; the court is asked to confirm it."),
    CaseState.REDIRECTED: gettext_lazy("This matter belongs elsewhere; the window has told you where to go."),
    CaseState.SUSPENDED: gettext_lazy("The case is paused for now; it will continue when the reason is resolved."),
    CaseState.WITHDRAWN: gettext_lazy("The complaint was withdrawn."),
    CaseState.CLOSED: gettext_lazy("The case is closed."),
    CaseState.ARCHIVED: gettext_lazy("The case is closed and archived."),
}


# What the tracks put on the worker's page (disputes.registry.add_status_page_part returns them under
# "worker_steps" and "worker_amounts"; the page gathers every track's and shows the soonest step first).


@dataclass(frozen=True)
class WorkerStep:
    """Something the worker does, or waits for, at a time: attend a hearing or a session, bring documents,
    collect a decision, or the date by which the employer must pay. Only what concerns the worker: no
    organisation's internal deadline."""

    what: str
    when: datetime.datetime | datetime.date | None = None
    where: str = ""
    bring: str = ""
    phone: str = ""
    # The worker's own action (attend, bring, collect) rather than something the worker waits for.
    by_worker: bool = True


@dataclass(frozen=True)
class WorkerAmount:
    """A sum ordered, awarded, agreed or recovered for the worker, with the date it is due and when it was paid."""

    label: str
    amount: Decimal
    due_on: datetime.date | None = None
    paid_on: datetime.date | None = None
