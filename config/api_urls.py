from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from disputes import api as disputes_api
from intake import api as intake_api

# Version 1 of the integration API. Names and shapes published here stay stable; a breaking change is v2.
v1_patterns = [
    path("complaints/", intake_api.ComplaintView.as_view(), name="complaints"),
    path("cases/", disputes_api.CaseListView.as_view(), name="case-list"),
    path("cases/<int:pk>/", disputes_api.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:pk>/receipt/", disputes_api.CaseReceiptView.as_view(), name="case-receipt"),
    path("cases/<int:pk>/transitions/", disputes_api.CaseTransitionView.as_view(), name="case-transitions"),
    path("cases/<int:pk>/referrals/", disputes_api.CaseReferralView.as_view(), name="case-referrals"),
    path("cases/<int:pk>/notes/", disputes_api.CaseNoteView.as_view(), name="case-notes"),
    path("referrals/incoming/", disputes_api.IncomingReferralListView.as_view(), name="referrals-incoming"),
    path("referrals/<int:pk>/accept/", disputes_api.ReferralAcceptView.as_view(), name="referral-accept"),
    path("referrals/<int:pk>/decline/", disputes_api.ReferralDeclineView.as_view(), name="referral-decline"),
    path("referrals/<int:pk>/withdraw/", disputes_api.ReferralWithdrawView.as_view(), name="referral-withdraw"),
    path("organizations/", disputes_api.OrganizationListView.as_view(), name="organizations"),
    path("dashboard/", disputes_api.DashboardView.as_view(), name="dashboard"),
]

if settings.BENCH_BASELINE:
    v1_patterns.append(path("_baseline/", include("bench_baseline.urls")))

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("v1/", include((v1_patterns, "api-v1"))),
]
