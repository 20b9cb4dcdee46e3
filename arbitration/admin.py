from django.contrib import admin

from .models import ArbitrationFile, AwardItem, MinimumWage, TribunalMember


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """Maintained by an administrator from each provincial notice; the source is required on every row."""

    list_display = ("division", "effective_from", "monthly_amount", "verified", "source")
    list_filter = ("verified", "effective_from", "division")
    search_fields = ("division__name", "division__code", "source")
    ordering = ("-effective_from", "division__code")


class TribunalMemberInline(admin.TabularInline):
    model = TribunalMember
    fields = ("arbitrator", "is_presiding", "appointed_at", "removed_at", "removal_reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ArbitrationFile)
class ArbitrationFileAdmin(admin.ModelAdmin):
    """Read-only: the record changes only through arbitration.services (version checks, case events)."""

    list_display = ("case", "official_number", "rejection_number", "commission", "procedure", "tribunal_kind",
                    "accepted_on")
    list_filter = ("procedure", "tribunal_kind", "commission")
    search_fields = ("official_number", "rejection_number", "case__number")
    list_select_related = ("case", "commission")
    inlines = (TribunalMemberInline,)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing stays (the change page renders read-only with the view permission); saving does not.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardItem)
class AwardItemAdmin(admin.ModelAdmin):
    list_display = ("award", "claim", "awarded_amount", "is_final", "finality_ground", "final_threshold")
    list_filter = ("is_final", "finality_ground")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
