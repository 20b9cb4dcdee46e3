from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Statutory deadlines")

    def ready(self):
        from .registrations import register

        register()
