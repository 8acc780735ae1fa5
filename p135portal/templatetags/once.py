"""{% once %}: the token that makes a form acted on once (p135portal.once), beside {% csrf_token %}."""

from django import template
from django.utils.html import format_html

from p135portal import once as submit_once

register = template.Library()


@register.simple_tag
def once():
    return format_html('<input type="hidden" name="{}" value="{}">', submit_once.FIELD, submit_once.new_token())
