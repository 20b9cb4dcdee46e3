"""Read-only views of joint mediation for administrators: changes go through mediation.services."""

from django.contrib import admin

from disputes.admin import ReadOnlyAdmin

from .models import JointMediationAgreement, JointMediationParticipant, JointMediationSession


class ParticipantInline(admin.TabularInline):
    model = JointMediationParticipant
    extra = 0
    can_delete = False
    readonly_fields = ("user", "organization", "role", "present")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JointMediationSession)
class JointMediationSessionAdmin(ReadOnlyAdmin):
    list_display = ("case", "scheduled_at", "place", "state")
    list_filter = ("state",)
    search_fields = ("case__number",)
    list_select_related = ("case",)
    inlines = [ParticipantInline]


@admin.register(JointMediationAgreement)
class JointMediationAgreementAdmin(ReadOnlyAdmin):
    list_display = ("session", "agreed_on", "total", "workers_covered")
    list_select_related = ("session__case",)

# Union and court mediation registers its own admin classes.
from . import court_admin  # noqa: E402,F401
