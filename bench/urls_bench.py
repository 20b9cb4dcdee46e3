"""The project's URLs plus the baseline endpoint at /api/v1/_baseline/ (before the catch-all routes)."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/_baseline/", include("bench_baseline.urls")),
    path("", include("config.urls")),
]
