from django.urls import path

from .views import BaselineInsertView

urlpatterns = [path("", BaselineInsertView.as_view(), name="bench-baseline")]
