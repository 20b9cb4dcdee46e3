"""Forms of the union and court mediation workbench: type checks only (the rules live in mediation.court)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import name_of
from disputes.choices import DeclineReason
from disputes.kit.web import MoneyField, PlainMessages, WorkbenchForm

from .court_models import EntrustmentMode, FailureReason, NextStep, PaymentOrderResult, Ruling

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReferForm(WorkbenchForm):
    body = forms.TypedChoiceField(label=_("Mediation organisation"), coerce=int)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=64, required=False)
    mode = forms.ChoiceField(label=_("Entrustment"), choices=[("", "—"), *EntrustmentMode.choices], required=False)
    note = forms.CharField(label=_("Note to the receiver"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, bodies=(), from_court=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(b.pk, f"{b.organization.name}（{b.get_kind_display()}）") for b in bodies]
        if not from_court:
            del self.fields["court_case_number"], self.fields["mode"]


class AcceptForm(WorkbenchForm):
    mediator = forms.TypedChoiceField(label=_("Mediator"), coerce=int)

    def __init__(self, *args, mediators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].choices = [(u.pk, name_of(u)) for u in mediators]


class DeclineForm(WorkbenchForm):
    code = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    reason = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(WorkbenchForm):
    room = forms.TypedChoiceField(label=_("Mediation room"), coerce=int)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=MOMENT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=MOMENT)

    def __init__(self, *args, rooms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [(r.pk, r.name) for r in rooms]


class HeldForm(WorkbenchForm):
    worker_present = forms.BooleanField(label=_("Worker present"), required=False)
    employer_present = forms.BooleanField(label=_("Employer present"), required=False)
    worker_position = forms.CharField(label=_("The worker's position"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    employer_position = forms.CharField(label=_("The employer's position"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    proposal = forms.CharField(label=_("Proposals made"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(WorkbenchForm):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)
    record = forms.CharField(label=_("Record of the parties' agreement"), widget=forms.Textarea(attrs={"rows": 2}))


class AgreementForm(WorkbenchForm):
    """Per claim of the case: the sum agreed and its payment date (a claim left empty is not settled by it)."""

    agreed_on = forms.DateField(label=_("Date of the agreement"), widget=DATE)
    worker_signed_on = forms.DateField(label=_("Signed by the worker on"), widget=DATE)
    employer_signed_on = forms.DateField(label=_("Signed by the employer on"), widget=DATE)
    terms = forms.CharField(label=_("Other terms, one per line"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.claims = list(claims)
        for c in self.claims:
            name = c.description or c.get_type_display()
            self.fields[f"settle_{c.pk}"] = forms.BooleanField(label=_("Settles: %(claim)s") % {"claim": name},
                                                               required=False, initial=True)
            self.fields[f"amount_{c.pk}"] = MoneyField(label=_("Amount agreed (yuan)"), required=False)
            self.fields[f"due_on_{c.pk}"] = forms.DateField(label=_("To be paid by"), required=False, widget=DATE)

    def items(self) -> list[dict]:
        d = self.cleaned_data
        return [{"claim_id": c.pk, "amount": d[f"amount_{c.pk}"], "due_on": d[f"due_on_{c.pk}"]}
                for c in self.claims if d.get(f"settle_{c.pk}")]

    def field_for(self, key):
        return None if key == "items" else super().field_for(key)


class FailureForm(WorkbenchForm):
    code = forms.ChoiceField(label=_("Reason"), choices=FailureReason.choices)
    record = forms.CharField(label=_("Record of the failure"), widget=forms.Textarea(attrs={"rows": 2}))
    next_step = forms.ChoiceField(label=_("Next step"), choices=NextStep.choices)
    to_org = forms.TypedChoiceField(label=_("Arbitration commission"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, commissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = [("", "—")] + [(o.pk, o.name) for o in commissions]


class ConfirmationForm(WorkbenchForm):
    court = forms.TypedChoiceField(label=_("Court"), coerce=int)
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE)

    def __init__(self, *args, courts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = [(o.pk, o.name) for o in courts]


class RulingForm(WorkbenchForm):
    ruling = forms.ChoiceField(label=_("Ruling"), choices=Ruling.choices)
    ruled_on = forms.DateField(label=_("Ruled on"), widget=DATE)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=64)
    reasons = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PaidForm(WorkbenchForm):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class PaymentOrderForm(WorkbenchForm):
    court = forms.TypedChoiceField(label=_("Court"), coerce=int)
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE)
    amount = MoneyField(label=_("Amount claimed (yuan)"), required=False,
                        help_text=_("Left empty: every sum of the agreement past its date and unpaid."))

    def __init__(self, *args, courts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = [(o.pk, o.name) for o in courts]


class OrderRecordForm(WorkbenchForm):
    order_number = forms.CharField(label=_("Order number"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("Order issued on"), required=False, widget=DATE)
    result = forms.ChoiceField(label=_("Payment order result"), choices=[("", "—"), *PaymentOrderResult.choices],
                               required=False)
    result_on = forms.DateField(label=_("Result recorded on"), required=False, widget=DATE)


class ConveneForm(PlainMessages):
    title = forms.CharField(label=_("Subject"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}))
    held_at = forms.DateTimeField(label=_("Held at"), widget=MOMENT)
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.TypedMultipleChoiceField(label=_("Participants"), coerce=int)
    cases = forms.CharField(label=_("Case numbers, separated by spaces or commas"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [
            (p.user_id, f"{name_of(p.user)}（{p.organization.name}）") for p in people]

    def case_numbers(self) -> list[str]:
        return [n for n in self.cleaned_data["cases"].replace("，", ",").replace(",", " ").split() if n]


class ConcludeForm(PlainMessages):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 3}))
    conclusions = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, links=(), orgs=(), participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.links = list(links)
        self.participants = list(participants)
        # Each participant's opinion, as they gave it at the meeting (the minutes hold the discussion).
        for p in self.participants:
            self.fields[f"opinion_{p.user_id}"] = forms.CharField(
                label=_("Opinion of %(name)s (%(org)s)") % {"name": name_of(p.user), "org": p.organization.name},
                required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
        choices = [(o.pk, o.name) for o in orgs]
        for link in self.links:
            self.fields[f"step_{link.case_id}"] = forms.CharField(
                label=_("Next step for %(case)s") % {"case": link.case.number}, required=False)
            self.fields[f"org_{link.case_id}"] = forms.TypedChoiceField(label=_("By"), choices=choices, coerce=int,
                                                                        required=False, empty_value=None)
            self.fields[f"due_{link.case_id}"] = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def opinions(self) -> dict[int, str]:
        d = self.cleaned_data
        return {p.user_id: d[f"opinion_{p.user_id}"] for p in self.participants if d.get(f"opinion_{p.user_id}")}

    def next_steps(self) -> list[dict]:
        d = self.cleaned_data
        return [{"case_id": link.case_id, "text": d[f"step_{link.case_id}"], "org_id": d[f"org_{link.case_id}"],
                 "due_on": d[f"due_{link.case_id}"]} for link in self.links if d.get(f"step_{link.case_id}")]
