from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("registered/<int:pk>/", views.registered, name="registered"),
    path("register/collective/", views.register_collective, name="register_collective"),
    path("registered/<int:pk>/collective/", views.registered_collective, name="registered_collective"),
    path("reissue/<int:pk>/", views.reissue, name="reissue"),
    path("receipt/<int:pk>/", views.receipt, name="receipt"),
    path("split/<int:pk>/", views.split, name="split"),
]
