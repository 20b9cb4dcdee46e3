from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static


def healthz(request):
    """Liveness and database reachability, for container health checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page links to; the icon is served locally."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
