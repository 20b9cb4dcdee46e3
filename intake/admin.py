from django.contrib import admin

from .models import PendingReceipt


@admin.register(PendingReceipt)
class PendingReceiptAdmin(admin.ModelAdmin):
    """Receipts issued and not rendered yet (intake.tasks): to watch the background work, not to edit. The
    sealed code is not shown; a receipt is printed from the case, by the organisations that may."""

    list_display = ("case", "issued_at", "issued_by", "created_at")
    fields = ("case", "issued_at", "issued_by", "created_at")
    readonly_fields = fields
    list_select_related = ("case", "issued_by")
    ordering = ("case",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
