from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self):
        from monitoring import home  # noqa: F401  (registers the monitoring items of the home pages)
