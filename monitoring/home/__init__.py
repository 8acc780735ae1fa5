"""What the monitoring app puts on the home pages (see p135portal/home.py): one import per area."""

from monitoring.home import handovers, inspections, reports, tasks  # noqa: F401
