from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("registered/<int:pk>/", views.registered, name="registered"),
    path("reissue/<int:pk>/", views.reissue, name="reissue"),
    path("receipt/<int:pk>/", views.receipt, name="receipt"),
    path("split/<int:pk>/", views.split, name="split"),
]
