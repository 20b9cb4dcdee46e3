from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuthenticatorDevice, Division, Organization, PendingTask, StaffProfile, StatutoryParameter

# Listed under its Chinese name (core.models.AuthenticatorDevice): remove a lost phone's device here.
admin.site.unregister(TOTPDevice)
admin.site.register(AuthenticatorDevice, TOTPDeviceAdmin)


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "division", "parent", "phone", "is_active")
    list_filter = ("kind", "division", "is_active")
    search_fields = ("name",)
    autocomplete_fields = ("parent",)


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ("organization",)


admin.site.site_header = _("OneWindow administration")
admin.site.site_title = _("OneWindow administration")
admin.site.index_title = _("Reference data and records")

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = (StaffProfileInline,)
    list_display = ("username", "last_name", "first_name", "staff_role", "staff_org", "is_active")
    list_select_related = ("staff", "staff__organization")
    list_filter = ("is_active", "staff__role", "staff__organization__kind")

    @admin.display(description="role")
    def staff_role(self, obj):
        return obj.staff.get_role_display() if hasattr(obj, "staff") else ""

    @admin.display(description="organisation")
    def staff_org(self, obj):
        return obj.staff.organization if hasattr(obj, "staff") else ""


@admin.register(StatutoryParameter)
class StatutoryParameterAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "unit", "source", "verified")
    list_filter = ("verified",)
    search_fields = ("key", "source")


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    """Messages waiting for the broker to come back (core.outbox): to watch, not to edit."""

    list_display = ("task_name", "created_at", "attempts", "last_error")
    readonly_fields = ("task_name", "args", "created_at", "attempts", "last_error")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
