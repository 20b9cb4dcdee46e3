"""The case lifecycle as data: the transitions declared once on `Case`, with which of them a track's service
alone takes (as the tracks registered them, disputes.registry)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.errors import TransitionRefused

from . import registry
from .models import Case


@dataclass(frozen=True)
class TransitionInfo:
    name: str
    label: str
    roles: tuple
    needs_reason: bool
    outcome: str | None
    via_referral: bool
    public: bool
    needs_due_date: bool = False
    # The track whose service alone performs this step, with the record and document it stands for (an award
    # with its 裁决书, a hearing with its notice); the generic entry point refuses it.
    via_service: str = ""
    # What the step ends, suspends or cancels, asked before the button acts (static/js/confirm.js).
    confirm: str = ""


# The steps that end, suspend or cancel something, with the consequence the person is asked to confirm.
CONFIRMATIONS = {
    "close": _("Once closed, the case can no longer be handled and all its deadline clocks stop. Close the case?"),
    "suspend": _("Suspending stops work on the case and pauses its deadline clocks until it is resumed. "
                 "Suspend the case?"),
    "withdraw": _("Recording the withdrawal ends the case: it can no longer be handled and its running deadline "
                  "clocks are cancelled. Record the withdrawal?"),
    "redirect": _("Redirecting ends the case here: it can no longer be handled and its running deadline clocks "
                  "are cancelled. Redirect the case elsewhere?"),
    "archive": _("An archived case can no longer be changed. Archive the case?"),
}


def transition_table() -> dict[str, TransitionInfo]:
    """The case lifecycle as data, read from the model's django-fsm declarations."""
    table = {}
    for t in Case._meta.get_field("status").get_all_transitions(Case):
        if t.name not in table:
            table[t.name] = TransitionInfo(
                name=t.name, **t.custom, via_service=registry.track_of_step(t.name),
                confirm=CONFIRMATIONS.get(t.name, ""),
            )
    return table


def track_for_step(info: TransitionInfo, status: str) -> str:
    """The track whose service alone takes this step from this stage, or "" where the generic path may."""
    return info.via_service or registry.track_of_stage_step(info.name, status)


def track_outcomes() -> dict[str, str]:
    """Outcomes that stand for a track's written decision: "close" may not record them, or a case would read
    as decided by an award or a penalty that does not exist."""
    return registry.track_outcomes()


def refuse_outside_track(track: str) -> None:
    raise TransitionRefused(
        _("Take this step on the case's %(page)s page: it records what the step needs and issues its "
          "documents.") % {"page": registry.track_page(track)},
        code="use_track_service",
    )
