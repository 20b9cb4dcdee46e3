"""Template filters of the case file."""

from django import template

from disputes.presentation import complainant_name

register = template.Library()


@register.filter
def complainant(case) -> str:
    """The worker's name, or that the case has no complainant (an inspection the department opened itself)."""
    return complainant_name(case)
