from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Nâng cao năng lực"

    def ready(self):
        from trainings import home, report_home  # noqa: F401  (register the trainings' home-page items)
