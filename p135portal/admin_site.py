from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from p135portal.access import Perm, can


class PortalAdminSite(admin.AdminSite):
    """The Django admin for administrators only: anyone else signed in gets 403.

    Signing in and out happens on the portal's own pages, where failed logins are
    throttled.
    """

    site_header = _("Quản trị hệ thống p135portal")
    site_title = _("Quản trị p135portal")
    index_title = _("Quản trị")

    def has_permission(self, request):
        return can(request.user, Perm.USE_ADMIN)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        guarded.required_permission = Perm.USE_ADMIN
        return guarded

    def login(self, request, extra_context=None):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("login"))
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect("admin:index")

    login.required_permission = Perm.USE_ADMIN
