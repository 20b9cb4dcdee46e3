"""Forms of the inspection workbench. They parse what the inspector typed into the services' arguments; the
rules of the law (two inspectors, penalty ranges, deadlines, who may act) are the services' to check, so a
rule is written once and the API gets the same answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.citations import cite
from core.models import name_of
from disputes.choices import Outcome
from core.forms import PlainFormSet
from disputes.kit.web import MoneyField, PlainMessages, TableRowForm

from .models import CorrectionItemKind, EmployerStatementKind, RefusalReason, StatementBy
from .services import CLOSE_OUTCOMES


def _team_choices(team):
    return [(str(u.pk), name_of(u)) for u in team]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput())


def _yuan(label, required=True):
    return MoneyField(
        label=label, required=required, widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"})
    )


def _count(label, required=True, minimum=0):
    return forms.IntegerField(label=label, required=required, min_value=minimum)


def _text(label, required=True, rows=3):
    return forms.CharField(label=label, required=required, max_length=5000, widget=forms.Textarea(attrs={"rows": rows}))


class TeamForm(PlainMessages):
    """A form with a choice among the inspectors of the team (the services check membership again)."""

    team_fields: tuple[str, ...] = ()

    def __init__(self, *args, team=(), **kwargs):
        super().__init__(*args, **kwargs)
        people = _team_choices(team)
        for name in self.team_fields:
            field = self.fields[name]
            blank = [] if isinstance(field, forms.MultipleChoiceField) else [("", "---------")]
            field.choices = [*blank, *people]


# --- filing ---


class FileForm(TeamForm):
    team_fields = ("inspector",)
    inspector = forms.ChoiceField(label=_("Inspector in charge"), choices=[("", "---------")])


class RefuseForm(PlainMessages):
    reason_code = forms.ChoiceField(
        label=_("Reason for refusing to file"), choices=[("", "---------"), *RefusalReason.choices]
    )
    reason = _text(_("Written reason (printed on the notice to the complainant)"))


# --- investigation ---


class VisitForm(TeamForm):
    team_fields = ("inspectors",)
    visited_on = _date(_("Date of visit"))
    place = forms.CharField(label=_("Place"), max_length=200)
    # Not required here: the service gives the reason (two inspectors, 监察条例 art 16) for none as for one.
    inspectors = forms.MultipleChoiceField(
        label=_("Inspectors present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    findings = _text(_("Findings"))


class StatementForm(TeamForm):
    team_fields = ("taken_by",)
    who = forms.ChoiceField(label=_("Given by"), choices=[("", "---------"), *StatementBy.choices])
    name = forms.CharField(label=_("Name"), max_length=64)
    taken_on = _date(_("Date taken"))
    taken_by = forms.ChoiceField(label=_("Taken by"), choices=[("", "---------")], required=False)
    summary = _text(_("Summary"))


class InterviewForm(PlainMessages):
    employer_representative = forms.CharField(label=_("Employer representative"), max_length=64)
    held_on = _date(_("Date"))
    outcome = _text(_("Outcome"))


class EvidenceForm(PlainMessages):
    description = forms.CharField(label=_("Description"), max_length=300)
    source = forms.CharField(label=_("Source"), max_length=200)
    gathered_on = _date(_("Date gathered (today if empty)"), required=False)


# --- order to correct and compliance ---


class CorrectionOrderForm(PlainMessages):
    due_on = _date(_("Deadline"))
    workers_covered = _count(_("Workers covered (the largest item's if empty)"), required=False, minimum=1)
    findings = _text(_("Violations found"))
    requirements = _text(_("What else must be corrected (one per line)"), required=False)


class CorrectionItemForm(TableRowForm):
    row_label = _("Item %(n)s: %(field)s")
    kind = forms.ChoiceField(label=_("Item"), choices=[("", "---------"), *CorrectionItemKind.choices], required=False)
    amount = _yuan(_("Amount (yuan)"), required=False)
    workers = _count(_("Workers"), required=False, minimum=1)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def has_entry(self) -> bool:
        d = self.cleaned_data
        return bool(d.get("kind") or d.get("amount") is not None or d.get("description"))

    def as_item(self) -> dict:
        d = self.cleaned_data
        item = {"kind": d.get("kind", ""), "amount": d.get("amount"), "description": d.get("description", "")}
        if d.get("workers") is not None:
            item["workers"] = d["workers"]
        return item


CorrectionItemFormSet = forms.formset_factory(CorrectionItemForm, extra=3, max_num=20, absolute_max=20, formset=PlainFormSet)


class ComplianceForm(PlainMessages):
    """What the employer paid, item by item, under the latest order."""

    complied = forms.ChoiceField(
        label=_("Result"), widget=forms.RadioSelect,
        choices=[("yes", _("Paid in full: close the case as corrected")),
                 ("no", _("Not (fully) paid by the deadline: record non-compliance"))],
    )
    workers_paid = _count(_("Workers paid"))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[self.item_field(item)] = _yuan(
                _("Paid for %(item)s (ordered %(amount)s yuan)")
                % {"item": item.get_kind_display(), "amount": item.amount},
                required=False,
            )

    @staticmethod
    def item_field(item) -> str:
        return f"paid_{item.pk}"

    def item_fields(self):
        return [self[self.item_field(i)] for i in self.items]

    def amounts_paid(self) -> dict:
        return {
            item.pk: self.cleaned_data[self.item_field(item)]
            for item in self.items
            if self.cleaned_data.get(self.item_field(item)) is not None
        }


# --- penalties ---


class PenaltyProposeForm(PlainMessages):
    article = forms.ChoiceField(label=_("Article of the regulations"), choices=[("", "---------")])
    workers = _count(_("Workers affected"), required=False)
    basis = _yuan(_("Base amount of a multiple (yuan)"), required=False)
    amount = _yuan(_("Amount (yuan)"))
    facts = _text(_("Facts and reasons"), required=False)

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "---------"), *((r.article, f"{cite(r.source)} · {r.name}") for r in rules)]


class EmployerStatementForm(PlainMessages):
    kind = forms.ChoiceField(
        label=_("What the employer did"), choices=[("", "---------"), *EmployerStatementKind.choices]
    )
    received_on = _date(_("Date (today if empty)"), required=False)
    summary = _text(_("Summary"), required=False)


class PenaltyDecideForm(PlainMessages):
    # Empty: what the compliance record says was paid, for how many workers.
    amount_recovered = _yuan(_("Amount recovered for the workers (yuan)"), required=False)
    workers_covered = _count(_("Workers covered"), required=False)


# --- hand-off and closing ---


class TransferForm(PlainMessages):
    to_org = forms.ChoiceField(label=_("Arbitration institute"), choices=[("", "---------")])
    note = _text(_("Note to the arbitration institute"), required=False)

    def __init__(self, *args, institutes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = [("", "---------"), *((str(o.pk), o.name) for o in institutes)]


class CloseForm(PlainMessages):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "---------"), *((o.value, o.label) for o in Outcome if o in CLOSE_OUTCOMES)]
    )
    amounts_recovered = _yuan(_("Amount recovered (yuan)"))
    workers_covered = _count(_("Workers covered"))
    reason = _text(_("Reason (required unless settled or corrected)"), required=False, rows=2)
