from django.urls import path

from . import views

app_name = "inspection"
_case = "cases/<int:pk>/inspection/"
urlpatterns = [
    path(_case, views.workbench, name="workbench"),
    path(_case + "file/", views.file_complaint, name="file"),
    path(_case + "refuse/", views.refuse, name="refuse"),
    path(_case + "visits/", views.visit, name="visit"),
    path(_case + "statements/", views.statement, name="statement"),
    path(_case + "interviews/", views.interview, name="interview"),
    path(_case + "evidence/", views.evidence, name="evidence"),
    path(_case + "orders/", views.order, name="order"),
    path(_case + "compliance/", views.compliance, name="compliance"),
    path(_case + "penalties/", views.propose, name="propose"),
    path(_case + "employer-statements/", views.employer_statement, name="employer_statement"),
    path(_case + "decision/", views.decide, name="decide"),
    path(_case + "transfer/", views.transfer, name="transfer"),
    path(_case + "close/", views.close, name="close"),
]
