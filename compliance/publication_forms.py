"""The forms of the publication pages: types only; the rules are compliance.publication's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disputes.kit.web import PlainMessages, WorkbenchForm

from .publication_models import EntryDecision, PublicationCategory


class AssembleForm(PlainMessages):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=[(q, q) for q in (1, 2, 3, 4)])


class EntryForm(WorkbenchForm):
    decision = forms.ChoiceField(label=_("Review"), widget=forms.RadioSelect, choices=[
        (EntryDecision.INCLUDED, _("publish")), (EntryDecision.EXCLUDED, _("do not publish"))])
    category = forms.TypedChoiceField(label=_("Category (Order 29)"), required=False, coerce=int, empty_value=None)
    employer_name = forms.CharField(label=_("Employer"), max_length=128, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    legal_representative = forms.CharField(label=_("Legal representative or person in charge"), max_length=64,
                                           required=False)
    facts = forms.CharField(label=_("Main facts of the violation"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    handling = forms.CharField(label=_("How it was handled"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    exclusion_reason = forms.CharField(label=_("Why not published (only when not publishing)"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The categories read once for all the entries of a page, not once per form.
        self.fields["category"].choices = [("", "---------"), *((c.pk, str(c)) for c in categories)]

    @staticmethod
    def categories() -> list:
        return list(PublicationCategory.objects.filter(active=True))

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["category_id"] = data.pop("category")
        return data

    @staticmethod
    def initial_for(entry) -> dict:
        return {"decision": entry.decision if entry.decision != EntryDecision.PENDING else None,
                "category": entry.category_id, "employer_name": entry.employer_name, "address": entry.address,
                "legal_representative": entry.legal_representative, "facts": entry.facts,
                "handling": entry.handling, "exclusion_reason": entry.exclusion_reason}


class StepForm(WorkbenchForm):
    """Approve or publish: the list's version is the whole input."""
