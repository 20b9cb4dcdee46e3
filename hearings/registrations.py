"""What the case file needs from hearings, registered from HearingsConfig.ready() (disputes.registry)."""

from django.utils.translation import gettext_lazy as _

from disputes import registry

from . import status_page
from .services import cancel_on_case_end

RECORD_LABELS = {
    "hearing_scheduled": _("Hearing scheduled"),
    # On each member of a collective dispute: the lead's hearing, which the member's worker attends.
    "group_hearing_scheduled": _("Hearing of the collective dispute scheduled"),
    "hearing_notice_served": _("Hearing notice served"),
    "hearing_postponed": _("Hearing postponed"),
    "hearing_cancelled": _("Hearing cancelled"),
    "hearing_held": _("Hearing held"),
    "applicant_absent": _("Applicant absent from the hearing"),
    "respondent_absent": _("Respondent absent from the hearing"),
}


def register() -> None:
    registry.add_event_labels(RECORD_LABELS)
    # Scheduling stands for the Hearing and its notice, which only hearings.services makes; it is taken on the
    # arbitration file's page.
    registry.add_track("hearings", page=_("Arbitration file and workbench"), steps=("schedule_hearing",))
    # A case that ends calls off its hearings still booked, freeing their rooms and arbitrators.
    registry.add_case_ended_hook("hearings", cancel_on_case_end)
    # The worker is told the date and place (a postponement schedules the new hearing with the same event).
    registry.add_worker_notice("hearing_scheduled", "hearing_scheduled", context=hearing_notice_values)
    registry.add_worker_notice("group_hearing_scheduled", "hearing_scheduled", context=hearing_notice_values)
    # A member of a collective dispute reads its lead's hearing (group_hearing_scheduled on its own timeline).
    registry.add_status_page_part("hearings", status_page.status_part,
                                  after=("hearing_scheduled", "hearing_postponed", "group_hearing_scheduled"))


def hearing_notice_values(event) -> dict:
    place = " ".join(p for p in ((event.actor_org.address or event.actor_org.name) if event.actor_org else "",
                                 event.payload.get("room", "")) if p)
    return {"date": event.payload.get("date", ""), "time": event.payload.get("starts_at", ""), "place": place}
