from django.urls import path

from . import views

app_name = "arbitration"

_case = "cases/<int:pk>/arbitration/"
_hearing = f"{_case}hearings/<int:hid>/"
urlpatterns = [
    path(_case, views.workbench, name="workbench"),
    path(f"{_case}completion-request/", views.completion_request, name="completion_request"),
    path(f"{_case}completion/", views.completion, name="completion"),
    path(f"{_case}accept/", views.accept, name="accept"),
    path(f"{_case}reject/", views.reject, name="reject"),
    path(f"{_case}representatives/", views.representatives, name="representatives"),
    path(f"{_case}convert/", views.convert, name="convert"),
    path(f"{_case}tribunal/", views.tribunal, name="tribunal"),
    path(f"{_case}recusal/", views.recusal, name="recusal"),
    path(f"{_case}recusals/<int:rid>/decide/", views.recusal_decide, name="recusal_decide"),
    path(f"{_case}service/", views.service, name="service"),
    path(f"{_case}schedule/", views.schedule, name="schedule"),
    path(f"{_case}award/", views.award, name="award"),
    path(f"{_case}mediation/", views.mediation, name="mediation"),
    path(f"{_case}post-award/", views.post_award, name="post_award"),
    path(f"{_hearing}notice/", views.hearing_notice, name="hearing_notice"),
    path(f"{_hearing}held/", views.hearing_held, name="hearing_held"),
    path(f"{_hearing}absence/", views.hearing_absence, name="hearing_absence"),
    path(f"{_hearing}postpone/", views.hearing_postpone, name="hearing_postpone"),
    path(f"{_hearing}cancel/", views.hearing_cancel, name="hearing_cancel"),
]
