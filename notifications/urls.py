from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("failed/", views.failed, name="failed"),
    path("failed/<int:pk>/resend/", views.resend, name="resend"),
    path("worker/", views.worker_choice, name="worker_choice"),
]
