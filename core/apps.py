from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Organisations and staff")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from . import second_factor  # noqa: F401  (decides at sign-in whether a code is owed)
        from .refdata import connect_signals

        connect_signals()
