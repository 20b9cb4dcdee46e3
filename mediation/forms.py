"""Forms of the joint mediation page. They carry what was typed to the services as it was typed: the rules
(dates, amounts, who may take part) are mediation.services' (with disputes.kit.inputs), so the page and the
API get the same answer, and a refused form comes back filled in (disputes.kit.web)."""

from django import forms

from disputes.kit.web import WorkbenchForm


def _text(**kwargs):
    return forms.CharField(required=False, strip=False, **kwargs)


class IdsField(forms.Field):
    """Ticked boxes of one name, as the list of their values (the service checks each is a member of staff)."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        return list(value or [])


class ScheduleForm(WorkbenchForm):
    date = _text()
    time = _text()
    place = _text()
    participants = IdsField(required=False)
    note = _text()

    def scheduled_at(self) -> str:
        return f"{self.cleaned_data['date'].strip()}T{self.cleaned_data['time'].strip()}"

    def field_for(self, key):
        return "date" if key == "scheduled_at" else super().field_for(key)


class HeldForm(WorkbenchForm):
    present = IdsField(required=False)
    held_on = _text()
    minutes = _text()


class AgreementForm(WorkbenchForm):
    terms = _text()
    summary = _text()
    workers_covered = _text()

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.claims = list(claims)
        for claim in self.claims:
            for key in ("text", "amount", "due_on"):
                self.fields[f"{key}_{claim.pk}"] = _text()

    def rows(self):
        """(claim, text, amount, due_on) per claim, for the template."""
        return [(c, self[f"text_{c.pk}"], self[f"amount_{c.pk}"], self[f"due_on_{c.pk}"]) for c in self.claims]

    def items(self) -> list[dict]:
        """One term per claim with an amount or a term entered."""
        data, items = self.cleaned_data, []
        for claim in self.claims:
            text, amount = data[f"text_{claim.pk}"].strip(), data[f"amount_{claim.pk}"].strip()
            if amount or text:
                items.append({"claim_id": claim.pk, "amount": amount or None, "text": text,
                              "due_on": data[f"due_on_{claim.pk}"].strip() or None})
        return items


class FailedForm(WorkbenchForm):
    reason = _text()
    minutes = _text()


class CancelForm(WorkbenchForm):
    reason = _text()
