"""API conventions: one error format, cursor pagination (no COUNT over millions of rows), model serializers
that read their model once."""

import copy

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


class CursorPagination(pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-registered_at", "-id")


# DRF's ModelSerializer, but the fields it derives from the model are derived once per class.
#
# DRF inspects the model and builds every field again for each serializer instance: on a case page (a dozen
# nested model serializers) that was a seventh of the request's CPU, on the queue a tenth (bench/README.md).
# What it builds depends only on the class (Meta, the declared fields, the model), so the first instance keeps
# a prototype and the others take deep copies, as DRF already does for declared fields. A subclass whose
# fields depend on the request must override get_fields itself. (A comment, not a docstring: the OpenAPI
# schema would show a docstring as the description of every serializer without one of its own.)
class ModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        cls = type(self)
        prototype = cls.__dict__.get("_prototype_fields")
        if prototype is None:
            prototype = super().get_fields()
            cls._prototype_fields = prototype
        return copy.deepcopy(prototype)


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
        response.data = error_body("invalid", "Some fields are not valid.", detail)
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = error_body(code, exc.detail)
    return response
