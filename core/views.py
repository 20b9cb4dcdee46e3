from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.defaults import page_not_found

from . import replica
from .api import error_body
from .errors import NotFound


def healthz(request):
    """Liveness and database reachability, for container health checks. A replica down or lagging keeps the
    answer 200 (its reads have gone to the primary), but says so: a line of the text, `replica` in the JSON
    (`?format=json`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    body = {"status": "ok", "database": "ok"}
    if replica.configured():
        body["replica"] = replica.status()
    if request.GET.get("format") == "json":
        return JsonResponse(body)
    lines = ["ok"]
    if "replica" in body:
        found = body["replica"]
        lag = "" if found["lag_seconds"] is None else f", lag {found['lag_seconds']:.1f}s"
        lines.append(f"replica: {found['state']}{lag}; its reads on the {found['reads']}")
    return HttpResponse("\n".join(lines), content_type="text/plain")


def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page links to; the icon is served locally."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def not_found(request, exception=None):
    """A path that names nothing (an id that cannot exist: not a whole number, negative): under /api/ the API's
    one error body, as for a missing id, rather than an HTML page an API client cannot read."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(NotFound.code, NotFound.default_message), status=404,
                            json_dumps_params={"ensure_ascii": False})
    return page_not_found(request, exception)
