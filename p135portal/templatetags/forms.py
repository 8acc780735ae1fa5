"""Template helpers of every form: {% once %} beside {% csrf_token %} (p135portal.once), and
{{ form|field_errors }} for the summary of errors at the top of a form."""

from django import template
from django.utils.html import format_html

from p135portal import once as submit_once

register = template.Library()


@register.simple_tag
def once():
    return format_html('<input type="hidden" name="{}" value="{}">', submit_once.FIELD, submit_once.new_token())


@register.filter
def field_errors(form) -> list[tuple]:
    """(field, message) for each error of a visible field, in the order of the form."""
    return [(field, error) for field in form.visible_fields() for error in field.errors]
