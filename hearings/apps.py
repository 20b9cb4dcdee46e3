from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = _("Hearing rooms and schedules")

    def ready(self):
        from .registrations import register

        register()
