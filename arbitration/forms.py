"""Forms of the arbitration workbench: they parse what the arbitrator typed into the arguments the services take.

Types and required fields are checked here (Django's own messages, already in Chinese); the rules of the track
stay in arbitration.services and hearings.services, which the views call with exactly what the REST API passes.
Choices that depend on the case (arbitrators, rooms, claims) are handed in by the view from the selectors, so
building or rendering a form never queries the database.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import name_of
from disputes.choices import MONETARY_CLAIM_TYPES
from disputes.kit.web import MoneyField, WorkbenchForm, row_labelled
from hearings.models import Party, Requester

from .models import (
    AwardGround,
    AwardParty,
    CourtOutcome,
    PostAwardKind,
    Procedure,
    RecusalGround,
    RecusalRequester,
    RejectionReason,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AMOUNT_ROWS = 3


def _blank(label):
    return [("", label)]


class CompletionRequestForm(WorkbenchForm):
    items = forms.CharField(
        label=_("Everything missing from the application (one per line)"), max_length=5000, widget=TEXTAREA
    )

    def clean_items(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class ConfirmForm(WorkbenchForm):
    """A form with nothing to fill in but the case version (the view adds it)."""


class AcceptForm(WorkbenchForm):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices, initial=Procedure.ORDINARY)
    facts_clear = forms.BooleanField(label=_("Clear facts, clear rights and duties, little in dispute"), required=False)
    parties_agree = forms.BooleanField(label=_("Both parties agreed to summary procedure"), required=False)


class RejectForm(WorkbenchForm):
    reason_code = forms.ChoiceField(
        label=_("Why the application is not accepted"), choices=_blank(_("Choose…")) + list(RejectionReason.choices)
    )
    reason = forms.CharField(label=_("Reason in words"), max_length=5000, widget=TEXTAREA)


class ReasonForm(WorkbenchForm):
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=TEXTAREA)


class RepresentativesForm(WorkbenchForm):
    """The representatives the workers of a collective dispute elected among themselves (LDMAL art 7), chosen
    among the group's workers: the group's own record (disputes.collective), which the case page edits too."""

    workers = forms.MultipleChoiceField(label=_("Representatives the workers elected"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = [(str(pk), label) for pk, label in workers]


class TribunalForm(WorkbenchForm):
    arbitrators = forms.MultipleChoiceField(
        label=_("Arbitrators (one, or three)"), widget=forms.CheckboxSelectMultiple
    )
    presiding = forms.ChoiceField(label=_("Presiding arbitrator"), required=False)

    def __init__(self, *args, arbitrators: list, **kwargs):
        super().__init__(*args, **kwargs)
        self._users = {str(u.pk): u for u in arbitrators}
        choices = [(str(u.pk), name_of(u)) for u in arbitrators]
        self.fields["arbitrators"].choices = choices
        self.fields["presiding"].choices = _blank(_("The sole arbitrator, or choose…")) + choices

    def clean_arbitrators(self):
        return [self._users[pk] for pk in self.cleaned_data["arbitrators"]]

    def clean_presiding(self):
        pk = self.cleaned_data["presiding"]
        return self._users[pk] if pk else None


class RecusalForm(WorkbenchForm):
    arbitrator = forms.ChoiceField(label=_("Arbitrator"))
    ground = forms.ChoiceField(label=_("Ground"), choices=_blank(_("Choose…")) + list(RecusalGround.choices))
    by_party = forms.ChoiceField(label=_("Requested by"), choices=_blank(_("Choose…")) + list(RecusalRequester.choices))
    statement = forms.CharField(label=_("Statement"), max_length=5000, required=False, widget=TEXTAREA)

    def __init__(self, *args, members: list, **kwargs):
        super().__init__(*args, **kwargs)
        self._users = {str(u.pk): u for u in members}
        self.fields["arbitrator"].choices = _blank(_("Choose…")) + [(str(u.pk), name_of(u)) for u in members]

    def clean_arbitrator(self):
        return self._users[self.cleaned_data["arbitrator"]]


class RecusalDecideForm(WorkbenchForm):
    granted = forms.TypedChoiceField(
        label=_("Decision"), choices=[("yes", _("Grant: the arbitrator withdraws")), ("no", _("Refuse"))],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reasons for the decision"), max_length=5000, required=False, widget=TEXTAREA)


SERVICE_KINDS = {
    "copy_served": _("The application copy was served on the respondent"),
    "defence_received": _("The respondent's defence was received"),
}


class ServiceForm(WorkbenchForm):
    kind = forms.ChoiceField(label=_("What happened"))
    on_date = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, SERVICE_KINDS[k]) for k in kinds]


class _HearingTimes(WorkbenchForm):
    def _check_order(self, starts: str, ends: str):
        data = self.cleaned_data
        if data.get(starts) and data.get(ends) and data[ends] <= data[starts]:
            # The service says the same; saying it here keeps the user's times on the page.
            self.add_error(ends, _("The hearing must end after it starts."))


class ScheduleForm(_HearingTimes):
    room_id = forms.TypedChoiceField(label=_("Hearing room"), coerce=int)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    arbitrators = forms.MultipleChoiceField(label=_("Arbitrators who sit"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, rooms: list, arbitrators: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room_id"].choices = _blank(_("Choose…")) + [
            (r.pk, f"{r.name} · {r.organization.name} ({r.capacity})") for r in rooms
        ]
        self.fields["arbitrators"].choices = [(str(u.pk), name_of(u)) for u in arbitrators]

    def clean_arbitrators(self):
        return [int(pk) for pk in self.cleaned_data["arbitrators"]]

    def clean(self):
        super().clean()
        self._check_order("starts_at", "ends_at")
        return self.cleaned_data


class NoticeServedForm(WorkbenchForm):
    served_on = forms.DateField(label=_("Notice served on"), widget=DATE)


class PostponeForm(_HearingTimes):
    requested_by = forms.ChoiceField(label=_("Requested by"), choices=Requester.choices)
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=TEXTAREA)
    new_starts_at = forms.DateTimeField(label=_("New start"), widget=DATETIME)
    new_ends_at = forms.DateTimeField(label=_("New end"), widget=DATETIME)
    new_room_id = forms.TypedChoiceField(label=_("Room"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, rooms: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_room_id"].choices = _blank(_("The same room")) + [(r.pk, r.name) for r in rooms]

    def clean(self):
        super().clean()
        self._check_order("new_starts_at", "new_ends_at")
        return self.cleaned_data


class AbsenceForm(WorkbenchForm):
    party = forms.ChoiceField(label=_("Party absent"), choices=Party.choices)
    note = forms.CharField(label=_("Note"), max_length=5000, required=False, widget=TEXTAREA)


class HeldForm(WorkbenchForm):
    minutes_summary = forms.CharField(label=_("Summary of the minutes"), max_length=20000, widget=TEXTAREA)


def hearing_ground_label(hearing) -> str:
    """2026-12-10 14:30 · Hearing held (or: … in the respondent's absence after written notice)."""
    ground = AwardGround.DEFAULT_AFTER_NOTICE if hearing.respondent_absent else AwardGround.HEARING_HELD
    return f"{timezone.localtime(hearing.starts_at):%Y-%m-%d %H:%M} · {ground.label}"


CLAIM_COLUMN = _("%(n)s: %(field)s")


class AwardForm(WorkbenchForm):
    """The award: the claims it decides (each with amount and decision), and what it states besides them."""

    partial = forms.BooleanField(
        label=_("Partial award (先行裁决): decides only the claims ticked, the case stays open"), required=False
    )
    findings = forms.CharField(
        label=_("Facts found (本委查明)"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One paragraph per line."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning (本委认为)"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One paragraph per line."),
    )
    legal_basis = forms.CharField(
        label=_("Legal provisions relied on"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Printed as 根据…的规定，裁决如下, e.g. 《中华人民共和国劳动合同法》第三十条."),
    )

    hearing_id = forms.TypedChoiceField(
        label=_("Ground: the hearing held"), coerce=int,
        help_text=_("An award rests on a hearing held, attended or in the respondent's absence after written "
                    "notice (LDMAL arts 35-36); the award states its date and who attended."),
    )

    def __init__(self, *args, claims: list, partial_only: bool = False, held_hearings: list = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing_id"].choices = [(h.pk, hearing_ground_label(h)) for h in held_hearings]
        if held_hearings:
            self.fields["hearing_id"].initial = held_hearings[-1].pk
        self.claims = list(claims)
        for claim in self.claims:
            kind = claim.get_type_display()
            self.fields[f"decide_{claim.pk}"] = row_labelled(
                forms.BooleanField(label=_("Decide"), required=False, initial=True), kind, CLAIM_COLUMN
            )
            self.fields[f"amount_{claim.pk}"] = row_labelled(
                MoneyField(label=_("Awarded (yuan)"), required=False, initial=claim.amount), kind, CLAIM_COLUMN
            )
            self.fields[f"decision_{claim.pk}"] = forms.CharField(
                label=_("Decision"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        if partial_only:
            # Before the hearing stage the lifecycle allows only a partial award.
            self.fields["partial"].initial = True
            self.fields["partial"].disabled = True
        self._decided: list[int] = []

    def rows(self):
        """(claim, decide, amount, decision) per undecided claim, for the template."""
        return [
            (c, self[f"decide_{c.pk}"], self[f"amount_{c.pk}"], self[f"decision_{c.pk}"],
             c.type in MONETARY_CLAIM_TYPES)
            for c in self.claims
        ]

    def items(self) -> list[dict]:
        data = self.cleaned_data
        chosen = [c for c in self.claims if data.get(f"decide_{c.pk}")]
        self._decided = [c.pk for c in chosen]
        return [
            {"claim_id": c.pk, "awarded_amount": data.get(f"amount_{c.pk}"),
             "decision_text": data.get(f"decision_{c.pk}", "")}
            for c in chosen
        ]

    def field_for(self, key: str) -> str | None:
        # award_issue names an item's errors items.<position>.<field>, in the order items() gave them.
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit() and int(parts[1]) < len(self._decided):
            claim_id = self._decided[int(parts[1])]
            return {"claim_id": f"decide_{claim_id}", "awarded_amount": f"amount_{claim_id}",
                    "decision_text": f"decision_{claim_id}"}.get(parts[2])
        return super().field_for(key)


class MediationStatementForm(WorkbenchForm):
    terms = forms.CharField(label=_("Terms agreed"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(AMOUNT_ROWS):
            self.fields[f"label_{i}"] = row_labelled(
                forms.CharField(label=_("For"), max_length=200, required=False), i + 1
            )
            self.fields[f"amount_{i}"] = row_labelled(MoneyField(label=_("Amount (yuan)"), required=False), i + 1)

    def rows(self):
        return [(self[f"label_{i}"], self[f"amount_{i}"]) for i in range(AMOUNT_ROWS)]

    def clean(self):
        super().clean()
        for i in range(AMOUNT_ROWS):
            label, amount = self.cleaned_data.get(f"label_{i}"), self.cleaned_data.get(f"amount_{i}")
            if label and amount is None and f"amount_{i}" not in self.errors:
                self.add_error(f"amount_{i}", forms.Field.default_error_messages["required"])
            if amount is not None and not label:
                self.add_error(f"label_{i}", forms.Field.default_error_messages["required"])
        return self.cleaned_data

    def amounts(self) -> list[dict]:
        data = self.cleaned_data
        self._used = [i for i in range(AMOUNT_ROWS) if data.get(f"label_{i}")]
        return [{"label": data[f"label_{i}"], "amount": data[f"amount_{i}"]} for i in self._used]

    def field_for(self, key: str) -> str | None:
        # mediation_statement_issue names a row's errors amounts.<position>.<field>, counting filled rows only.
        parts = key.split(".")
        used = getattr(self, "_used", [])
        if len(parts) == 3 and parts[0] == "amounts" and parts[1].isdigit() and int(parts[1]) < len(used):
            name = f"{parts[2]}_{used[int(parts[1])]}"
            return name if name in self.fields else None
        return super().field_for(key)


class PostAwardForm(WorkbenchForm):
    kind = forms.ChoiceField(label=_("What is recorded"), choices=_blank(_("Choose…")) + list(PostAwardKind.choices))
    filed_on = forms.DateField(label=_("Date"), widget=DATE)
    by_party = forms.ChoiceField(
        label=_("Filed by"), required=False, choices=_blank(_("— (court's result)")) + list(AwardParty.choices)
    )
    award_received_on = forms.DateField(label=_("Award received on (if known)"), required=False, widget=DATE)
    court_name = forms.CharField(label=_("Court"), max_length=128, required=False)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=64, required=False)
    court_outcome = forms.ChoiceField(
        label=_("Court's result"), required=False, choices=_blank(_("— (a filing)")) + list(CourtOutcome.choices)
    )
    reason = forms.CharField(label=_("Reason / note"), max_length=5000, required=False, widget=TEXTAREA)
