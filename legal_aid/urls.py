from django.urls import path

from . import views

app_name = "legal_aid"
_case = "cases/<int:pk>/legal-aid/"
urlpatterns = [
    path("legal-aid/", views.queue, name="queue"),
    path("legal-aid/stations/", views.stations, name="stations"),
    path(_case, views.desk, name="desk"),
    path(_case + "decision/", views.decide, name="decide"),
    path(_case + "materials/", views.materials, name="materials"),
    path(_case + "materials-received/", views.received, name="received"),
    path(_case + "lawyer/", views.assign, name="assign"),
    path(_case + "lawyer/replace/", views.replace, name="replace"),
    path(_case + "agreement/", views.agreement, name="agreement"),
    path(_case + "work/", views.work, name="work"),
    path(_case + "outcome/", views.outcome, name="outcome"),
    path(_case + "close/", views.close, name="close"),
]
