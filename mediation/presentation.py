"""Words for the joint-mediation events on the timeline and in notifications."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

ACTIONS = ("joint_mediation_scheduled", "joint_mediation_held", "joint_mediation_agreed", "joint_mediation_failed",
           "joint_mediation_cancelled")


def _local(value: str | None) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(moment) else moment.strftime("%Y-%m-%d %H:%M")


def mediation_event_label(event) -> str | None:
    """The label of a joint-mediation event, or None when the action is not one of this app's.

    Registered for disputes.presentation.event_label by mediation.registrations.
    """
    a, p = event.action, event.payload or {}
    if a == "joint_mediation_scheduled":
        return _("Joint mediation scheduled for %(when)s at %(place)s") % {"when": _local(p.get("scheduled_at")), "place": p.get("place", "")}
    if a == "joint_mediation_held":
        return _("Joint mediation held with %(names)s") % {"names": "、".join(p.get("present", []))}
    if a == "joint_mediation_agreed":
        return _("Joint mediation agreement reached: %(total)s yuan") % {"total": p.get("total", "")}
    if a == "joint_mediation_failed":
        return _("Joint mediation ended without agreement")
    if a == "joint_mediation_cancelled":
        return _("Joint mediation session cancelled")
    return None
