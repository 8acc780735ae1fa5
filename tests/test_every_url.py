"""Every URL the project registers: anonymous → login page, role without access → 403.

The walk finds new views by itself. A view must declare who may open it, with
@permission_required(Perm.X) or @for_any_user (p135portal.access), or be a public
login_not_required view; a view that declares nothing fails this test.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from p135portal.access import RULES, Perm

# Values for URL parameters; ids that exist nowhere are fine: access is checked first.
SAMPLE_VALUES = {"app_label": "p135portal", "object_id": "1", "content_type_id": "1"}
# Login records are written by django-axes only: its admin refuses to add them, to anyone.
NOBODY_MAY_OPEN = {
    "/quan-tri/axes/accessattempt/add/",
    "/quan-tri/axes/accesslog/add/",
    "/quan-tri/axes/accessfailurelog/add/",
}
# Views that answer only with their query parameters.
SAMPLE_QUERIES = {"/quan-tri/autocomplete/": "?app_label=p135portal&model_name=user&field_name=unit"}


def _sample(name: str, converter: str | None) -> str:
    return SAMPLE_VALUES.get(name, "1" if converter == "int" else "x")


def _fill(pattern) -> str:
    """The URL piece of one pattern with its parameters replaced by sample values."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _sample(m.group(2), m.group(1)), str(pattern))
    regex = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _sample(m.group(1), None), pattern.regex.pattern)
    return regex.lstrip("^").rstrip("$").replace("\\", "")


def _walk(entries, prefix="/"):
    for entry in entries:
        url = prefix + _fill(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, url)
        elif isinstance(entry, URLPattern):
            yield url + SAMPLE_QUERIES.get(url, ""), entry.callback


def required_permission(view):
    # Admin views are guarded at call time by PortalAdminSite.admin_view.
    is_admin_view = hasattr(view, "admin_site") or hasattr(view, "model_admin")
    return getattr(view, "required_permission", Perm.USE_ADMIN if is_admin_view else None)


def registered_urls():
    return [
        (url, view)
        for url, view in _walk(get_resolver().url_patterns)
        # the admin's catch-all only redirects to a slash-terminated URL
        if view.__name__ != "catch_all_view"
    ]


def test_every_view_declares_who_may_open_it(db):
    undeclared = [
        url
        for url, view in registered_urls()
        if getattr(view, "login_required", True)
        and required_permission(view) is None
        and not getattr(view, "for_any_user", False)
    ]
    assert undeclared == []


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    login = reverse("login")
    checked = 0
    for url, view in registered_urls():
        if not getattr(view, "login_required", True):
            continue
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert response.redirect_chain[-1][0].startswith(f"{login}?next="), url
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("persona", ["staff", "officer", "leader", "administrator", "outsider"])
def test_a_role_without_access_gets_403_and_a_role_with_access_does_not(client, personas, persona):
    user = personas[persona]
    client.force_login(user)
    for url, view in registered_urls():
        perm = required_permission(view)
        if perm is None:
            continue
        status = client.get(url).status_code
        if user.role in RULES[perm] and url not in NOBODY_MAY_OPEN:
            assert status != 403, f"{persona} should open {url}"
        else:
            assert status == 403, f"{persona} should not open {url} (got {status})"
