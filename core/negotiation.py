"""DRF's content negotiation, with the API's one error body for a format it does not offer (its own module: DRF's
APIView reads the class from the settings while rest_framework.views is being imported)."""

from django.utils.translation import gettext as _
from rest_framework import negotiation

from .errors import ValidationFailed


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """DRF's, but a `?format=` the operation cannot give is the client's mistake (400), not a missing page (404)."""

    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            raise ValidationFailed(fields={"format": [_("This format is not offered here.")]})
        return found
