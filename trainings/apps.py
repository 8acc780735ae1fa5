from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Nâng cao năng lực"

    def ready(self):
        from trainings import home  # noqa: F401  (registers the trainings items of the home pages)
