"""Words for the arbitration events on the timeline (registered for disputes.presentation.event_label by
arbitration.registrations)."""

from django.utils.translation import gettext as _

from .models import PostAwardKind

ACTIONS = (
    "completion_requested", "materials_completed", "arbitration_number_assigned", "procedure_converted",
    "collective_representatives_set", "tribunal_composed", "recusal_requested", "recusal_decided",
    "partial_award_issued", "award_items_recorded", "mediation_statement_recorded", "post_award_recorded",
)


def arbitration_event_label(event) -> str | None:
    """The label of an arbitration event, or None when the action is not one of this app's."""
    a, p = event.action, event.payload or {}
    if a == "completion_requested":
        return _("Asked to complete the application: %(items)s") % {"items": "; ".join(p.get("items", []))}
    if a == "materials_completed":
        return _("Application materials completed")
    if a == "arbitration_number_assigned":
        return _("Arbitration number %(number)s") % {"number": p.get("number", "")}
    if a == "procedure_converted":
        return _("Converted to the ordinary procedure")
    if a == "collective_representatives_set":  # the workbench's older records; now disputes' representatives_set
        return _("Representatives of the workers recorded")
    if a == "tribunal_composed":
        return _("Tribunal composed: %(names)s") % {"names": "、".join(p.get("arbitrators", []))}
    if a == "recusal_requested":
        return _("Recusal of %(name)s requested") % {"name": p.get("arbitrator", "")}
    if a == "recusal_decided":
        words = _("Recusal of %(name)s granted") if p.get("granted") else _("Recusal of %(name)s refused")
        return words % {"name": p.get("arbitrator", "")}
    if a == "partial_award_issued":
        return _("Partial award made")
    if a == "award_items_recorded":
        return _("Award items recorded")
    if a == "mediation_statement_recorded":
        return _("Mediation statement recorded")
    if a == "post_award_recorded":
        kind = p.get("kind", "")
        label = PostAwardKind(kind).label if kind in PostAwardKind.values else kind
        return _("After the award: %(kind)s") % {"kind": label}
    return None
