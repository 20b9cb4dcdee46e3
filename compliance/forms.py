"""The forms of the listing's page: types only; the rules are compliance.services'."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from disputes.kit.web import WorkbenchForm

from .models import ListingGround

DATE = forms.DateInput(attrs={"type": "date"})


class NoticeForm(WorkbenchForm):
    notified_on = forms.DateField(label=_("Notice served on"), widget=DATE)


class ObjectionForm(WorkbenchForm):
    received_on = forms.DateField(label=_("Statement received on"), widget=DATE)
    statement = forms.CharField(label=_("What the employer stated"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionReviewForm(WorkbenchForm):
    verification = forms.CharField(label=_("How it was verified and what was found"),
                                   widget=forms.Textarea(attrs={"rows": 3}))
    upheld = forms.TypedChoiceField(label=_("Objection"), coerce=lambda v: v == "yes",
                                    choices=[("no", _("not upheld")), ("yes", _("upheld"))])


class ExtensionForm(WorkbenchForm):
    reason = forms.CharField(label=_("Why the case is complex"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(WorkbenchForm):
    listed = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("list the employer and the persons responsible")),
                                             ("no", _("do not list"))])
    reason = forms.CharField(label=_("Why not listed (only when not listing)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class RemovalApplicationForm(WorkbenchForm):
    applied_on = forms.DateField(label=_("Applied on"), widget=DATE)
    wages_paid_on = forms.DateField(label=_("Wages paid in full on"), widget=DATE)


class RemovalDecisionForm(WorkbenchForm):
    granted = forms.TypedChoiceField(label=_("Early removal"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("grant")), ("no", _("refuse"))])
    promise_given = forms.BooleanField(label=_("Written credit promise given"), required=False)
    new_default = forms.BooleanField(label=_("Defaulted again or under criminal proceedings"), required=False)
    reason = forms.CharField(label=_("Why refused (only when refusing)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ProposeForm(WorkbenchForm):
    ground = forms.ChoiceField(label=_("Ground"), choices=ListingGround.choices)
    payment_order_number = forms.CharField(label=_("Order to pay (number)"), required=False, max_length=64)
    payment_order_due_on = forms.DateField(label=_("Order to pay: deadline"), widget=DATE)
    persons = forms.CharField(
        label=_("Persons responsible, one per line: role, name, ID number (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "法定代表人，李某，370702199003154517"}))
    reason = forms.CharField(label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_persons(self):
        rows = []
        for line in self.cleaned_data["persons"].splitlines():
            parts = [p.strip() for p in re.split(r"[,，、\t]", line) if p.strip()]
            if parts:
                rows.append({"role": parts[0], "name": parts[1] if len(parts) > 1 else "",
                             "id_number": parts[2] if len(parts) > 2 else ""})
        return rows
