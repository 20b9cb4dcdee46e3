"""Forms of the warnings page, the interview record and the revocation steps: types only; the rules are the
services' (compliance.warnings, compliance.revocation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disputes.choices import SupervisingDepartment
from disputes.kit.web import WorkbenchForm

from .warning_models import FollowUpResult, InterviewKind

DATE = forms.DateInput(attrs={"type": "date"})


class AcknowledgeForm(WorkbenchForm):
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(WorkbenchForm):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))


class InterviewForm(WorkbenchForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=InterviewKind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.CharField(label=_("Who attended (the employer's and the departments' representatives)"),
                                widget=forms.Textarea(attrs={"rows": 2}))
    departments = forms.MultipleChoiceField(label=_("Supervising departments attending"), required=False,
                                            choices=SupervisingDepartment.choices,
                                            widget=forms.CheckboxSelectMultiple)
    matters = forms.CharField(label=_("Matters raised"), widget=forms.Textarea(attrs={"rows": 3}))
    commitments = forms.CharField(label=_("The employer's commitments"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
    rectify_by = forms.DateField(label=_("Rectification deadline"), required=False, widget=DATE)
    follow_up_on = forms.DateField(label=_("Follow-up due"), required=False, widget=DATE,
                                   help_text=_("Left empty: the rectification deadline plus the local service level."))
    warning_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RevocationForm(WorkbenchForm):
    reason = forms.CharField(label=_("The decision that revoked the order to pay"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class RemovalRevocationForm(WorkbenchForm):
    reason = forms.CharField(label=_("The false information found, and how"), widget=forms.Textarea(attrs={"rows": 2}))


class DepartmentAcknowledgeForm(WorkbenchForm):
    """No field: the version travels beside it."""


class DepartmentFeedbackForm(WorkbenchForm):
    feedback = forms.CharField(label=_("Feedback and measures taken"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpCloseForm(WorkbenchForm):
    result = forms.ChoiceField(label=_("Follow-up result"), choices=FollowUpResult.choices)
    note = forms.CharField(label=_("What the follow-up found"), widget=forms.Textarea(attrs={"rows": 2}))
