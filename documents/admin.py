from django.contrib import admin

from .models import NumberPattern


@admin.register(NumberPattern)
class NumberPatternAdmin(admin.ModelAdmin):
    list_display = ("issuer", "kind", "pattern")
    list_filter = ("kind",)
    search_fields = ("issuer__name", "pattern")
    autocomplete_fields = ("issuer",)
