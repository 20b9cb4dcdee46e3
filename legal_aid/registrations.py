"""What the case file needs from legal aid, registered from LegalAidConfig.ready() (disputes.registry)."""

from django.utils.translation import gettext_lazy as _

from disputes import registry


def register() -> None:
    registry.add_event_labels({"lawyer_assigned": _("Legal-aid lawyer assigned")})
