"""What the trainings app puts on the home pages (see p135portal/home.py): one module per area."""

from trainings.home import local_plans, plans, reports  # noqa: F401
