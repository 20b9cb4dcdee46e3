from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("cases/<int:pk>/joint-mediation/", views.joint_session, name="joint_session"),
    path("cases/<int:pk>/joint-mediation/schedule/", views.schedule, name="schedule"),
    path("joint-mediation/<int:pk>/held/", views.held, name="held"),
    path("joint-mediation/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("joint-mediation/<int:pk>/failed/", views.failed, name="failed"),
    path("joint-mediation/<int:pk>/cancel/", views.cancel, name="cancel"),
]
