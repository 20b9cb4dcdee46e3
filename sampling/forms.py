"""The forms of the random-inspection pages: types only; the rules are sampling.services'."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from disputes.choices import Industry
from disputes.kit.web import PlainMessages

from .models import InspectionItem, Result

DATE = forms.DateInput(attrs={"type": "date"})


class PlanForm(PlainMessages):
    name = forms.CharField(label=_("Name"), max_length=128)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    items = forms.ModelMultipleChoiceField(label=_("Inspection items"), queryset=InspectionItem.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    divisions = forms.ModelMultipleChoiceField(label=_("Divisions (none: all your team serves)"), required=False,
                                               queryset=None, widget=forms.CheckboxSelectMultiple)
    industries = forms.MultipleChoiceField(label=_("Industries (none: all)"), required=False,
                                           choices=Industry.choices, widget=forms.CheckboxSelectMultiple)
    share_percent = forms.DecimalField(label=_("Share of the pool drawn (%)"), max_digits=5, decimal_places=2)
    max_per_year = forms.IntegerField(label=_("An employer is drawn at most this many times a year"), required=False,
                                      min_value=1)
    min_months_between = forms.IntegerField(label=_("and not again within this many months"), required=False,
                                            min_value=1)
    inspectors_per_inspection = forms.IntegerField(label=_("Inspectors per inspection"), initial=2, min_value=2)
    policy_source = forms.CharField(label=_("Policy source"), max_length=300, required=False)
    policy_verified = forms.BooleanField(label=_("The policy source was checked against its official text"),
                                         required=False)

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = InspectionItem.objects.filter(active=True)
        self.fields["divisions"].queryset = divisions


class ResultForm(PlainMessages):
    # Opens on no result: a form opening on the first choice ("No violation found") would record a clean
    # inspection for an inspector who never chose one.
    result = forms.ChoiceField(label=pgettext_lazy("random inspection", "Result"), choices=[("", "—"), *Result.choices],
                               error_messages={"required": _("Choose the result.")})
    checked_on = forms.DateField(label=_("Inspected on"), widget=DATE)
    case_number = forms.CharField(label=_("Inspection case number (when an order was issued)"), required=False,
                                  max_length=32)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConflictForm(PlainMessages):
    inspector = forms.ModelChoiceField(label=_("Inspector"), queryset=None)
    credit_code = forms.CharField(label=_("Employer's credit code"), max_length=18)
    reason = forms.CharField(label=_("Reason for recusal"), max_length=300)

    def __init__(self, *args, inspectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors
        self.fields["inspector"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
