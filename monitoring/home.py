"""What the monitoring app puts on the home pages (see p135portal/home.py): one import per area."""

from monitoring import home_handovers, home_inspections, home_reports, home_tasks  # noqa: F401
