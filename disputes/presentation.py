"""Words for the timeline and the worker's page (translated labels of events and stages)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CaseState, DeclineReason, Outcome, ReferralPurpose


def _transition_labels():
    from .services import transition_table

    return {name: str(info.label) for name, info in transition_table().items()}


def event_label(event) -> str:
    a, p = event.action, event.payload or {}
    if a == "registered":
        return _("Complaint registered")
    if a == "complaint_linked":
        return _("A further complaint was added to this case")
    if a == "collective_flagged":
        return _("Marked as a collective dispute")
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
    if a == "note":
        return _("Internal note")
    if a == "evidence_added":
        return _("Evidence added")
    if a.startswith("clock_"):
        return _clock_label(a, p)
    from arbitration.presentation import arbitration_event_label

    from mediation.presentation import mediation_event_label

    track_label = arbitration_event_label(event) or mediation_event_label(event)
    if track_label:
        return track_label
    if a in _RECORD_LABELS:
        return str(_RECORD_LABELS[a])
    label = _transition_labels().get(a)
    if label:
        if p.get("outcome"):
            return f"{label} ({Outcome(p['outcome']).label})"
        return label
    return a


# Facts recorded by the tracks (not stage changes), as the timeline and the worker's page name them.
_RECORD_LABELS = {
    "query_code_reissued": gettext_lazy("Receipt reissued with a new query code"),
    "document_issued": gettext_lazy("Document issued"),
    "copy_served": gettext_lazy("Application copy served on the respondent"),
    "defence_received": gettext_lazy("Defence received"),
    "lawyer_assigned": gettext_lazy("Legal-aid lawyer assigned"),
    "hearing_scheduled": gettext_lazy("Hearing scheduled"),
    "hearing_notice_served": gettext_lazy("Hearing notice served"),
    "hearing_postponed": gettext_lazy("Hearing postponed"),
    "hearing_cancelled": gettext_lazy("Hearing cancelled"),
    "hearing_held": gettext_lazy("Hearing held"),
    "applicant_absent": gettext_lazy("Applicant absent from the hearing"),
    "respondent_absent": gettext_lazy("Respondent absent from the hearing"),
    "inspection_filed": gettext_lazy("Complaint filed for inspection"),
    "inspection_refused": gettext_lazy("Inspection refused in writing"),
    "inspection_visit": gettext_lazy("Inspection visit"),
    "statement_taken": gettext_lazy("Statement taken"),
    "employer_interview": gettext_lazy("Employer interviewed"),
    "evidence_gathered": gettext_lazy("Evidence gathered"),
    "correction_not_complied": gettext_lazy("Order to correct not complied with"),
    "penalty_proposed": gettext_lazy("Penalty proposed; the employer may state its case"),
    "employer_statement": gettext_lazy("Employer's statement recorded"),
    "penalty_decided": gettext_lazy("Penalty decided"),
    "limitation_interrupted": gettext_lazy("Limitation period interrupted"),
    "inspection_closed": gettext_lazy("Inspection closed"),
}


def _clock_label(action: str, p: dict) -> str:
    name = p.get("rule_name", "")
    if p.get("missing_year"):
        due = _("calendar missing for %(year)s") % {"year": p["missing_year"]}
    else:
        due = p.get("due_on") or ""
    words = {
        "clock_started": _("Deadline started: %(name)s, due %(due)s"),
        "clock_paused": _("Deadline paused: %(name)s"),
        "clock_resumed": _("Deadline resumed: %(name)s, now due %(due)s"),
        "clock_restarted": _("Deadline restarted: %(name)s, now due %(due)s"),
        "clock_extended": _("Deadline extended: %(name)s, now due %(due)s"),
        "clock_satisfied": _("Deadline met: %(name)s"),
        "clock_cancelled": _("Deadline cancelled: %(name)s"),
        "clock_overdue": _("Deadline passed: %(name)s (was due %(due)s)"),
        "clock_reminder": _("Reminder: %(name)s is due %(due)s"),
    }
    return words.get(action, action) % {"name": name, "due": due}


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
