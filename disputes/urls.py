from django.urls import path

from . import registry, views

app_name = "disputes"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("search/", views.search, name="search"),
    path("assign/", views.assign, name="assign"),
    path("cases/<int:pk>/take/", views.case_take, name="take"),
    path("cases/<int:pk>/priority/", views.case_priority, name="priority"),
    path("cases/<int:pk>/group/", views.case_group, name="group"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/transition/", views.case_transition, name="transition"),
    path("cases/<int:pk>/refer/", views.referral_offer, name="refer"),
    path("cases/<int:pk>/note/", views.case_note, name="note"),
    path("referrals/incoming/", views.incoming, name="incoming"),
    path("referrals/<int:pk>/<str:decision>/", views.referral_decide, name="referral_decide"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("notifications/", views.notifications, name="notifications"),
    path("audit/reads/", views.read_audit, name="read_audit"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("documents/<int:pk>/", views.document_download, name="document"),
]
# Pages the tracks serve in the case file's namespace (deadlines: extending a clock).
urlpatterns += registry.url_patterns()
