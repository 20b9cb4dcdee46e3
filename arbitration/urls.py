from django.urls import path

from . import views

app_name = "arbitration"

_case = "cases/<int:pk>/arbitration/"
urlpatterns = [
    path(_case, views.workbench, name="workbench"),
    *(path(f"{_case}{name.replace('_', '-')}/", view, name=name) for name, view in views.CASE_ACTIONS.items()),
    path(f"{_case}recusals/<int:rid>/decide/", views.recusal_decide, name="recusal_decide"),
    *(
        path(f"{_case}hearings/<int:hid>/{kind}/", view, name=f"hearing_{kind}")
        for kind, view in views.HEARING_ACTIONS.items()
    ),
]
