from django.contrib import admin

from .models import CreditRule, TrustRule, WarningRule


@admin.register(CreditRule)
class CreditRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "grade", "fact", "min_cases", "lookback_days", "description", "source", "verified", "active")
    list_filter = ("grade", "verified", "active")


# The categories of MOHRSS Order 29, corrected here with their source.
from .publication_models import PublicationCategory  # noqa: E402


@admin.register(PublicationCategory)
class PublicationCategoryAdmin(admin.ModelAdmin):
    list_display = ("number", "code", "name", "source", "verified", "active")
    list_filter = ("verified", "active")
@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "subject", "min_count", "window_days", "rise_percent", "description", "verified",
                    "active")
    list_filter = ("kind", "subject", "active")


@admin.register(TrustRule)
class TrustRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "months", "upheld_outcomes", "description", "source", "verified", "active")


from .warning_models import FollowUpRule, IndustryDepartment  # noqa: E402


@admin.register(IndustryDepartment)
class IndustryDepartmentAdmin(admin.ModelAdmin):
    """Which supervising department an organisation of kind "industry supervising department" is."""

    list_display = ("organization", "department")
    list_filter = ("department",)


@admin.register(FollowUpRule)
class FollowUpRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "days_after", "description", "source", "local", "verified", "active")
