"""Forms of the legal-aid desk. They parse what the station typed into the services' arguments; the rules
(eligibility, who may act, the order of the steps) are the services' to check, so the API gets the same answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import name_of
from disputes.kit.web import MoneyField, WorkbenchForm

from .models import CHECKLIST, AidOutcome, Category, WorkKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _yuan(label, required=False):
    return MoneyField(label=label, required=required,
                      widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))


class DecideForm(WorkbenchForm):
    grant = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "1",
        choices=[("1", _("Grant legal aid")), ("0", _("Refuse legal aid"))],
    )
    category = forms.ChoiceField(label=_("Applicant"), choices=Category.choices)
    household_size = forms.IntegerField(label=_("Household members"), required=False, min_value=1)
    monthly_income = _yuan(_("Household income per month (yuan)"))
    reason = forms.CharField(label=_("Reasons (required to refuse an eligible applicant)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MaterialsForm(WorkbenchForm):
    note = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 2}))


class LawyerForm(WorkbenchForm):
    """One of the station's people, a lawyer of a partner law firm, or a name and phone typed in."""

    lawyer = forms.ChoiceField(label=_("Lawyer"), required=False)
    lawyer_name = forms.CharField(label=_("or another lawyer's name"), required=False, max_length=64)
    lawyer_phone = forms.CharField(label=_("and phone"), required=False, max_length=32)

    def __init__(self, *args, staff=(), partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")]
        choices += [(f"staff:{p.user_id}", f"{name_of(p.user)}（{p.phone or '—'}）")
                    for p in staff]
        choices += [(f"partner:{p.pk}", f"{p.name}（{p.firm.name}，{p.phone}）") for p in partners]
        self.fields["lawyer"].choices = choices

    def service_args(self) -> dict:
        d = self.cleaned_data
        kind, _sep, pk = (d.get("lawyer") or "").partition(":")
        return {
            "staff_id": pk if kind == "staff" else None, "partner_id": pk if kind == "partner" else None,
            "lawyer_name": d.get("lawyer_name", ""), "lawyer_phone": d.get("lawyer_phone", ""),
        }

    def field_for(self, key):
        if key in ("staff_id", "partner_id"):
            return "lawyer"
        return super().field_for(key)


class ReplaceForm(LawyerForm):
    reason = forms.CharField(label=_("Why the lawyer is replaced"), widget=forms.Textarea(attrs={"rows": 2}))


class AgreementForm(WorkbenchForm):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())


class WorkForm(WorkbenchForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices)
    done_on = forms.DateField(label=_("Date"), widget=DateInput())
    hearing = forms.ChoiceField(label=_("Hearing attended"), required=False)
    court_event = forms.ChoiceField(label=_("Court step attended"), required=False)
    note = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, hearings=(), court_events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing"].choices = [("", "—")] + [
            (str(h.pk), f"{h.starts_at:%Y-%m-%d %H:%M} · {h.room} · {h.get_state_display()}") for h in hearings
        ]
        self.fields["court_event"].choices = [("", "—")] + [
            (str(e.pk), f"{e.created_at:%Y-%m-%d} · {e.action}") for e in court_events
        ]

    def field_for(self, key):
        return {"hearing_id": "hearing", "court_event_id": "court_event"}.get(key) or super().field_for(key)


class OutcomeForm(WorkbenchForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AidOutcome.choices)
    amount_recovered = _yuan(_("Amount recovered (yuan)"))
    outcome_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(WorkbenchForm):
    checklist = forms.MultipleChoiceField(label=_("The file holds"), choices=CHECKLIST,
                                          widget=forms.CheckboxSelectMultiple, required=False)
