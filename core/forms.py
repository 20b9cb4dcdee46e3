"""Our own plain messages for what a form field refuses, in place of Django's stock ones.

Django's Chinese catalogue words them for programmers ("确保该变量至少包含 18 字符"); every form of the system
(the tracks' through disputes.kit.web, the sign-in code's, the admin's own) takes these instead. A message a
field was given explicitly is kept. tests/core/test_form_messages.py fills every form of every app with
wrong input and compares what it says with Django's catalogue."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


def plain_messages(field: forms.Field) -> dict:
    if isinstance(field, forms.DateTimeField):
        invalid = _("Enter the date and time as year-month-day hour:minute.")
    elif isinstance(field, forms.DateField):
        invalid = _("Enter the date as year-month-day, e.g. 2026-09-01.")
    elif isinstance(field, forms.EmailField):
        invalid = _("Enter a valid e-mail address.")
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        invalid = _("Enter a number in digits.")
    else:
        invalid = _("What was entered here is not valid: please check it.")
    return {
        "required": _("Please fill in this field."),
        "invalid": invalid,
        "invalid_choice": _("Choose one of the options in the list."),
        "invalid_list": _("Choose one of the options in the list."),
        "invalid_pk_value": _("Choose one of the options in the list."),
        "max_length": _("Too long: at most %(limit_value)d characters (now %(show_value)d)."),
        "min_length": _("Too short: at least %(limit_value)d characters (now %(show_value)d)."),
        "min_value": _("Must be at least %(limit_value)s."),
        "max_value": _("Must be at most %(limit_value)s."),
        "step_size": _("What was entered here is not valid: please check it."),
        "max_digits": _("Too many digits."),
        "max_decimal_places": _("Too many digits."),
        "max_whole_digits": _("Too many digits."),
        "null_characters_not_allowed": _("What was entered here is not valid: please check it."),
    }


def _stock(field: forms.Field) -> set:
    return {m for klass in type(field).__mro__ for m in getattr(klass, "default_error_messages", {}).values()}


def _checked_before_lookup(field: forms.ModelChoiceField):
    """What a model choice checks of each value before looking it up: no NUL character (in our words: Django's
    check raises its validator's own message) and, for an integer key, a number the database can hold (a larger
    one fails in the database, a 500, instead of being "not in the list")."""
    model = getattr(field.queryset, "model", None)
    integer_key = model is not None and not field.to_field_name and model._meta.pk.get_internal_type() in (
        "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "PositiveIntegerField")

    def check(value) -> None:
        if "\x00" in str(value):
            raise ValidationError(_("What was entered here is not valid: please check it."),
                                  code="null_characters_not_allowed")
        if integer_key:
            try:
                number = int(str(value).strip())
            except ValueError:
                return  # not a number: the lookup refuses it as not in the list
            if not -(2**63) <= number < 2**63:
                raise ValidationError(_("Choose one of the options in the list."), code="invalid_choice")

    return check


def use_plain_messages(fields) -> None:
    """Put our messages on these fields; any other stock message left becomes the general one."""
    for field in fields:
        if isinstance(field, forms.ModelChoiceField):
            field.validate_no_null_characters = _checked_before_lookup(field)
        stock = _stock(field)
        ours = plain_messages(field)
        for code, message in ours.items():
            if field.error_messages.get(code) in stock or code not in field.error_messages:
                field.error_messages[code] = message
        for code, message in list(field.error_messages.items()):
            if code not in ours and message in stock:
                field.error_messages[code] = _("What was entered here is not valid: please check it.")


class PlainMessagesMixin:
    """For a form class: our messages, applied when cleaning, so fields added in a subclass's __init__ have
    them too."""

    def full_clean(self):
        use_plain_messages(self.fields.values())
        super().full_clean()


class PlainMessages(PlainMessagesMixin, forms.Form):
    pass


class PlainModelMessages(PlainMessagesMixin, forms.ModelForm):
    pass


class PlainFormSet(forms.BaseFormSet):
    """A formset (rows of a table) refusing in the same plain words."""

    default_error_messages = {
        "missing_management_form": _("The form arrived incomplete: reload the page and enter it again."),
        "too_many_forms": ngettext_lazy("At most %(num)d row.", "At most %(num)d rows.", "num"),
        "too_few_forms": ngettext_lazy("At least %(num)d row.", "At least %(num)d rows.", "num"),
    }
