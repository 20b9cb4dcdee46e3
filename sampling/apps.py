from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamplingConfig(AppConfig):
    name = "sampling"
    verbose_name = _("Random inspections")

    def ready(self):
        from .registrations import register

        register()
