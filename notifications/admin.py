from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from .models import MessageState, MessageTemplate, WorkerMessage
from .selectors import mask_recipient
from .services import message_resend
from .tasks import messages_kick


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "description", "text", "updated_at")
    readonly_fields = ("key", "variables", "updated_at")
    search_fields = ("key", "description", "text")

    def has_add_permission(self, request):
        return False  # the keys are the ones the tracks declare (seeded by migration); only the wording changes

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkerMessage)
class WorkerMessageAdmin(admin.ModelAdmin):
    list_display = ("idempotency_key", "case", "template_key", "channel", "masked_recipient", "state", "attempts",
                    "created_at", "sent_at")
    list_filter = ("state", "channel", "template_key")
    list_select_related = ("case",)
    search_fields = ("case__number",)
    actions = ["resend"]
    fields = ("case", "event", "template_key", "channel", "masked_recipient", "state", "attempts", "next_attempt_at",
              "last_error", "text", "provider_ref", "created_at", "sent_at", "resent_by")
    readonly_fields = fields

    @admin.display(description=_("recipient"))
    def masked_recipient(self, obj):
        return mask_recipient(obj.recipient)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resend the selected failed messages"))
    def resend(self, request, queryset):
        done = 0
        for message in queryset.filter(state=MessageState.FAILED):
            try:
                message_resend(message_id=message.pk, actor=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{message}: {exc}", messages.ERROR)
        if done:
            transaction.on_commit(messages_kick)
        self.message_user(request, _("%(n)d messages will be sent again.") % {"n": done})
