from django.urls import path

from . import views

app_name = "sampling"
urlpatterns = [
    path("", views.public_list, name="public"),
    path("<int:pk>/", views.public_draw, name="public-draw"),
    path("manage/", views.home, name="home"),
    path("manage/plans/new/", views.plan_new, name="plan-new"),
    path("manage/plans/<int:pk>/", views.plan_page, name="plan"),
    path("manage/plans/<int:pk>/draw/", views.plan_draw, name="plan-draw"),
    path("manage/draws/<int:pk>/", views.draw_page, name="draw"),
    path("manage/inspections/<int:pk>/result/", views.result, name="result"),
    path("manage/conflicts/", views.conflicts, name="conflicts"),
]
