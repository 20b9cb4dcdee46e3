from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import second_factor
from core.views import favicon, healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # Browsers and bookmarks ask for /favicon.ico whatever the page links to.
    path("favicon.ico", favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/code/", second_factor.verify, name="second_factor_verify"),
    path("account/second-factor/", second_factor.enrol, name="second_factor_enrol"),
    path("api/", include("config.api_urls")),
    path("status/", include("portal.urls")),
    path("intake/", include("intake.urls")),
    path("notifications/", include("notifications.urls")),
    path("compliance/", include("compliance.urls")),
    path("random-inspections/", include("sampling.urls")),
    path("reports/", include("reports.urls")),
    path("", include("inspection.urls")),
    path("", include("arbitration.urls")),
    path("", include("mediation.urls")),
    path("", include("mediation.court_urls")),
    path("", include("legal_aid.urls")),
    path("", include("disputes.urls")),
]

# An API path that names nothing answers in the API's error body (core.views.not_found).
handler404 = "core.views.not_found"
