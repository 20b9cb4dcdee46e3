"""The registration form: parses input into the service's ComplaintInput; the service validates the rules."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Division
from disputes.choices import COMPLAINT_CHANNELS, MONETARY_CLAIM_TYPES, Channel, ClaimType, Industry, Occupation
from core.validators import validate_credit_code, validate_id_number, validate_mobile
from core.forms import PlainFormSet
from disputes.kit.inputs import FACTS_MAX
from disputes.kit.web import LongTextField, MoneyField, PlainMessages, TableRowForm

from .child_labour import typing_hints


class ComplaintForm(PlainMessages):
    """The identifiers are checked here as well as by the service, so every mistake shows in one round."""

    worker_name = forms.CharField(label=_("Worker's name"), max_length=64)
    worker_id_number = forms.CharField(
        label=_("ID number"), validators=[validate_id_number], widget=forms.TextInput(attrs={"maxlength": 18})
    )
    worker_phone = forms.CharField(
        label=_("Phone"), max_length=20, validators=[validate_mobile], widget=forms.TextInput(attrs={"type": "tel"})
    )
    # No choice is made for the clerk (the first in the list would be a guess): occupation and industry are
    # recorded for the flexible-work statistics (measure 16) and decide the supervising department (measure 10).
    worker_occupation = forms.ChoiceField(
        label=_("Occupation"), choices=[("", _("— choose the occupation —")), *Occupation.choices],
        error_messages={"required": _("Choose the worker's occupation.")},
    )
    worker_platform = forms.CharField(label=_("Platform worked through (if any)"), max_length=128, required=False)
    worker_email = forms.EmailField(label=_("Worker's e-mail (optional)"), max_length=254, required=False)
    worker_notices = forms.BooleanField(
        label=_("Text the worker at each step of the case"), required=False, initial=True,
    )
    employer_name = forms.CharField(label=_("Employer's name"), max_length=128)
    employer_credit_code = forms.CharField(
        label=_("Unified social credit code"), validators=[validate_credit_code],
        widget=forms.TextInput(attrs={"maxlength": 18}),
    )
    employer_address = forms.CharField(label=_("Employer's address"), max_length=200)
    employer_is_platform = forms.BooleanField(label=_("Platform enterprise"), required=False)
    employer_industry = forms.ChoiceField(
        label=_("Industry"), choices=[("", _("— choose the industry —")), *Industry.choices],
        error_messages={"required": _("Choose the employer's industry.")},
    )
    division = forms.ModelChoiceField(label=_("County / district where the work is performed"), queryset=Division.objects.all())
    channel = forms.ChoiceField(label=_("Channel"), choices=COMPLAINT_CHANNELS, initial=Channel.WINDOW)
    facts = LongTextField(label=_("Facts"), max_length=FACTS_MAX)
    violation_started_on = forms.DateField(label=_("Violation began on"), widget=forms.DateInput(attrs={"type": "date"}))
    violation_ended_on = forms.DateField(
        label=_("Violation ended on (leave empty if continuing)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    employment_ended_on = forms.DateField(
        label=_("Employment ended on (leave empty if still employed)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    limitation_reason = LongTextField(
        label=_("Reason to register despite an expired limitation period"), required=False, max_length=2000, rows=2,
    )
    # Shown only when the ID number makes the worker a child (intake.services.WorkerUnderAge).
    child_labour_confirmed = forms.BooleanField(
        label=_("I have checked the ID number against the card: register the complaint and mark it for labour "
                "inspection as possible child labour"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "worker_id_number" in self.fields:
            self.fields["worker_id_number"].widget.attrs.update(typing_hints())


class ClaimForm(TableRowForm):
    row_label = _("Claim %(n)s: %(field)s")
    type = forms.ChoiceField(label=_("Claim type"), choices=[("", "---------"), *ClaimType.choices], required=False)
    amount = MoneyField(label=_("Amount (yuan)"), required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        kind, amount = data.get("type"), data.get("amount")
        if not kind and (amount is not None or data.get("description")) and "type" not in self.errors:
            self.add_error("type", _("Choose a claim type."))
        if kind in MONETARY_CLAIM_TYPES and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount claimed."))
        return data


ClaimFormSet = forms.formset_factory(ClaimForm, extra=3, max_num=30, absolute_max=30, formset=PlainFormSet)


class SplitForm(PlainMessages):
    """Splitting a complaint (intake.split): which claims leave for the new proceeding, what it is about, and
    which evidence goes with it. The choices are the case's own claims and evidence."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    claims = forms.TypedMultipleChoiceField(
        label=_("Claims that go to the new proceeding"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one claim for the new proceeding.")},
    )
    facts = LongTextField(label=_("Facts of the new proceeding"), max_length=FACTS_MAX)
    evidence = forms.TypedMultipleChoiceField(
        label=_("Evidence that also belongs to it (copied; it stays with this case too)"), coerce=int,
        widget=forms.CheckboxSelectMultiple, required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [
            (c.pk, " · ".join(str(p) for p in (c.get_type_display(), c.amount, c.description) if p not in (None, "")))
            for c in case.claims.all()
        ]
        self.fields["evidence"].choices = [(e.pk, e.original_name) for e in case.evidence.all()]


class CollectiveForm(ComplaintForm):
    """A collective complaint: the employer, facts and claim types once, then one line per worker with their
    own amounts (intake.services.collective_register checks the rules)."""

    claim_types = forms.MultipleChoiceField(
        label=_("Claim types (the same for every worker)"), choices=ClaimType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    workers = forms.CharField(
        label=_("Workers, one per line"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000,
        help_text=_("Name, ID number, phone, then the amount of each claim type ticked above in the order listed "
                    "(leave it empty where a type has no amount), and 代表 at the end for a representative the "
                    "workers elected. Separate with commas or tabs: a spreadsheet's rows can be pasted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("worker_name", "worker_id_number", "worker_phone", "worker_email"):
            del self.fields[name]
        self.fields["workers"].widget.attrs.update(typing_hints(lines=True))

    def worker_rows(self) -> list[dict]:
        """The lines as {name, id_number, phone, amounts, representative}; a line's shape errors are the form's."""
        types = [t for t in ClaimType.values if t in self.cleaned_data.get("claim_types", [])]
        rows = []
        for n, line in enumerate(self.cleaned_data.get("workers", "").splitlines(), start=1):
            cells = [c.strip() for c in re.split(r"[,，\t]", line)]
            if not any(cells):
                continue
            representative = cells[-1] in REPRESENTATIVE_MARKS
            if representative:
                cells = cells[:-1]
            while len(cells) > 3 + len(types) and not cells[-1]:
                cells.pop()
            if len(cells) < 3 or len(cells) > 3 + len(types):
                self.add_error("workers", _("Line %(n)d: give the name, ID number, phone and one amount per claim "
                                            "type ticked.") % {"n": n})
                continue
            amounts = cells[3:] + [""] * (len(types) - len(cells[3:]))
            rows.append({"line": n, "name": cells[0], "id_number": cells[1], "phone": cells[2],
                         "claims": [{"type": t, "amount": a or None} for t, a in zip(types, amounts, strict=True)],
                         "representative": representative})
        if not rows and not self.has_error("workers"):
            self.add_error("workers", _("List the workers, one per line."))
        return rows


# How a line marks a representative (LDMAL art 7): the last cell.
REPRESENTATIVE_MARKS = {"代表", "代表人", "rep", "representative", "*"}
