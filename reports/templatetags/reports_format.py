"""Figures as the statistics print them: sums of yuan with thousands separators and two decimals, counts with
separators (Chinese locale formats group no digits)."""

from django import template

register = template.Library()


@register.filter
def yuan(value):
    return "" if value is None else f"{value:,.2f}"


@register.filter
def count(value):
    return "" if value is None else f"{value:,}"
