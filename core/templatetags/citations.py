from django import template

from core.citations import cite as _cite

register = template.Library()


@register.filter
def cite(text):
    """A stored legal source as the page's language writes it (core.citations)."""
    return _cite(text)
