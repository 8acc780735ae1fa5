"""Numbers of indicators in templates: {{ value|so_le }} → "12,5", "1.234", "" for None."""

from django import template

from p135portal.documents import format_number

register = template.Library()


@register.filter
def so_le(value):
    return "" if value is None or value == "" else format_number(value)
