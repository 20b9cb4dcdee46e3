"""What the case file needs from documents, registered from DocumentsConfig.ready() (disputes.registry)."""

from django.utils.translation import gettext_lazy as _

from disputes import registry


def register() -> None:
    registry.add_event_labels({"document_issued": _("Document issued")})
