from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(BaseAxesConfig):
    """django-axes under a Chinese name in the admin (its sign-in attempts and logs)."""

    default = False
    verbose_name = _("Sign-in attempts")


class CoreConfig(AppConfig):
    # The app's own config, though this module also defines AxesConfig.
    default = True
    name = "core"
    verbose_name = _("Organisations and staff")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from . import second_factor  # noqa: F401  (decides at sign-in whether a code is owed)
        from .refdata import connect_signals

        connect_signals()
