from django.contrib import admin

from .models import InspectionItem


@admin.register(InspectionItem)
class InspectionItemAdmin(admin.ModelAdmin):
    """The inspection-item list is reference data an administrator corrects, with its source."""

    list_display = ("code", "name", "basis", "verified", "active")
    list_filter = ("verified", "active")
