"""What the trainings app puts on the home pages (see p135portal/home.py)."""

from trainings import report_home  # noqa: F401  (class reports: what waits for officers and staff)
