"""Administration of union and court mediation: the mediation organisations and their rooms are data an
administrator keeps; the files, agreements and consultations are read-only here (changes go through
mediation.court)."""

from django.contrib import admin

from disputes.admin import ReadOnlyAdmin

from .court_models import Consultation, MediationAgreement, MediationBody, MediationFile, MediationRoom


@admin.register(MediationBody)
class MediationBodyAdmin(admin.ModelAdmin):
    list_display = ("organization", "kind", "area", "industry", "court", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("organization__name",)
    list_select_related = ("organization", "area", "court")
    autocomplete_fields = ("employer",)
    raw_id_fields = ("organization", "court")


@admin.register(MediationRoom)
class MediationRoomAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("organization",)
    raw_id_fields = ("organization",)


@admin.register(MediationFile)
class MediationFileAdmin(ReadOnlyAdmin):
    list_display = ("case", "body", "state", "court", "court_case_number")
    list_filter = ("state",)
    search_fields = ("case__number", "court_case_number")
    list_select_related = ("case", "body__organization", "court")


@admin.register(MediationAgreement)
class MediationAgreementAdmin(ReadOnlyAdmin):
    list_display = ("file", "agreed_on", "total")
    list_select_related = ("file__case", "file__body__organization")


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("title", "held_at", "convener_org", "concluded_at")
    list_select_related = ("convener_org",)
