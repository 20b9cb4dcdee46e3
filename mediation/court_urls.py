"""URLs of union and court mediation: the API's (under /api/v1/, names in the api-v1 namespace) and the pages'."""

from django.urls import path

from . import court_api as api
from . import court_views as views

api_patterns = [
    path("cases/<int:pk>/mediation/", api.CaseMediationView.as_view(), name="case-mediation"),
    path("cases/<int:pk>/mediation/open/", api.OpenView.as_view(), name="case-mediation-open"),
    path("mediation-files/<int:pk>/accept/", api.AcceptView.as_view(), name="mediation-accept"),
    path("mediation-files/<int:pk>/decline/", api.DeclineView.as_view(), name="mediation-decline"),
    path("mediation-files/<int:pk>/sessions/", api.SessionsView.as_view(), name="mediation-sessions"),
    path("mediation-files/<int:pk>/extension/", api.ExtensionView.as_view(), name="mediation-extension"),
    path("mediation-files/<int:pk>/agreement/", api.AgreementView.as_view(), name="mediation-agreement"),
    path("mediation-files/<int:pk>/failure/", api.FailureView.as_view(), name="mediation-failure"),
    path("mediation-sessions/<int:pk>/held/", api.SessionHeldView.as_view(), name="mediation-session-held"),
    path("mediation-sessions/<int:pk>/cancel/", api.SessionCancelView.as_view(), name="mediation-session-cancel"),
    path("mediation-agreements/<int:pk>/confirmation/", api.ConfirmationApplyView.as_view(),
         name="mediation-confirmation"),
    path("mediation-agreements/<int:pk>/payment-orders/", api.PaymentOrderApplyView.as_view(),
         name="mediation-payment-orders"),
    path("mediation-agreement-items/<int:pk>/paid/", api.PaidView.as_view(), name="mediation-item-paid"),
    path("judicial-confirmations/<int:pk>/ruling/", api.RulingView.as_view(), name="judicial-confirmation-ruling"),
    path("payment-orders/<int:pk>/", api.PaymentOrderView.as_view(), name="payment-order"),
    path("consultations/", api.ConsultationsView.as_view(), name="consultations"),
    path("consultations/<int:pk>/conclusion/", api.ConclusionView.as_view(), name="consultation-conclusion"),
    path("consultation-steps/<int:pk>/done/", api.ConsultationStepDoneView.as_view(), name="consultation-step-done"),
]

# The pages (namespace "union_mediation", included by config.urls).
app_name = "union_mediation"
urlpatterns = [
    path("cases/<int:pk>/mediation/", views.workbench, name="workbench"),
    path("cases/<int:pk>/mediation/refer/", views.refer, name="refer"),
    path("cases/<int:pk>/mediation/open/", views.open_file, name="open"),
    path("mediation-files/<int:pk>/accept/", views.accept, name="accept"),
    path("mediation-files/<int:pk>/decline/", views.decline, name="decline"),
    path("mediation-files/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("mediation-files/<int:pk>/extend/", views.extend, name="extend"),
    path("mediation-files/<int:pk>/agree/", views.agree, name="agree"),
    path("mediation-files/<int:pk>/fail/", views.fail, name="fail"),
    path("mediation-sessions/<int:pk>/held/", views.held, name="held"),
    path("mediation-agreements/<int:pk>/confirmation/", views.confirm, name="confirm"),
    path("mediation-agreements/<int:pk>/payment-order/", views.order, name="order"),
    path("mediation-agreement-items/<int:pk>/paid/", views.paid, name="paid"),
    path("judicial-confirmations/<int:pk>/ruling/", views.ruling, name="ruling"),
    path("payment-orders/<int:pk>/", views.order_record, name="order_record"),
]
urlpatterns += [
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/steps/<int:link_pk>/done/", views.consultation_step_done,
         name="consultation-step-done"),
]
