from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = "Danh mục xã, thôn"

    def ready(self):
        from communes import home  # noqa: F401  (registers the registry's home-page figures)
