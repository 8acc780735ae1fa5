from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    default = True
    name = "p135portal"
    verbose_name = "Hệ thống"

    def ready(self):
        from django.db.models.signals import post_migrate

        from p135portal import home  # noqa: F401  (registers the administrators' home-page items)
        from p135portal.freshness import install_triggers

        # After the apps' tables exist: cached figures learn of every write (p135portal/freshness.py).
        post_migrate.connect(install_triggers, dispatch_uid="p135portal_data_triggers")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on a site that only administrators may open."""

    default = False
    default_site = "p135portal.admin_site.PortalAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes (login throttling), under a Vietnamese name in the admin."""

    default = False
    verbose_name = "Đăng nhập"
