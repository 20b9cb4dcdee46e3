from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("employers/summary/", views.employer_summary, name="summary"),
    path("listings/", views.listing_queue, name="listings"),
    path("cases/<int:pk>/listings/new/", views.listing_new, name="listing-new"),
    path("cases/<int:pk>/listings/propose/", views.listing_propose, name="listing-propose"),
    path("listings/export/", views.listing_export, name="listings-export"),
    path("listings/<int:pk>/", views.listing_page, name="listing"),
    path("listings/<int:pk>/notice/", views.listing_notice, name="listing-notice"),
    path("listings/<int:pk>/objection/", views.listing_objection, name="listing-objection"),
    path("listings/<int:pk>/review/", views.listing_review, name="listing-review"),
    path("listings/<int:pk>/extend/", views.listing_extend, name="listing-extend"),
    path("listings/<int:pk>/decide/", views.listing_decide, name="listing-decide"),
    path("listings/<int:pk>/apply/", views.listing_apply, name="listing-apply"),
    path("listings/<int:pk>/removal/", views.listing_removal, name="listing-removal"),
    path("employers/<str:credit_code>/", views.employer_file, name="employer"),
]
