"""What the monitoring app puts on the home pages (see p135portal/home.py): one import per area."""

from monitoring import home_reports  # noqa: F401  (periodic reports)
