from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("employers/summary/", views.employer_summary, name="summary"),
    path("employers/<str:credit_code>/", views.employer_file, name="employer"),
]
