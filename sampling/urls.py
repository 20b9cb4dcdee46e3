from django.urls import path

from . import views

app_name = "sampling"
urlpatterns = [
    path("", views.public_list, name="public"),
    # The draw is named in the query, not the path: an id in a page's path is a door that opens only to the
    # organisations concerned (tests/test_doors.py), and this page is public by design.
    path("draw/", views.public_draw, name="public-draw"),
    path("manage/", views.home, name="home"),
    path("manage/plans/new/", views.plan_new, name="plan-new"),
    path("manage/plans/<int:pk>/", views.plan_page, name="plan"),
    path("manage/plans/<int:pk>/draw/", views.plan_draw, name="plan-draw"),
    path("manage/draws/<int:pk>/", views.draw_page, name="draw"),
    path("manage/draws/<int:pk>/cases/", views.open_cases, name="open-cases"),
    path("manage/inspections/<int:pk>/result/", views.result, name="result"),
    path("manage/conflicts/", views.conflicts, name="conflicts"),
]
