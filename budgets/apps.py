from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Nguồn vốn"

    def ready(self):
        from budgets import home  # noqa: F401  (registers the funds' home-page figures)
