"""The API's schema as a browser shows it (GET /api/schema/); the front door of version 1 is
disputes.api.ApiRootView."""

from drf_spectacular.views import SpectacularAPIView

# What a browser is given in place of the schema's own media types, which it would save as a file.
_FOR_BROWSERS = {"yaml": "text/plain; charset=utf-8", "json": "application/json"}


class SchemaView(SpectacularAPIView):
    """The schema, for a browser opening /api/schema/ as text on the page (YAML, or JSON with ?format=json);
    a client asking for the OpenAPI media types gets them as before."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and "text/html" in request.headers.get("Accept", "") and renderer.format in _FOR_BROWSERS:
            response.content_type = _FOR_BROWSERS[renderer.format]
        return response
