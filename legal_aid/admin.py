"""Legal aid's data kept by administrators: station profiles, law firms and their lawyers, the county's 低保 per
year and the eligibility rules, each with its source. Aid files are written by the station's desk only."""

from django.contrib import admin

from disputes.admin import ReadOnlyAdmin

from .models import AidFile, EligibilityRule, LawFirm, LivingAllowance, PartnerLawyer, StationProfile


@admin.register(StationProfile)
class StationProfileAdmin(admin.ModelAdmin):
    list_display = ("station", "place_kind", "area_covered", "site")
    list_filter = ("place_kind",)
    autocomplete_fields = ("station",)


class PartnerLawyerInline(admin.TabularInline):
    model = PartnerLawyer
    extra = 1


@admin.register(LawFirm)
class LawFirmAdmin(admin.ModelAdmin):
    list_display = ("name", "phone", "is_active")
    search_fields = ("name",)
    filter_horizontal = ("stations",)
    inlines = [PartnerLawyerInline]


@admin.register(LivingAllowance)
class LivingAllowanceAdmin(admin.ModelAdmin):
    list_display = ("division", "year", "monthly_amount", "source")
    list_filter = ("year", "division")


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "multiplier", "days", "source", "confidence", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(AidFile)
class AidFileAdmin(ReadOnlyAdmin):
    list_display = ("case", "station", "state", "urgent", "outcome", "amount_recovered", "received_on", "closed_on")
    list_filter = ("state", "outcome", "station")
