from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "summary"
    verbose_name = "Tổng hợp"

    def ready(self):
        from summary import home  # noqa: F401  (registers the leader's dashboard on the home page)
