"""Rooms are kept in the admin, per organisation; hearings are read-only here (changes go through services)."""

from django.contrib import admin

from .models import Hearing, HearingArbitrator, Room


def _own_org_id(request):
    """A staff member's organisation; None for a superuser, who sees every organisation's rooms."""
    if request.user.is_superuser:
        return None
    staff = getattr(request.user, "staff", None)
    return staff.organization_id if staff else -1


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "capacity", "is_active")
    list_filter = ("is_active", "organization")
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)
    ordering = ("organization__name", "name")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        org_id = _own_org_id(request)
        return qs if org_id is None else qs.filter(organization_id=org_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # An organisation's administrator adds rooms to that organisation only.
        if db_field.name == "organization":
            org_id = _own_org_id(request)
            if org_id is not None:
                kwargs["queryset"] = db_field.related_model.objects.filter(pk=org_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # A room with hearings is kept (PROTECT); taking it out of use is "in use" = off.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.hearings.exists())


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SeatInline(ReadOnlyMixin, admin.TabularInline):
    model = HearingArbitrator
    fields = ("arbitrator", "starts_at", "ends_at", "state")
    extra = 0


@admin.register(Hearing)
class HearingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("case", "room", "starts_at", "ends_at", "state", "notice_served_on")
    list_filter = ("state", "room__organization")
    search_fields = ("case__number",)
    date_hierarchy = "starts_at"
    list_select_related = ("case", "room")
    show_full_result_count = False
    inlines = [SeatInline]
