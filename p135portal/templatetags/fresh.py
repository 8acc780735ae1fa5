"""{% fresh %} … {% endfresh %}: a part of a page kept rendered in the shared cache until the portal's
data changes (see p135portal.freshness), for readers of the same role and unit, the same address and
the same day. For what is read far more often than written (a list, a board, the dashboard): the view
passes what the part reads lazily (`later`), so a kept part costs neither its queries nor its rendering.

A part holding a form that posts is never kept (its CSRF token belongs to one session); nor is a
part rendered for an anonymous reader."""

from django import template
from django.core.cache import cache

from p135portal.freshness import KEPT_SECONDS, reader_key

register = template.Library()


@register.tag
def fresh(parser, token):
    """{% fresh %} or {% fresh value … %}: the values (e.g. the day a board is computed for) join the key."""
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfresh",))
    parser.delete_first_token()
    return FreshNode(nodelist, f"{parser.origin.template_name}:{token.lineno}", vary_on)


class FreshNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        request = context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.nodelist.render(context)
        vary = [str(value.resolve(context)) for value in self.vary_on]
        key = reader_key(request, "html", self.name, request.get_full_path(), *vary)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if "csrfmiddlewaretoken" not in html:
                cache.set(key, html, KEPT_SECONDS)
        return html
