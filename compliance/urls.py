from django.urls import path

from . import publication_views, views
from .department_views import urlpatterns as department_urls
from .warning_views import urlpatterns as warning_urls

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
    path("listings/<int:pk>/revoke/", views.listing_revoke, name="listing-revoke"),
    path("listings/<int:pk>/revoke-removal/", views.listing_revoke_removal, name="listing-revoke-removal"),
    path("employers/<str:credit_code>/", views.employer_file, name="employer"),
    *warning_urls,
    *department_urls,
]

# The publication of major violations (MOHRSS Order 29): the body's lists, and the public page.
urlpatterns += [
    path("publications/", publication_views.publications, name="publications"),
    path("publications/<int:pk>/", publication_views.publication_page, name="publication"),
    path("publications/<int:pk>/approve/", publication_views.publication_approve, name="publication-approve"),
    path("publications/<int:pk>/publish/", publication_views.publication_publish, name="publication-publish"),
    path("publications/entries/<int:pk>/", publication_views.publication_entry, name="publication-entry"),
    path("published/", publication_views.public_index, name="published"),
    path("published/<int:pk>/", publication_views.public_list, name="published-list"),
    path("published/<int:pk>/pdf/", publication_views.public_pdf, name="published-pdf"),
    path("published/<int:pk>/xlsx/", publication_views.public_xlsx, name="published-xlsx"),
]
