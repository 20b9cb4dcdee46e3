"""Every form of every app refuses in our own plain Chinese (core.forms), never in Django's stock messages
from its zh_Hans catalogue: each form found in the project is filled with wrong input of every kind (nothing,
far too long, not a number, not a date, not in the list, negative, too many digits) and what it says is
compared with the catalogue. A new form that is not built on core.forms fails here by name."""

import importlib
import inspect
import pkgutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from core.forms import PlainFormSet, PlainMessagesMixin
from tests.intake.test_form_messages import stock_fragments

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR).resolve()

WRONG = [
    "",
    "x" * 30_000,
    "x",
    "not a value",
    "-99999999999999999999.999",
    "9" * 40,
    "1.2345",
    "2026-13-45",
    "\x00",
]


def _project_modules():
    """Import every module of the project's apps (forms can live anywhere: forms.py, court_forms.py, admin.py)."""
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        # The project's own apps only: a virtualenv inside the checkout (make install's .venv) holds installed ones.
        if ROOT not in path.parents or "site-packages" in path.parts:
            continue
        importlib.import_module(config.name)
        for info in pkgutil.walk_packages([str(path)], prefix=config.name + "."):
            if ".migrations" in info.name or ".management" in info.name or info.name.endswith(".tests"):
                continue
            importlib.import_module(info.name)


def _subclasses(klass):
    for sub in klass.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms() -> list[type]:
    _project_modules()
    found = {k for k in _subclasses(forms.BaseForm) if k.__module__.split(".")[0] in _app_names()}
    # Bases that are not forms of a page (no fields of their own and not meant to be shown).
    return sorted((k for k in found if k.__module__ != "core.forms"), key=lambda k: f"{k.__module__}.{k.__qualname__}")


def _app_names() -> set[str]:
    return {c.name.split(".")[0] for c in apps.get_app_configs()
            if ROOT in Path(c.path).resolve().parents and "site-packages" not in Path(c.path).parts}


class _NoRows:
    def all(self):
        return []


# What a form takes its choices from, with none to offer: a case without claims or evidence
# (intake.forms.SplitForm), otherwise an empty queryset, which serves as an empty list as well.
def _stub(name):
    if name == "case":
        return SimpleNamespace(claims=_NoRows(), evidence=_NoRows())
    return get_user_model().objects.none()


def _build(form_class, data):
    """The form with the data; keyword-only arguments without a default (the choices it offers) are empty."""
    kwargs = {}
    for klass in form_class.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind is param.KEYWORD_ONLY and param.default is param.empty:
                kwargs.setdefault(name, _stub(name))
    if issubclass(form_class, forms.ModelForm):
        return form_class(data=data)
    return form_class(data=data, **kwargs)


def _every_message(form) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


def test_it_finds_the_forms_of_every_track():
    names = {f"{k.__module__}.{k.__name__}" for k in project_forms()}
    for expected in ("intake.forms.ComplaintForm", "legal_aid.forms.DecideForm", "mediation.forms.ScheduleForm",
                     "mediation.court_forms.ConveneForm", "arbitration.forms.AwardForm", "inspection.forms.CloseForm",
                     "compliance.forms.ProposeForm", "core.second_factor.TokenForm", "deadlines.admin.CalendarDayForm"):
        assert expected in names


def test_every_form_of_every_app_uses_our_own_messages():
    plain = [k for k in project_forms() if not issubclass(k, PlainMessagesMixin)]
    assert plain == [], "build these on core.forms.PlainMessages (disputes.kit.web.WorkbenchForm for a workbench)"


def test_no_form_of_any_app_says_a_stock_message_whatever_is_typed():
    stock = stock_fragments()
    leaked, said = [], 0
    with translation.override("zh-hans"):
        for form_class in project_forms():
            probe = _build(form_class, {})
            for value in WRONG:
                data = {}
                for name, field in probe.fields.items():
                    key = probe.add_prefix(name)
                    multiple = isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
                    data[key] = [value] if multiple and value else value
                form = _build(form_class, data)
                form.is_valid()
                for message in _every_message(form):
                    said += 1
                    leaked += [(form_class.__name__, message) for s in stock if s in message]
    assert said > 500  # the forms did refuse
    assert leaked == []


@pytest.mark.parametrize("formset_name", ["intake.forms.ClaimFormSet", "inspection.forms.CorrectionItemFormSet"])
def test_the_rows_of_a_table_are_refused_in_our_own_words(formset_name):
    module, name = formset_name.rsplit(".", 1)
    formset_class = getattr(importlib.import_module(module), name)
    assert issubclass(formset_class, PlainFormSet)
    stock = stock_fragments()
    with translation.override("zh-hans"):
        broken = formset_class({"p-TOTAL_FORMS": "x"}, prefix="p")
        too_many = formset_class({"p-TOTAL_FORMS": "500", "p-INITIAL_FORMS": "0"}, prefix="p")
        messages = [str(m) for fs in (broken, too_many) for m in fs.non_form_errors()]
    assert messages and not [m for m in messages for s in stock if s in m]
    assert "表单提交不完整" in messages[0]
