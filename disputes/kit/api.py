"""A track's API write endpoint, declared: input validated, one service called, the answer serialized.

    class VisitView(WriteEndpoint, tags=["inspection"], input=VisitInputSerializer, output=VisitResultSerializer,
                    status=201, service=services.visit_record):
        "Record an on-site inspection by at least two inspectors of the handling team (监察条例 art 16)."

An endpoint is one declaration: the class's keywords (or attributes of the same names) say what it takes, does
and answers; its docstring is the operation's description and its name the view's; the schema (tags, request,
responses and the error responses) is made from them. `doors` says what each id of the URL names
(disputes.kit.doors; by default the pk is a case): every id passes its door before anything else, so an id
outside the caller's scope is a 404 whatever the body. The service is called as service(actor=..., case_id=<pk>,
**validated data), each id under its door's keyword: the input serializer names its fields as the service does
(`source=` where the API's name differs). A track sets what its writes share on a base class of its own (tags,
output, doors, `reply`). A refusal is a core.errors.DomainError, which core.api.exception_handler turns into the
one error body with its status.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from django.core.validators import MaxLengthValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ValidationFailed

from ..models import Case
from ..serializers import CaseSummarySerializer, ErrorSerializer
from . import doors as doors_
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


class PDFRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class DownloadView(APIView):
    """Base of an endpoint answering with a PDF (disputes.downloads.document_response); its errors are JSON
    even when the client asked for a PDF."""

    renderer_classes = [renderers.JSONRenderer, PDFRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):
            response.accepted_renderer = renderers.JSONRenderer()
            response.accepted_media_type = renderers.JSONRenderer.media_type
        return response


# The headers a document download carries (disputes.downloads.document_response), for the schema.
DOWNLOAD_HEADERS = [
    OpenApiParameter("ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
                     description="The document's SHA-256 in hex, quoted."),
    OpenApiParameter("Repr-Digest", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
                     description="RFC 9530 digest: sha-256=:<base64>:."),
    OpenApiParameter("X-Content-SHA256", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
                     description="The document's SHA-256 in hex, as the case file's sha256."),
]


def pdf_response(description: str) -> dict:
    return {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


VERSION_HELP = "The case version the client last read; a stale one is a 409."


def version_field() -> serializers.IntegerField:
    """The case version the client read, which a write on a case takes."""
    return serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


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


class TextField(serializers.CharField):
    """Text with a limit, by the services' rule (disputes.kit.inputs.text): longer text is refused with the
    services' message in the request's language, and the limit is the schema's maxLength. (DRF's own
    max_length message is formatted once and kept, so it would answer in the first request's language.)"""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        # Read by the schema; never reached, to_internal_value refuses first.
        self.validators.append(MaxLengthValidator(max_length))

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if len(value) > self.max_length:
            raise serializers.ValidationError(inputs.too_long(self.max_length), code="max_length")
        return value


def facts_field(**kwargs) -> TextField:
    """The facts of a complaint (disputes.kit.inputs.FACTS_MAX)."""
    return TextField(max_length=inputs.FACTS_MAX, **kwargs)


def result_serializer(base, doc: str | None = None, *, name: str = ""):
    """`base` as a write answers with it: the record and the case's new stage and version (the `current_case`
    that with_case sets). Named <base>Result unless `name` says otherwise; `doc` describes it in the schema."""

    class Result(base):
        case = CaseSummarySerializer(source="current_case", read_only=True)

        class Meta(base.Meta):
            fields = list(base.Meta.fields) if "case" in base.Meta.fields else ["case", *base.Meta.fields]
            read_only_fields = fields

    Result.__name__ = Result.__qualname__ = name or base.__name__.replace("Serializer", "ResultSerializer")
    Result.__doc__ = doc
    return Result


def current_case(case_id: int) -> Case:
    # Re-read after the service's transaction: the objects it returns may hold the case as it was locked.
    return Case.objects.select_related("owner_org").get(pk=case_id)


def with_case(record, case_id: int):
    """The record with the case as it is now, for a result serializer's `case` (stage and version)."""
    record.current_case = current_case(case_id)
    return record


class GuardedView(APIView):
    """An API view whose writes pass the doors of the URL's ids first (disputes.kit.doors): after the caller is
    authenticated, before the body is read. Reads are scoped by their selectors, which give the same 404."""

    doors: dict[str, doors_.Door] = {"pk": doors_.CASE}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS:
            doors_.require(request.user, self.doors, kwargs)


class WriteEndpoint(GuardedView):
    """Base of a track's API write (see the module's docstring); a subclass with an `input` is an endpoint."""

    tags: list[str] = []
    input = None  # the input serializer
    output = None  # the response serializer
    status = 200
    service: Callable | None = None
    errors = WRITE_ERRORS

    def __init_subclass__(cls, *, tags=None, input=None, output=None, status=None, service=None, doors=None,
                          **kwargs):
        super().__init_subclass__(**kwargs)
        declared = {"tags": tags, "input": input, "output": output, "status": status, "service": service,
                    "doors": doors}
        for name, value in declared.items():
            if value is not None:
                setattr(cls, name, value)
        if isinstance(cls.__dict__.get("service"), type(lambda: None)):
            cls.service = staticmethod(cls.__dict__["service"])  # a service, not a method of the view
        if cls.input is None:
            return  # a track's base: its endpoints get the schema

        def post(self, request, **kwargs):
            return self.write(request, **kwargs)

        # Each endpoint's own post, so its schema is its own; the description is the class's docstring (or, for a
        # view that adds a GET of its own, the docstring of the write it extends).
        post.__doc__ = inspect.getdoc(cls)
        cls.post = extend_schema(
            tags=list(cls.tags), request=cls.input, responses={cls.status: cls.output, **cls.errors}
        )(post)

    def call(self, request, data: dict, **kwargs):
        return self.service(actor=request.user, **{self.doors[k].arg: v for k, v in kwargs.items()}, **data)

    def reply(self, returned, request, **kwargs):
        """What the answer serializes: by default the record returned, with the case as it is now."""
        return with_case(returned, kwargs["pk"])

    def write(self, request, **kwargs):
        data = validated(self.input, request.data)
        returned = self.call(request, data, **kwargs)
        return Response(self.output(self.reply(returned, request, **kwargs)).data, status=self.status)
