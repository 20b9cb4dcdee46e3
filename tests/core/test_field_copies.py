"""Serializer instances get their own fields, copied cheaply (core.api.clone_field) but as independent as DRF's
deep copies: what one request does to its serializer never shows in another's."""

import importlib
import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from rest_framework import serializers

from core.api import ModelSerializer, Serializer, clone_field
from disputes.models import Worker


class Line(Serializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)


class Form(Serializer):
    name = serializers.CharField(max_length=5)
    kind = serializers.ChoiceField(choices=[("a", "A"), ("b", "B")])
    lines = Line(many=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=3))
    whoami = serializers.SerializerMethodField()

    def get_whoami(self, obj):
        return self.context.get("who")


class WorkerOut(ModelSerializer):
    class Meta:
        model = Worker
        fields = ("id", "name", "phone")


def test_each_instance_has_its_own_bound_fields():
    one, two = Form(), Form()
    for name in ("name", "kind", "lines", "tags", "whoami"):
        assert one.fields[name] is not two.fields[name]
        assert one.fields[name].parent is one and two.fields[name].parent is two
    # Children of container fields belong to their own copy too.
    assert one.fields["lines"].child is not two.fields["lines"].child
    assert one.fields["tags"].child.parent is one.fields["tags"]


def test_changing_a_field_on_one_instance_leaves_the_others_alone():
    changed = Form(data={"kind": "c", "lines": [], "tags": []})
    changed.fields["name"].required = False
    changed.fields["name"].validators.append(lambda value: None)
    changed.fields["name"].error_messages["blank"] = "changed"
    changed.fields["kind"].choices = [("c", "C")]
    changed.fields["name"].style["base_template"] = "textarea.html"

    other = Form(data={"kind": "a", "lines": [], "tags": []})
    assert other.fields["name"].required is True
    assert len(other.fields["name"].validators) == len(Form._declared_fields["name"].validators) == 3
    assert other.fields["name"].error_messages["blank"] != "changed"
    assert list(other.fields["kind"].choices) == ["a", "b"]
    assert "base_template" not in other.fields["name"].style
    assert not other.is_valid()
    assert set(other.errors) == {"name"}
    assert changed.is_valid(), changed.errors


def test_validation_and_output_are_those_of_drf():
    form = Form(data={"name": "toolong", "kind": "z", "lines": [{"amount": "x"}], "tags": ["abcd"]})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "kind", "lines", "tags"}
    assert Form({"name": "ok", "kind": "a", "lines": [], "tags": []}, context={"who": "clerk"}).data["whoami"] == "clerk"
    assert Form({"name": "ok", "kind": "a", "lines": [], "tags": []}, context={"who": "judge"}).data["whoami"] == "judge"


@pytest.mark.django_db
def test_model_serializer_copies_stay_independent():
    one, two = WorkerOut(), WorkerOut()
    assert one.fields["name"] is not two.fields["name"]
    one.fields["name"].max_length = 1
    assert two.fields["name"].max_length == Worker._meta.get_field("name").max_length
    assert WorkerOut(Worker(id=3, name="王伟", phone="13812345678")).data == {
        "id": 3, "name": "王伟", "phone": "13812345678"
    }


def test_fields_that_hold_fields_are_deep_copied():
    declared = Form._declared_fields
    assert clone_field(declared["tags"]).child is not declared["tags"].child
    assert clone_field(declared["lines"]).child is not declared["lines"].child


def test_every_project_serializer_uses_the_cheap_copies():
    # A serializer on DRF's bases directly would silently fall back to the slow deep copy.
    own_apps = [
        app for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(app.path).parts
    ]
    assert {"disputes", "intake", "legal_aid"} <= {app.name for app in own_apps}
    offenders = []
    for app in own_apps:
        for module_name in ("serializers", "api"):
            try:
                module = importlib.import_module(f"{app.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            offenders += [
                f"{module.__name__}.{name}" for name, obj in vars(module).items()
                if inspect.isclass(obj) and issubclass(obj, serializers.BaseSerializer)
                and obj.__module__ == module.__name__ and not issubclass(obj, (Serializer, ModelSerializer))
            ]
    assert offenders == []
