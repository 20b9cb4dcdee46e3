from django.contrib import admin

from .models import CreditRule


@admin.register(CreditRule)
class CreditRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "grade", "fact", "min_cases", "lookback_days", "description", "source", "verified", "active")
    list_filter = ("grade", "verified", "active")
