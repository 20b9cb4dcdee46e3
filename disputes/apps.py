from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("Case files")

    def ready(self):
        from . import registry

        # The worker is told which organisation took the case on (for inspection, accepting is filing).
        registry.add_worker_notice(
            "referral_accepted", "referral_accepted",
            context=lambda event: {"organization": event.payload.get("to_org_name", "")},
        )
