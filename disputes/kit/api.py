"""A track's API write endpoint, made by one factory: input validated, one service called, the answer serialized.

    VisitView = write_endpoint(
        "VisitView", "Record an on-site inspection ...", tags=TAGS,
        request=VisitInputSerializer, response=VisitResultSerializer, status=201,
        call=lambda actor, data, pk: services.visit_record(case_id=pk, actor=actor, ...),
    )

The docstring given is the operation's description; the class name is the view's. A service's refusal is a
core.errors.DomainError, which core.api.exception_handler turns into the one error body with its status.
"""

from __future__ import annotations

from collections.abc import Callable

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ValidationFailed

from ..models import Case
from ..serializers import ErrorSerializer
from . import inputs


def errors(*codes):
    """Document the error responses an operation can give (all share one body)."""
    descriptions = {
        400: "Invalid input; per-field messages in error.fields.",
        401: "No or invalid credentials.",
        403: "The caller's role or organisation may not do this.",
        404: "No such object, or not visible to the caller's organisation.",
        409: "Stale version (code conflict) or a state that does not allow this.",
    }
    return {c: OpenApiResponse(ErrorSerializer, description=descriptions[c]) for c in codes}


WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MoneyField(serializers.DecimalField):
    """Yuan, by the services' one money rule (disputes.kit.inputs.money): a JSON number with a fraction is a
    float and is refused, as is a third decimal; nothing is rounded."""

    def __init__(self, *, allow_zero: bool = True, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        self.allow_zero = allow_zero
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            inputs.money(data, "amount", allow_zero=self.allow_zero)
        except ValidationFailed as exc:
            raise serializers.ValidationError(exc.fields["amount"]) from None
        return super().to_internal_value(data)


def current_case(case_id: int) -> Case:
    # Re-read after the service's transaction: the objects it returns may hold the case as it was locked.
    return Case.objects.select_related("owner_org").get(pk=case_id)


def with_case(record, case_id: int):
    """The record with the case as it is now, for a result serializer's `case` (stage and version)."""
    record.current_case = current_case(case_id)
    return record


def _record_with_case(returned, *, request, pk, **kwargs):
    return with_case(returned, pk)


def write_endpoint(
    name: str,
    doc: str,
    *,
    tags: list[str],
    request,
    response,
    call: Callable,
    status: int = 200,
    reply: Callable = _record_with_case,
    check: Callable | None = None,
    errors=WRITE_ERRORS,
) -> type[APIView]:
    """An APIView class whose POST validates `request`, calls `call(actor, data, **url kwargs)` and answers
    `status` with `response(reply(returned, request=..., **url kwargs))`.

    reply: what is serialized (default: the returned record with the case as it is now, by the URL's pk).
    check: run before the input is read (a caller outside the case learns nothing of it, not even its rules).
    A view with a GET of its own subclasses the returned class and adds `get`."""
    input_serializer, response_serializer, code = request, response, status

    @extend_schema(tags=tags, request=input_serializer, responses={code: response_serializer, **errors})
    def post(self, request, **kwargs):
        if check is not None:
            check(request.user, **kwargs)
        data = validated(input_serializer, request.data)
        returned = call(request.user, data, **kwargs)
        return Response(response_serializer(reply(returned, request=request, **kwargs)).data, status=code)

    post.__doc__ = doc
    return type(name, (APIView,), {"post": post, "__doc__": doc, "__qualname__": name})
