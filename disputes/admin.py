"""Read-only views of case files for administrators: changes go through the services, never the admin."""

from django.contrib import admin

from .models import Case, CaseEvent, Employer, ReadRecord, Referral, Worker


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "owner_org", "first_handler", "division", "is_collective", "registered_at")
    list_filter = ("status", "is_collective", "channel", "division")
    search_fields = ("number",)
    list_select_related = ("owner_org", "first_handler", "division")
    show_full_result_count = False
    exclude = ("query_code_hash",)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "action", "from_state", "to_state", "actor", "actor_org", "created_at")
    list_filter = ("action",)
    list_select_related = ("case", "actor", "actor_org")
    show_full_result_count = False


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("case", "from_org", "to_org", "purpose", "state", "offered_at", "decided_at")
    list_filter = ("state", "purpose")
    list_select_related = ("case", "from_org", "to_org")


@admin.register(Worker)
class WorkerAdmin(ReadOnlyAdmin):
    list_display = ("name", "occupation", "platform")
    search_fields = ("name",)


@admin.register(Employer)
class EmployerAdmin(ReadOnlyAdmin):
    list_display = ("name", "credit_code", "industry", "is_platform")
    search_fields = ("name", "credit_code")


@admin.register(ReadRecord)
class ReadRecordAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "organization", "role", "kind", "case", "object_id", "detail")
    list_filter = ("kind", "organization")
    search_fields = ("case__number", "user__username")
    list_select_related = ("user", "organization", "case")
    date_hierarchy = "at"
    show_full_result_count = False
