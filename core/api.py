"""API conventions: one error format, cursor pagination (no COUNT over millions of rows), model serializers
that read their model once."""

import base64
import copy
import re
from urllib.parse import parse_qs

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import ForeignObjectRel
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


from .errors import DomainError, ValidationFailed


def page_size(request, default: int, maximum: int) -> int:
    """The page size asked for: a whole number from 1, at most `maximum` (a larger one gets `maximum`); anything
    else is a 400, not silently the default."""
    value = request.query_params.get("page_size")
    if value is None:
        return default
    try:
        size = int(value)
    except ValueError:
        size = 0
    if size < 1:
        raise ValidationFailed(fields={"page_size": [_("A whole number from 1, please.")]})
    return min(size, maximum)


_BASE64 = re.compile(r"[A-Za-z0-9+/=]+")


def _cursor_keys(encoded: str) -> set:
    try:
        decoded = base64.b64decode(encoded.encode("ascii")).decode("ascii")
        return set(parse_qs(decoded, keep_blank_values=True, strict_parsing=True)) or {""}
    except (ValueError, UnicodeDecodeError):
        return {""}


def invalid_cursor() -> ValidationFailed:
    return ValidationFailed(fields={"cursor": [_("This cursor is not valid; start from the first page.")]})


class CursorPagination(pagination.CursorPagination):
    """DRF's cursor pages, with the one error body for what the client sent wrong: a cursor or a page size that
    is not one is a 400 (DRF answers a bad cursor with 404 and ignores a bad size)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-registered_at", "-id")

    def get_page_size(self, request):
        return page_size(request, self.page_size, self.max_page_size)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        # DRF's decoding skips what is not base64 and keys it does not know ("%%%" would be the first page).
        if encoded and not (_BASE64.fullmatch(encoded) and _cursor_keys(encoded) <= {"o", "r", "p"}):
            raise invalid_cursor()
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise invalid_cursor() from None


# Each serializer instance gets its own copies of its fields; DRF makes them with `copy.deepcopy`, which calls
# every field's __init__ again with deep copies of its arguments. A field as declared on the class is never
# bound (DRF binds the copies), so a shallow copy of it is as fresh as a rebuilt one; its containers that code
# may change per instance (validators, error messages, style) are copied too. Fields that hold other fields
# (nested serializers, ListField, DictField, many-related fields) bind their children and keep state on them
# while validating: those are still deep-copied, as DRF does. With ModelSerializer's prototype below, a case
# page's CPU was 12.3 ms against 16.0 ms with DRF's own copies and derivation (1M cases, docs/performance.md).
def clone_field(field: serializers.Field) -> serializers.Field:
    if isinstance(field, serializers.BaseSerializer) or hasattr(field, "child") or hasattr(field, "child_relation"):
        return copy.deepcopy(field)
    clone = copy.copy(field)
    for name in ("_validators", "error_messages", "style"):
        if name in clone.__dict__:
            clone.__dict__[name] = copy.copy(clone.__dict__[name])
    return clone


def clone_fields(fields: dict) -> dict:
    return {name: clone_field(field) for name, field in fields.items()}


# DRF's Serializer with cheaper per-instance copies of its declared fields (clone_field). (A comment: the
# OpenAPI schema would publish a docstring as the description of every serializer without one of its own.)
class Serializer(serializers.Serializer):

    def get_fields(self):
        return clone_fields(self._declared_fields)


# DRF's ModelSerializer, but the fields it derives from the model are derived once per class.
#
# DRF inspects the model and builds every field again for each serializer instance (a dozen nested model
# serializers on a case page). What it builds depends only on the class (Meta, the declared fields, the model), so the first instance keeps
# a prototype and the others take copies (clone_field). A subclass whose fields depend on the request must
# override get_fields itself. (A comment, not a docstring: the OpenAPI schema would show a docstring as the
# description of every serializer without one of its own.)
class ModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        cls = type(self)
        prototype = cls.__dict__.get("_prototype_fields")
        if prototype is None:
            prototype = _as_the_model_allows(super().get_fields(), self.Meta.model)
            cls._prototype_fields = prototype
        return clone_fields(prototype)


def _as_the_model_allows(fields: dict, model) -> dict:
    """Read-only fields document what the model lets them send. DRF drops allow_blank from a read-only choice,
    so its enum would lack "" (the outcome of an open case); a declared field (a nested reference, a slug of a
    relation) is not told that its source may be null. Both are put back from the model's fields, following a
    dotted source through its relations; a source that is not a model field (a method, a property) is left."""
    for name, field in fields.items():
        if not field.read_only:
            continue
        path = (field.source or name).split(".")
        current, nullable, model_field = model, False, None
        try:
            for part in path:
                model_field = current._meta.get_field(part)
                if isinstance(model_field, ForeignObjectRel):
                    raise FieldDoesNotExist(part)  # a reverse relation: a list or a lookup, never null as such
                nullable = nullable or bool(getattr(model_field, "null", False))
                current = model_field.related_model if model_field.is_relation else None
                if current is None and part != path[-1]:
                    raise FieldDoesNotExist(part)
        except (FieldDoesNotExist, AttributeError):
            continue
        if nullable and not field.allow_null:
            field.allow_null = True
        if isinstance(field, serializers.ChoiceField) and not field.allow_blank:
            field.allow_blank = len(path) == 1 and bool(getattr(model_field, "blank", False))
    return fields


class ChoiceLabelField(serializers.CharField):
    """The label of a model field's choice, as get_<field>_display gives it, in the request's language.

    Not `CharField(source="get_<field>_display")`: DRF inspects the signature of every callable it reads, for
    every row (~20 us each; a queue page of 100 cases spent 2 ms on one column's). The labels are looked up
    in the model field's choices, kept per field; None stays None, an unknown value is shown as it is."""

    _labels: dict = {}

    def __init__(self, choice_field: str, **kwargs):
        super().__init__(source=choice_field, read_only=True, **kwargs)

    def to_representation(self, value):
        model = self.parent.Meta.model
        labels = self._labels.get((model, self.source))
        if labels is None:
            labels = self._labels[(model, self.source)] = dict(model._meta.get_field(self.source).flatchoices)
        return str(labels.get(value, value))


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = fields
    return body


def exception_handler(exc, context):
    """Every error is {"error": {"code", "message", "fields"?}} with a stable code."""
    if isinstance(exc, DomainError):
        fields = {
            k: ([m if isinstance(m, dict) else str(m) for m in v] if isinstance(v, list) else v)
            for k, v in exc.fields.items()
        }
        return Response(error_body(exc.code, exc.message, fields), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body("invalid", ValidationFailed.default_message, detail)
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = error_body(code, exc.detail)
    return response


def inline_choice(choices, **kwargs) -> serializers.ChoiceField:
    """A ChoiceField documented with an inline enum.

    Named enum components are keyed by field name, so "kind", "state" or "by_party" with another app's choices
    would collide (a warning the deployment check fails on); an inline enum cannot collide.
    """
    values = [value for value, _label in choices]
    if kwargs.get("allow_blank"):
        values.append("")
    # Wrapped in allOf because drf-spectacular hoists every top-level "enum" of a property into a component.
    schema = {"allOf": [{"type": "string", "enum": values}]}
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)
